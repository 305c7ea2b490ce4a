"""Structured outputs offline: ``response_format`` / ``text.format`` JSON schemas answered
with an object that matches, which the SDKs parse into pydantic models (plain, streamed,
after a tool call); a fact the text never gives is left empty, and a backtracking pattern
or an unresolvable $ref neither stalls nor breaks the reply."""

from __future__ import annotations

import json
import multiprocessing
from collections.abc import Callable
from typing import Any

import pytest
from openai.types.chat import ChatCompletion
from openai.types.responses import Response
from structured_requests import MARIA, MODEL, OBJECT, Ticket, ask, strict_format

from fcplayground import offline

TOM = "The app crashes every time I open settings. Can someone look? -- tom@example.com"


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


def test_a_non_strict_schema_may_leave_fields_optional():
    client = offline.openai_client()
    fmt = {"type": "json_schema", "json_schema": {"name": "person", "schema": OBJECT}}
    completion = client.chat.completions.create(
        model=MODEL, messages=ask("My name is Maria Lopez."), response_format=fmt
    )
    assert isinstance(json.loads(completion.choices[0].message.content), dict)


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


def test_a_streamed_responses_structured_reply_ends_with_the_parsed_object():
    client = offline.openai_client()
    with client.responses.stream(model=MODEL, input=TOM, text_format=Ticket) as stream:
        final = stream.get_final_response()
    assert final.output_parsed.customer_email == "tom@example.com"
