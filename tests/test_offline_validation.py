"""Offline request validation: every field is checked against the provider's schema, and
whatever is wrong comes back as the provider's own 400, never a 500 or a 200."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
import recorded
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fcplayground import PlainTextModel, offline

USER = [{"role": "user", "content": "Weather in Paris?"}]
SCHEMA = {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
CHAT = {
    "model": "m",
    "messages": USER,
    "tools": [{"type": "function", "function": {"name": "get_weather", "parameters": SCHEMA}}],
}
RESPONSES = {
    "model": "m",
    "input": USER,
    "tools": [{"type": "function", "name": "get_weather", "parameters": SCHEMA}],
}
MESSAGES = {
    "model": "m",
    "max_tokens": 100,
    "messages": USER,
    "tools": [{"name": "get_weather", "input_schema": SCHEMA}],
}
PATHS = {"chat": "/v1/chat/completions", "responses": "/v1/responses", "anthropic": "/v1/messages"}


def post(api: str, body: Any) -> offline.Reply:
    raw = body if type(body) is bytes else json.dumps(body).encode()
    return offline.handle(PlainTextModel(), "POST", PATHS[api], raw)


def with_(base: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {**copy.deepcopy(base), **fields}


def tools_of(n: int, name: str = "t") -> list[dict[str, Any]]:
    return [{"type": "function", "function": {"name": f"{name}{i}"}} for i in range(n)]


# -- Chat Completions: (body, param, words the message must hold) ------------------------

CHAT_BAD = [
    (with_(CHAT, messages="hi"), "messages", "Invalid type for 'messages': expected an array"),
    (with_(CHAT, messages=[]), "messages", "Invalid 'messages': empty array"),
    (with_(CHAT, messages=["hi"]), "messages[0]", "expected an object, but got a string"),
    (
        with_(CHAT, messages=[{"content": "hi"}]),
        "messages[0].role",
        "Missing required parameter: 'messages[0].role'.",
    ),
    (
        with_(CHAT, messages=[{"role": "robot", "content": "hi"}]),
        "messages[0].role",
        "Invalid value: 'robot'. Supported values are: 'system', 'assistant', 'user'",
    ),
    (with_(CHAT, messages=[{"role": "user"}]), "messages[0].content", "Missing required"),
    (
        with_(CHAT, messages=[{"role": "user", "content": 5}]),
        "messages[0].content",
        "expected one of a string or an array, but got an integer instead",
    ),
    (
        with_(CHAT, messages=[{"role": "tool", "content": "x"}]),
        "messages[0].tool_call_id",
        "Missing required parameter",
    ),
    (
        with_(CHAT, messages=[{"role": "assistant", "tool_calls": [{"type": "function"}]}]),
        "messages[0].tool_calls[0].id",
        "Missing required parameter",
    ),
    (with_(CHAT, model=5), "model", "expected a string, but got an integer"),
    (with_(CHAT, tools={}), "tools", "Invalid type for 'tools': expected an array"),
    (with_(CHAT, tools=["get_weather"]), "tools[0]", "expected an object"),
    (with_(CHAT, tools=[{"function": {"name": "f"}}]), "tools[0].type", "Missing required"),
    (with_(CHAT, tools=[{"type": "function"}]), "tools[0].function", "Missing required"),
    (
        with_(CHAT, tools=[{"type": "function", "function": {"name": "f", "parameters": "x"}}]),
        "tools[0].function.parameters",
        "expected an object, but got a string",
    ),
    (with_(CHAT, tool_choice=5), "tool_choice", "expected one of a string or an object"),
    (with_(CHAT, tool_choice="sometimes"), "tool_choice", "Invalid value: 'sometimes'"),
    (
        with_(CHAT, max_tokens=-5),
        "max_tokens",
        "integer below minimum value. Expected a value >= 1",
    ),
    (with_(CHAT, max_tokens="10"), "max_tokens", "expected an integer, but got a string"),
    (with_(CHAT, max_completion_tokens=0), "max_completion_tokens", "below minimum value"),
    (with_(CHAT, stream="false"), "stream", "expected a boolean, but got a string"),
    (with_(CHAT, stream=1), "stream", "expected a boolean, but got an integer"),
    (
        with_(CHAT, temperature=3),
        "temperature",
        "decimal above maximum value. Expected a value <= 2",
    ),
    (with_(CHAT, temperature="hot"), "temperature", "expected a decimal, but got a string"),
    (with_(CHAT, top_p=-1), "top_p", "decimal below minimum value"),
    (with_(CHAT, n=0), "n", "integer below minimum value"),
    (with_(CHAT, parallel_tool_calls="yes"), "parallel_tool_calls", "expected a boolean"),
    (with_(CHAT, stop=["a", "b", "c", "d", "e"]), "stop", "array too long"),
    (with_(CHAT, seed=1.5), "seed", "expected an integer, but got a decimal"),
    (with_(CHAT, stream_options=[]), "stream_options", "expected an object, but got an array"),
]


@pytest.mark.fault(
    "offline requests",
    "a Chat Completions field of the wrong type, out of range, or missing",
    "HTTP 400 in OpenAI's shape naming the field in `param` (e.g. `messages[0].role`), "
    "with `x-should-retry: false`",
)
@pytest.mark.parametrize(("body", "param", "words"), CHAT_BAD)
def test_a_wrongly_typed_chat_field_is_an_openai_400_naming_the_param(body, param, words):
    reply = post("chat", body)
    assert reply.status == 400
    error = reply.json["error"]
    assert error["type"] == "invalid_request_error"
    assert error["param"] == param
    assert words in error["message"]
    assert error["code"]
    assert reply.headers["x-request-id"]
    assert reply.headers["x-should-retry"] == "false"


@pytest.mark.fault(
    "offline requests",
    'a parameter the endpoint does not take (`{"colour": 1}`)',
    'HTTP 400 naming it, as the real APIs do: Chat "Unrecognized request argument supplied", '
    'Responses "Unknown parameter", Anthropic "Extra inputs are not permitted"',
)
def test_an_unknown_top_level_parameter_is_refused_in_each_providers_words():
    chat = post("chat", with_(CHAT, colour=1))
    assert chat.json["error"]["message"] == "Unrecognized request argument supplied: colour"
    responses = post("responses", with_(RESPONSES, colour=1))
    assert responses.json["error"]["message"] == "Unknown parameter: 'colour'."
    assert responses.json["error"]["param"] == "colour"
    messages = post("anthropic", with_(MESSAGES, colour=1))
    assert messages.json["error"]["message"] == "colour: Extra inputs are not permitted"
    assert [chat.status, responses.status, messages.status] == [400, 400, 400]


def test_every_parameter_the_sdks_can_send_is_accepted_by_name():
    # Unmodelled SDK parameters pass: a newer SDK's fields must not be refused offline.
    assert post("chat", with_(CHAT, prompt_cache_key="k", verbosity="low")).status == 200
    assert post("responses", with_(RESPONSES, truncation="auto", store=False)).status == 200
    assert post("anthropic", with_(MESSAGES, temperature=0.5, top_k=5)).status == 200


# -- Responses --------------------------------------------------------------------------

RESPONSES_BAD = [
    (with_(RESPONSES, input=5), "input", "expected one of a string or an array"),
    (with_(RESPONSES, input=[5]), "input[0]", "expected an object, but got an integer"),
    (with_(RESPONSES, input=[{"role": "user"}]), "input[0].content", "Missing required"),
    (
        with_(RESPONSES, input=[{"role": "robot", "content": "x"}]),
        "input[0].role",
        "Invalid value: 'robot'",
    ),
    (
        with_(RESPONSES, input=[{"type": "function_call", "call_id": "c", "arguments": "{}"}]),
        "input[0].name",
        "Missing required",
    ),
    (
        with_(RESPONSES, input=[{"type": "function_call_output", "call_id": "c", "output": 3}]),
        "input[0].output",
        "expected one of a string or an array",
    ),
    (with_(RESPONSES, instructions=["be brief"]), "instructions", "expected a string"),
    (with_(RESPONSES, tools="get_weather"), "tools", "expected an array"),
    (with_(RESPONSES, tools=[{"type": "function"}]), "tools[0].name", "Missing required"),
    (with_(RESPONSES, tool_choice={"type": "function"}), "tool_choice.name", "Missing required"),
    (with_(RESPONSES, max_output_tokens=-1), "max_output_tokens", "Expected a value >= 16"),
    (with_(RESPONSES, stream="true"), "stream", "expected a boolean"),
    (with_(RESPONSES, temperature=[1]), "temperature", "expected a decimal, but got an array"),
    (with_(RESPONSES, model=None), "model", "expected a string, but got null"),
]


@pytest.mark.fault(
    "offline requests",
    "a Responses field of the wrong type, out of range, or missing",
    "HTTP 400 in OpenAI's shape naming the field in `param` (e.g. `input[0].content`), "
    "with `x-should-retry: false`",
)
@pytest.mark.parametrize(("body", "param", "words"), RESPONSES_BAD)
def test_a_wrongly_typed_responses_field_is_an_openai_400_naming_the_param(body, param, words):
    reply = post("responses", body)
    assert reply.status == 400
    error = reply.json["error"]
    assert (error["type"], error["param"]) == ("invalid_request_error", param)
    assert words in error["message"]
    assert reply.headers["x-request-id"]
    assert reply.headers["x-should-retry"] == "false"


# -- Anthropic Messages: (body, the whole message) ---------------------------------------

MESSAGES_BAD = [
    (with_(MESSAGES, messages="hi"), "messages: Input should be a valid list"),
    (with_(MESSAGES, messages=[{"content": "hi"}]), "messages.0.role: Field required"),
    (with_(MESSAGES, messages=[{"role": "user"}]), "messages.0.content: Field required"),
    (
        with_(MESSAGES, messages=[{"role": "system", "content": "x"}]),
        "messages.0.role: Input should be 'user' or 'assistant'",
    ),
    (
        with_(MESSAGES, messages=[{"role": "user", "content": 5}]),
        "messages.0.content: Input should be a valid string or a valid list",
    ),
    (
        with_(MESSAGES, messages=[{"role": "user", "content": [{"type": "text"}]}]),
        "messages.0.content.0.text.text: Field required",
    ),
    (
        with_(MESSAGES, messages=[{"role": "user", "content": [{"text": "hi"}]}]),
        "messages.0.content.0: Unable to extract tag using discriminator 'type'",
    ),
    (with_(MESSAGES, max_tokens=-5), "max_tokens: Input should be greater than or equal to 1"),
    (with_(MESSAGES, max_tokens="100"), "max_tokens: Input should be a valid integer"),
    (with_(MESSAGES, model=["m"]), "model: Input should be a valid string"),
    (with_(MESSAGES, stream="false"), "stream: Input should be a valid boolean"),
    (with_(MESSAGES, temperature=1.5), "temperature: Input should be less than or equal to 1"),
    (with_(MESSAGES, system=5), "system: Input should be a valid string or a valid list"),
    (with_(MESSAGES, tools={}), "tools: Input should be a valid list"),
    (with_(MESSAGES, tools=[{"name": "f"}]), "tools.0.custom.input_schema: Field required"),
    (
        with_(MESSAGES, tools=[{"name": "f", "input_schema": "x"}]),
        "tools.0.custom.input_schema: Input should be a valid dictionary",
    ),
    (with_(MESSAGES, tool_choice="auto"), "tool_choice: Input should be a valid dictionary"),
    (
        with_(MESSAGES, tool_choice={"type": "tool"}),
        "tool_choice.tool.name: Field required",
    ),
    (with_(MESSAGES, stop_sequences="END"), "stop_sequences: Input should be a valid list"),
    (with_(MESSAGES, metadata={"user_id": 5}), "metadata.user_id: Input should be a valid string"),
]
MISSING = [
    ({k: v for k, v in MESSAGES.items() if k != field}, f"{field}: Field required")
    for field in ("model", "max_tokens", "messages")
]


@pytest.mark.fault(
    "offline requests",
    "an Anthropic Messages field of the wrong type, out of range, or missing",
    "HTTP 400 in Anthropic's shape, `messages.0.role: Field required`, with a `request_id` "
    "and `x-should-retry: false`",
)
@pytest.mark.parametrize(("body", "message"), MESSAGES_BAD + MISSING)
def test_a_wrongly_typed_messages_field_is_an_anthropic_400_in_its_words(body, message):
    reply = post("anthropic", body)
    assert reply.status == 400
    assert reply.json["type"] == "error"
    assert reply.json["error"] == {"type": "invalid_request_error", "message": message}
    assert reply.json["request_id"] == reply.headers["request-id"]
    assert reply.headers["x-should-retry"] == "false"


def test_every_recorded_real_request_passes_validation():
    for interaction in recorded.all_interactions():
        reply = post(interaction.api, interaction.request_body)
        assert reply.status != 400, (interaction.id, reply.json)


# -- the providers' limits ----------------------------------------------------------------


@pytest.mark.fault(
    "offline requests",
    "more than 128 tools in one OpenAI request",
    "HTTP 400 \"Invalid 'tools': array too long. Expected an array with maximum length 128\"",
)
def test_more_than_128_openai_tools_is_the_providers_400():
    chat = post("chat", with_(CHAT, tools=tools_of(129)))
    assert chat.status == 400
    assert chat.json["error"]["message"] == (
        "Invalid 'tools': array too long. Expected an array with maximum length 128, "
        "but got an array with length 129 instead."
    )
    assert chat.json["error"]["code"] == "array_above_max_length"
    flat = [{"type": "function", "name": f"t{i}"} for i in range(129)]
    assert post("responses", with_(RESPONSES, tools=flat)).status == 400
    assert post("chat", with_(CHAT, tools=tools_of(128))).status == 200


@pytest.mark.fault(
    "offline requests",
    "a tool name longer than the provider allows (OpenAI 64, Anthropic 128 characters)",
    'HTTP 400 "string too long. Expected a string with maximum length 64" (OpenAI) or '
    "\"String should match pattern '^[a-zA-Z0-9_-]{1,128}$'\" (Anthropic)",
)
def test_a_tool_name_past_the_providers_length_is_a_400():
    chat = post("chat", with_(CHAT, tools=tools_of(1, "n" * 64)))
    assert chat.json["error"]["param"] == "tools[0].function.name"
    assert (
        "string too long. Expected a string with maximum length 64, but got a string "
        + ("with length 65 instead.")
        in chat.json["error"]["message"]
    )
    long = with_(MESSAGES, tools=[{"name": "n" * 129, "input_schema": SCHEMA}])
    assert post("anthropic", long).json["error"]["message"] == (
        "tools.0.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'"
    )
    at_limit = with_(MESSAGES, tools=[{"name": "n" * 128, "input_schema": SCHEMA}])
    assert post("anthropic", at_limit).status == 200
    assert post("chat", with_(CHAT, tools=tools_of(1, "n" * 63))).status == 200
    empty = post("chat", with_(CHAT, tools=[{"type": "function", "function": {"name": ""}}]))
    assert "empty string" in empty.json["error"]["message"]


# -- random values in every field ---------------------------------------------------------

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
# Where a random value goes: a top-level field, or one inside a message or a tool.
SPOTS = {
    "chat": (CHAT, ["model", "messages", "tools", "tool_choice", "max_tokens", "stream",
                    "temperature", "stop", "n", "parallel_tool_calls", "functions",
                    "function_call", "stream_options", "response_format",
                    ("messages", 0), ("messages", 0, "role"), ("messages", 0, "content"),
                    ("tools", 0, "function"), ("tools", 0, "function", "name"),
                    ("tools", 0, "function", "parameters")]),
    "responses": (RESPONSES, ["model", "input", "instructions", "tools", "tool_choice",
                              "max_output_tokens", "stream", "reasoning", "text",
                              ("input", 0), ("input", 0, "content"), ("input", 0, "type"),
                              ("tools", 0), ("tools", 0, "parameters")]),
    "anthropic": (MESSAGES, ["model", "max_tokens", "messages", "system", "tools",
                             "tool_choice", "stream", "temperature", "stop_sequences",
                             "metadata", "thinking", ("messages", 0),
                             ("messages", 0, "content"), ("messages", 0, "role"),
                             ("tools", 0), ("tools", 0, "input_schema"), ("tools", 0, "type")]),
}  # fmt: skip


def placed(base: dict[str, Any], spot: str | tuple, value: Any) -> dict[str, Any]:
    body = copy.deepcopy(base)
    *parents, last = spot if type(spot) is tuple else (spot,)
    target = body
    for step in parents:
        target = target[step]
    target[last] = value
    return body


@pytest.mark.fault(
    "offline requests",
    "random JSON values (any type, nested) in any request field",
    "HTTP 200 or a 4xx naming the field; never a 500, never an exception in the client",
)
@pytest.mark.parametrize("api", list(SPOTS))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_value_in_any_field_gets_200_or_a_4xx_and_never_500(api, data):
    base, spots = SPOTS[api]
    spot = data.draw(st.sampled_from(spots))
    reply = post(api, placed(base, spot, data.draw(JSON)))
    assert reply.status == 200 or 400 <= reply.status < 500, reply.body[:500]
