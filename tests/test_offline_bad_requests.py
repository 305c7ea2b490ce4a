"""The checks the real APIs make, made by the offline clients: a tool result that answers no
call, a call left unanswered, a malformed or strict-breaking schema, a bad tool name,
tool_choice naming no tool or given without tools; each a 400 the SDK raises, in the
API's words."""

from __future__ import annotations

import anthropic
import openai
import pytest
from offline_weather import ASK, WEATHER_ANTHROPIC, WEATHER_OPENAI

from fcplayground import ScriptedModel, offline


def test_openai_tool_result_with_unknown_id_is_a_bad_request():
    client = offline.openai_client(ScriptedModel(["never"]), max_retries=0)
    messages = [*ASK, {"role": "tool", "tool_call_id": "call_nope", "content": "x"}]
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(model="m", messages=messages, tools=[WEATHER_OPENAI])
    assert "must be a response to a preceeding message with 'tool_calls'" in str(caught.value)
    assert caught.value.body["param"] == "messages.[1].role"


def test_openai_unanswered_tool_call_is_a_bad_request():
    client = offline.openai_client(max_retries=0)
    call = {
        "id": "call_1",
        "type": "function",
        "function": {"name": "get_weather", "arguments": "{}"},
    }
    messages = [*ASK, {"role": "assistant", "tool_calls": [call]}, {"role": "user", "content": "?"}]
    with pytest.raises(openai.BadRequestError, match="did not have response messages: call_1"):
        client.chat.completions.create(model="m", messages=messages, tools=[WEATHER_OPENAI])


def test_anthropic_tool_result_with_unknown_id_is_a_bad_request():
    client = offline.anthropic_client(max_retries=0)
    messages = [
        *ASK,
        {
            "role": "assistant",
            "content": [{"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {}}],
        },
        {
            "role": "user",
            "content": [{"type": "tool_result", "tool_use_id": "toolu_2", "content": "x"}],
        },
    ]
    with pytest.raises(anthropic.BadRequestError) as caught:
        client.messages.create(
            model="m", max_tokens=10, messages=messages, tools=[WEATHER_ANTHROPIC]
        )
    assert "messages.2.content.0: unexpected `tool_use_id`" in str(caught.value)
    assert caught.value.body["error"]["type"] == "invalid_request_error"


def test_anthropic_tool_use_answered_by_text_is_a_bad_request():
    # The real API's words when the next user message does not start with the results.
    client = offline.anthropic_client(max_retries=0)
    messages = [
        *ASK,
        {
            "role": "assistant",
            "content": [{"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {}}],
        },
        {"role": "user", "content": "and?"},
    ]
    with pytest.raises(anthropic.BadRequestError, match="Did not find 1 `tool_result` block"):
        client.messages.create(
            model="m", max_tokens=10, messages=messages, tools=[WEATHER_ANTHROPIC]
        )


def test_anthropic_tool_use_without_its_result_is_a_bad_request():
    client = offline.anthropic_client(max_retries=0)
    calls = [
        {"type": "tool_use", "id": f"toolu_{n}", "name": "get_weather", "input": {}} for n in (1, 2)
    ]
    answered = [{"type": "tool_result", "tool_use_id": "toolu_1", "content": "sunny"}]
    messages = [
        *ASK,
        {"role": "assistant", "content": calls},
        {"role": "user", "content": answered},
    ]
    with pytest.raises(anthropic.BadRequestError) as caught:
        client.messages.create(
            model="m", max_tokens=10, messages=messages, tools=[WEATHER_ANTHROPIC]
        )
    assert (
        "`tool_use` ids were found without `tool_result` blocks immediately after: toolu_2"
        in (caught.value.body["error"]["message"])
    )


def test_responses_output_with_unknown_call_id_is_a_bad_request():
    client = offline.openai_client(max_retries=0)
    items = [
        {"role": "user", "content": "hi"},
        {"type": "function_call_output", "call_id": "call_9", "output": "x"},
    ]
    with pytest.raises(
        openai.BadRequestError,
        match="No tool call found for function call output with call_id call_9",
    ):
        client.responses.create(model="m", input=items)


def test_malformed_tool_schema_is_a_bad_request():
    bad = {"type": "function", "function": {"name": "f", "parameters": {"type": "string"}}}
    with pytest.raises(openai.BadRequestError, match="Invalid schema for function 'f'"):
        offline.openai_client(max_retries=0).chat.completions.create(
            model="m", messages=ASK, tools=[bad]
        )
    broken = {
        "name": "f",
        "input_schema": {"type": "object", "properties": {"x": {"type": "strin"}}},
    }
    with pytest.raises(anthropic.BadRequestError, match="input_schema: JSON schema is invalid"):
        offline.anthropic_client(max_retries=0).messages.create(
            model="m", max_tokens=10, messages=ASK, tools=[broken]
        )


def test_invalid_tool_name_is_a_bad_request():
    bad = {
        "type": "function",
        "function": {"name": "get weather", "parameters": {"type": "object"}},
    }
    with pytest.raises(openai.BadRequestError, match="does not match pattern"):
        offline.openai_client(max_retries=0).chat.completions.create(
            model="m", messages=ASK, tools=[bad]
        )


def test_a_tool_name_with_a_trailing_newline_is_a_bad_request():
    bad = {
        "type": "function",
        "function": {"name": "get_weather\n", "parameters": {"type": "object"}},
    }
    with pytest.raises(openai.BadRequestError, match="does not match pattern"):
        offline.openai_client(max_retries=0).chat.completions.create(
            model="m", messages=ASK, tools=[bad]
        )
    anthropic_bad = {"name": "get_weather\n", "input_schema": {"type": "object"}}
    with pytest.raises(anthropic.BadRequestError):
        offline.anthropic_client(max_retries=0).messages.create(
            model="m", max_tokens=64, messages=ASK, tools=[anthropic_bad]
        )


def test_strict_schema_that_breaks_strict_rules_is_a_bad_request():
    tool = {
        "type": "function",
        "function": {**WEATHER_OPENAI["function"], "strict": True},
    }
    with pytest.raises(openai.BadRequestError, match="'additionalProperties' is required"):
        offline.openai_client(max_retries=0).chat.completions.create(
            model="m", messages=ASK, tools=[tool]
        )


def test_tool_choice_naming_an_unknown_tool_is_a_bad_request():
    choice = {"type": "function", "function": {"name": "get_wether"}}
    with pytest.raises(openai.BadRequestError, match="get_wether"):
        offline.openai_client(max_retries=0).chat.completions.create(
            model="m", messages=ASK, tools=[WEATHER_OPENAI], tool_choice=choice
        )
    with pytest.raises(anthropic.BadRequestError, match="get_wether"):
        offline.anthropic_client(max_retries=0).messages.create(
            model="m",
            max_tokens=10,
            messages=ASK,
            tools=[WEATHER_ANTHROPIC],
            tool_choice={"type": "tool", "name": "get_wether"},
        )


def test_tool_choice_without_tools_is_a_bad_request():
    with pytest.raises(openai.BadRequestError, match="only allowed when 'tools' are specified"):
        offline.openai_client(max_retries=0).chat.completions.create(
            model="m", messages=ASK, tool_choice="required"
        )
