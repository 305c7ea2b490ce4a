"""Structured outputs on Anthropic's Messages offline: ``output_config.format`` (what
``messages.parse(output_format=...)`` sends) is answered with one text block of JSON that
matches the schema, as Claude's constrained decoding answers it; a format the API would
refuse is refused with the field named."""

from __future__ import annotations

import json
from typing import Literal

import anthropic
import jsonschema
import pytest
from offline_weather import WEATHER_ANTHROPIC
from pydantic import BaseModel, Field
from structured_requests import MARIA, Ticket, ask

from fcplayground import offline

MODEL = "claude-haiku-4-5"


class Person(BaseModel):
    name: str = Field(description="The person's full name.")
    age: int = Field(description="Their age in years.")


def test_messages_parse_fills_a_pydantic_model_from_the_text():
    client = offline.anthropic_client()
    message = client.messages.parse(
        model=MODEL,
        max_tokens=500,
        messages=ask("Anna Lopez is 31 years old."),
        output_format=Person,
    )
    assert message.parsed_output == Person(name="Anna Lopez", age=31)
    assert message.stop_reason == "end_turn"
    assert [block.type for block in message.content] == ["text"]


def test_messages_parse_reads_emails_codes_enums_and_flags_as_for_openai():
    client = offline.anthropic_client()
    message = client.messages.parse(
        model=MODEL, max_tokens=500, messages=ask(MARIA), output_format=Ticket
    )
    assert message.parsed_output == Ticket(
        customer_email="maria@example.org", order_id="ORD-2231", category="shipping", urgent=True
    )


def test_a_raw_json_schema_format_gets_json_text_that_matches_it():
    schema = {
        "type": "object",
        "properties": {
            "city": {"type": "string"},
            "nights": {"type": "integer"},
            "breakfast": {"type": "boolean"},
        },
        "required": ["city", "nights", "breakfast"],
        "additionalProperties": False,
    }
    message = offline.anthropic_client().messages.create(
        model=MODEL,
        max_tokens=500,
        messages=ask("Book me 3 nights in Lisbon, with breakfast."),
        output_config={"format": {"type": "json_schema", "schema": schema}},
    )
    value = json.loads(message.content[0].text)
    jsonschema.validate(value, schema)
    assert value == {"city": "Lisbon", "nights": 3, "breakfast": True}


def test_a_streamed_parse_delivers_the_same_object():
    client = offline.anthropic_client()
    with client.messages.stream(
        model=MODEL, max_tokens=500, messages=ask(MARIA), output_format=Ticket
    ) as stream:
        final = stream.get_final_message()
    assert final.parsed_output.order_id == "ORD-2231"
    assert final.parsed_output.category == "shipping"


def test_a_format_whose_root_is_not_an_object_gets_a_value_of_that_type():
    client = offline.anthropic_client()

    def parsed(output_format: object, text: str) -> object:
        message = client.messages.parse(
            model=MODEL, max_tokens=200, messages=ask(text), output_format=output_format
        )
        return message.parsed_output

    assert parsed(list[str], "List red, green and blue.") == ["red", "green", "blue"]
    assert parsed(list[int], "The numbers 3, 5 and 8.") == [3, 5, 8]
    assert parsed(int, "A spider has 8 legs.") == 8
    assert parsed(Literal["yes", "no"], "Is Paris in France? yes") == "yes"
    assert parsed(int | None, "Nothing to count here.") is None


def test_a_tool_the_request_needs_is_still_called_with_a_format_given():
    message = offline.anthropic_client().messages.parse(
        model=MODEL,
        max_tokens=500,
        messages=ask("What's the weather in Oslo?"),
        tools=[WEATHER_ANTHROPIC],
        output_format=Person,
    )
    assert message.stop_reason == "tool_use"
    assert [(b.name, b.input) for b in message.content if b.type == "tool_use"] == [
        ("get_weather", {"city": "Oslo"})
    ]


@pytest.mark.parametrize(
    ("output_config", "said"),
    [
        ({"format": {"type": "json"}}, "output_config.format: Input tag 'json' found using 'type'"),
        ({"format": {"type": "json_schema"}}, "output_config.format.json_schema.schema: Field"),
        (
            {"format": {"type": "json_schema", "schema": "x"}},
            "output_config.format.json_schema.schema: Input should be a valid dictionary",
        ),
        ({"effort": "enormous"}, "output_config.effort: Input should be 'low', 'medium'"),
    ],
)
@pytest.mark.fault(
    "offline requests",
    "a Messages output_config whose format is not json_schema, has no schema or a schema that is "
    "not an object, or whose effort is unknown",
    "400 invalid_request_error naming the field (output_config.format..., output_config.effort) "
    "and what it should be",
)
def test_a_format_the_api_would_refuse_is_refused_naming_the_field(output_config, said):
    with pytest.raises(anthropic.BadRequestError) as refused:
        offline.anthropic_client().messages.create(
            model=MODEL, max_tokens=100, messages=ask("hi"), output_config=output_config
        )
    assert refused.value.body["error"]["message"].startswith(said)


LOOPING = {
    "type": "object",
    "properties": {"a": {"$ref": "#/$defs/A"}, "n": {"type": "integer"}},
    "required": ["a", "n"],
    "$defs": {"A": {"$ref": "#/$defs/B"}, "B": {"$ref": "#/$defs/A"}},
}


@pytest.mark.fault(
    "offline requests",
    "an output schema (response_format, output_config) or a tool with input_examples whose "
    "`$ref`s refer to each other in a loop",
    "answered (an object of the schema's fields; the examples unchecked where the loop is), "
    "not a 500",
)
def test_a_schema_whose_refs_loop_is_answered_on_both_apis_not_a_server_error():
    claude, gpt = offline.anthropic_client(), offline.openai_client()
    message = claude.messages.create(
        model=MODEL,
        max_tokens=100,
        messages=ask("Three of them."),
        output_config={"format": {"type": "json_schema", "schema": LOOPING}},
    )
    assert set(json.loads(message.content[0].text)) == {"a", "n"}
    fmt = {"type": "json_schema", "json_schema": {"name": "thing", "schema": LOOPING}}
    completion = gpt.chat.completions.create(
        model="gpt-4o-mini", messages=ask("Three of them."), response_format=fmt
    )
    assert set(json.loads(completion.choices[0].message.content)) == {"a", "n"}
    tool = {"name": "x", "description": "Records x.", "input_schema": LOOPING}
    message = claude.beta.messages.create(
        model=MODEL,
        max_tokens=100,
        messages=ask("Record three."),
        tools=[{**tool, "input_examples": [{"a": "1", "n": 1}]}],
        betas=["advanced-tool-use-2025-11-20"],
    )
    assert message.stop_reason in ("tool_use", "end_turn")
