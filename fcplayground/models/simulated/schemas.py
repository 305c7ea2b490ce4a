"""Schemas: a tool's JSON Schema as the model reads it, with malformed keywords dropped.

Tool specs arrive from requests, so they are hostile input: ``"required": true``,
``"properties": null``, ``"enum": []`` or ``"format": []`` all reach the model. A hosted
model ignores what it cannot read; so does this one. :func:`well_formed` keeps each
keyword the model reads only when it has the type JSON Schema gives it, and drops it
otherwise, so the stages after it never check types again.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ...chat import ToolSpec
from . import examples

_SCALARS = (str, int, float, bool)
_DEPTH = 8  # deeper sub-schemas are read as "anything"

MAX_DESCRIPTION_CHARS = 4_000
"""The most characters the model reads of a tool's or a parameter's description (and
title): a description says what the tool is for first, and reading it costs more than
its length, so a longer one is read as its first :data:`MAX_DESCRIPTION_CHARS`."""

_INT_LIMIT = 10**300  # larger integers read as null: no float holds them, no str() prints them


def _texts(value: Any) -> bool:
    return isinstance(value, str) or (
        isinstance(value, list) and all(isinstance(v, str) for v in value)
    )


# keyword -> whether a value is well formed for it
_CHECKS: dict[str, Callable[[Any], bool]] = {
    "type": _texts,
    "description": lambda v: isinstance(v, str),
    "title": lambda v: isinstance(v, str),
    "format": lambda v: isinstance(v, str),
    "enum": lambda v: (
        isinstance(v, list) and bool(v) and all(isinstance(o, _SCALARS) and _finite(o) for o in v)
    ),
    "required": lambda v: isinstance(v, list) and all(isinstance(n, str) for n in v),
    "examples": lambda v: isinstance(v, list),
}
_NESTED = {"properties", "items", "anyOf", "oneOf"}


def well_formed(schema: Any, depth: int = 0) -> dict[str, Any]:
    """``schema`` with the keywords the model reads kept only where well formed."""
    if not isinstance(schema, dict) or depth > _DEPTH:
        return {}
    out = {
        str(k): _plain(v, depth)
        for k, v in schema.items()
        if k not in _NESTED and _CHECKS.get(k, _any)(v)
    }
    for key in ("description", "title"):
        if key in out:
            out[key] = out[key][:MAX_DESCRIPTION_CHARS]
    if isinstance(schema.get("properties"), dict):
        out["properties"] = {
            str(k): well_formed(v, depth + 1) for k, v in schema["properties"].items()
        }
    if isinstance(schema.get("items"), dict):
        out["items"] = well_formed(schema["items"], depth + 1)
    for key in ("anyOf", "oneOf"):
        if isinstance(schema.get(key), list):
            out[key] = [well_formed(o, depth + 1) for o in schema[key] if isinstance(o, dict)]
    return out


def _any(_: Any) -> bool:
    return True


def _finite(value: Any) -> bool:
    """A number a float holds and JSON writes: no NaN, no infinity, no 5,000-digit int."""
    if isinstance(value, float):
        return math.isfinite(value)
    return not isinstance(value, int) or -_INT_LIMIT < value < _INT_LIMIT


def _plain(value: Any, depth: int) -> Any:
    """A keyword's value as JSON can carry it back out: no NaN or infinity (null instead),
    nothing nested deeper than the schema itself may be."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, int) and not -_INT_LIMIT < value < _INT_LIMIT:
        return None
    if isinstance(value, dict | list) and depth > _DEPTH:
        return None
    if isinstance(value, dict):
        return {str(k): _plain(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v, depth + 1) for v in value]
    return value


def readable(spec: ToolSpec) -> ToolSpec:
    """The tool with a well-formed schema (and a text name and description), and the example
    inputs it carries that the model can read."""
    return replace(
        spec,
        name=str(spec.name),
        description=str(spec.description or "")[:MAX_DESCRIPTION_CHARS],
        parameters=well_formed(spec.parameters),
        input_examples=examples.readable(spec.input_examples),
    )


__all__ = ["MAX_DESCRIPTION_CHARS", "readable", "well_formed"]
