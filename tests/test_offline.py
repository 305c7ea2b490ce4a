"""The offline clients: real SDK objects, answered in-process, checked like the real APIs."""

from __future__ import annotations

import json

import anthropic
import openai
import pytest
from id_masks import without_ids

from fcplayground import PlainTextModel, ScriptedModel, offline
from fcplayground.chat import ModelTurn, Request

WEATHER_OPENAI = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Current weather for a city.",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
        },
    },
}
WEATHER_ANTHROPIC = {
    "name": "get_weather",
    "description": "Current weather for a city.",
    "input_schema": WEATHER_OPENAI["function"]["parameters"],
}
ASK = [{"role": "user", "content": "Weather in Paris?"}]


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


# -- the checks the real APIs make ----------------------------------------------------


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


def test_exhausted_script_is_a_server_error_that_is_not_retried():
    model = ScriptedModel(["only one"])
    client = offline.openai_client(model)  # retries on: the x-should-retry header stops them
    client.chat.completions.create(model="m", messages=ASK)
    with pytest.raises(openai.InternalServerError, match="no turn left"):
        client.chat.completions.create(model="m", messages=ASK)
    assert len(model.requests) == 2


def test_unknown_path_is_not_found():
    reply = offline.handle(ScriptedModel([]), "POST", "/v1/completions", b"{}")
    assert reply.status == 404
    assert "/v1/chat/completions" in reply.json["error"]["message"]


def test_body_that_is_not_json_is_a_bad_request():
    reply = offline.handle(ScriptedModel([]), "POST", "/v1/messages", b"{not json")
    assert reply.status == 400
    assert reply.json["type"] == "error"
    assert "not valid JSON" in reply.json["error"]["message"]


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


# -- faults the in-process clients must see clearly -----------------------------------


@pytest.mark.fault(
    "offline requests",
    "a malformed body sent through an in-process SDK client (`client.post`, `extra_body`)",
    "the SDK raises its own `BadRequestError` naming the field, at once (no retries, "
    'no `AttributeError`, no "Connection error.")',
)
def test_in_process_clients_raise_bad_request_for_a_malformed_body():
    chat = offline.openai_client()  # retries on: x-should-retry: false stops them
    with pytest.raises(openai.BadRequestError) as caught:
        chat.post(
            "/chat/completions",
            body={"model": "m", "messages": "hi"},
            cast_to=openai.types.chat.ChatCompletion,
        )
    assert caught.value.body["param"] == "messages"
    assert "expected an array, but got a string" in caught.value.message
    claude = offline.anthropic_client()
    with pytest.raises(anthropic.BadRequestError, match=r"messages\.0\.role: Field required"):
        claude.messages.create(
            model="m", max_tokens=10, messages=ASK, extra_body={"messages": [{"content": "x"}]}
        )


class Exploding:
    """A custom model with a bug: it raises from ``respond``."""

    def respond(self, request: Request) -> ModelTurn:
        raise RuntimeError("y" * 100_000)


@pytest.mark.fault(
    "offline requests",
    "a custom model that raises from `respond` (any exception, huge message)",
    "HTTP 500 naming the exception, cut to 2,000 characters, with `x-should-retry: false`; "
    "the SDK raises `InternalServerError` at once",
)
def test_a_model_that_raises_is_a_500_that_names_it_and_is_not_retried():
    with pytest.raises(openai.InternalServerError, match="RuntimeError: yyy") as caught:
        offline.openai_client(Exploding()).chat.completions.create(model="m", messages=ASK)
    assert len(caught.value.message) < 2_200
    with pytest.raises(anthropic.InternalServerError, match="RuntimeError"):
        offline.anthropic_client(Exploding()).messages.create(
            model="m", max_tokens=10, messages=ASK
        )


def test_the_handler_keeps_no_key_from_the_request_headers():
    from fcplayground.offline.handler import _readable

    kept = _readable({"Authorization": "Bearer sk-x", "X-Api-Key": "k", "Anthropic-Beta": "b"})
    assert kept == {"anthropic-beta": "b"}
