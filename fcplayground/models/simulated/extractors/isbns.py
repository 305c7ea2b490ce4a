"""ISBNs, checked by their check digit: ``978-0-14-103614-4``, ``0-306-40615-2``."""

from __future__ import annotations

import re

from ..vocabulary import Kind
from .base import Candidate, Extractor, Request

PATTERN = re.compile(
    r"(?<![\w-])(?:ISBN(?:-1[03])?:?\s?)?(?=[\d -]{9,17}[\dXx](?![\w-]))[\d][\d -]{8,15}[\dXx](?![\w-])"
)


def valid(digits: str) -> bool:
    """Does the check digit of a 10- or 13-digit ISBN add up?"""
    if len(digits) == 10:
        total = sum((10 - i) * (10 if c in "Xx" else int(c)) for i, c in enumerate(digits))
        return total % 11 == 0
    if len(digits) == 13 and digits.isdigit():
        return sum((3 if i % 2 else 1) * int(c) for i, c in enumerate(digits)) % 10 == 0
    return False


def find(request: Request) -> list[Candidate]:
    out = []
    for m in PATTERN.finditer(request.text):
        raw = m.group(0)
        digits = re.sub(r"^ISBN(?:-1[03])?:?\s?|[ -]", "", raw)
        if valid(digits):
            value = re.sub(r"^ISBN(?:-1[03])?:?\s?", "", raw)
            out.append(Candidate(Kind.ISBN, value, m.end() - len(value), m.end(), raw))
    return out


EXTRACTOR = Extractor(
    Kind.ISBN,
    find,
    slot_words=frozenset({"isbn"}),
    describes=re.compile(r"\bISBN\b", re.I),
    fills={Kind.ID: 0.9, Kind.STRING: 0.8},
)
