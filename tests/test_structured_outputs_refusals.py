"""Structured-output requests refused as the API refuses them: JSON mode without the word
json, strict schemas that break strict mode (in ``response_format``, ``text.format`` and
strict function tools), a schema name outside the pattern, a malformed ``text.format``."""

from __future__ import annotations

import openai
import pytest
from structured_requests import MARIA, MODEL, OBJECT, ask, strict_format

from fcplayground import offline


def refusal(call) -> openai.BadRequestError:
    with pytest.raises(openai.BadRequestError) as caught:
        call()
    return caught.value


@pytest.mark.fault(
    "offline requests",
    "json_object response format with no 'json' in the messages",
    "400 naming 'messages' and the word 'json' they must contain",
)
def test_json_mode_without_the_word_json_is_refused():
    client = offline.openai_client()
    error = refusal(
        lambda: client.chat.completions.create(
            model=MODEL, messages=ask("Say hello."), response_format={"type": "json_object"}
        )
    )
    assert error.param == "messages" and "'json'" in error.body["message"]


@pytest.mark.fault(
    "offline requests",
    "a strict response_format schema that breaks strict mode (no additionalProperties: false, "
    "a property not required, allOf, an unknown format, a root that is not an object)",
    "400 invalid_json_schema naming the schema, where in it and the rule broken",
)
@pytest.mark.parametrize(
    "schema, words",
    [
        (
            OBJECT,
            "In context=(), 'additionalProperties' is required to be supplied and to be false",
        ),
        (
            {**OBJECT, "additionalProperties": False},
            "including every key in properties. Missing 'name'",
        ),
        (
            {**OBJECT, "additionalProperties": False, "required": ["name"], "allOf": [{}]},
            "'allOf' is not permitted",
        ),
        (
            {
                "type": "object",
                "properties": {"site": {"type": "string", "format": "uri"}},
                "required": ["site"],
                "additionalProperties": False,
            },
            "In context=('properties', 'site'), 'uri' is not a valid format",
        ),
        (
            {
                "type": "object",
                "properties": {
                    "address": {
                        "type": "object",
                        "properties": {"city": {"type": "string"}},
                        "required": ["city"],
                    }
                },
                "required": ["address"],
                "additionalProperties": False,
            },
            "In context=('properties', 'address'), 'additionalProperties'",
        ),
        (
            {"type": "array", "items": {"type": "string"}},
            "schema must be a JSON Schema of 'type: \"object\"'",
        ),
    ],
)
def test_an_invalid_strict_schema_is_refused_as_the_api_refuses_it(schema, words):
    client = offline.openai_client()
    error = refusal(
        lambda: client.chat.completions.create(
            model=MODEL, messages=ask(MARIA), response_format=strict_format(schema)
        )
    )
    assert error.body["message"].startswith("Invalid schema for response_format 'ticket': ")
    assert words in error.body["message"]
    assert (error.param, error.code) == ("response_format", "invalid_json_schema")


def test_responses_names_text_format_schema_in_a_schema_refusal():
    client = offline.openai_client()
    error = refusal(
        lambda: client.responses.create(
            model=MODEL,
            input=MARIA,
            text={
                "format": {
                    "type": "json_schema",
                    "name": "ticket",
                    "strict": True,
                    "schema": OBJECT,
                }
            },
        )
    )
    assert (error.param, error.code) == ("text.format.schema", "invalid_json_schema")


@pytest.mark.fault(
    "offline requests",
    "a response_format name with spaces or other characters outside [a-zA-Z0-9_-]",
    "400 invalid_value naming response_format.json_schema.name and the pattern",
)
def test_a_schema_name_outside_the_pattern_is_refused():
    client = offline.openai_client()
    error = refusal(
        lambda: client.chat.completions.create(
            model=MODEL,
            messages=ask(MARIA),
            response_format=strict_format(
                {**OBJECT, "additionalProperties": False, "required": ["name"]}, "my ticket"
            ),
        )
    )
    assert error.param == "response_format.json_schema.name"
    assert "^[a-zA-Z0-9_-]+$" in error.body["message"]


@pytest.mark.fault(
    "offline requests",
    "a strict function tool whose schema uses a keyword strict mode cannot compile",
    "400 naming the function, where in its schema, and the keyword",
)
def test_a_strict_function_tool_breaking_strict_rules_is_refused():
    parameters = {
        "type": "object",
        "properties": {"when": {"type": "string", "format": "uri"}},
        "required": ["when"],
        "additionalProperties": False,
    }
    tool = {
        "type": "function",
        "function": {"name": "book", "strict": True, "parameters": parameters},
    }
    client = offline.openai_client()
    error = refusal(
        lambda: client.chat.completions.create(model=MODEL, messages=ask(MARIA), tools=[tool])
    )
    assert "Invalid schema for function 'book'" in error.body["message"]
    assert "'uri' is not a valid format" in error.body["message"]
    assert error.param == "tools[0].function.parameters"


def test_responses_refuses_a_strict_function_tool_breaking_strict_rules():
    tool = {
        "type": "function",
        "name": "book",
        "strict": True,
        "parameters": {"type": "object", "properties": {"when": {"type": "string"}}},
    }
    client = offline.openai_client()
    error = refusal(lambda: client.responses.create(model=MODEL, input=MARIA, tools=[tool]))
    assert "Invalid schema for function 'book'" in error.body["message"]
    assert "'additionalProperties' is required" in error.body["message"]


@pytest.mark.fault(
    "offline requests",
    "a Responses text.format that is not an object, or has no type",
    "400 naming text.format (or text.format.type) and what it must be",
)
@pytest.mark.parametrize(
    "text, param",
    [({"format": "json"}, "text.format"), ({"format": {"name": "x"}}, "text.format.type")],
)
def test_a_malformed_text_format_is_refused_naming_the_field(text, param):
    client = offline.openai_client()
    error = refusal(lambda: client.responses.create(model=MODEL, input=MARIA, text=text))
    assert error.param == param
    assert "text.format" in error.body["message"]
