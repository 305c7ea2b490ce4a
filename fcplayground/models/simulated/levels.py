"""Levels: a place named with its level ("Chatuchak District", "Sai Kong Subdistrict").

A hosted model reads "Bangkok, Chatuchak District, Sai Kong Subdistrict" as one place
seen ever closer, not as a list of three: each part goes to the parameter named for its
level (``district_name``, ``sub_district_name``), without the level word.
"""

from __future__ import annotations

import re

from .extractors import Candidate
from .slots import Slot
from .vocabulary import Kind
from .words import split_identifier

_LEVEL = re.compile(
    r"\s(district|sub-?district|province|county|prefecture|region|oblast|municipality|"
    r"township|ward|borough|parish|canton)$",
    re.I,
)
_LEVELS = ("subdistrict", "district", "province", "county", "prefecture", "region", "oblast",
           "municipality", "township", "ward", "borough", "parish", "canton")  # fmt: skip
PLACES = (Kind.PLACE, Kind.NAME)


def level_of(c: Candidate) -> str:
    """The level a place names itself with ("Chatuchak District": "district"), or ""."""
    m = _LEVEL.search(c.text) if c.kind in PLACES else None
    return m.group(1).lower().replace("-", "") if m else ""


def slot_level(slot: Slot) -> str:
    """The level a parameter is named for (``sub_district_name``: "subdistrict"), or ""."""
    joined = "".join(split_identifier(slot.name)).lower()
    return next((level for level in _LEVELS if level in joined), "")


def nested(text: str, a: Candidate, b: Candidate) -> bool:
    """Do two places that only a comma parts, one naming its level, say one place?"""
    if a.kind not in PLACES or b.kind not in PLACES or text[a.end : b.start].strip() != ",":
        return False
    return bool(level_of(a) or level_of(b))


def level_fit(slot: Slot, c: Candidate, same_kind: list[Candidate]) -> float:
    """A place named with the parameter's level fits it well, one of another level not at
    all, and an unlabelled place poorly when another names the level."""
    want = slot_level(slot)
    if not want or c.kind not in PLACES:
        return 0.0
    have = level_of(c)
    if have:
        return 1.0 if have == want else -2.0
    return -1.0 if any(level_of(o) == want for o in same_kind) else 0.0


def without_level(slot: Slot, c: Candidate, value: object) -> object:
    """ "Chatuchak District" for ``district_name``: "Chatuchak"."""
    if isinstance(value, str) and level_of(c) and level_of(c) == slot_level(slot):
        return _LEVEL.sub("", value).strip() or value
    return value
