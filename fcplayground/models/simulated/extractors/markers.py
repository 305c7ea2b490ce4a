"""Numbers that only label: the ordinals of an enumeration ("the first triangle ..., the
second triangle ...") and the numbers of a numbered list ("1. What is ..."). They say
which item the words are about, never a value to pass."""

from __future__ import annotations

import re

from .base import Candidate

_ORDINAL_WORD = re.compile(
    r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b", re.I
)
_MARKER_BEFORE = re.compile(r"(?:^|[.?!:\n])\s*$")
_MARKER_AFTER = re.compile(r"[.)]\s+[A-Z]")


def labels(text: str) -> set[str]:
    """The ordinals that label items: two different ones in a request count items."""
    said = {w.lower() for w in _ORDINAL_WORD.findall(text)}
    return said if len(said) >= 2 else set()


def marker(text: str, c: Candidate) -> bool:
    """ "...cards.  1. What is ...": the number of an item in a numbered list."""
    return (
        isinstance(c.value, int)
        and 0 < c.value < 50
        and not c.unit
        and bool(_MARKER_BEFORE.search(text[max(0, c.start - 8) : c.start]))
        and bool(_MARKER_AFTER.match(text, c.end))
    )
