"""Everything the offline provider emits validates with the SDKs' own models.

For each API and each kind of turn (text, one call, parallel calls, text plus calls, a
max_tokens stop): the JSON response validates strictly, every SSE event validates, and
the SDKs' stream accumulators end with what the scripted model said.
"""

from __future__ import annotations

import asyncio
import json
import typing
from dataclasses import dataclass
from typing import Any

import anthropic
import openai
import pytest
from id_masks import without_ids
from openai.types.chat import ChatCompletion, ChatCompletionChunk
from openai.types.responses import Response, ResponseStreamEvent
from pydantic import TypeAdapter

from fcplayground import offline
from fcplayground.chat import ModelTurn, ToolCall
from fcplayground.models import ScriptedModel

APIS = ["chat", "responses", "anthropic"]
PATHS = {"chat": "/v1/chat/completions", "responses": "/v1/responses", "anthropic": "/v1/messages"}
STRICT_MODELS = {
    "chat": ChatCompletion,
    "responses": Response,
    "anthropic": anthropic.types.Message,
}
RESPONSE_EVENT = TypeAdapter(ResponseStreamEvent)
RESPONSE_EVENT_MODELS = {  # event type -> its model, for readable validation errors
    typing.get_args(cls.model_fields["type"].annotation)[0]: cls
    for cls in typing.get_args(typing.get_args(ResponseStreamEvent)[0])
}
ANTHROPIC_EVENT = TypeAdapter(anthropic.types.RawMessageStreamEvent)

Call = tuple[str, dict[str, Any]]  # (name, arguments)


# -- the scripted turns -----------------------------------------------------------------


@dataclass(frozen=True)
class Scenario:
    text: str
    calls: list[Call]
    stop: str  # neutral stop reason

    def step(self) -> Any:
        """The turn in the simplest ScriptedModel form that says it."""
        if self.stop != "max_tokens" and not self.text:
            return self.calls[0] if len(self.calls) == 1 else list(self.calls)
        if self.stop != "max_tokens" and not self.calls:
            return self.text
        return ModelTurn(self.text, [ToolCall(n, a) for n, a in self.calls], self.stop)  # type: ignore[arg-type]


PARIS = ("get_weather", {"city": "Paris"})
TOKYO = ("get_weather", {"city": "Tokyo"})
TIME = ("get_time", {"timezone": "Asia/Tokyo"})
SCENARIOS = {
    "text_only": Scenario("It is sunny in Paris today, 21 °C with a light breeze.", [], "end_turn"),
    "one_call": Scenario("", [PARIS], "tool_use"),
    "parallel_calls": Scenario("", [PARIS, TOKYO, TIME], "tool_use"),
    "text_and_calls": Scenario("Let me look up both cities for you.", [PARIS, TOKYO], "tool_use"),
    "max_tokens": Scenario("The weather in Paris is", [], "max_tokens"),
}
CASES = [(api, name) for api in APIS for name in SCENARIOS]


def model(name: str) -> ScriptedModel:
    return ScriptedModel([SCENARIOS[name].step()])


# -- request bodies, as a learner writes them ---------------------------------------------


def _schema(field: str) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {field: {"type": "string"}},
        "required": [field],
        "additionalProperties": False,
    }


TOOLS = [
    ("get_weather", "Current weather in a city.", _schema("city")),
    ("get_time", "Local time.", _schema("timezone")),
]
PROMPT = "What is the weather in Paris and Tokyo, and the time in Tokyo?"


def request(api: str) -> dict[str, Any]:
    """SDK keyword arguments (also the JSON body) for ``api``."""
    if api == "chat":
        tools = [
            {
                "type": "function",
                "function": {"name": n, "description": d, "parameters": s, "strict": True},
            }
            for n, d, s in TOOLS
        ]
        return {
            "model": "gpt-4o-mini",
            "messages": [{"role": "user", "content": PROMPT}],
            "tools": tools,
        }
    if api == "responses":
        tools = [
            {"type": "function", "name": n, "description": d, "parameters": s, "strict": True}
            for n, d, s in TOOLS
        ]
        return {"model": "gpt-4o-mini", "input": PROMPT, "tools": tools}
    tools = [{"name": n, "description": d, "input_schema": s} for n, d, s in TOOLS]
    return {
        "model": "claude-haiku-4-5",
        "max_tokens": 1024,
        "messages": [{"role": "user", "content": PROMPT}],
        "tools": tools,
    }


def raw(api: str, name: str, stream: bool, **extra: Any) -> offline.Reply:
    """The handler's reply for the scenario, straight from fcplayground.offline.handle."""
    body = request(api) | ({"stream": True} if stream else {}) | extra
    reply = offline.handle(model(name), "POST", PATHS[api], json.dumps(body).encode())
    assert reply.status == 200, reply.body
    return reply


