"""Version strings, kept whole: ``1.2.3``, ``v2.0``, ``3.11`` after "version" or "Python"."""

from __future__ import annotations

import re

from ..vocabulary import Kind
from .base import Candidate, Extractor, Request

PATTERN = re.compile(r"(?<![\w.])(v?)(\d{1,6}(?:\.\d{1,6}){1,3})((?:-|\+)[\w.]{1,30})?(?![\w.])")
# "version 3.11", "Python 3.12", "release 2.1": a number with one dot is then a version.
_BEFORE = re.compile(
    r"\b(?:version|release|v|python|node(?:\.js)?|java|ruby|php|go|rust|django|react|ios|"
    r"android|macos|windows|ubuntu|debian|firmware|update|upgrade|downgrade)\s*$",
    re.I,
)


def find(request: Request) -> list[Candidate]:
    out = []
    for m in PATTERN.finditer(request.text):
        prefix, number, suffix = m.groups()
        dots = number.count(".")
        if not (dots >= 2 or prefix or suffix or _BEFORE.search(request.text[: m.start()])):
            continue
        out.append(Candidate(Kind.VERSION, m.group(0), m.start(), m.end(), m.group(0)))
    return out


EXTRACTOR = Extractor(
    Kind.VERSION,
    find,
    slot_words=frozenset({"version", "release", "tag"}),
    describes=re.compile(r"\bversion\b|\bsemver\b", re.I),
    fills={Kind.STRING: 0.8, Kind.ID: 0.5},
)
