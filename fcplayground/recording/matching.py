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
LEAVES = 200_000  # scalars compared by closest(), over all recordings
LEAVES_EACH = 5_000  # ... and at most this many of one body
LEAVES_MIN = 50


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
    # The encoder's lazy (indent) form, so a huge value is never rendered whole.
    chunks = json.JSONEncoder(ensure_ascii=False, indent=0).iterencode(value)
    text = ""
    for chunk in chunks:
        text += chunk.replace("\n", "")
        if len(text) > SHOWN:
            return text[: SHOWN - 1] + "…"
    return text


def _leaves(value: Any, budget: int) -> set[tuple[str, str]]:
    """Up to ``budget`` scalars of a JSON value with their places, for a rough likeness."""
    found: set[tuple[str, str]] = set()
    stack: list[tuple[str, Any]] = [("", value)]
    while stack and len(found) < budget:
        where, item = stack.pop()
        if isinstance(item, dict):
            stack.extend((f"{where}.{k}", v) for k, v in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend((f"{where}[{i}]", v) for i, v in reversed(list(enumerate(item))))
        else:
            found.add((where, _show(item)))
    return found


def closest(recorded: Sequence[Any], sent: Any) -> int:
    """The index of the recorded body most like ``sent`` (fewest differing scalars).

    The likeness looks at no more than :data:`LEAVES` scalars in all, shared among the
    recordings, so a huge or hostile recording cannot make the search run for long.
    """
    budget = min(LEAVES_EACH, max(LEAVES_MIN, LEAVES // (len(recorded) + 1)))
    mine = _leaves(sent, budget)
    return min(range(len(recorded)), key=lambda i: len(_leaves(recorded[i], budget) ^ mine))
