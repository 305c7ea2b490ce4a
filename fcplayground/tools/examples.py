"""A tool's example inputs (``input_examples``): checked against its parameters when they are
given, completed for a strict schema, and written into the description for a provider that
has no field for them.

An example is the arguments one right call would pass: ``{"flight": "LH 454", "date":
"2026-03-14"}``. Anthropic's Messages API takes them as ``input_examples`` and refuses any
that does not fit the ``input_schema``; OpenAI's APIs have no such field (an unknown one is a
400), and OpenAI's guide advises putting examples into the description, so that is where
:func:`with_examples` writes them.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Mapping
from typing import Any

from .schema_check import SchemaCheck

Example = dict[str, Any]

HEADING = "Input examples:"
"""The line that opens the examples written into a description, one JSON object a line."""

_SHOWN = 80  # characters of an example quoted in an error


def check_examples(tool: str, parameters: dict[str, Any], examples: Any) -> list[Example]:
    """``examples`` as new dicts, each checked against the tool's ``parameters``.

    TypeError when they are not a list of dicts; ValueError naming the example (by its
    index) and the argument that does not fit: a value of the wrong type, a required one
    missing, or a name the tool does not take (unless its schema lets in any name)."""
    if examples is None:
        return []
    if isinstance(examples, str | bytes | Mapping) or not isinstance(examples, Iterable):
        raise TypeError(
            f"input_examples of {tool} must be a list of dicts, one example input each "
            f"(e.g. [{{'city': 'Paris'}}]), not {type(examples).__name__}."
        )
    examples = list(examples)
    check = SchemaCheck(parameters) if examples else None
    out = []
    for i, example in enumerate(examples):
        if not isinstance(example, dict):
            raise TypeError(
                f"input_examples[{i}] of {tool} must be a dict of arguments, not "
                f"{type(example).__name__} ({_shown(example)})."
            )
        if problem := example_problem(parameters, example, check, closed=True):
            raise ValueError(
                f"input_examples[{i}] of {tool} ({_shown(example)}) does not fit its "
                f"parameters: {problem}. Give each example the arguments one right call "
                "would pass."
            )
        out.append(copy.deepcopy(example))
    return out


def example_problem(
    parameters: dict[str, Any],
    example: Example,
    check: SchemaCheck | None = None,
    closed: bool = False,
) -> str | None:
    """What is wrong with one example under the JSON Schema ``parameters``, or None.

    ``closed`` also refuses an argument the schema does not name when it says nothing of
    other names (a function's tool takes only its own parameters); the API follows JSON
    Schema alone, where such a name is allowed."""
    try:
        json.dumps(example, allow_nan=False)
    except (TypeError, ValueError) as exc:
        return f"it is not JSON ({exc})"
    known = parameters.get("properties") or {}
    if closed and parameters.get("additionalProperties") in (None, False):
        unknown = [name for name in example if name not in known]
        if unknown:
            takes = ", ".join(known) or "no arguments"
            return f"it passes {unknown[0]!r}, which the tool does not take (it takes: {takes})"
    problems = (check or SchemaCheck(parameters)).problems(example)
    return "; ".join(p.removeprefix("- ") for p in problems[:3]) or None


def with_examples(description: str, examples: list[Example]) -> str:
    """The description with the examples after it (one JSON object a line): how they reach
    a model whose API has no field for them."""
    if not examples:
        return description
    lines = [HEADING, *(json.dumps(e, ensure_ascii=False) for e in examples)]
    return "\n\n".join(filter(None, [description, "\n".join(lines)]))


def strict_examples(parameters: dict[str, Any], examples: list[Example]) -> list[Example]:
    """The examples for the strict form of ``parameters`` (every property required, the
    optional ones nullable): each property an example leaves out is given as null."""
    return [_filled(example, parameters, parameters) for example in examples]


def _filled(value: Any, schema: Any, root: dict[str, Any]) -> Any:
    schema = _resolved(schema, root)
    if isinstance(value, dict) and isinstance(schema.get("properties"), dict):
        props = schema["properties"]
        out = {k: _filled(v, props.get(k, {}), root) for k, v in value.items()}
        return out | {k: None for k in props if k not in value}
    if isinstance(value, list) and isinstance(schema.get("items"), dict):
        return [_filled(v, schema["items"], root) for v in value]
    return copy.deepcopy(value)


def _resolved(schema: Any, root: dict[str, Any]) -> dict[str, Any]:
    """A local ``{"$ref": "#/$defs/Name"}`` (pydantic's nested models) or the object among
    ``anyOf`` options (an Optional model), else the schema itself."""
    if not isinstance(schema, dict):
        return {}
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        return (root.get("$defs") or {}).get(ref.removeprefix("#/$defs/"), {})
    options = [_resolved(o, root) for o in schema.get("anyOf") or [] if isinstance(o, dict)]
    return next((o for o in options if isinstance(o.get("properties"), dict)), schema)


def _shown(value: Any) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False, default=repr)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."
