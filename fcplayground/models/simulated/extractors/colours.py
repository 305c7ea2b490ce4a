"""Hex colours: ``#1e90ff``, ``#fff``."""

from __future__ import annotations

import re

from ..vocabulary import Kind
from .base import Candidate, Extractor, Request

PATTERN = re.compile(r"(?<![\w#])#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})(?![\w])")


def find(request: Request) -> list[Candidate]:
    return [
        Candidate(Kind.COLOR, m.group(0), m.start(), m.end(), m.group(0))
        for m in PATTERN.finditer(request.text)
    ]


EXTRACTOR = Extractor(
    Kind.COLOR,
    find,
    slot_words=frozenset({"color", "colour", "hex"}),
    describes=re.compile(r"\bhex\b|#[0-9a-f]{3,6}\b", re.I),
    fills={Kind.STRING: 0.8},
)
