"""Anthropic message threads: the SDKs' tool runners in their default (threaded) mode, and
the thread requests and refusals as the offline provider answers them."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import anthropic
import pytest
from anthropic import beta_async_tool, beta_tool
from anthropic.types.beta import BetaMessage

from fcplayground import ScriptedModel, SimulatedModel, offline, wire
from fcplayground.chat import ModelTurn, ToolCall
from fcplayground.offline.handler import handle
from fcplayground.offline.server import Server
from fcplayground.offline.state import ProviderState, StoreName

BETA = {"anthropic-beta": "message-threads-2026-08-12", "anthropic-version": "2023-06-01"}
QUESTION = "Get the weather in Paris and the local time in Tokyo."
MODEL = "claude-haiku-4-5"


@beta_tool
def get_weather(city: str) -> str:
    """Get the current weather (temperature and sky) for a city.

    Args:
        city: The city name, e.g. Paris.
    """
    return f"sunny and 21C in {city}"


@beta_tool
def get_time(city: str) -> str:
    """Get the current local time in a city.

    Args:
        city: The city name, e.g. Paris.
    """
    return f"14:05 in {city}"


def run_tool_runner(client: anthropic.Anthropic, stream: bool) -> list[BetaMessage]:
    runner = client.beta.messages.tool_runner(
        model=MODEL,
        max_tokens=300,
        tools=[get_weather, get_time],
        messages=[{"role": "user", "content": QUESTION}],
        stream=stream,
    )
    if not stream:
        return list(runner)
    replies = []
    for message_stream in runner:
        for _ in message_stream:
            pass
        replies.append(message_stream.get_final_message())
    return replies


def assert_both_tools_ran_to_the_final_text(replies: list[BetaMessage]) -> None:
    calls = [(b.name, b.input) for r in replies for b in r.content if b.type == "tool_use"]
    assert calls == [("get_weather", {"city": "Paris"}), ("get_time", {"city": "Tokyo"})]
    final = replies[-1]
    assert final.stop_reason == "end_turn"
    text = "".join(b.text for b in final.content if b.type == "text")
    assert "sunny and 21C in Paris" in text and "14:05 in Tokyo" in text


@pytest.mark.parametrize("stream", [False, True], ids=["plain", "stream"])
def test_the_tool_runner_in_its_default_threaded_mode_runs_to_the_final_text(stream):
    replies = run_tool_runner(offline.anthropic_client(max_retries=0), stream)
    assert_both_tools_ran_to_the_final_text(replies)


@pytest.fixture(scope="module")
def server():
    with Server() as running:
        yield running


@pytest.mark.parametrize("stream", [False, True], ids=["plain", "stream"])
def test_the_tool_runner_in_its_default_threaded_mode_runs_over_http(server, stream):
    client = anthropic.Anthropic(api_key="any", base_url=server.anthropic_base_url, max_retries=0)
    assert_both_tools_ran_to_the_final_text(run_tool_runner(client, stream))


def test_the_tool_runner_without_a_thread_still_works():
    client = offline.anthropic_client(max_retries=0)
    runner = client.beta.messages.tool_runner(
        model=MODEL,
        max_tokens=300,
        tools=[get_weather, get_time],
        messages=[{"role": "user", "content": QUESTION}],
        thread=False,
    )
    assert_both_tools_ran_to_the_final_text(list(runner))


# -- the requests, one by one -------------------------------------------------------------

TOOLS = [get_weather.to_dict(), get_time.to_dict()]


def post(body: dict[str, Any], state: ProviderState, model: Any = None, headers=BETA):
    reply = handle(
        model or SimulatedModel(),
        "POST",
        "/v1/messages",
        json.dumps(body).encode(),
        headers,
        state,
    )
    return reply.status, reply.json if reply.status != 200 or not body.get("stream") else reply


def create(state: ProviderState, **extra: Any) -> dict[str, Any]:
    body = {
        "model": MODEL,
        "max_tokens": 300,
        "messages": [{"role": "user", "content": QUESTION}],
        "tools": TOOLS,
        "thread": {"type": "create"},
        **extra,
    }
    status, message = post(body, state)
    assert status == 200, message
    BetaMessage.model_validate(message)
    return message


def results_for(message: dict[str, Any]) -> list[dict[str, Any]]:
    blocks = [b for b in message["content"] if b["type"] == "tool_use"]
    return [{"type": "tool_result", "tool_use_id": b["id"], "content": "done"} for b in blocks]


def continue_body(previous: str, messages: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "model": MODEL,
        "max_tokens": 300,
        "messages": messages,
        "thread": {"type": "continue", "previous_message_id": previous},
    }


def test_a_continue_shows_the_model_the_stored_conversation_and_tools():
    state = ProviderState()
    first = create(state, system="Be brief.")
    answer = [{"role": "user", "content": results_for(first)}]
    script = ScriptedModel([ModelTurn(text="ok")])
    status, message = post(continue_body(first["id"], answer), state, script)
    assert status == 200, message
    request = script.requests[0]
    assert [m.role for m in request.messages] == ["user", "assistant", "tool"]
    assert request.messages[1].tool_calls[0].name == "get_weather"
    assert [t.name for t in request.tools] == ["get_weather", "get_time"]
    assert request.system == "Be brief."


def test_a_continue_from_an_unknown_reply_is_thread_not_found():
    status, body = post(continue_body("msg_never_sent", []), ProviderState())
    assert status == 404
    error = body["error"]
    assert error["type"] == "not_found_error"
    assert error["details"] == {"error_code": "thread_not_found"}
    assert "msg_never_sent" in error["message"]
    assert '`thread: {"type": "create"}`' in error["message"]


def test_the_sdk_raises_its_thread_not_found_error():
    client = offline.anthropic_client(max_retries=0)
    with pytest.raises(anthropic.NotFoundError) as caught:
        client.beta.messages.create(
            model=MODEL,
            max_tokens=10,
            messages=[{"role": "user", "content": "hi"}],
            thread={"type": "continue", "previous_message_id": "msg_gone"},
            betas=["message-threads-2026-08-12"],
        )
    assert caught.value.error_code == "thread_not_found"


def test_a_thread_forgotten_past_the_bound_is_not_found():
    state = ProviderState(limit=2)
    first = create(state)
    for n in range(2):  # two newer threads push the first one out
        create(state, messages=[{"role": "user", "content": f"Weather in Oslo, {n}?"}])
    assert len(state.store(StoreName.THREADS)) == 2
    status, body = post(continue_body(first["id"], []), state)
    assert status == 404 and body["error"]["details"]["error_code"] == "thread_not_found"


def test_a_reply_can_be_continued_only_once():
    state = ProviderState()
    first = create(state)
    answer = [{"role": "user", "content": results_for(first)}]
    assert post(continue_body(first["id"], answer), state)[0] == 200
    status, body = post(continue_body(first["id"], answer), state)
    assert status == 400
    assert body["error"]["details"] == {"error_code": "thread_already_continued"}
    assert "most recent reply" in body["error"]["message"]


def test_a_refused_continue_leaves_the_thread_open():
    state = ProviderState()
    first = create(state)
    wrong = [{"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_x"}]}]
    status, body = post(continue_body(first["id"], wrong), state)
    assert status == 400 and "unexpected `tool_use_id`" in body["error"]["message"]
    answer = [{"role": "user", "content": results_for(first)}]
    assert post(continue_body(first["id"], answer), state)[0] == 200


def test_a_streamed_reply_can_be_continued():
    state = ProviderState()
    status, reply = post(
        {
            "model": MODEL,
            "max_tokens": 300,
            "messages": [{"role": "user", "content": QUESTION}],
            "tools": TOOLS,
            "thread": {"type": "create"},
            "stream": True,
        },
        state,
    )
    assert status == 200
    streamed = wire.anthropic.turn_to_wire(wire.anthropic.turn_from_stream(reply.body.decode()))
    answer = [{"role": "user", "content": results_for(streamed)}]
    status, message = post(continue_body(streamed["id"], answer), state)
    assert status == 200, message
    assert message["stop_reason"] == "end_turn"


def test_a_continue_that_repeats_the_tools_is_refused():
    state = ProviderState()
    first = create(state)
    body = continue_body(first["id"], [{"role": "user", "content": results_for(first)}])
    status, error = post(body | {"tools": TOOLS}, state)
    assert status == 400
    assert "`tools` cannot be sent with" in error["error"]["message"]
    assert "the thread keeps the ones it was created with" in error["error"]["message"]


def test_a_thread_with_a_field_threads_do_not_support_is_thread_unsupported_request():
    status, body = post(
        {
            "model": MODEL,
            "max_tokens": 2000,
            "messages": [{"role": "user", "content": "hi"}],
            "thinking": {"type": "enabled", "budget_tokens": 1024},
            "thread": {"type": "create"},
        },
        ProviderState(),
    )
    assert status == 400
    assert body["error"]["details"] == {
        "error_code": "thread_unsupported_request",
        "unsupported": ["thinking"],
    }
    assert "without `thread`" in body["error"]["message"]


def test_a_thread_without_the_beta_header_names_the_header():
    body = continue_body("msg_1", [{"role": "user", "content": "hi"}])
    status, error = post(body, ProviderState(), headers={"anthropic-version": "2023-06-01"})
    assert status == 400
    assert "anthropic-beta: message-threads-2026-08-12" in error["error"]["message"]


def test_a_malformed_thread_is_refused_in_the_providers_words():
    body = continue_body("msg_1", []) | {"thread": {"type": "continue"}}
    status, error = post(body, ProviderState())
    assert status == 400
    assert error["error"]["message"] == "thread.continue.previous_message_id: Field required"


def test_no_thread_is_stateless_and_keeps_nothing():
    state = ProviderState()
    body = {"model": MODEL, "max_tokens": 50, "messages": [{"role": "user", "content": "hi"}]}
    for thread in (None, False):
        assert post(body | {"thread": thread}, state)[0] == 200
    assert post(body, state)[0] == 200
    assert len(state.store(StoreName.THREADS)) == 0


def test_a_scripted_model_sees_the_whole_threaded_conversation():
    script = ScriptedModel(
        [
            ModelTurn(tool_calls=[ToolCall("get_weather", {"city": "Paris"})]),
            ModelTurn(text="It is sunny in Paris."),
        ]
    )
    client = offline.anthropic_client(model=script, max_retries=0)
    runner = client.beta.messages.tool_runner(
        model=MODEL,
        max_tokens=100,
        tools=[get_weather],
        messages=[{"role": "user", "content": "Weather in Paris?"}],
    )
    replies = list(runner)
    assert replies[-1].content[0].text == "It is sunny in Paris."


def test_a_second_continue_while_the_first_is_answered_is_thread_continue_in_flight():
    state = ProviderState()
    first = create(state)
    body = continue_body(first["id"], [{"role": "user", "content": results_for(first)}])
    inner: list[tuple[int, Any]] = []

    class Meanwhile:
        """A model that, while it answers, sees the same reply continued again."""

        def respond(self, request: Any) -> ModelTurn:
            inner.append(post(body, state))
            return ModelTurn(text="ok")

    assert post(body, state, Meanwhile())[0] == 200
    status, error = inner[0]
    assert status == 400
    assert error["error"]["details"] == {"error_code": "thread_continue_in_flight"}


def test_the_async_tool_runner_runs_over_a_thread_too():
    @beta_async_tool
    async def get_weather(city: str) -> str:
        """Get the current weather (temperature and sky) for a city.

        Args:
            city: The city name, e.g. Paris.
        """
        return f"sunny and 21C in {city}"

    async def run() -> list[BetaMessage]:
        client = offline.async_anthropic_client(max_retries=0)
        runner = client.beta.messages.tool_runner(
            model=MODEL,
            max_tokens=100,
            tools=[get_weather],
            messages=[{"role": "user", "content": "Weather in Paris?"}],
        )
        return [message async for message in runner]

    replies = asyncio.run(run())
    assert replies[0].content[0].type == "tool_use"
    assert "sunny and 21C in Paris" in replies[-1].content[0].text
