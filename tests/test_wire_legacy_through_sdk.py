"""The legacy function-calling fields of Chat Completions (``functions``, ``function_call``,
assistant ``function_call`` messages and ``role: "function"`` results) through the real
openai SDK offline, answered by the default simulated model: calls, answers, forcing and
forbidding, streams, and a 400 for each malformed input."""

from __future__ import annotations

import json

import openai
import pytest
from legacy_functions import ASK, LOCAL_TIME, PARIS, WEATHER, body, function_result, legacy_call
from openai.types.chat import ChatCompletion

from fcplayground import offline


def test_legacy_functions_get_a_legacy_function_call_back_through_the_openai_sdk():
    client = offline.openai_client()
    reply = client.chat.completions.create(model="m", messages=ASK, functions=[WEATHER])
    choice = reply.choices[0]
    assert isinstance(reply, ChatCompletion)
    assert choice.finish_reason == "function_call"
    assert choice.message.tool_calls is None
    assert choice.message.function_call.name == "get_weather"
    assert json.loads(choice.message.function_call.arguments) == {"city": "Paris"}


def test_function_result_after_the_legacy_call_gets_a_text_answer():
    client = offline.openai_client()
    first = client.chat.completions.create(model="m", messages=ASK, functions=[WEATHER])
    # the SDK's own message object goes back, as old tutorials do
    follow_up = [*ASK, first.choices[0].message, function_result("get_weather", PARIS)]
    reply = client.chat.completions.create(model="m", messages=follow_up, functions=[WEATHER])
    choice = reply.choices[0]
    assert choice.finish_reason == "stop"
    assert choice.message.function_call is None
    assert "sunny" in choice.message.content


def test_hand_written_legacy_history_gets_a_text_answer():
    client = offline.openai_client()
    history = [*ASK, legacy_call("get_weather", '{"city": "Paris"}')]
    history.append(function_result("get_weather", PARIS))
    reply = client.chat.completions.create(model="m", messages=history, functions=[WEATHER])
    assert reply.choices[0].finish_reason == "stop"
    assert "22" in reply.choices[0].message.content


def test_function_call_with_a_name_forces_that_function():
    client = offline.openai_client()
    reply = client.chat.completions.create(
        model="m",
        messages=ASK,
        functions=[WEATHER, LOCAL_TIME],
        function_call={"name": "get_local_time"},
    )
    call = reply.choices[0].message.function_call
    assert reply.choices[0].finish_reason == "function_call"
    assert (call.name, json.loads(call.arguments)) == ("get_local_time", {"city": "Paris"})


def test_function_call_none_gives_text_and_no_call():
    client = offline.openai_client()
    reply = client.chat.completions.create(
        model="m", messages=ASK, functions=[WEATHER], function_call="none"
    )
    choice = reply.choices[0]
    assert choice.finish_reason == "stop"
    assert choice.message.function_call is None
    assert choice.message.tool_calls is None
    assert choice.message.content


def test_legacy_request_gets_one_call_even_when_two_would_fit():
    client = offline.openai_client()
    ask = [{"role": "user", "content": "What's the weather in Paris and in Rome?"}]
    reply = client.chat.completions.create(model="m", messages=ask, functions=[WEATHER])
    choice = reply.choices[0]
    assert choice.finish_reason == "function_call"
    assert choice.message.tool_calls is None
    assert choice.message.function_call.name == "get_weather"


def test_modern_tools_still_get_tool_calls():
    client = offline.openai_client()
    tool = {"type": "function", "function": WEATHER}
    reply = client.chat.completions.create(model="m", messages=ASK, tools=[tool])
    assert reply.choices[0].finish_reason == "tool_calls"
    assert reply.choices[0].message.function_call is None
    assert reply.choices[0].message.tool_calls[0].function.name == "get_weather"


def test_legacy_stream_sends_function_call_deltas_name_then_arguments():
    client = offline.openai_client()
    stream = client.chat.completions.create(
        model="m", messages=ASK, functions=[WEATHER], stream=True
    )
    chunks = [c for c in stream if c.choices]
    pieces = [c.choices[0].delta.function_call for c in chunks if c.choices[0].delta.function_call]
    assert all(c.choices[0].delta.tool_calls is None for c in chunks)
    assert pieces[0].name == "get_weather"
    assert all(p.name is None for p in pieces[1:])
    assert json.loads("".join(p.arguments for p in pieces)) == {"city": "Paris"}
    assert chunks[-1].choices[0].finish_reason == "function_call"


def test_legacy_stream_accumulates_in_the_sdk_stream_helper():
    client = offline.openai_client()
    with client.chat.completions.stream(model="m", messages=ASK, functions=[WEATHER]) as stream:
        final = stream.get_final_completion().choices[0]
    assert final.finish_reason == "function_call"
    assert final.message.function_call.name == "get_weather"
    assert json.loads(final.message.function_call.arguments) == {"city": "Paris"}


def sdk_error(**fields) -> openai.BadRequestError:
    client = offline.openai_client()
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(**body(**fields))
    assert caught.value.status_code == 400
    return caught.value


def test_functions_that_are_not_a_list_are_a_400_through_the_sdk():
    error = sdk_error(functions="get_weather")
    assert error.body["param"] == "functions"
    assert "expected an array, but got a string" in error.body["message"]
    assert "Pass a list of function objects" in error.body["message"]


def test_unknown_function_call_value_is_a_400_through_the_sdk():
    error = sdk_error(functions=[WEATHER], function_call="required")
    assert error.body["param"] == "function_call"
    assert "Supported values are 'none', 'auto'" in error.body["message"]


def test_arguments_that_are_not_json_are_a_400_through_the_sdk():
    history = [*ASK, legacy_call("get_weather", "{city: Paris}")]
    history.append(function_result("get_weather", PARIS))
    error = sdk_error(messages=history, functions=[WEATHER])
    assert error.body["param"] == "messages.[1].function_call.arguments"
    assert "is not valid JSON" in error.body["message"]


def test_function_message_with_no_call_is_a_400_through_the_sdk():
    error = sdk_error(messages=[*ASK, function_result("get_weather", PARIS)], functions=[WEATHER])
    assert error.body["param"] == "messages.[1].role"
    assert "no earlier assistant message has an unanswered 'function_call'" in error.body["message"]
