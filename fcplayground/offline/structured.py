"""Structured outputs offline: a reply that is a JSON object matching the requested schema.

A request with ``response_format`` (Chat) or ``text.format`` (Responses) of type
``json_schema`` is answered the way a hosted model's constrained decoding would answer
it, by the model the provider was given:

1. when the request also offers tools (and allows them), the model first answers it as
   usual: calls come back as calls, since a structured reply is only ever the final one;
2. otherwise the schema is offered to the model as one tool of the same name, forced
   (``tool_choice`` naming it): the same extractors that fill a tool's arguments fill the
   schema's fields from the conversation, free text is composed, and a required field the
   conversation never gave gets a neutral value, never an invented fact (see
   :mod:`fcplayground.models.simulated.forcing`);
3. the arguments, made to fit the schema (a field that does not is given its neutral
   value), become the message's content: a JSON string, as the API returns it, so
   ``client.chat.completions.parse`` and ``client.responses.parse`` give ``.parsed``.

``json_object`` (JSON mode) asks for any object: the model's words come back as
``{"answer": "..."}``.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from referencing.exceptions import Unresolvable

from ..chat import ModelTurn, NamedTool, Request, ToolSpec
from ..models import Model
from ..models.simulated.forcing import guess, in_schema_order, neutral_object
from .validation.output_format import FormatKind, OutputFormat, read

MAX_REPAIRS = 64  # fields given their neutral value, at most, before the whole object is
MAX_DEPTH = 64  # of a schema copied without its patterns (the body reader bounds it too)
VALUE = "value"  # the field a schema that is not an object's is filled as


def respond(model: Model, request: Request, payload: dict[str, Any], api: str) -> ModelTurn:
    """The model's turn for ``request``, as the output format ``payload`` asks for."""
    wanted = read(api, payload)
    if wanted is None:
        return model.respond(request)
    if request.tools and request.tool_choice != "none":
        turn = model.respond(request)
        if turn.tool_calls:
            return turn
    if wanted.kind == FormatKind.JSON_OBJECT:
        turn = model.respond(replace(request, tools=[], tool_choice=None))
        return _as_content(turn, {"answer": turn.text}, "JSON mode: the words as {'answer': ...}")
    return _filled(model, request, wanted)


def _filled(model: Model, request: Request, wanted: OutputFormat) -> ModelTurn:
    """The schema filled by the model, through a forced tool of the same name."""
    about = (
        wanted.description or f"Records the {wanted.name.replace('_', ' ')} the request describes."
    )
    schema, wrapped = _as_object(wanted.schema or {"type": "object", "properties": {}})
    tool = ToolSpec(wanted.name, about, schema)
    asked = replace(
        request, tools=[tool], tool_choice=NamedTool(wanted.name), parallel_tool_calls=False
    )
    turn = model.respond(asked)
    if not turn.tool_calls:  # a model that answered in words (a scripted one): kept as it is
        return turn
    text = _said(request)
    value = fitted(wanted.name, schema, turn.tool_calls[0].arguments, text)
    value = value.get(VALUE) if wrapped else value
    note = (
        f"the reply is the '{wanted.name}' object the response format asks for, filled as a "
        "forced call of a tool with that schema"
    )
    return _as_content(turn, value, note)


def _as_object(schema: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The forced tool's schema, and whether it wraps ``schema``: a root that is not an
    object (an array, a string, a union such as ``Person | None``: Anthropic's format takes
    any, as ``parse`` sends them) is the one field ``value`` of an object, its ``$defs``
    kept at the root so that its references still resolve."""
    if _is_object(schema):
        return schema, False
    defs = {k: v for k, v in schema.items() if k in ("$defs", "definitions")}
    inner = {k: v for k, v in schema.items() if k not in defs}
    wrapper = {"type": "object", "properties": {VALUE: inner}, "required": [VALUE], **defs}
    return wrapper | {"additionalProperties": False}, True


def _is_object(schema: dict[str, Any]) -> bool:
    """Whether ``schema``'s root is a plain object (not a union, reference or other type)."""
    kind = schema.get("type")
    if kind is None:
        return "properties" in schema
    return kind == "object" or (isinstance(kind, list) and "object" in kind)


def _as_content(turn: ModelTurn, value: Any, note: str) -> ModelTurn:
    out = replace(turn, text=json.dumps(value, ensure_ascii=False), tool_calls=[], stop_reason=None)
    out.__post_init__()  # the stop reason of a turn of words
    if out.explanation is not None and hasattr(out.explanation, "notes"):
        out.explanation.notes.append(note)
    return out


def fitted(name: str, schema: dict[str, Any], value: Any, text: str) -> Any:
    """``value`` made to match ``schema``: each top-level field that is missing or breaks
    it is given its neutral value (and, if that is not enough, the whole object is)."""
    import jsonschema  # imported here: it takes a moment, and only structured replies need it

    if not isinstance(value, dict):
        return neutral_object(name, schema, text)
    props = schema.get("properties")
    props = props if isinstance(props, dict) else {}
    if schema.get("additionalProperties") is False:
        value = {k: v for k, v in value.items() if k in props}
    required = schema.get("required")
    missing = [n for n in (required if isinstance(required, list) else []) if n in props]
    value |= {n: guess(name, n, props[n], text) for n in missing if n not in value}
    validator = jsonschema.Draft202012Validator(without_patterns(schema))
    for _ in range(MAX_REPAIRS):
        try:
            error = next(iter(validator.iter_errors(value)), None)
        except (Unresolvable, RecursionError):  # a $ref to nowhere (or the web), or a loop
            break
        if error is None:
            return in_schema_order(value, schema)
        path = list(error.absolute_path)
        field = path[0] if path and path[0] in props else None
        neutral = guess(name, field, props[field], text) if field is not None else None
        if field is None or value.get(field) == neutral:
            break  # not a field's fault, or its neutral value does not fit either
        value = {**value, field: neutral}
    return neutral_object(name, schema, text)


def without_patterns(schema: Any, depth: int = 0) -> Any:
    """``schema`` without its ``pattern`` regexes: they are the request's, and a regex that
    backtracks (``(a+)+$``) must not stall the reply; the fields' text comes from the request
    anyway, so a pattern adds nothing the model could honour."""
    if depth > MAX_DEPTH:
        return {}
    if isinstance(schema, list):
        return [without_patterns(s, depth + 1) for s in schema]
    if not isinstance(schema, dict):
        return schema
    return {
        k: without_patterns(v, depth + 1)
        for k, v in schema.items()
        if not (k == "pattern" and isinstance(v, str)) and k != "patternProperties"
    }


def _said(request: Request) -> str:
    """What the user said last, for a free-text field's neutral value."""
    users = [m for m in request.messages if m.role == "user" and isinstance(m.content, str)]
    return users[-1].content if users else ""


__all__ = ["fitted", "respond"]
