"""Identifiers and codes, kept whole: ``ORD-1234``, ``E-1042``, ``order-123``, ``rs6034464``,
``INV_2025_001``, ``1Z999AA10123456784``, ``2022/AL2562``.

A code mixes letters and digits: joined by ``-`` or ``_``, or letters then three or more
digits, or eight or more characters. Ordinals ("3rd"), times ("2pm") and numbers with a
unit ("50mH", "6cm") are not codes: the number extractor reads those.
"""

from __future__ import annotations

import re

from ..vocabulary import Kind
from .base import Candidate, Extractor, Request, coerce

PATTERN = re.compile(
    r"(?<![\w.#/@-])[A-Za-z0-9]{1,40}(?:[-_/][A-Za-z0-9]{1,40}){0,6}(?![\w@/-]|\.\w)"
)
_ORDINAL_OR_UNIT = re.compile(r"^\d+(?:st|nd|rd|th|am|pm|[a-zA-Zµ]{1,3})$", re.I)


_SNAKE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$")
_GENE = re.compile(
    r"^(?=.*\d)(?:[A-Z]{2,}\d{1,2}|(?:[A-Z][a-z]?\d{0,3}){2,})$"
)  # BRCA1, TP53, C6H12O6, H2O
_SEASON = re.compile(r"^(?:19|20)\d{2}[-/](?:(?:19|20)\d{2}|\d{2})$")
_DIMENSIONS = re.compile(r"^\d{1,5}[xX]\d{1,5}(?:[xX]\d{1,5})?$")  # "12x18", "1920x1080"


def _is_code(token: str) -> bool:
    if "/" in token:
        return _slashed(token)
    if _SNAKE.match(token) or _SEASON.match(token) or _GENE.match(token):
        return True  # "my_sales_data", "2019-2020", "BRCA1", "C6H12O6"
    if _DIMENSIONS.match(token):
        return True  # "12x18": a size, kept whole
    letters = any(c.isalpha() for c in token)
    digits = sum(c.isdigit() for c in token)
    if (
        not letters
        or not digits
        or _ORDINAL_OR_UNIT.match(token)
        or re.fullmatch(r"\d+(?:\.\d+)?[eE]-?\d+", token)
    ):
        return False
    if "-" in token or "_" in token:
        return True
    lead = re.match(r"[A-Za-z]+", token)
    if lead and len(lead.group(0)) >= 1 and digits >= 3 and token[len(lead.group(0)) :].isdigit():
        return True  # "rs6034464", "ABC123", "E1042"
    return len(token) >= 8 or (token[0].isdigit() and len(token) >= 6)


def _slashed(token: str) -> bool:
    """ "2022/AL2562", "CV-19/3A": a code whose parts mix letters and digits; never a path
    ("v1/users"), a fraction ("3/4") or a date."""
    parts = re.split(r"[-_/]", token)
    mixed = any(re.search(r"[A-Za-z]", p) and re.search(r"\d", p) for p in parts)
    worded = any(re.fullmatch(r"[a-z]{4,}", p) for p in parts)
    return mixed and not worded


def find(request: Request) -> list[Candidate]:
    out = []
    for m in PATTERN.finditer(request.text):
        token = m.group(0)
        if _is_code(token):
            out.append(Candidate(Kind.ID, token, m.start(), m.end(), token))
    return out


_LETTERS_DIGITS = re.compile(r"[A-Za-z]*+-?\d+")


def convert(candidate: Candidate, slot) -> object:
    """An id for an integer parameter keeps only its digits when that is all it has."""
    written = str(candidate.value)
    # int() reads at most 4,300 digits; an id that long stays as written
    if slot.json_type == "integer" and len(written) < 4000 and _LETTERS_DIGITS.fullmatch(written):
        return int(re.sub(r"\D", "", written))
    return coerce(candidate.value, slot.json_type)


EXTRACTOR = Extractor(
    Kind.ID,
    find,
    slot_words=frozenset(
        {
            "id",
            "ids",
            "code",
            "sku",
            "ref",
            "reference",
            "identifier",
            "number",
            "no",
            "serial",
            "tracking",
            "uuid",
            "guid",
            "handle",
            "account",
            "iban",
            "pnr",
            "booking",
        }
    ),  # fmt: skip
    # "The order number", "your booking no.": a number that names one thing, not "the
    # number of guests"
    describes=re.compile(
        r"\b(?:id|identifier|code|reference|sku|tracking number)\b"
        r"|\b(?:the|your|its|their|an?)\s[a-z]+\s(?:number|no\.)(?!\s+of\b)",
        re.I,
    ),
    fills={Kind.STRING: 0.8, Kind.NAME: 0.5, Kind.FLIGHT: 0.3, Kind.TICKER: 0.2},
    convert=convert,
    json_types=frozenset({"string", "integer"}),
)
