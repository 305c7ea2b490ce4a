"""Phone numbers: ``+1 415-555-0100``, ``(020) 7946 0958``, ``+33 1 42 68 53 00``, ``555-0199``.

Seven to fifteen digits with the usual separators, starting with ``+`` or a digit or
``(``; written back as the request wrote them.
"""

from __future__ import annotations

import re

from ..vocabulary import Kind
from .base import Candidate, Extractor, Request

# After a country code the first group may be one digit ("+33 1 42 68 53 00", Paris); a
# group may hold six ("07700 900123", a UK mobile).
PATTERN = re.compile(
    r"(?<![\w+(.-])(?:\+\d{1,3}[\s.-]?(?:\(\d{1,5}\)[\s.-]?)?\d{1,5}|(?:\(\d{1,5}\)[\s.-]?)?\d{2,5})"
    r"(?:[\s.-]\d{2,6}){1,4}(?![\w.-]|,\d)"
)
_PHONE_WORDS = re.compile(
    r"\b(?:phone|call|ring|text|sms|mobile|cell|tel|number|dial|whatsapp)\b", re.I
)


def find(request: Request, near: bool = False) -> list[Candidate]:
    """The phone numbers of a request: any run of digits shaped like one when a phone word
    is near ("call", "text", ...) or ``near`` is set, else only those that start with +."""
    out = []
    near = near or bool(_PHONE_WORDS.search(request.text))
    for m in PATTERN.finditer(request.text):
        raw = m.group(0)
        digits = re.sub(r"\D", "", raw)
        separators = len(re.findall(r"[\s.-]", raw))
        if not 7 <= len(digits) <= 15 or (not near and not raw.startswith("+")):
            continue
        if separators and " " in raw and not re.search(r"[-+()]", raw) and not near:
            continue  # "20 30 40" is a list of numbers
        out.append(Candidate(Kind.PHONE, raw, m.start(), m.end(), raw))
    return out


def read(request: Request, slot) -> list[Candidate]:
    """For a parameter that takes a phone number: every run of digits shaped like one, with
    or without a phone word ("Save Priya Shah, (415) 555-0123")."""
    return find(request, near=True)


EXTRACTOR = Extractor(
    Kind.PHONE,
    find,
    for_slot=read,
    slot_words=frozenset({"phone", "telephone", "mobile", "cell", "tel", "msisdn"}),
    describes=re.compile(r"\bphone\b|\bE\.164\b|\btelephone\b", re.I),
    fills={Kind.STRING: 0.8, Kind.ID: 0.4},
)
