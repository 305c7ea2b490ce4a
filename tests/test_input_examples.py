"""Example inputs in tool definitions: given to the registry, checked against the tool's
parameters, exported where each API takes them (Anthropic's ``input_examples``, the
description for OpenAI), and carried through the wire formats both ways."""

from __future__ import annotations

import json

import anthropic.types
import jsonschema
import openai.types.chat
import openai.types.responses
import pydantic
import pytest
from flights import FLIGHTS, flight_tools

from fcplayground import ToolRegistry
from fcplayground.chat import Message, Request, ToolSpec
from fcplayground.tools import Tool
from fcplayground.tools.examples import HEADING
from fcplayground.wire import anthropic as anthropic_wire
from fcplayground.wire import openai_chat, openai_responses


def test_the_decorator_keeps_the_examples_as_given():
    tools = flight_tools()
    assert tools["track_flight"].input_examples == FLIGHTS
    FLIGHTS[0]["flight"] = "changed later"
    try:
        assert tools["track_flight"].input_examples[0]["flight"] == "LH 454"
    finally:
        FLIGHTS[0]["flight"] = "LH 454"


def test_to_anthropic_sends_the_examples_as_input_examples_that_the_sdk_types_take():
    (tool,) = flight_tools().to_anthropic()
    assert tool["input_examples"] == FLIGHTS
    pydantic.TypeAdapter(anthropic.types.ToolParam).validate_python(tool)
    assert set(tool) <= set(anthropic.types.ToolParam.__annotations__)


def test_to_anthropic_can_leave_the_examples_out():
    (tool,) = flight_tools().to_anthropic(examples=False)
    assert "input_examples" not in tool


def test_to_openai_writes_the_examples_into_the_description_and_sends_no_unknown_field():
    for api, param_type in (
        ("chat", openai.types.chat.ChatCompletionFunctionToolParam),
        ("responses", openai.types.responses.FunctionToolParam),
    ):
        (tool,) = flight_tools().to_openai(api=api)
        fields = tool["function"] if api == "chat" else tool
        assert "input_examples" not in fields
        assert fields["description"].startswith("Shows where a flight is now.")
        written = fields["description"].split(HEADING + "\n", 1)[1].splitlines()
        assert [json.loads(line) for line in written] == FLIGHTS
        pydantic.TypeAdapter(param_type).validate_python(tool)


def test_to_openai_without_examples_keeps_the_description_as_written():
    (tool,) = flight_tools().to_openai(examples=False)
    assert tool["function"]["description"] == "Shows where a flight is now."


def test_a_tool_without_examples_exports_as_before():
    tools = ToolRegistry()

    @tools.tool
    def ping(host: str) -> str:
        """Checks a host answers.

        Args:
            host: The host name.
        """
        return host

    assert "input_examples" not in tools.to_anthropic()[0]
    assert tools.to_openai()[0]["function"]["description"] == "Checks a host answers."


def test_strict_export_gives_null_for_what_an_example_leaves_out_so_it_fits_the_strict_schema():
    tools = flight_tools()
    (tool,) = tools.to_anthropic(strict=True)
    assert tool["input_examples"][1] == {"flight": "BA 2490", "date": None}
    for example in tool["input_examples"]:
        jsonschema.validate(example, tool["input_schema"])
    assert tools["track_flight"].input_examples[1] == {"flight": "BA 2490"}


def test_an_example_with_a_value_of_the_wrong_type_is_refused_naming_the_example_and_field():
    tools = ToolRegistry()
    with pytest.raises(ValueError) as caught:

        @tools.tool(
            input_examples=[{"city": "Paris", "nights": 2}, {"city": "Rome", "nights": "3"}]
        )
        def book_hotel(city: str, nights: int) -> str:
            """Books a hotel room.

            Args:
                city: The city.
                nights: How many nights.
            """
            return city

    message = str(caught.value)
    assert "input_examples[1] of book_hotel" in message
    assert "'nights'" in message and "integer" in message
    assert "book_hotel" not in tools


def test_an_example_missing_a_required_argument_is_refused():
    with pytest.raises(ValueError, match=r"input_examples\[0\].*missing required argument 'city'"):
        ToolRegistry().add(lambda city: city, name="weather", input_examples=[{}])


