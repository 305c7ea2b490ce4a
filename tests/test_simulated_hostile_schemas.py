"""The simulated model answers tools whose schemas no tool should have, but a request can
carry: keywords of the wrong types (an ``enum`` that is a number, ``required`` a string),
NaN and infinity (``json.loads`` reads them), schemas hundreds of levels deep, and a forced
call whose one required parameter the request gives no value for.

A case that finds a real bug stays, marked ``xfail(strict=True)`` with what breaks; whoever
fixes the model removes the mark (strict: a fixed bug fails the run until then).
"""

from __future__ import annotations

import builtins
from typing import Any

import pytest
from hostile_inputs import (
    EVERYDAY,
    FIXED_REQUEST,
    answer,
)

from fcplayground import Message, NamedTool, Request, ToolSpec

# -- schemas no tool should have, but a request can carry -------------------------------


def one_parameter(schema: Any) -> dict[str, Any]:
    return {"type": "object", "properties": {"value": schema}, "required": ["value"]}


def nested(depth: int, key: str) -> dict[str, Any]:
    """A schema ``depth`` levels deep through ``items``, ``anyOf`` or ``properties``."""
    schema: dict[str, Any] = {"type": "string"}
    for _ in range(depth):
        if key == "items":
            schema = {"type": "array", "items": schema}
        elif key == "anyOf":
            schema = {"anyOf": [schema, {"type": "null"}]}
        else:
            schema = {"type": "object", "properties": {"a": schema}}
    return schema


MALFORMED_SCHEMAS: dict[str, tuple[dict[str, Any], str | None]] = {
    # name: (the tool's parameters, what breaks, or None)
    "enum_empty": (one_parameter({"enum": []}), None),
    "enum_a_number": (one_parameter({"enum": 5}), None),
    "enum_an_object": (one_parameter({"enum": {}}), None),
    "enum_null": (one_parameter({"enum": None}), None),
    "enum_a_string": (one_parameter({"enum": "abc"}), None),
    "enum_of_objects_and_lists": (one_parameter({"enum": [{"a": 1}, [1], None]}), None),
    "type_an_object": (one_parameter({"type": {"a": 1}}), None),
    "type_a_list_of_objects": (one_parameter({"type": [{"a": 1}]}), None),
    "type_a_number": (one_parameter({"type": 5}), None),
    "type_unknown": (one_parameter({"type": "uuid-ish"}), None),
    "format_an_object": (one_parameter({"type": "string", "format": {"a": 1}}), None),
    "format_a_list": (one_parameter({"type": "string", "format": ["date"]}), None),
    "description_a_number": (one_parameter({"type": "string", "description": 5}), None),
    "items_a_number": (one_parameter({"type": "array", "items": 5}), None),
    "items_a_list": (one_parameter({"type": "array", "items": [{"type": "string"}]}), None),
    "anyOf_an_object": (one_parameter({"anyOf": {"type": "string"}}), None),
    "anyOf_of_numbers": (one_parameter({"anyOf": [1, 2]}), None),
    "minimum_a_string": (one_parameter({"type": "number", "minimum": "x", "maximum": {}}), None),
    "pattern_not_a_regex": (one_parameter({"type": "string", "pattern": "(("}), None),
    "properties_missing": ({"type": "object"}, None),
    "properties_a_list": ({"type": "object", "properties": [1, 2]}, None),
    "properties_null": ({"type": "object", "properties": None}, None),
    "properties_a_number": ({"type": "object", "properties": 5}, None),
    "required_a_string": ({"type": "object", "properties": {"a": {"type": "string"}}, "required": "a"}, None),
    "required_null": ({"type": "object", "properties": {"a": {"type": "string"}}, "required": None}, None),
    "required_a_number": ({"type": "object", "properties": {"a": {"type": "string"}}, "required": 5}, None),
    "required_with_objects": ({"type": "object", "properties": {"a": {"type": "string"}}, "required": [{"a": 1}]}, None),
    # Python's json.loads reads NaN, Infinity and 1e400 (inf), so a request body can carry them.
    "default_nan": (one_parameter({"type": "number", "default": float("nan")}), None),
    "enum_nan_and_infinity": (one_parameter({"enum": [float("nan"), float("inf")]}), None),
    "maximum_infinity": ({"type": "object", "properties": {"a": {"type": "number", "maximum": float("inf")}}}, None),
    # Deep, but within what json.loads reads (it stops near 1,000 levels).
    "items_500_deep": (one_parameter(nested(500, "items")), None),
    "anyOf_300_deep": (one_parameter(nested(300, "anyOf")), None),
    "properties_300_deep": (nested(300, "properties"), None),
}  # fmt: skip


def known_bugs(cases: dict[str, tuple[Any, str | None]]) -> list:
    """The names of ``cases`` as test parameters, each with a bug marked xfail for it: for
    the exception its reason begins with ("TypeError: ..."), so another one still fails."""
    params = []
    for name, (_, bug) in cases.items():
        raises = getattr(builtins, bug.split(":")[0], None) if bug else None
        marks = [pytest.mark.xfail(reason=bug, strict=True, raises=raises)] if bug else []
        params.append(pytest.param(name, marks=marks))
    return params


@pytest.mark.parametrize("case", known_bugs(MALFORMED_SCHEMAS))
def test_model_answers_tools_with_malformed_or_extreme_schemas(case):
    spec = ToolSpec(
        "send_order_email", "Sends an email about an order.", MALFORMED_SCHEMAS[case][0]
    )
    answer(Request([Message.user(FIXED_REQUEST)], tools=[spec, *EVERYDAY[:3]]))


UNFILLABLE: dict[str, tuple[dict[str, Any], str | None]] = {
    # the schema of the forced tool's one required parameter, which "hello" gives no value for
    "type_integer_or_null": ({"type": ["integer", "null"]}, None),
    "type_string_or_null": ({"type": ["string", "null"]}, None),
    "type_an_empty_list": ({"type": []}, None),
    "type_an_object": ({"type": {"a": 1}}, None),
    "type_missing": ({}, None),
    "any_of_integer_or_null": ({"anyOf": [{"type": "integer"}, {"type": "null"}]}, None),
    "enum_of_lists": ({"enum": [[1], [2]]}, None),
    "array_of_objects": ({"type": "array", "items": {"type": "object"}}, None),
}


@pytest.mark.parametrize("forced", ["required", "named"])
@pytest.mark.parametrize("case", known_bugs(UNFILLABLE))
def test_model_answers_a_forced_call_it_has_no_value_for(case, forced):
    parameters = {"type": "object", "properties": {"count": UNFILLABLE[case][0]}}
    spec = ToolSpec("set_count", "Sets the count.", {**parameters, "required": ["count"]})
    choice = NamedTool("set_count") if forced == "named" else "required"
    answer(Request([Message.user("hello")], tools=[spec], tool_choice=choice))
