"""Gathering: the values said one by one for one list of numbers ("latitude 37.8715 and
longitude -122.2730" for ``coordinates``, "an array containing the latitude and
longitude")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from . import extractors
from .cues import cue_strength
from .extractors import Candidate
from .slots import Slot
from .vocabulary import Kind, Source, Tag


@dataclass
class Argument:
    """One argument: its value, where it came from, and whether it is a guess."""

    value: Any
    source: Source
    detail: str = ""
    guessed: bool = False
    span: tuple[int, int] | None = None  # the words of the request it came from

    @classmethod
    def listed(cls, item: Candidate, slot: Slot, detail: str) -> Argument:
        """One item of a list the request gives, written for ``slot``: one call's value."""
        return cls(extractors.convert(item, slot), Source.LIST, detail, span=(item.start, item.end))


def numbers_list(slot: Slot) -> bool:
    """Does the parameter take a list of plain numbers?"""
    return slot.kind == Kind.ARRAY and slot.items is not None and slot.items.kind == Kind.NUMBER


def gathered(
    text: str, slot: Slot, span: tuple[int, int], candidates: list[Candidate], used: set[int]
) -> list[Candidate]:
    """The numbers of the span, each pointed at the list parameter by the words before it,
    that no other parameter took, in the order said."""
    numbers = [c for c in candidates if span[0] <= c.start and c.end <= span[1]
               and c.kind == Kind.NUMBER and Tag.FACET not in c.tags]  # fmt: skip
    return [
        c
        for c in numbers
        if id(c) not in used and cue_strength(slot, c, text, span[0], numbers)[0] > 0
    ]


def gather(
    text: str,
    slot: Slot,
    span: tuple[int, int],
    candidates: list[Candidate],
    used: set[int],
    convert: Any,
) -> list[Any] | None:
    """The whole list when two or more numbers are said for it one by one, else None."""
    found = gathered(text, slot, span, candidates, used)
    if len(found) < 2:
        return None
    return [convert(c, slot.items) for c in found]


def unit_said(
    slots: tuple[Slot, ...], candidates: list[Candidate], chosen: dict, fixed: dict[str, Argument]
) -> None:
    """ "a radius of 5cm": the unit the call's values are given in, as written, goes to the
    one unit parameter nobody filled."""
    open_slots = [s for s in slots if s.name not in fixed and s.kind == Kind.UNIT and not s.enum]
    given = [m for unit, _ in chosen.values() for m in unit.members if m.kind == Kind.NUMBER]
    words = {u.text for m in given for u in candidates
             if u.kind == Kind.UNIT and m.start <= u.start and u.end <= m.end}  # fmt: skip
    measured = all(m.unit and m.unit != "percent" for m in given)  # every value in that unit
    if len(open_slots) == 1 and len(words) == 1 and measured:
        word = words.pop()
        fixed[open_slots[0].name] = Argument(
            word, Source.MENTIONED, f"{word!r}: the unit the values are given in"
        )


_COUNTS = re.compile(
    r"^(?:quantity|qty|count|number|num|amount|copies|units|items)(?:_|$)|_(?:count|quantity|qty)$",
    re.I,
)


def count_left(
    text: str,
    slots: tuple[Slot, ...],
    span: tuple[int, int],
    candidates: list[Candidate],
    chosen: dict,
    fixed: dict[str, Argument],
) -> None:
    """ "three of P-1180", "2 x P-3307": a count left over goes to the one quantity
    parameter nobody filled."""
    open_slots = [
        s for s in slots if s.name not in fixed and s.kind == Kind.NUMBER and _COUNTS.search(s.name)
    ]
    used = {id(m) for unit, _ in chosen.values() for m in unit.members}
    left = [c for c in candidates if span[0] <= c.start and c.end <= span[1] and c.kind == Kind.NUMBER
            and id(c) not in used and Tag.FACET not in c.tags and isinstance(c.value, int) and 0 < c.value < 1000 and not c.unit]  # fmt: skip
    if len(open_slots) == 1 and len(left) == 1:
        slot, value = open_slots[0], left[0]
        fixed[slot.name] = Argument(
            extractors.convert(value, slot),
            Source.ORDER,
            f"{value.text!r} counts what the call is for",
            span=(value.start, value.end),
        )
