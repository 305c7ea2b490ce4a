"""Flight numbers, kept whole: ``LH 454``, ``BA2490``, ``U2 8012``.

An airline's two-character code and one to four digits. Written apart from any flight
word the reading is weaker, since "AB 12" may be something else.
"""

from __future__ import annotations

import re

from ..vocabulary import Kind
from .base import Candidate, Extractor, Request

PATTERN = re.compile(r"(?<![\w/-])(?:[A-Z]{2}|[A-Z]\d|\d[A-Z])(\s?)\d{1,4}[A-Z]?(?![\w/-])")
_FLIGHT_WORDS = re.compile(
    r"\b(?:flights?|fly(?:ing)?|flew|delay(?:ed|s)?|gate|land(?:ed|s|ing)?|depart\w*|arriv\w*"
    r"|board\w*|airline|status|on time|take ?off)\b",
    re.I,
)
_NOT_AIRLINES = {"AM", "PM", "ID", "NO", "OK", "TV", "PC", "UK", "US", "EU"}


def find(request: Request) -> list[Candidate]:
    out = []
    near = bool(_FLIGHT_WORDS.search(request.text))
    for m in PATTERN.finditer(request.text):
        code = m.group(0)[:2]
        if code in _NOT_AIRLINES:
            continue
        strength = 1.0 if near else 0.8
        out.append(Candidate(Kind.FLIGHT, m.group(0), m.start(), m.end(), m.group(0), strength))
    return out


EXTRACTOR = Extractor(
    Kind.FLIGHT,
    find,
    slot_words=frozenset({"flight"}),
    describes=re.compile(r"\bflight (?:number|code|designator)\b", re.I),
    fills={Kind.ID: 0.8, Kind.STRING: 0.7},
)
