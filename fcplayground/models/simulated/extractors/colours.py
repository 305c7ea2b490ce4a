"""Colours: hex codes (``#1e90ff``, ``#fff``) and, for a colour parameter, the basic
colour terms ("in red", "a small green bird")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..vocabulary import Kind
from .base import Candidate, Extractor, Request

if TYPE_CHECKING:
    from ..slots import Slot

PATTERN = re.compile(r"(?<![\w#])#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})(?![\w])")
# the eleven basic colour terms (Berlin and Kay), not part of a name ("Green Bay", "Red Sox")
BASIC = re.compile(
    r"(?<![\w-])((?i:black|white|red|green|yellow|blue|brown|orange|pink|purple|gr[ae]y))"
    r"(?![\w-])(?! [A-Z])"
)

_TOPIC = re.compile(r"colou?rs?(?: of)? $", re.I)


def find(request: Request) -> list[Candidate]:
    return [
        Candidate(Kind.COLOR, m.group(0), m.start(), m.end(), m.group(0))
        for m in PATTERN.finditer(request.text)
    ]


def read(request: Request, slot: Slot) -> list[Candidate]:
    """The basic colour words of the request, for a parameter that wants a colour."""
    out = []
    for m in BASIC.finditer(request.text):
        word = m.group(1)
        if word[0].isupper() and m.start() > 0 and request.text[m.start() - 2 : m.start()] != ". ":
            continue  # "Red Sox", "Ms White": a name, not a colour
        if _TOPIC.search(request.text[max(0, m.start() - 12) : m.start()]):
            continue  # "the color purple", "a color of blue": the colour talked about, not given
        evidence = "a basic colour term"
        out.append(Candidate(Kind.COLOR, word.lower(), m.start(), m.end(), word, 0.8, evidence))
    return out


EXTRACTOR = Extractor(
    Kind.COLOR,
    find,
    for_slot=read,
    slot_words=frozenset({"color", "colour", "hex"}),
    describes=re.compile(r"\bhex\b|#[0-9a-f]{3,6}\b", re.I),
    fills={Kind.STRING: 0.8},
)
