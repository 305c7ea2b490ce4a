"""Examples: what a tool's example inputs show the simulated model, as they show a hosted one.

Examples come with the tool (Anthropic's ``input_examples``), written into its description
as JSON objects (how they reach a model through OpenAI, which has no field for them), or
as a parameter's JSON Schema ``examples``. They are evidence of three things: the form of
each parameter's values (a date as ``2026-03-14``, a flight as ``LH 454``), which optional
parameters a call usually fills, and words that tie a request to the tool. This module
reads them off the tool, per parameter; :mod:`.slots` keeps them on each slot and
:mod:`.extractors.example_forms` writes values in the form they show.

They are request text, so hostile input: at most :data:`MAX_EXAMPLES` are read, each a
JSON object, and a description is searched for at most :data:`MAX_WRITTEN` of them.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ...chat import ToolSpec
    from .explanation import PlannedCall
    from .profiles import ToolProfile

MAX_EXAMPLES = 16  # examples read of one tool
MAX_WRITTEN = 16  # JSON objects tried in one description
MAX_VALUES = 8  # values kept of one parameter
_DEPTH = 6  # deeper values are dropped

_HEADING = re.compile(
    r"(?im)^[ \t]*(?:input[ \t]+)?examples?(?:[ \t]+of[ \t]+input)?[ \t]*:[ \t]*$"
)
_BLANK_LINES = re.compile(r"\n{3,}")


def readable(examples: Any) -> list[dict[str, Any]]:
    """The examples a request carries, as plain JSON objects (at most :data:`MAX_EXAMPLES`;
    anything else is ignored, as a hosted model ignores what it cannot read)."""
    if not isinstance(examples, list | tuple):
        return []
    kept = [_plain(e, 0) for e in examples[:MAX_EXAMPLES] if isinstance(e, dict)]
    return [e for e in kept if isinstance(e, dict) and e]


def _plain(value: Any, depth: int) -> Any:
    if depth > _DEPTH:
        return None
    if isinstance(value, dict):
        return {str(k): _plain(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v, depth + 1) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**300:
        return None
    return value if isinstance(value, str | int | float | bool) or value is None else str(value)


def read(
    spec: ToolSpec, properties: dict[str, Any]
) -> tuple[str, dict[str, tuple[Any, ...]], dict[str, float]]:
    """What a tool's examples show: its description without the examples written into it
    (as OpenAI's side sends them: examples, not words about the tool), each parameter's
    example values, and how often the examples fill each parameter."""
    description, written = split_description(spec.description, set(properties))
    given = [*spec.input_examples, *written]
    return description, shown(properties, given), fill_rates(properties, given)


def split_description(description: str, names: set[str]) -> tuple[str, list[dict[str, Any]]]:
    """The description without the example inputs written into it, and those examples: a
    JSON object whose keys are all parameters of the tool (``names``), and the heading
    ("Input examples:") above them."""
    if "{" not in description or not names:
        return description, []
    decoder = json.JSONDecoder()
    found: list[dict[str, Any]] = []
    spans: list[tuple[int, int]] = []
    at, tries = description.find("{"), 0
    while at >= 0 and tries < MAX_WRITTEN:
        tries += 1
        try:
            value, end = decoder.raw_decode(description, at)
        except ValueError:
            at = description.find("{", at + 1)
            continue
        if isinstance(value, dict) and value and set(value) <= names:
            found.append(value)
            spans.append((at, end))
        at = description.find("{", end)
    if not found:
        return description, []
    kept, start = [], 0
    for a, b in spans:
        kept.append(description[start:a])
        start = b
    kept.append(description[start:])
    text = _HEADING.sub("", "".join(kept))
    return _BLANK_LINES.sub("\n\n", text).strip(), readable(found)


def shown(properties: dict[str, Any], examples: list[dict[str, Any]]) -> dict[str, tuple[Any, ...]]:
    """Each parameter's example values: those the tool's examples give it, then its own
    JSON Schema ``examples`` (at most :data:`MAX_VALUES`, the first of each kept)."""
    out: dict[str, tuple[Any, ...]] = {}
    for name, prop in properties.items():
        values = [e[name] for e in examples if name in e and e[name] is not None]
        own = prop.get("examples") if isinstance(prop, dict) else None
        values += [v for v in own if v is not None] if isinstance(own, list) else []
        unique: list[Any] = []
        for v in values:
            if v not in unique:
                unique.append(v)
        if unique:
            out[name] = tuple(unique[:MAX_VALUES])
    return out


def fill_rates(properties: dict[str, Any], examples: list[dict[str, Any]]) -> dict[str, float]:
    """How often the tool's examples fill each parameter (none for a tool without them)."""
    if not examples:
        return {}
    return {
        n: sum(n in e and e[n] is not None for e in examples) / len(examples) for n in properties
    }


def texts(values: tuple[Any, ...]) -> tuple[str, ...]:
    """The example values written as text, as a description's "e.g." gives them: strings,
    and the items of lists of strings."""
    out: list[str] = []
    for v in values:
        items = v if isinstance(v, list) else [v]
        out += [i.strip() for i in items if isinstance(i, str) and i.strip()]
    return tuple(dict.fromkeys(out))


def items_of(values: tuple[Any, ...]) -> tuple[Any, ...]:
    """The items of list values: what an array parameter's items are shown to be."""
    out: list[Any] = []
    for item in (i for v in values if isinstance(v, list) for i in v):
        if item is not None and item not in out:
            out.append(item)
    return tuple(out[:MAX_VALUES])


def noted(profiles: Iterable[ToolProfile], calls: Iterable[PlannedCall]) -> list[str]:
    """The explanation's note for each tool considered whose example inputs were read."""
    considered = {c.tool for c in calls}
    return [
        f"{p.name}: its example inputs were read as evidence (the form of each value, and "
        "which optional parameters a call fills)"
        for p in profiles
        if p.name in considered and any(s.usual is not None for s in p.slots)
    ]
