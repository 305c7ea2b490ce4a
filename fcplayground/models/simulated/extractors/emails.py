"""Email addresses: ``jane@example.com``."""

from __future__ import annotations

import re

from ..vocabulary import Kind
from .base import Candidate, Extractor, Request

# The look-behind lets a match start only where an address can, so a long run of word
# characters is read once, not once per position (linear time).
PATTERN = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")


def find(request: Request) -> list[Candidate]:
    out = []
    for m in PATTERN.finditer(request.text):
        address = m.group(0).rstrip(".")
        out.append(Candidate(Kind.EMAIL, address, m.start(), m.start() + len(address), address))
    return out


EXTRACTOR = Extractor(
    Kind.EMAIL,
    find,
    slot_words=frozenset({"email", "mail", "recipient", "recipients", "sender", "cc", "bcc"}),
    slot_formats=frozenset({"email", "idn-email"}),
    describes=re.compile(r"\be-?mail\b", re.I),
    fills={Kind.STRING: 0.8, Kind.ID: 0.6, Kind.NAME: 0.5},
)