def sse_frames(body: bytes) -> list[tuple[str | None, str]]:
    """(event name, data) of each SSE frame."""
    frames = []
    for block in body.decode().split("\n\n"):
        if not block.strip():
            continue
        lines = block.split("\n")
        event = next((line[len("event: ") :] for line in lines if line.startswith("event: ")), None)
        data = "\n".join(line[len("data: ") :] for line in lines if line.startswith("data: "))
        frames.append((event, data))
    return frames


def response_event(data: str) -> Any:
    """A Responses stream event, validated by the model its ``type`` names, then the union."""
    payload = json.loads(data)
    RESPONSE_EVENT_MODELS[payload["type"]].model_validate(payload)
    return RESPONSE_EVENT.validate_python(payload)


# -- what an SDK object says ----------------------------------------------------------------

CHAT_STOP = {"stop": "end_turn", "tool_calls": "tool_use", "length": "max_tokens"}
ANTHROPIC_STOP = {"end_turn": "end_turn", "tool_use": "tool_use", "max_tokens": "max_tokens"}


def summary(api: str, obj: Any) -> tuple[str, list[Call], str]:
    """(text, [(name, arguments)], neutral stop reason) of a ChatCompletion, Response or Message."""
    if api == "chat":
        choice = obj.choices[0]
        calls = [
            (c.function.name, json.loads(c.function.arguments))
            for c in choice.message.tool_calls or []
        ]
        return choice.message.content or "", calls, CHAT_STOP[choice.finish_reason]
    if api == "responses":
        calls = [(o.name, json.loads(o.arguments)) for o in obj.output if o.type == "function_call"]
        incomplete = (
            obj.status == "incomplete" and obj.incomplete_details.reason == "max_output_tokens"
        )
        stop = "max_tokens" if incomplete else "tool_use" if calls else "end_turn"
        return obj.output_text, calls, stop
    calls = [(b.name, b.input) for b in obj.content if b.type == "tool_use"]
    text = "".join(b.text for b in obj.content if b.type == "text")
    return text, calls, ANTHROPIC_STOP[obj.stop_reason]


def call_ids(api: str, obj: Any) -> list[str]:
    if api == "chat":
        return [c.id for c in obj.choices[0].message.tool_calls or []]
    if api == "responses":
        return [o.call_id for o in obj.output if o.type == "function_call"]
    return [b.id for b in obj.content if b.type == "tool_use"]


def expected(name: str) -> tuple[str, list[Call], str]:
    s = SCENARIOS[name]
    return s.text, list(s.calls), s.stop


def check_ids(api: str, obj: Any) -> None:
    ids = call_ids(api, obj)
    prefix = "toolu_" if api == "anthropic" else "call_"
    assert all(i.startswith(prefix) and len(i) > len(prefix) for i in ids), ids
    assert len(set(ids)) == len(ids), ids


# -- the SDKs, synchronous and async --------------------------------------------------------


def sdk_create(api: str, name: str) -> Any:
    kwargs = request(api)
    if api == "anthropic":
        return offline.anthropic_client(model(name)).messages.create(**kwargs)
    client = offline.openai_client(model(name))
    if api == "chat":
        return client.chat.completions.create(**kwargs)
    return client.responses.create(**kwargs)


def sdk_stream_final(api: str, name: str) -> Any:
    """The final object the SDK's own stream accumulator builds."""
    kwargs = request(api)
    if api == "anthropic":
        with offline.anthropic_client(model(name)).messages.stream(**kwargs) as stream:
            return stream.get_final_message()
    client = offline.openai_client(model(name))
    if api == "chat":
        with client.chat.completions.stream(**kwargs) as stream:
            try:
                return stream.get_final_completion()
            except openai.LengthFinishReasonError as cut:  # the helper's answer to "length"
                return cut.completion
    with client.responses.stream(**kwargs) as stream:
        events = list(stream)
    # A response cut short ends with response.incomplete, which get_final_response rejects.
    return (
        stream.get_final_response()
        if events[-1].type == "response.completed"
        else events[-1].response
    )


async def async_create_and_stream(api: str, name: str) -> tuple[Any, Any]:
    kwargs = request(api)
    if api == "anthropic":
        client = offline.async_anthropic_client(ScriptedModel([SCENARIOS[name].step()] * 2))
        created = await client.messages.create(**kwargs)
        async with client.messages.stream(**kwargs) as stream:
            return created, await stream.get_final_message()
    client = offline.async_openai_client(ScriptedModel([SCENARIOS[name].step()] * 2))
    if api == "chat":
        created = await client.chat.completions.create(**kwargs)
        async with client.chat.completions.stream(**kwargs) as stream:
            return created, await stream.get_final_completion()
    created = await client.responses.create(**kwargs)
    async with client.responses.stream(**kwargs) as stream:
        return created, await stream.get_final_response()


# -- the tests ------------------------------------------------------------------------------


