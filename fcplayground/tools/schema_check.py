"""Checking a model's arguments against a JSON Schema given as data (a tool that was not
built from a Python function, such as one an MCP server lists), with error texts worded
like the ones :meth:`fcplayground.tools.Tool.bind` gives for a function's tool.

The schema is someone else's, so it is treated with care: remote ``$ref`` are never
fetched, and no pattern is run by Python's regular expressions, which can take exponential
time on hostile text: ``pattern`` is matched by pydantic-core's engine (Rust's ``regex``
crate, linear in the text, as a function's tool matches its patterns), and a pattern that
engine cannot compile (look-around, back-references), like ``patternProperties``, is left
to the tool's owner to check."""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import pydantic_core
from pydantic_core import core_schema

from fcplayground.tools import json_schema_library
from fcplayground.tools.execution import CallError
from fcplayground.tools.rule_words import one_of, schema_words
from fcplayground.tools.schema import takes

if TYPE_CHECKING:
    import jsonschema

    from fcplayground.tools.tool import Tool

_MAX_LISTED = 20  # as for a function's tool: a long list of problems is cut
_JSON_TYPES = {
    "integer": "an integer",
    "number": "a number",
    "string": "a string",
    "boolean": "true or false",
    "array": "an array",
    "object": "an object",
    "null": "null",
}
# Keywords whose value is one subschema, a list of them, or a map of names to them.
_ONE = ("items", "additionalProperties", "not", "if", "then", "else", "contains")
_ONE += ("propertyNames", "unevaluatedItems", "unevaluatedProperties", "additionalItems")
_LIST = ("allOf", "anyOf", "oneOf", "prefixItems", "items")
_MAP = ("properties", "$defs", "definitions", "dependentSchemas")


class SchemaCheck:
    """A compiled check of arguments against one tool's JSON Schema (draft 2020-12)."""

    def __init__(self, schema: dict[str, Any]) -> None:
        """Raises ValueError, saying why, when ``schema`` is not a valid JSON Schema."""
        # Imported here: jsonschema takes a moment to import, and only such tools need it.
        import referencing

        jsonschema = json_schema_library.load()

        try:
            jsonschema.Draft202012Validator.check_schema(schema)
        except jsonschema.SchemaError as exc:
            raise ValueError(
                f"its input schema is not a valid JSON Schema ({exc.message})"
            ) from None
        safe = copy.deepcopy(schema)
        _drop_pattern_properties(safe)
        # An empty registry: a "$ref" resolves inside the schema or not at all, never online.
        self._validator = _validator_class()(safe, registry=referencing.Registry())

    def __call__(self, tool: Tool, values: dict[str, Any]) -> None:
        """Raise CallError listing what is wrong with ``values``, if anything is."""
        problems = self.problems(values)
        if not problems:
            return
        lines = [f"The arguments for {tool.name} are invalid:"]
        lines += problems[:_MAX_LISTED]
        if len(problems) > _MAX_LISTED:
            lines.append(f"- and {len(problems) - _MAX_LISTED:,} more problems like these")
        raise CallError(
            "\n".join([*lines, f"{takes(tool)}. Call it again with corrected arguments."])
        )

    def problems(self, values: Any) -> list[str]:
        """What is wrong with ``values``, one ``- ...`` line each (empty: nothing)."""
        import referencing.exceptions

        try:
            errors = sorted(self._validator.iter_errors(values), key=lambda e: list(e.path))
        except (referencing.exceptions.Unresolvable, RecursionError):
            # A "$ref" we will not fetch, or "$ref"s that lead to each other in a loop: the
            # schema cannot be followed, so the tool's owner checks the arguments.
            return []
        return list(dict.fromkeys(p for e in errors for p in _problems(e)))


