"""The output format a request asks for, and the checks OpenAI makes on it.

Chat Completions carries it as ``response_format``::

    {"type": "json_schema", "json_schema": {"name": ..., "schema": {...}, "strict": true}}

and Responses as ``text.format`` (the same fields, one level up)::

    {"type": "json_schema", "name": ..., "schema": {...}, "strict": true}

Anthropic's Messages carries it as ``output_config.format``: ``{"type": "json_schema",
"schema": {...}}``, with no name and no JSON mode.

OpenAI's either may instead be ``{"type": "json_object"}`` (any JSON object; the messages must say
"JSON") or ``{"type": "text"}`` (the default). The checks word their 400s as the API does:
a name that breaks the pattern, a root that is not an object, and, when ``strict`` is on,
the rules of :mod:`.strict_schema`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from .cross_field import schema_problem
from .strict_schema import strict_problem
from .wording import OPENAI_KINDS, Refusal

NAME = re.compile(r"[a-zA-Z0-9_-]{1,64}")  # used with fullmatch
SCHEMA_CODE = "invalid_json_schema"
JSON_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean", list: "array"}


class FormatKind(str, Enum):
    """What shape of reply a request asks for."""

    TEXT = "text"
    JSON_OBJECT = "json_object"
    JSON_SCHEMA = "json_schema"


@dataclass(frozen=True)
class OutputFormat:
    """A requested output format, read from either API's field."""

    kind: FormatKind
    name: str = "response"
    schema: dict[str, Any] = field(default_factory=dict)
    strict: bool = False
    description: str = ""


@dataclass(frozen=True)
class Where:
    """Where an API keeps the format, for its error messages' ``param``."""

    field: str  # "response_format" or "text.format"
    name: str  # the param naming the schema's name
    schema: str  # the param naming the schema


WHERE = {
    "chat": Where("response_format", "response_format.json_schema.name", "response_format"),
    "responses": Where("text.format", "text.format.name", "text.format.schema"),
}


def _raw(api: str, payload: dict[str, Any]) -> tuple[dict[str, Any] | None, dict[str, Any]]:
    """The format object and the object holding its json_schema fields."""
    if api == "chat":
        raw = payload.get("response_format")
        raw = raw if isinstance(raw, dict) else None
        inner = (raw or {}).get("json_schema")
        return raw, inner if isinstance(inner, dict) else {}
    text = payload.get("text")
    raw = text.get("format") if isinstance(text, dict) else None
    raw = raw if isinstance(raw, dict) else None
    return raw, raw or {}


def read(api: str, payload: dict[str, Any]) -> OutputFormat | None:
    """The format ``payload`` asks for, or None for plain text (or an API without one)."""
    if api == "anthropic":
        return _anthropic(payload)
    if api not in WHERE:
        return None
    raw, inner = _raw(api, payload)
    kind = (raw or {}).get("type")
    if kind == FormatKind.JSON_OBJECT.value:
        return OutputFormat(FormatKind.JSON_OBJECT)
    if kind != FormatKind.JSON_SCHEMA.value:
        return None
    schema = inner.get("schema")
    return OutputFormat(
        FormatKind.JSON_SCHEMA,
        str(inner.get("name") or "response"),
        schema if isinstance(schema, dict) else {},
        inner.get("strict") is True,
        str(inner.get("description") or ""),
    )


def _anthropic(payload: dict[str, Any]) -> OutputFormat | None:
    """Messages' ``output_config.format`` (its shape checked with the other fields). It has
    no name: the schema's title stands for one (``messages.parse`` sends the model's), and
    Claude's decoding always keeps to the schema, so it is strict."""
    config = payload.get("output_config")
    wanted = config.get("format") if isinstance(config, dict) else None
    if not isinstance(wanted, dict) or wanted.get("type") != FormatKind.JSON_SCHEMA.value:
        return None
    schema = wanted.get("schema")
    schema = schema if isinstance(schema, dict) else {}
    title = schema.get("title")
    name = title if isinstance(title, str) and NAME.fullmatch(title) else "response"
    return OutputFormat(FormatKind.JSON_SCHEMA, name, schema, True, "")


def problem(api: str, payload: dict[str, Any]) -> Refusal | None:
    """Why OpenAI would refuse the request's output format, or None."""
    if api not in WHERE:
        return None
    where = WHERE[api]
    raw, inner = _raw(api, payload)
    if raw is None:
        return _not_an_object(api, payload)
    kind = raw.get("type")
    if kind is None:
        return Refusal(
            f"Missing required parameter: '{where.field}.type'.",
            f"{where.field}.type",
            "missing_required_parameter",
        )
    if kind not in {k.value for k in FormatKind}:
        return Refusal(
            f"Invalid value: '{kind}'. Supported values are: 'text', 'json_object', and "
            "'json_schema'.",
            f"{where.field}.type",
            "invalid_value",
        )
    if kind == FormatKind.JSON_OBJECT.value:
        return _mentions_json(api, payload)
    if kind == FormatKind.JSON_SCHEMA.value:
        return _schema_problem(where, inner)
    return None


def _not_an_object(api: str, payload: dict[str, Any]) -> Refusal | None:
    """Responses' ``text.format`` given as something other than an object (Chat's
    ``response_format`` has its type checked with the other fields)."""
    text = payload.get("text")
    if api != "responses" or not isinstance(text, dict) or text.get("format") is None:
        return None
    json_type = JSON_TYPES.get(type(text["format"]), "string")
    got = OPENAI_KINDS[json_type]
    return Refusal(
        f"Invalid type for 'text.format': expected an object, but got {got} instead.",
        "text.format",
        "invalid_type",
    )


def _schema_problem(where: Where, inner: dict[str, Any]) -> Refusal | None:
    name = inner.get("name")
    if name is None:
        return Refusal(
            f"Missing required parameter: '{where.name}'.", where.name, "missing_required_parameter"
        )
    if not isinstance(name, str) or not NAME.fullmatch(name):
        return Refusal(
            f"Invalid '{where.name}': string does not match pattern. Expected a string that "
            "matches the pattern '^[a-zA-Z0-9_-]+$'.",
            where.name,
            "invalid_value",
        )
    schema = inner.get("schema", {"type": "object"})
    found = schema_problem(schema)
    if found is None and inner.get("strict") is True:
        found = strict_problem(schema)
    if found:
        return Refusal(
            f"Invalid schema for response_format '{name}': {found}", where.schema, SCHEMA_CODE
        )
    return None


def _mentions_json(api: str, payload: dict[str, Any]) -> Refusal | None:
    """JSON mode needs the word "json" somewhere in what the model reads."""
    said = [payload.get("messages"), payload.get("input"), payload.get("instructions")]
    if "json" in json.dumps(said, ensure_ascii=False).lower():
        return None
    if api == "chat":
        return Refusal(
            "'messages' must contain the word 'json' in some form, to use 'response_format' "
            "of type 'json_object'.",
            "messages",
        )
    return Refusal(
        "Response input messages must contain the word 'json' in some form to use "
        "'text.format' of type 'json_object'.",
        "input",
    )


__all__ = ["FormatKind", "OutputFormat", "problem", "read"]
