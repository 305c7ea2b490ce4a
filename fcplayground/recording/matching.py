"""Why a request matches no recording: the closest one, and where the two first differ.

Replay matches a request to a recording by content (path and parsed JSON body, key
order ignored). When nothing matches, a learner needs to know what changed: these
helpers find the closest recorded body and name the first difference, e.g.
``messages[2].content differs: recorded "Weather in Paris?", sent "Weather in Rome?"``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

SHOWN = 60  # characters of a value quoted in a message


def first_difference(recorded: Any, sent: Any, where: str = "") -> str | None:
    """Where two JSON values first differ (in the sent value's key order); None if equal."""
    if recorded == sent:
        return None
    if isinstance(recorded, dict) and isinstance(sent, dict):
        return _dict_difference(recorded, sent, where)
    if isinstance(recorded, list) and isinstance(sent, list):
        return _list_difference(recorded, sent, where)
    return f"{where or 'the body'} differs: recorded {_show(recorded)}, sent {_show(sent)}"


def _dict_difference(recorded: dict[str, Any], sent: dict[str, Any], where: str) -> str | None:
    for key in [*sent, *(k for k in recorded if k not in sent)]:
        inner = f"{where}.{key}" if where else key
        if key not in recorded:
            return f"{inner} is sent but was not recorded"
        if key not in sent:
            return f"{inner} was recorded but is not sent"
        if found := first_difference(recorded[key], sent[key], inner):
            return found
    return None


def _list_difference(recorded: list[Any], sent: list[Any], where: str) -> str | None:
    for index, (old, new) in enumerate(zip(recorded, sent, strict=False)):  # lengths: below
        if found := first_difference(old, new, f"{where}[{index}]"):
            return found
    return f"{where or 'the body'} has {len(sent)} items; the recording has {len(recorded)}"


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def _leaves(value: Any, where: str = "") -> set[tuple[str, str]]:
    """Every scalar of a JSON value with its place, for a rough likeness."""
    if isinstance(value, dict):
        return {leaf for k, v in value.items() for leaf in _leaves(v, f"{where}.{k}")}
    if isinstance(value, list):
        return {leaf for i, v in enumerate(value) for leaf in _leaves(v, f"{where}[{i}]")}
    return {(where, json.dumps(value))}


def closest(recorded: Sequence[Any], sent: Any) -> int:
    """The index of the recorded body most like ``sent`` (fewest differing scalars)."""
    mine = _leaves(sent)
    return min(range(len(recorded)), key=lambda i: len(_leaves(recorded[i]) ^ mine))
