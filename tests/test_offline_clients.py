"""The offline clients: real SDK objects answered in-process (Chat Completions, Responses and
Messages, sync and async), the model seeing the request as sent, the same answer with ids
of its own, and no real key sent or kept."""

from __future__ import annotations

import json

import anthropic
import openai
from id_masks import without_ids
from offline_weather import ASK, WEATHER_ANTHROPIC, WEATHER_OPENAI

from fcplayground import PlainTextModel, ScriptedModel, offline


def test_default_model_is_the_simulated_model_and_decides_by_itself():
    client = offline.openai_client()
    reply = client.chat.completions.create(model="m", messages=ASK, tools=[WEATHER_OPENAI])
    call = reply.choices[0].message.tool_calls[0]
    assert (call.function.name, json.loads(call.function.arguments)) == (
        "get_weather",
        {"city": "Paris"},
    )


def test_plain_text_model_answers_in_words_and_calls_nothing():
    client = offline.openai_client(PlainTextModel())
    reply = client.chat.completions.create(model="m", messages=ASK, tools=[WEATHER_OPENAI])
    assert reply.choices[0].message.tool_calls is None
    assert reply.choices[0].finish_reason == "stop"
    assert "Weather in Paris?" in reply.choices[0].message.content
    assert "get_weather" in reply.choices[0].message.content


def test_openai_client_returns_a_tool_call_with_json_string_arguments():
    client = offline.openai_client(ScriptedModel([("get_weather", {"city": "Paris"})]))
    reply = client.chat.completions.create(model="m", messages=ASK, tools=[WEATHER_OPENAI])
    call = reply.choices[0].message.tool_calls[0]
    assert isinstance(reply, openai.types.chat.ChatCompletion)
    assert call.function.name == "get_weather"
    assert json.loads(call.function.arguments) == {"city": "Paris"}
    assert call.id.startswith("call_")
    assert reply.choices[0].finish_reason == "tool_calls"


def test_anthropic_client_returns_tool_use_with_object_input():
    client = offline.anthropic_client(ScriptedModel([("get_weather", {"city": "Paris"})]))
    reply = client.messages.create(
        model="m", max_tokens=100, messages=ASK, tools=[WEATHER_ANTHROPIC]
    )
    block = reply.content[0]
    assert isinstance(reply, anthropic.types.Message)
    assert (block.type, block.name, block.input) == ("tool_use", "get_weather", {"city": "Paris"})
    assert block.id.startswith("toolu_")
    assert reply.stop_reason == "tool_use"


def test_responses_api_returns_function_call_items():
    client = offline.openai_client(ScriptedModel([("get_weather", {"city": "Paris"})]))
    reply = client.responses.create(
        model="m",
        input="Weather in Paris?",
        tools=[{"type": "function", **WEATHER_OPENAI["function"]}],
    )
    item = reply.output[0]
    assert (item.type, item.name, json.loads(item.arguments)) == (
        "function_call",
        "get_weather",
        {"city": "Paris"},
    )


def test_model_sees_the_request_as_sent():
    model = ScriptedModel(["hello"])
    client = offline.anthropic_client(model)
    client.messages.create(
        model="m",
        max_tokens=10,
        system="Be brief.",
        messages=ASK,
        tools=[WEATHER_ANTHROPIC],
        tool_choice={"type": "any", "disable_parallel_tool_use": True},
    )
    request = model.requests[0]
    assert request.system == "Be brief."
    assert request.messages[0].content == "Weather in Paris?"
    assert [t.name for t in request.tools] == ["get_weather"]
    assert request.tool_choice == "required"
    assert request.parallel_tool_calls is False


def test_the_same_request_gets_the_same_answer_with_ids_of_its_own():
    def reply():
        client = offline.openai_client(ScriptedModel([("get_weather", {"city": "Paris"})]))
        return client.chat.completions.create(model="m", messages=ASK, tools=[WEATHER_OPENAI])

    first, second = reply().model_dump(), reply().model_dump()
    assert first["id"] != second["id"]
    assert without_ids(first) == without_ids(second)


def test_round_trip_with_tool_result_reaches_the_model():
    model = ScriptedModel([("get_weather", {"city": "Paris"}), "Sunny in Paris."])
    client = offline.openai_client(model)
    first = client.chat.completions.create(model="m", messages=ASK, tools=[WEATHER_OPENAI])
    call = first.choices[0].message.tool_calls[0]
    messages = [
        *ASK,
        first.choices[0].message.model_dump(exclude_none=True),
        {"role": "tool", "tool_call_id": call.id, "content": '{"sky": "sunny"}'},
    ]
    second = client.chat.completions.create(model="m", messages=messages, tools=[WEATHER_OPENAI])
    assert second.choices[0].message.content == "Sunny in Paris."
    result = model.requests[1].messages[-1].tool_results[0]
    assert (result.call_id, result.name, result.content) == (
        call.id,
        "get_weather",
        '{"sky": "sunny"}',
    )


def test_offline_clients_never_send_the_real_key(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-canary-0123456789abcdefghij")
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-canary-0123456789abcdefghij")
    assert "canary" not in offline.openai_client().api_key
    assert "canary" not in offline.anthropic_client().api_key


def test_async_clients_answer_too():
    import asyncio

    async def main():
        oa = offline.async_openai_client(ScriptedModel([("get_weather", {"city": "Oslo"})]))
        an = offline.async_anthropic_client(ScriptedModel(["Hi."]))
        r1 = await oa.chat.completions.create(model="m", messages=ASK, tools=[WEATHER_OPENAI])
        r2 = await an.messages.create(model="m", max_tokens=10, messages=ASK)
        return r1, r2

    r1, r2 = asyncio.run(main())
    assert json.loads(r1.choices[0].message.tool_calls[0].function.arguments) == {"city": "Oslo"}
    assert r2.content[0].text == "Hi."


def test_the_handler_keeps_no_key_from_the_request_headers():
    from fcplayground.offline.handler import _readable

    kept = _readable({"Authorization": "Bearer sk-x", "X-Api-Key": "k", "Anthropic-Beta": "b"})
    assert kept == {"anthropic-beta": "b"}
