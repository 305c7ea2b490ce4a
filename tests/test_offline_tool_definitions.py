"""Hostile tool definitions offline, through the real SDK clients: the Messages API refuses
two tools of one name and a field a custom tool does not take, in its own words, and takes
every field its SDK's tool types name; Chat Completions takes two functions of one name,
as the real API does."""

from __future__ import annotations

import anthropic
import pytest
from anthropic.types.beta.beta_tool_param import BetaToolParam
from anthropic.types.tool_param import ToolParam

from fcplayground import offline

SCHEMA = {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
ASK = [{"role": "user", "content": "What is the weather in Paris?"}]
WEATHER = {"name": "get_weather", "description": "The weather in a city.", "input_schema": SCHEMA}
TIME = {
    "name": "get_time",
    "description": "The local time in a city.",
    "input_schema": SCHEMA,
}
# A custom tool with every field the SDK's tool types name, each given a value the API takes.
EVERY_FIELD = WEATHER | {
    "type": "custom",
    "cache_control": {"type": "ephemeral"},
    "defer_loading": False,
    "strict": True,
    "input_examples": [{"city": "Paris"}],
    "allowed_callers": ["direct"],
    "eager_input_streaming": True,
}


def refusal(tools: list[dict]) -> str:
    """The message of the 400 a Messages request with ``tools`` gets, in Anthropic's shape."""
    client = offline.anthropic_client()
    with pytest.raises(anthropic.BadRequestError) as caught:
        client.messages.create(model="claude-x", max_tokens=200, messages=ASK, tools=tools)
    assert caught.value.status_code == 400
    assert caught.value.body["type"] == "error"
    assert caught.value.body["error"]["type"] == "invalid_request_error"
    return caught.value.body["error"]["message"]


@pytest.mark.fault(
    "offline requests",
    "two Anthropic tools with the same name",
    'HTTP 400 "tools: Tool names must be unique.", as the Messages API answers',
)
def test_two_messages_tools_with_one_name_are_the_apis_400():
    assert refusal([WEATHER, TIME, WEATHER]) == "tools: Tool names must be unique."


def test_a_tool_sharing_its_name_with_a_server_tool_is_the_same_400():
    search = {"name": "web_search", "description": "Searches.", "input_schema": SCHEMA}
    server = {"type": "web_search_20250305", "name": "web_search"}
    assert refusal([search, server]) == "tools: Tool names must be unique."


def test_tools_of_different_names_are_answered():
    client = offline.anthropic_client()
    reply = client.messages.create(
        model="claude-x", max_tokens=200, messages=ASK, tools=[WEATHER, TIME]
    )
    assert reply.stop_reason == "tool_use"
    assert reply.content[-1].name == "get_weather"


@pytest.mark.fault(
    "offline requests",
    'a field an Anthropic custom tool does not take (`{"name": ..., "foo": 1}`)',
    'HTTP 400 "tools.0.custom.foo: Extra inputs are not permitted", naming the tool and field',
)
def test_a_field_a_custom_tool_does_not_take_is_the_apis_400_naming_tool_and_field():
    assert refusal([WEATHER | {"foo": 1}]) == "tools.0.custom.foo: Extra inputs are not permitted"
    message = refusal([TIME, WEATHER | {"type": "custom", "parameters": SCHEMA}])
    assert message == "tools.1.custom.parameters: Extra inputs are not permitted"


def test_a_caller_the_api_does_not_know_is_refused_by_value():
    message = refusal([WEATHER | {"allowed_callers": ["anyone"]}])
    assert message.startswith("tools.0.custom.allowed_callers.0: Input should be 'direct'")


def test_the_sdks_tool_types_name_no_field_the_full_tool_leaves_out():
    named = set(ToolParam.__annotations__) | set(BetaToolParam.__annotations__)
    assert named == set(EVERY_FIELD)


def test_a_custom_tool_with_every_field_the_sdk_names_is_answered():
    client = offline.anthropic_client()
    for create in (client.messages.create, client.beta.messages.create):
        reply = create(model="claude-x", max_tokens=200, messages=ASK, tools=[EVERY_FIELD])
        assert reply.stop_reason == "tool_use"
        assert reply.content[-1].input == {"city": "Paris"}


def test_the_optional_fields_the_sdk_lets_be_null_may_be_null():
    client = offline.anthropic_client()
    nulls = WEATHER | {"type": None, "cache_control": None, "eager_input_streaming": None}
    reply = client.messages.create(model="claude-x", max_tokens=200, messages=ASK, tools=[nulls])
    assert reply.stop_reason == "tool_use"


def test_chat_completions_takes_two_functions_of_one_name_as_the_real_api_does():
    function = {"name": "get_weather", "description": "The weather.", "parameters": SCHEMA}
    tools = [{"type": "function", "function": function}] * 2
    client = offline.openai_client()
    reply = client.chat.completions.create(model="gpt-x", messages=ASK, tools=tools)
    assert reply.choices[0].finish_reason == "tool_calls"
    assert reply.choices[0].message.tool_calls[0].function.name == "get_weather"
