"""What every extractor shares: the candidate it proposes and the shape of an extractor.

An extractor reads one kind of value. It proposes :class:`Candidate` values found in a
request (``find``), or, for kinds that only make sense against a parameter (an enum's
options, a flag), reads the request for one slot (``for_slot``). It says which
parameters want its kind (``slot_words``, ``slot_formats``, ``describes``), which other
kinds of parameter its values can also fill (``fills``) and how a value is written for a
given parameter (``convert``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from ..vocabulary import Kind, Tag

if TYPE_CHECKING:
    from ..slots import Slot


@dataclass(frozen=True)
class Candidate:
    """A value found in the request: its kind, value, place, strength and evidence."""

    kind: Kind
    value: Any
    start: int
    end: int
    text: str
    strength: float = 1.0
    evidence: str = ""
    unit: str = ""  # a canonical unit ("kilogram", "EUR") when the value came with one
    tags: frozenset[Tag] = frozenset()
    items: tuple[Candidate, ...] = ()  # a list's items, when the value is a list

    def tagged(self, *tags: Tag) -> Candidate:
        return replace(self, tags=self.tags | frozenset(tags))

    def moved(self, offset: int) -> Candidate:
        """The same candidate in a text that starts ``offset`` characters earlier."""
        items = tuple(i.moved(offset) for i in self.items)
        return replace(self, start=self.start + offset, end=self.end + offset, items=items)

    def overlaps(self, other: Candidate) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Request:
    """The text an extractor reads, with the reference date relative dates are read on."""

    text: str
    today: date


Finder = Callable[[Request], list[Candidate]]
SlotReader = Callable[[Request, "Slot"], list[Candidate]]
Converter = Callable[[Candidate, "Slot"], Any]


def plain_value(candidate: Candidate, slot: Slot) -> Any:
    """The candidate's value in the slot's JSON type (a number as a string, and so on)."""
    return coerce(candidate.value, slot.json_type)


def coerce(value: Any, json_type: str) -> Any:
    """``value`` written as ``json_type`` asks, where that loses nothing."""
    if json_type == "integer" and isinstance(value, float) and value.is_integer():
        return int(value)
    if json_type == "string" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if json_type == "number" and isinstance(value, str):
        try:
            return float(value) if "." in value else int(value)
        except ValueError:
            return value
    return value


@dataclass(frozen=True)
class Extractor:
    """One value kind: how to find it, which parameters want it, how to write it."""

    kind: Kind
    find: Finder | None = None
    for_slot: SlotReader | None = None
    slot_words: frozenset[str] = frozenset()  # parameter-name words that ask for this kind
    slot_formats: frozenset[str] = frozenset()  # JSON Schema formats that ask for it
    describes: re.Pattern[str] | None = None  # description text that asks for it
    fills: Mapping[Kind, float] = field(default_factory=dict)  # other slot kinds, and how well
    convert: Converter = plain_value
    json_types: frozenset[str] = frozenset({"string"})  # the parameter types it can serve


def spans_free(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Is ``start:end`` clear of every span in ``taken``?"""
    return all(end <= a or b <= start for a, b in taken)
