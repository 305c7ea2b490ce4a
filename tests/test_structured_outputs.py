"""Structured outputs offline: ``response_format`` / ``text.format`` JSON schemas answered
with a matching object, strict schemas refused as the API refuses them."""

from __future__ import annotations

import json
from typing import Any, Literal

import openai
import pytest
from openai.types.chat import ChatCompletion
from openai.types.responses import Response
from pydantic import BaseModel, Field

from fcplayground import offline

MODEL = "gpt-4o-mini"
MARIA = (
    "Hi, this is Maria (maria@example.org). My order ORD-2231 arrived broken. "
    "Please hurry, it is urgent!"
)
TOM = "The app crashes every time I open settings. Can someone look? -- tom@example.com"


class Ticket(BaseModel):
    customer_email: str | None = Field(description="The customer's email address.")
    order_id: str | None = Field(description="The order number, e.g. ORD-1042.")
    category: Literal["billing", "shipping", "technical", "other"] = Field(
        description="'shipping' for delivery or broken parcels, 'technical' for crashes"
    )
    urgent: bool = Field(description="Whether the customer says it is urgent.")


def strict_format(schema: dict[str, Any], name: str = "ticket") -> dict[str, Any]:
    return {"type": "json_schema", "json_schema": {"name": name, "strict": True, "schema": schema}}


def ask(text: str) -> list[dict[str, str]]:
    return [{"role": "user", "content": text}]


def refusal(call) -> openai.BadRequestError:
    with pytest.raises(openai.BadRequestError) as caught:
        call()
    return caught.value


def test_chat_parse_fills_a_pydantic_model_from_the_text():
    client = offline.openai_client()
    completion = client.chat.completions.parse(
        model=MODEL, messages=ask(MARIA), response_format=Ticket
    )
    ticket = completion.choices[0].message.parsed
    assert ticket == Ticket(
        customer_email="maria@example.org", order_id="ORD-2231", category="shipping", urgent=True
    )
    assert completion.choices[0].finish_reason == "stop"


def test_responses_parse_fills_a_pydantic_model_from_the_text():
    client = offline.openai_client()
    response = client.responses.parse(model=MODEL, input=TOM, text_format=Ticket)
    assert response.output_parsed == Ticket(
        customer_email="tom@example.com", order_id=None, category="technical", urgent=False
    )


def test_a_fact_the_text_never_gives_is_null_or_empty_never_invented():
    schema = {
        "type": "object",
        "properties": {
            "order_id": {"type": "string", "description": "The order number, e.g. ORD-1042."},
            "refund": {"type": ["number", "null"], "description": "Amount to refund, in dollars."},
            "email": {"type": "string", "description": "The customer's email address."},
        },
        "required": ["order_id", "refund", "email"],
        "additionalProperties": False,
    }
    client = offline.openai_client()
    completion = client.chat.completions.create(
        model=MODEL, messages=ask("My parcel never came."), response_format=strict_format(schema)
    )
    assert json.loads(completion.choices[0].message.content) == {
        "order_id": "",
        "refund": None,
        "email": "",
    }


def test_the_reply_matches_the_schema_and_validates_with_the_sdk_models():
    import jsonschema

    schema = Ticket.model_json_schema()
    fmt = strict_format({**schema, "additionalProperties": False})
    client = offline.openai_client()
    chat = client.chat.completions.with_raw_response.create(
        model=MODEL, messages=ask(MARIA), response_format=fmt
    )
    body = json.loads(chat.http_response.content)
    ChatCompletion.model_validate(body, strict=True)
    jsonschema.validate(json.loads(body["choices"][0]["message"]["content"]), schema)
    resp = client.responses.with_raw_response.create(
        model=MODEL,
        input=MARIA,
        text={"format": {"type": "json_schema", **fmt["json_schema"]}},
    )
    out = Response.model_validate(json.loads(resp.http_response.content))
    jsonschema.validate(json.loads(out.output_text), schema)


def test_a_streamed_structured_reply_parses_to_the_same_object():
    client = offline.openai_client()
    with client.chat.completions.stream(
        model=MODEL, messages=ask(MARIA), response_format=Ticket
    ) as stream:
        final = stream.get_final_completion()
    assert final.choices[0].message.parsed.order_id == "ORD-2231"


def test_with_tools_offered_a_call_comes_first_and_the_structured_reply_last():
    tools = [
        {
            "type": "function",
            "function": {
                "name": "lookup_order",
                "strict": True,
                "description": "Looks up an order by its order number and returns its status.",
                "parameters": {
                    "type": "object",
                    "properties": {"order_id": {"type": "string", "description": "e.g. ORD-1042"}},
                    "required": ["order_id"],
                    "additionalProperties": False,
                },
            },
        }
    ]
    client = offline.openai_client()
    messages: list[dict[str, Any]] = ask("Look up order ORD-2231 and tell me its status.")
    first = client.chat.completions.parse(
        model=MODEL, messages=messages, tools=tools, response_format=Ticket
    )
    call = first.choices[0].message.tool_calls[0]
    assert call.function.name == "lookup_order"
    messages += [
        first.choices[0].message.model_dump(exclude_none=True),
        {"role": "tool", "tool_call_id": call.id, "content": '{"status": "shipped"}'},
    ]
    last = client.chat.completions.parse(
        model=MODEL, messages=messages, tools=tools, response_format=Ticket
    )
    assert last.choices[0].message.parsed.order_id == "ORD-2231"


def test_json_mode_answers_with_a_json_object():
    client = offline.openai_client()
    completion = client.chat.completions.create(
        model=MODEL, messages=ask("Say hello, in JSON."), response_format={"type": "json_object"}
    )
    assert isinstance(json.loads(completion.choices[0].message.content), dict)


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


OBJECT = {"type": "object", "properties": {"name": {"type": "string"}}}


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


def test_a_non_strict_schema_may_leave_fields_optional():
    client = offline.openai_client()
    fmt = {"type": "json_schema", "json_schema": {"name": "person", "schema": OBJECT}}
    completion = client.chat.completions.create(
        model=MODEL, messages=ask("My name is Maria Lopez."), response_format=fmt
    )
    assert isinstance(json.loads(completion.choices[0].message.content), dict)


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
