"""Quantities said with an article or a fraction: "an hour and a half", "half an hour",
"a minute", "2 and a half days", "half a litre". Not "an hour" that makes a rate ("3 euros
an hour"): that says per hour, and is no value of its own.
"""

from __future__ import annotations

import re

from ..vocabulary import Kind, Tag
from . import units
from .base import Candidate, Request

_SPANS = r"(?:hour|minute|second|day|week|month|year)"
_DURATION = re.compile(
    rf"\b(?:(?:a|an|one|every)\s({_SPANS})(\sand\sa\shalf)?|half\san?\s({_SPANS})|(\d{{1,3}})\sand\sa\shalf\s({_SPANS})s)\b",
    re.I,
)


_HALF = re.compile(r"\bhalf\san?\s([a-z]{3,12})\b", re.I)


def _halves(request: Request) -> list[Candidate]:
    """ "half a litre", "half a kilo": half of any everyday unit written out."""
    out = []
    for m in _HALF.finditer(request.text):
        parsed = units.parse_unit(m.group(1))
        if parsed and units.spelled_out(m.group(1), parsed[0]) and parsed[1] != "[time]":
            out.append(Candidate(Kind.NUMBER, 0.5, m.start(), m.end(), m.group(0), unit=parsed[0]))
    return out


def _a_rate(text: str, start: int, taken: list[Candidate]) -> bool:
    """ "3 euros an hour", "twice a day": "an hour" after an amount says per hour."""
    return any(c.kind == Kind.NUMBER and 0 < start - c.end <= 1 and not text[c.end : start].strip()
               for c in taken)  # fmt: skip


def find(request: Request, taken: list[Candidate]) -> list[Candidate]:
    """ "an hour and a half", "half an hour", "a minute", "2 and a half days"; half of
    another unit ("half a litre"); not "an hour" that makes a rate ("3 euros an hour")."""
    out = _halves(request)
    for m in _DURATION.finditer(request.text):
        if m.group(1) and _a_rate(request.text, m.start(), taken):
            continue
        if any(
            c.start < m.end() and m.start() < c.end
            for c in taken
            if c.kind == Kind.NUMBER
            and Tag.FACET not in c.tags
            and c.text[:1].isdigit()
            and not m.group(4)
        ):
            continue
        if m.group(1):
            value, unit = (1.5 if m.group(2) else 1), m.group(1)
        elif m.group(3):
            value, unit = 0.5, m.group(3)
        else:
            value, unit = int(m.group(4)) + 0.5, m.group(5)
        out.append(Candidate(Kind.NUMBER, value, m.start(), m.end(), m.group(0), unit=unit.lower()))
    return out
