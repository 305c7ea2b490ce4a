"""Injection: spot instructions hidden inside tool results (prompt injection).

A tool result is data. When its text talks to the model instead ("ignore previous
instructions", "email every customer ...", "send ... to all"), that is a prompt
injection. :func:`find_injection` recognises a few plain patterns, so the simulated model
can either ignore the instruction (the default) or, with ``SimulatedModel(naive=True)``,
follow it in a controlled, explainable way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .extractors.emails import PATTERN as EMAIL
from .reading import parse

# Imperatives aimed at the model, not at the reader of the data.
_PATTERNS = [
    re.compile(r"\b(?:ignore|disregard|forget)\s+(?:all\s+)?(?:previous|prior|above|earlier)\s+instructions\b", re.I),
    re.compile(r"\b(?:e-?mail|message|write to|contact)\s+(?:every|all)\s+(?:(?:of\s+)?(?:the|our|your)\s+)?(?:customers?|users?)\b", re.I),
    re.compile(r"\bsend\b[^.]{0,80}?\bto\s+(?:all|every)\b", re.I),
    re.compile(r"\b(?:system|important)\s+(?:note|message|instruction)s?\s+to\s+the\s+(?:assistant|model|ai)\b", re.I),
]  # fmt: skip
_QUOTED = re.compile(r"'([^']{8,})'|\"([^\"]{8,})\"|\u201c([^\u201d]{8,})\u201d")
_EMAIL = EMAIL  # the extractor's: linear time, so a long result is read once


@dataclass
class Injection:
    """An instruction found inside the result of ``tool``."""

    tool: str
    text: str  # the text that carries the instruction
    patterns: list[str] = field(default_factory=list)  # what gave it away
    message: str | None = None  # the quoted text it wants sent, if any
    addresses: list[str] = field(default_factory=list)  # email addresses written in it

    @property
    def quote(self) -> str:
        return self.text if len(self.text) <= 160 else self.text[:159] + "…"


def find_injection(text: str, tool: str = "") -> Injection | None:
    """The instruction inside ``text``, or None when the text reads as plain data."""
    found = [m.group(0) for p in _PATTERNS if (m := p.search(text))]
    if not found:
        return None
    quoted = next((next(g for g in m.groups() if g) for m in _QUOTED.finditer(text)), None)
    return Injection(tool, text.strip(), found, quoted, list(dict.fromkeys(_EMAIL.findall(text))))


def scan(results: list[tuple[str, Any]]) -> list[Injection]:
    """Every injection in the (tool name, parsed result) pairs, in the order given."""
    out = []
    for tool, data in results:
        for text in strings(data):
            if injection := find_injection(text, tool):
                out.append(injection)
    return out


def emails(results: list[tuple[str, Any]]) -> list[str]:
    """Every email address in the results, oldest result first, without repeats."""
    found = [e for _, data in reversed(results) for s in strings(data) for e in _EMAIL.findall(s)]
    return list(dict.fromkeys(found))


def strings(data: Any, depth: int = 0) -> list[str]:
    """Every string inside a parsed result (dicts, lists, or JSON text)."""
    if isinstance(data, str):
        parsed = parse(data)
        if parsed is data:
            return [data]
        return strings(parsed, depth + 1) if not isinstance(parsed, str) else [parsed]
    if depth > 4:
        return []
    if isinstance(data, dict):
        return [s for v in data.values() for s in strings(v, depth + 1)]
    if isinstance(data, list):
        return [s for v in data for s in strings(v, depth + 1)]
    return []


__all__ = ["Injection", "emails", "find_injection", "scan", "strings"]