def test_an_example_passing_an_argument_the_tool_does_not_take_is_refused():
    with pytest.raises(ValueError, match=r"'flght', which the tool does not take"):
        flight_tools().set_examples("track_flight", [{"flght": "LH 454"}])


def test_examples_that_are_not_a_list_of_dicts_are_a_type_error_saying_what_to_give():
    with pytest.raises(TypeError, match="must be a list of dicts"):
        flight_tools().set_examples("track_flight", {"flight": "LH 454"})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"input_examples\[0\].*must be a dict"):
        flight_tools().set_examples("track_flight", ["LH 454"])  # type: ignore[list-item]


def test_an_example_that_is_not_json_is_refused():
    with pytest.raises(ValueError, match="not JSON"):
        flight_tools().set_examples("track_flight", [{"flight": float("nan")}])


def test_set_examples_replaces_the_examples_and_none_clears_them():
    tools = flight_tools()
    tools.set_examples("track_flight", [{"flight": "U2 8012"}])
    assert tools["track_flight"].input_examples == [{"flight": "U2 8012"}]
    tools.set_examples("track_flight", None)
    assert tools["track_flight"].input_examples == []
    assert "input_examples" not in tools.to_anthropic()[0]


def test_a_refused_set_examples_keeps_the_examples_there_were():
    tools = flight_tools()
    with pytest.raises(ValueError):
        tools.set_examples("track_flight", [{"flight": 454}])
    assert tools["track_flight"].input_examples == FLIGHTS


def test_a_copied_registry_has_examples_of_its_own():
    tools = flight_tools()
    other = tools.copy()
    other.set_examples("track_flight", [])
    other["track_flight"].input_examples.append({"flight": "X"})
    assert tools["track_flight"].input_examples == FLIGHTS


def test_a_tool_from_a_json_schema_takes_examples_checked_against_that_schema():
    schema = {"type": "object", "properties": {"sku": {"type": "string", "pattern": "^[A-Z]+"}}}
    tool = Tool.from_schema(
        "get_part", "A part.", schema, lambda sku: sku, input_examples=[{"sku": "BRK-1"}]
    )
    assert tool.input_examples == [{"sku": "BRK-1"}]
    with pytest.raises(ValueError, match="should be a string"):
        Tool.from_schema(
            "get_part", "A part.", schema, lambda sku: sku, input_examples=[{"sku": 1}]
        )


def test_a_ready_made_tool_added_to_a_registry_keeps_its_examples():
    tool = flight_tools()["track_flight"]
    assert ToolRegistry().add(tool).input_examples == FLIGHTS


def test_the_anthropic_wire_carries_examples_both_ways():
    spec = ToolSpec("track_flight", "Flights.", {"type": "object", "properties": {}}, None, FLIGHTS)
    wire = anthropic_wire.tool_to_wire(spec)
    assert wire["input_examples"] == FLIGHTS
    assert anthropic_wire.tool_from_wire(wire).input_examples == FLIGHTS
    body = anthropic_wire.request_to_wire(Request([Message.user("hi")], tools=[spec]))
    assert anthropic_wire.request_from_wire(body).tools[0].input_examples == FLIGHTS


def test_the_openai_wires_write_examples_into_the_description():
    spec = ToolSpec("track_flight", "Flights.", {"type": "object", "properties": {}}, None, FLIGHTS)
    chat = openai_chat.tool_to_wire(spec)["function"]
    responses = openai_responses.tool_to_wire(spec)
    for fields in (chat, responses):
        assert "input_examples" not in fields
        assert fields["description"].startswith("Flights.\n\n" + HEADING)


def test_the_tokens_a_request_costs_grow_with_its_examples():
    from fcplayground.models.plain import count_tokens

    bare = ToolSpec("track_flight", "Flights.", {"type": "object", "properties": {}})
    shown = ToolSpec(bare.name, bare.description, bare.parameters, None, FLIGHTS * 4)
    ask = [Message.user("Where is LH 454?")]
    assert count_tokens(Request(ask, tools=[shown])) > count_tokens(Request(ask, tools=[bare]))


def test_the_battery_cache_key_tells_apart_tools_that_differ_only_in_examples():
    from fcplayground.evals.battery import specs_key

    bare = ToolSpec("track_flight", "Flights.", {"type": "object", "properties": {}})
    shown = ToolSpec(bare.name, bare.description, bare.parameters, None, FLIGHTS)
    assert specs_key([bare]) != specs_key([shown])