def object_schema(name: str, parameters: Any) -> tuple[dict[str, Any], SchemaCheck]:
    """A copy of ``parameters`` with ``properties`` filled in, and its check; ValueError
    naming tool ``name`` when it is not a valid JSON Schema of an object."""
    if not isinstance(parameters, dict) or parameters.get("type", "object") != "object":
        raise ValueError(f"{name}: its input schema must be a JSON Schema of an object.")
    parameters = {"type": "object", "properties": {}} | copy.deepcopy(parameters)
    if not isinstance(parameters["properties"], dict):
        raise ValueError(f"{name}: its input schema's properties must be an object.")
    try:
        return parameters, SchemaCheck(parameters)
    except ValueError as exc:
        raise ValueError(f"{name}: {exc}") from None


@functools.cache
def _validator_class() -> Any:
    """Draft 2020-12's validator, with "pattern" matched in linear time."""
    jsonschema = json_schema_library.load()
    return jsonschema.validators.extend(
        jsonschema.Draft202012Validator, validators={"pattern": _linear_pattern}
    )


def _linear_pattern(
    validator: Any, pattern: Any, instance: Any, schema: Any
) -> Iterator[jsonschema.ValidationError]:
    """The "pattern" keyword by pydantic-core's regex engine: a search, as JSON Schema's."""
    match = _matcher(pattern) if validator.is_type(instance, "string") else None
    if match is None:
        return
    try:
        match.validate_python(instance)
    except pydantic_core.ValidationError:
        jsonschema = json_schema_library.load()
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


@functools.lru_cache(maxsize=512)
def _matcher(pattern: Any) -> pydantic_core.SchemaValidator | None:
    """A check of one pattern; None when it is not a pattern that engine compiles."""
    try:
        return pydantic_core.SchemaValidator(core_schema.str_schema(pattern=str(pattern)))
    except pydantic_core.SchemaError:
        return None


def _drop_pattern_properties(node: Any) -> None:
    """Remove "patternProperties" from a schema, in place, at every level: jsonschema
    matches them (and "additionalProperties" beside them) with Python's re."""
    if not isinstance(node, dict):
        return
    if node.pop("patternProperties", None) is not None:
        # Without its patterns, "additionalProperties" would refuse what they allowed.
        node.pop("additionalProperties", None)
    subs: list[Any] = [node.get(k) for k in _ONE]
    subs += [s for k in _LIST if isinstance(node.get(k), list) for s in node[k]]
    subs += [s for k in _MAP if isinstance(node.get(k), dict) for s in node[k].values()]
    for sub in subs:
        _drop_pattern_properties(sub)


def _where(error: jsonschema.ValidationError) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path).lstrip(
        "."
    )


def _problems(error: jsonschema.ValidationError) -> Iterable[str]:
    where, rule, value, instance = (
        _where(error),
        error.validator,
        error.validator_value,
        error.instance,
    )
    prefix = f"{where}." if where else ""
    if rule == "required" and isinstance(instance, dict):
        return [
            f"- missing required argument '{prefix}{name}'"
            for name in value
            if name not in instance
        ]
    if rule in ("additionalProperties", "unevaluatedProperties") and isinstance(instance, dict):
        known = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        takes_ = f" (this tool takes: {', '.join(known) or 'no arguments'})" if not where else ""
        return [
            f"- unexpected argument '{prefix}{name}'{takes_}"
            for name in instance
            if name not in known
        ]
    label = f"argument '{where}'" if where else "the arguments"
    got = _short_json(instance)
    if rule == "type":
        kinds = value if isinstance(value, list) else [value]
        wanted = " or ".join(_JSON_TYPES.get(str(k), str(k)) for k in kinds)
        return [f"- {label} should be {wanted}, got {got}"]
    # The rules a function's tool has too are worded as pydantic words them there.
    if rule in ("enum", "const"):
        return [f"- {label} should be {one_of(value if rule == 'enum' else [value])}, got {got}"]
    if words := schema_words(str(rule), value):
        return [f"- {label} {words}, got {got}"]
    return [f"- {label} breaks the schema's '{rule}' rule ({_short_json(value)}), got {got}"]


def _short_json(value: Any, limit: int = 60) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 3] + "..."
