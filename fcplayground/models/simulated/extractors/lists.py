"""Written lists: ``[1, 2, 3]``, ``['a', 'b']``, coordinate pairs ``(33.45 N, 112.07 W)``.

Only literals are read (:func:`ast.literal_eval` evaluates constants and containers,
never code), at most two levels deep.
"""

from __future__ import annotations

import ast
import re

from ..vocabulary import Kind
from .base import Candidate, Extractor, Request

_BRACKETS = re.compile(r"\[(?:[^\[\]\n]|\[[^\[\]\n]{0,500}\]){0,2000}\]")
_COORD = r"[-+]?\d{1,3}(?:\.\d{1,12})?\s?°?\s?[NSEW]?"
_PAIR = re.compile(rf"\(\s?{_COORD}\s?,\s?{_COORD}\s?\)")


def _literal(text: str) -> list | None:
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        parts = [p.strip(" '\"") for p in text.strip("[]").split(",")]
        return [p for p in parts if p] or None
    return list(value) if isinstance(value, (list, tuple)) else None


def find(request: Request) -> list[Candidate]:
    out = []
    for m in _BRACKETS.finditer(request.text):
        value = _literal(m.group(0))
        if value is not None:
            out.append(Candidate(Kind.LIST, value, m.start(), m.end(), m.group(0)))
    for m in _PAIR.finditer(request.text):
        parts = re.findall(r"([-+]?\d+(?:\.\d+)?)\s?°?\s?([NSEW]?)", m.group(0))
        pair = [(-1 if d in ("S", "W") else 1) * float(n) for n, d in parts]
        pair = [
            int(v) if v.is_integer() and "." not in n else v
            for v, (n, _) in zip(pair, parts, strict=True)
        ]
        out.append(Candidate(Kind.LIST, pair, m.start(), m.end(), m.group(0)))
    return out


EXTRACTOR = Extractor(Kind.LIST, find, fills={Kind.ARRAY: 1.0, Kind.STRING: 0.3})