@pytest.mark.parametrize(("api", "name"), CASES)
def test_json_response_validates_with_strict_sdk_model(api: str, name: str) -> None:
    reply = raw(api, name, stream=False)
    assert reply.headers["content-type"] == "application/json"
    validated = STRICT_MODELS[api].model_validate(reply.json)
    assert summary(api, validated) == expected(name)
    check_ids(api, validated)


@pytest.mark.parametrize(("api", "name"), CASES)
def test_sdk_create_returns_what_the_script_said(api: str, name: str) -> None:
    created = sdk_create(api, name)
    assert summary(api, created) == expected(name)
    check_ids(api, created)


@pytest.mark.parametrize("name", SCENARIOS)
def test_chat_stream_chunks_validate_and_end_with_done(name: str) -> None:
    reply = raw("chat", name, stream=True)
    assert reply.headers["content-type"].startswith("text/event-stream")
    frames = sse_frames(reply.body)
    assert all(event is None for event, _ in frames)  # Chat Completions SSE has data: lines only
    assert frames[-1] == (None, "[DONE]")
    assert reply.body.endswith(b"data: [DONE]\n\n")
    for _, data in frames[:-1]:
        ChatCompletionChunk.model_validate_json(data)


@pytest.mark.parametrize("name", SCENARIOS)
def test_chat_stream_with_include_usage_ends_with_usage_chunk(name: str) -> None:
    reply = raw("chat", name, stream=True, stream_options={"include_usage": True})
    frames = sse_frames(reply.body)
    assert frames[-1] == (None, "[DONE]")
    chunks = [ChatCompletionChunk.model_validate_json(data) for _, data in frames[:-1]]
    assert chunks[-1].choices == [] and chunks[-1].usage is not None
    assert all(c.usage is None for c in chunks[:-1])


@pytest.mark.parametrize("name", SCENARIOS)
def test_responses_stream_events_validate_in_order(name: str) -> None:
    frames = sse_frames(raw("responses", name, stream=True).body)
    events = [response_event(data) for _, data in frames]
    assert [event for event, _ in frames] == [e.type for e in events]
    assert [e.sequence_number for e in events] == list(range(len(events)))
    assert events[0].type == "response.created"


@pytest.mark.parametrize("name", SCENARIOS)
def test_responses_stream_ends_with_the_event_its_status_names(name: str) -> None:
    # OpenAI ends a stream with response.completed, or response.incomplete when the
    # response was cut short (max_output_tokens): the event type matches the status.
    frames = sse_frames(raw("responses", name, stream=True).body)
    last = json.loads(frames[-1][1])
    assert frames[-1][0] == last["type"] == f"response.{last['response']['status']}"


@pytest.mark.parametrize("name", SCENARIOS)
def test_anthropic_stream_frames_have_event_lines_and_validate(name: str) -> None:
    reply = raw("anthropic", name, stream=True)
    assert reply.headers["content-type"].startswith("text/event-stream")
    frames = sse_frames(reply.body)
    for event, data in frames:
        payload = json.loads(data)
        assert event == payload["type"]  # frames without an event: line are skipped by the SDK
        if event != "ping":  # ping is sent by the real API but is not a RawMessageStreamEvent
            ANTHROPIC_EVENT.validate_python(payload)
    assert [frames[0][0], frames[-1][0]] == ["message_start", "message_stop"]


@pytest.mark.parametrize(("api", "name"), CASES)
def test_sdk_stream_accumulator_ends_with_what_the_script_said(api: str, name: str) -> None:
    final = sdk_stream_final(api, name)
    assert summary(api, final) == expected(name)
    assert summary(api, final) == summary(api, sdk_create(api, name))
    check_ids(api, final)


@pytest.mark.parametrize(("api", "name"), CASES)
def test_sdk_stream_final_object_validates_with_strict_sdk_model(api: str, name: str) -> None:
    final = sdk_stream_final(api, name)
    validated = STRICT_MODELS[api].model_validate(final.model_dump(mode="json", exclude_unset=True))
    assert summary(api, validated) == expected(name)


@pytest.mark.parametrize("api", APIS)
def test_async_client_create_and_stream(api: str) -> None:
    created, final = asyncio.run(async_create_and_stream(api, "text_and_calls"))
    assert summary(api, created) == expected("text_and_calls")
    assert summary(api, final) == expected("text_and_calls")


@pytest.mark.parametrize(("api", "name"), CASES)
@pytest.mark.parametrize("stream", [False, True], ids=["json", "sse"])
def test_same_request_twice_gives_the_same_reply_but_for_its_ids(
    api: str, name: str, stream: bool
) -> None:
    first, second = raw(api, name, stream), raw(api, name, stream)
    assert first.body != second.body  # each answer has ids of its own
    assert (first.status, without_ids(first.headers), without_ids(first.body)) == (
        second.status,
        without_ids(second.headers),
        without_ids(second.body),
    )
