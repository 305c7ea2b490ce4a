"""Structured outputs offline: ``response_format`` / ``text.format`` JSON schemas answered
with a matching object, strict schemas refused as the API refuses them."""

from __future__ import annotations

import json
import multiprocessing
from collections.abc import Callable
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


CODE = "a" * 40 + "!"  # (a+)+$ takes 2**40 steps to refuse it


@pytest.mark.fault(
    "offline requests",
    "a response_format schema whose pattern backtracks ((a+)+$) on the value read",
    "answered at once: patterns are not run over the reply; the field holds what was read",
)
def test_a_backtracking_pattern_in_the_schema_does_not_stall_the_reply():
    schema = {
        "type": "object",
        "properties": {"code": {"type": "string", "pattern": "^(a+)+$", "description": "A code."}},
        "required": ["code"],
        "additionalProperties": False,
    }

    def reply() -> str:
        completion = offline.openai_client().chat.completions.create(
            model=MODEL,
            messages=ask(f'Use the code "{CODE}"'),
            response_format=strict_format(schema),
        )
        return completion.choices[0].message.content

    assert json.loads(in_a_child(reply)) == {"code": CODE}


def in_a_child(work: Callable[[], str]) -> str:
    """``work()`` in a forked process that must finish within GUARD seconds: a process,
    since one long regex call holds the GIL and a thread's join would wait for it."""
    receiving, sending = FORK.Pipe(duplex=False)
    child = FORK.Process(target=lambda: sending.send(work()), daemon=True)
    child.start()
    ready = receiving.poll(GUARD)
    child.kill()
    child.join(GUARD)
    assert ready, f"no reply after {GUARD} s: the reply stalled"
    return receiving.recv()


FORK = multiprocessing.get_context("fork")
GUARD = 30.0  # seconds; the reply takes well under one


@pytest.mark.fault(
    "offline requests",
    "a response_format schema with a $ref to nowhere or to the web",
    "answered with the schema's neutral object; nothing is fetched",
)
def test_an_unresolvable_ref_gives_a_neutral_object_not_a_server_error():
    schema = {
        "type": "object",
        "properties": {"a": {"$ref": "https://example.com/elsewhere.json"}},
        "required": ["a"],
    }
    fmt = {"type": "json_schema", "json_schema": {"name": "thing", "schema": schema}}
    client = offline.openai_client()
    completion = client.chat.completions.create(
        model=MODEL, messages=ask(MARIA), response_format=fmt
    )
    assert set(json.loads(completion.choices[0].message.content)) == {"a"}


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


def test_a_streamed_responses_structured_reply_ends_with_the_parsed_object():
    client = offline.openai_client()
    with client.responses.stream(model=MODEL, input=TOM, text_format=Ticket) as stream:
        final = stream.get_final_response()
    assert final.output_parsed.customer_email == "tom@example.com"


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
