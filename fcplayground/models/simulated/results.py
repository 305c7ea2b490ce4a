"""Results: arguments taken from earlier tool results ("her customer id")."""

from __future__ import annotations

import json
from typing import Any

from .filled import Argument
from .kinds import coerce
from .words import split_identifier, terms

# Result keys that answer a parameter under another name ("the answer" for an email body).
RESULT_ALIASES = {
    "body": {"snippet", "content", "answer", "summary", "text"},
    "message": {"snippet", "content", "answer", "summary", "text"},
    "subject": {"title"},
}


def from_results(
    name: str, prop: dict[str, Any], results: list[tuple[str, Any]]
) -> Argument | None:
    wanted = set(terms(" ".join(split_identifier(name)))) or set(split_identifier(name))
    wanted |= RESULT_ALIASES.get(name, set())
    for tool, data in results:
        context = set(terms(" ".join(split_identifier(tool))))
        for key, value in _flatten(data):
            key_words = set(terms(" ".join(split_identifier(key)))) or set(split_identifier(key))
            alias = bool(RESULT_ALIASES.get(name, set()) & key_words)
            same = key == name or alias or (wanted <= key_words | context and key_words & wanted)
            if same and isinstance(value, (str, int, float, bool)):
                return Argument(coerce(value, prop), f"the {key!r} in the result of {tool}")
    return None


def _flatten(data: Any, depth: int = 0) -> list[tuple[str, Any]]:
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except ValueError:
            return []
    if isinstance(data, list) and data and depth < 2:
        return _flatten(data[0], depth + 1)
    if not isinstance(data, dict) or depth > 2:
        return []
    out = [(k, v) for k, v in data.items()]
    for v in data.values():
        if isinstance(v, (dict, list)):
            out += _flatten(v, depth + 1)
    return out
