"""tool_choice on both APIs (auto, required/any, a named tool, none) and structured
extraction through a forced tool, offline."""

from __future__ import annotations

import json
from typing import Any

import pytest

from fcplayground import offline
from fcplayground.models.simulated.forcing import guess, neutral_object

TICKET = {
    "type": "object",
    "properties": {
        "customer_email": {"type": "string", "description": "The customer's email address."},
        "order_id": {"type": "string", "description": "The order number, e.g. ORD-1042."},
        "category": {
            "type": "string",
            "enum": ["billing", "shipping", "technical", "other"],
            "description": "'shipping' for delivery or broken parcels, 'technical' for crashes.",
        },
    },
    "required": ["customer_email", "order_id", "category"],
}
WEATHER = {
    "type": "object",
    "properties": {"city": {"type": "string", "description": "The city, e.g. Paris."}},
    "required": ["city"],
}
TOOLS = {
    "record_ticket": ("Records a support ticket read from a customer's message.", TICKET),
    "get_weather": ("Gets the current weather for a city.", WEATHER),
}
ASK = "What's the weather in Paris?"
HELLO = "Hello there!"


def anthropic_tools() -> list[dict[str, Any]]:
    return [{"name": n, "description": d, "input_schema": s} for n, (d, s) in TOOLS.items()]


def openai_tools() -> list[dict[str, Any]]:
    return [
        {"type": "function", "function": {"name": n, "description": d, "parameters": s}}
        for n, (d, s) in TOOLS.items()
    ]


def anthropic_calls(text: str, choice: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    message = offline.anthropic_client().messages.create(
        model="claude-sonnet-4-5",
        max_tokens=300,
        tools=anthropic_tools(),
        tool_choice=choice,
        messages=[{"role": "user", "content": text}],
    )
    return [(b.name, b.input) for b in message.content if b.type == "tool_use"]


def chat_calls(text: str, choice: Any) -> list[tuple[str, str]]:
    completion = offline.openai_client().chat.completions.create(
        model="gpt-4o-mini",
        tools=openai_tools(),
        tool_choice=choice,
        messages=[{"role": "user", "content": text}],
    )
    calls = completion.choices[0].message.tool_calls or []
    return [(c.function.name, c.function.arguments) for c in calls]


def responses_calls(text: str, choice: Any) -> list[tuple[str, str]]:
    tools = [
        {"type": "function", "name": n, "description": d, "parameters": s}
        for n, (d, s) in TOOLS.items()
    ]
    response = offline.openai_client().responses.create(
        model="gpt-4o-mini", tools=tools, tool_choice=choice, input=text
    )
    return [(item.name, item.arguments) for item in response.output if item.type == "function_call"]


ANTHROPIC = {
    "auto": {"type": "auto"},
    "required": {"type": "any"},
    "named": {"type": "tool", "name": "record_ticket"},
    "none": {"type": "none"},
}
OPENAI = {
    "auto": "auto",
    "required": "required",
    "named": {"type": "function", "function": {"name": "record_ticket"}},
    "none": "none",
}


RESPONSES = {**OPENAI, "named": {"type": "function", "name": "record_ticket"}}


@pytest.mark.parametrize(
    "calls, choices",
    [(anthropic_calls, ANTHROPIC), (chat_calls, OPENAI), (responses_calls, RESPONSES)],
    ids=["anthropic", "chat", "responses"],
)
def test_each_tool_choice_does_what_it_says_on_both_apis(calls, choices):
    assert [name for name, _ in calls(ASK, choices["auto"])] == ["get_weather"]
    assert calls(HELLO, choices["auto"]) == []  # auto: no tool fits small talk
    assert len(calls(HELLO, choices["required"])) == 1  # required/any: a call, whatever
    assert [name for name, _ in calls(ASK, choices["named"])] == ["record_ticket"]
    assert calls(ASK, choices["none"]) == []


def test_a_forced_extraction_tool_is_filled_from_the_text():
    text = "Hi, Maria here (maria@example.org): order ORD-2231 arrived broken."
    [(name, arguments)] = anthropic_calls(text, ANTHROPIC["named"])
    assert name == "record_ticket"
    assert arguments == {
        "customer_email": "maria@example.org",
        "order_id": "ORD-2231",
        "category": "shipping",
    }


def test_a_forced_call_leaves_an_unstated_id_empty_instead_of_pasting_the_request():
    text = "The app crashes every time I open settings. -- tom@example.com"
    [(_, arguments)] = anthropic_calls(text, ANTHROPIC["named"])
    assert arguments["order_id"] == ""
    assert arguments["category"] == "technical"
    assert list(arguments) == ["customer_email", "order_id", "category"]  # the schema's order


def test_a_forced_call_picks_the_neutral_option_when_the_text_names_none():
    [(_, arguments)] = anthropic_calls("Please help, tom@example.com", ANTHROPIC["named"])
    assert arguments["category"] == "other"


def test_neutral_values_follow_the_schema_types():
    schema = {
        "type": "object",
        "properties": {
            "phone": {"type": ["string", "null"], "description": "A phone number."},
            "count": {"type": "integer"},
            "tags": {"type": "array", "items": {"type": "string"}},
            "ok": {"type": "boolean"},
            "address": {
                "type": "object",
                "properties": {"city": {"type": "string", "description": "The city."}},
                "required": ["city"],
            },
        },
        "required": ["phone", "count", "tags", "ok", "address"],
    }
    assert neutral_object("t", schema, "some text") == {
        "phone": None,
        "count": 0,
        "tags": [],
        "ok": False,
        "address": {"city": ""},
    }


def test_a_free_text_field_guess_is_the_request_cut_short():
    value = guess("search_docs", "query", {"type": "string"}, "x" * 500)
    assert value == "x" * 80


def test_a_recursive_schema_gets_a_bounded_neutral_value():
    node: dict[str, Any] = {"type": "object", "properties": {}, "required": ["child"]}
    node["properties"]["child"] = node  # a schema that contains itself
    assert isinstance(neutral_object("t", node, ""), dict)


def test_a_strict_tools_nullable_field_the_text_lacks_is_null_instead_of_a_question():
    schema = {
        "type": "object",
        "properties": {
            "customer_email": {"type": ["string", "null"], "description": "The email address."},
            "order_id": {
                "type": ["string", "null"],
                "description": "The order number, e.g. ORD-1042.",
            },
        },
        "required": ["customer_email", "order_id"],
        "additionalProperties": False,
    }
    tool = {
        "type": "function",
        "function": {
            "name": "record_ticket",
            "description": "Records a support ticket read from a customer's message.",
            "strict": True,
            "parameters": schema,
        },
    }
    completion = offline.openai_client().chat.completions.create(
        model="gpt-4o-mini",
        tools=[tool],
        messages=[{"role": "user", "content": "Record a ticket: the app crashes. tom@example.com"}],
    )
    [call] = completion.choices[0].message.tool_calls
    assert json.loads(call.function.arguments) == {
        "customer_email": "tom@example.com",
        "order_id": None,
    }
