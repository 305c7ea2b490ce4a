"""OpenAI's strict-mode rules for a JSON Schema, in the API's own words.

A schema sent with ``"strict": true`` (a function tool, or a ``json_schema`` response
format) is compiled into a grammar before the model writes a token, so the API accepts
only the subset it can compile:

- every object says ``"additionalProperties": false``;
- every key of ``properties`` is listed in ``required`` (an optional field is written
  as nullable: ``"type": ["string", "null"]``);
- the keywords that combine or condition schemas (``allOf``, ``not``, ``if``/``then``/
  ``else``, ``dependentRequired``, ``dependentSchemas``, ``patternProperties``, ...) are
  not permitted;
- a ``format`` is one of the few it knows (``date-time``, ``email``, ``uuid``, ...).

The root being an object (not ``anyOf``) is checked with the schema itself, before these.
"""

from __future__ import annotations

from typing import Any

NOT_PERMITTED = (
    "allOf",
    "not",
    "if",
    "then",
    "else",
    "dependentRequired",
    "dependentSchemas",
    "patternProperties",
    "unevaluatedProperties",
    "unevaluatedItems",
    "propertyNames",
    "minProperties",
    "maxProperties",
    "contains",
)
FORMATS = frozenset(
    {"date-time", "time", "date", "duration", "email", "hostname", "ipv4", "ipv6", "uuid"}
)
MAX_DEPTH = 64  # nested schemas read (the body reader bounds depth already; this is a backstop)


def strict_problem(schema: dict[str, Any], path: tuple = (), depth: int = 0) -> str | None:
    """What breaks OpenAI's strict-mode rules in an object schema, or None."""
    if depth > MAX_DEPTH:
        return f"In context={path}, the schema is nested too deeply."
    for key in ("$defs", "definitions"):
        for name, sub in _mapping(schema.get(key)).items():
            if isinstance(sub, dict) and (
                problem := strict_problem(sub, (*path, key, name), depth + 1)
            ):
                return problem
    if problem := _keywords(schema, path):
        return problem
    if schema.get("type") == "object" or "properties" in schema:
        if schema.get("additionalProperties") is not False:
            return f"In context={path}, 'additionalProperties' is required to be supplied and to be false."
        required = schema.get("required")
        required = required if isinstance(required, list) else []
        missing = [k for k in _mapping(schema.get("properties")) if k not in required]
        if missing:
            return (
                f"In context={path}, 'required' is required to be supplied and to be an array "
                f"including every key in properties. Missing '{missing[0]}'."
            )
    for sub, where in _children(schema, path):
        if problem := strict_problem(sub, where, depth + 1):
            return problem
    return None


def _keywords(schema: dict[str, Any], path: tuple) -> str | None:
    """A keyword strict mode cannot compile, or a format it does not know."""
    if found := next((k for k in NOT_PERMITTED if k in schema), None):
        return f"In context={path}, '{found}' is not permitted."
    format = schema.get("format")
    if isinstance(format, str) and format not in FORMATS:
        return f"In context={path}, '{format}' is not a valid format."
    return None


def _children(schema: dict[str, Any], path: tuple):
    """The schemas inside ``schema`` (properties, items, anyOf branches), with their paths."""
    for name, sub in _mapping(schema.get("properties")).items():
        if isinstance(sub, dict):
            yield sub, (*path, "properties", name)
    items = schema.get("items")
    if isinstance(items, dict):
        yield items, (*path, "items")
    branches = schema.get("anyOf")
    for i, sub in enumerate(branches if isinstance(branches, list) else []):
        if isinstance(sub, dict):
            yield sub, (*path, "anyOf", i)


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


__all__ = ["FORMATS", "NOT_PERMITTED", "strict_problem"]
