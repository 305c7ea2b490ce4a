"""Results: arguments taken from earlier tool results ("her customer id"), and the tools
whose results would hold a value a call still needs (dataflow)."""

from __future__ import annotations

import re
from typing import Any

from .extractors.base import coerce
from .profiles import ToolProfile
from .reading import Result
from .slots import Slot
from .vocabulary import Kind
from .words import identifier_terms, is_generic, terms

# Result keys that answer a parameter under another name ("the answer" for an email body).
ALIASES = {
    "body": {"snippet", "content", "answer", "summary", "text"},
    "message": {"snippet", "content", "answer", "summary", "text"},
    "subject": {"title"},
    "to": {"email"},
    "recipient": {"email"},
}


def from_results(slot: Slot, results: list[Result]) -> tuple[Any, str] | None:
    """A value for ``slot`` from the newest result that has it: (value, which key of which
    tool's result)."""
    wanted = set(identifier_terms(slot.name))
    aliases = set().union(
        *(ALIASES.get(w, set()) for w in re.findall(r"[a-z]+", slot.name.lower())),
        ALIASES.get(slot.name, set()),
    )
    for result in results:
        if result.is_error:
            continue
        context = set(identifier_terms(result.tool))
        for key, value in _flatten(result.data):
            if not isinstance(value, (str, int, float, bool)):
                continue
            key_words = set(identifier_terms(key)) or {key.lower()}
            same = (
                key == slot.name
                or bool(aliases & key_words)
                or (wanted <= key_words | context and bool(key_words & wanted))
            )
            if same:
                return coerce(value, slot.json_type), f"the {key!r} in the result of {result.tool}"
    return None


def _flatten(data: Any, depth: int = 0) -> list[tuple[str, Any]]:
    if isinstance(data, list) and data and depth < 2:
        return _flatten(data[0], depth + 1)
    if not isinstance(data, dict) or depth > 2:
        return []
    out = list(data.items())
    for value in data.values():
        if isinstance(value, (dict, list)):
            out += _flatten(value, depth + 1)
    return out


_LOOKUPS = {"get", "lookup", "look", "find", "fetch", "retriev", "search", "queri", "read"}
_PRODUCED = {Kind.ID, Kind.EMAIL, Kind.PHONE, Kind.URL, Kind.PATH, Kind.NAME, Kind.STRING}


def producer(
    slot: Slot, needing: str, others: list[ToolProfile], specs_text: dict[str, str]
) -> str | None:
    """Another planned tool whose result would hold ``slot``'s value: the one its
    description names ("as returned by lookup_customer"), else one whose own description
    says it returns it ("returns their customer id")."""
    for other in others:
        if other.name != needing and other.name in slot.description:
            return other.name
    named = {t for t in identifier_terms(slot.name) if not is_generic(t)}
    for other in others:  # "population" from lookup_population, whatever its kind
        if (
            other.name != needing
            and named
            and named <= set(other.name_terms)
            and (set(identifier_terms(other.name)) & _LOOKUPS)
        ):
            return other.name
    if slot.kind not in _PRODUCED:
        return None  # dates, times and amounts are the user's to give, not a lookup's
    wanted = {t for t in identifier_terms(slot.name) if not is_generic(t) or t == "id"}
    if not wanted:
        return None
    for other in others:
        if other.name == needing:
            continue
        said = set(terms(specs_text.get(other.name, "")))
        if wanted <= said | set(other.name_terms) and (wanted - {"id"}) & said:
            return other.name
    return None
