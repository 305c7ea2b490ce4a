"""The simulated model answers requests against random tool specs without raising
(hypothesis, derandomized): random names and schema shapes, schema keywords of the wrong
types, parameter schemas that are any JSON value, requests that name the tools' parameters,
and any tool choice, parallel flag and system prompt. Every turn's call arguments must
survive ``json.dumps(..., allow_nan=False)``.
"""

from __future__ import annotations

from hostile_inputs import (
    FIXED_REQUEST,
    HOSTILE,
    answer,
    any_text,
    json_values,
    names,
    tool_lists,
    tool_specs,
)
from hypothesis import given
from hypothesis import strategies as st

from fcplayground import Message, NamedTool, Request, ToolSpec

NAMED_VALUES = ["jane@example.com", "2026-03-02", "19.99", "'x y'", "Paris", "3", "true"]


def request_naming(tools: list[ToolSpec], offset: int, ending: str) -> str:
    """A request that names the tools, their parameters and a value of some kind for each."""
    parts = []
    for tool in tools:
        properties = tool.parameters.get("properties") or {}
        parts.append(f"use {tool.name} {tool.description}")
        for i, (name, schema) in enumerate(list(properties.items())[:4]):
            value = NAMED_VALUES[(offset + i) % len(NAMED_VALUES)]
            described = schema.get("description", "") if isinstance(schema, dict) else ""
            parts.append(f"with {name} {value} {described}")
    return " ".join(parts) + ending


# -- hypothesis-generated tool specs ------------------------------------------------------


@HOSTILE
@given(tools=tool_lists, text=st.just(FIXED_REQUEST) | any_text)
def test_model_answers_a_fixed_or_random_request_against_random_tool_specs(tools, text):
    answer(Request([Message.user(text)], tools=tools))


@HOSTILE
@given(
    tools=tool_lists,
    offset=st.integers(0, len(NAMED_VALUES) - 1),
    ending=st.sampled_from(["", "?", " and also in Tokyo.", " 1e999"]),
)
def test_model_answers_a_request_naming_the_parameters_of_random_tool_specs(tools, offset, ending):
    answer(Request([Message.user(request_naming(tools, offset, ending))], tools=tools))


@HOSTILE
@given(tools=st.lists(tool_specs(wrong_types=True), min_size=1, max_size=2))
def test_model_answers_tools_whose_schema_keywords_have_the_wrong_types(tools):
    answer(Request([Message.user(FIXED_REQUEST)], tools=tools))


@HOSTILE
@given(tools=st.lists(tool_specs(property_schemas=json_values), min_size=1, max_size=2))
def test_model_answers_tools_whose_parameter_schemas_are_any_json_value(tools):
    answer(Request([Message.user(FIXED_REQUEST)], tools=tools))


@HOSTILE
@given(
    tools=tool_lists,
    choice=st.sampled_from([None, "auto", "none", "required", "offered", "offered"]) | names,
    parallel=st.none() | st.booleans(),
    system=st.none() | any_text | st.just("Today is 2026-02-30."),
    text=st.just(FIXED_REQUEST) | any_text,
)
def test_model_answers_any_tool_choice_and_options_with_random_tool_specs(
    tools, choice, parallel, system, text
):
    if choice == "offered":
        choice = NamedTool(tools[0].name)  # a call forced to a tool that is offered
    elif choice not in (None, "auto", "none", "required"):
        choice = NamedTool(choice)  # to one that most likely is not
    request = Request(
        [Message.user(text)],
        tools=tools,
        tool_choice=choice,
        parallel_tool_calls=parallel,
        system=system,
    )
    answer(request)
