"""Quoted text: ``'Baby Shark'``, ``"Q3 review"``, ``“Hello”``, backticks.

An apostrophe inside a word ("don't", "Jane's") never opens a quotation.
"""

from __future__ import annotations

import re

from ..vocabulary import Kind
from .base import Candidate, Extractor, Request

PATTERN = re.compile(
    r"(?<![\w'])'((?:[^'\n]|(?<=[A-Za-z])'(?=[a-z])){1,300})'(?!\w)|(?<!\w)\"([^\"\n]{1,500})\"|“([^”\n]{1,500})”"
    r"|‘([^’\n]{1,300})’|(?<!`)`([^`\n]{1,300})`(?!`)"
)


def find(request: Request) -> list[Candidate]:
    out = []
    for m in PATTERN.finditer(request.text):
        inner = next(g for g in m.groups() if g is not None).strip()
        if inner:
            out.append(Candidate(Kind.QUOTED, inner, m.start(), m.end(), m.group(0)))
    return out


EXTRACTOR = Extractor(
    Kind.QUOTED,
    find,
    fills={
        Kind.STRING: 1.0,
        Kind.TEXT: 1.0,
        Kind.NAME: 0.9,
        Kind.PLACE: 0.8,
        Kind.ID: 0.7,
        Kind.PHRASE: 0.9,
        Kind.PATH: 0.6,
        Kind.DATE: 0.3,
        Kind.URL: 0.4,
        Kind.MATH: 0.8,
        Kind.LANGUAGE: 0.3,
        Kind.TICKER: 0.8,
        Kind.COLOR: 0.8,
        Kind.VERSION: 0.6,
        Kind.CURRENCY: 0.4,
        Kind.UNIT: 0.6,
    },  # fmt: skip
)
