"""IANA time zones, kept whole: ``America/Los_Angeles``, ``Europe/Paris``, ``UTC``.

The names come from Python's own time zone database (:mod:`zoneinfo`), so any zone a
learner can pass to ``ZoneInfo`` is recognised, in any letter case.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..vocabulary import Kind
from .base import Candidate, Extractor, Request

PATTERN = re.compile(
    r"(?<![\w/])[A-Za-z][A-Za-z_+-]{1,30}(?:/[A-Za-z0-9][A-Za-z0-9_+-]{0,30}){1,2}"
)
_ABBREVIATIONS = re.compile(r"(?<![\w/])(?:UTC|GMT)(?:[+-]\d{1,2}(?::?\d{2})?)?(?![\w/])")


@lru_cache(maxsize=1)
def zones() -> dict[str, str]:
    """Every IANA zone name, by its lower-case spelling."""
    from zoneinfo import available_timezones

    return {name.lower(): name for name in available_timezones()}


def find(request: Request) -> list[Candidate]:
    out = []
    for m in PATTERN.finditer(request.text):
        name = zones().get(m.group(0).lower())
        if name:
            out.append(Candidate(Kind.TIMEZONE, name, m.start(), m.end(), m.group(0)))
    for m in _ABBREVIATIONS.finditer(request.text):
        out.append(Candidate(Kind.TIMEZONE, m.group(0).upper(), m.start(), m.end(), m.group(0)))
    return out


EXTRACTOR = Extractor(
    Kind.TIMEZONE,
    find,
    slot_words=frozenset({"timezone", "tz", "zone"}),
    describes=re.compile(r"\btime ?zone\b|\bIANA\b|\btz\b", re.I),
    fills={Kind.STRING: 0.8, Kind.PLACE: 0.6},
)
