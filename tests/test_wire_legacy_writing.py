"""Legacy function-calling responses and streams: written for a legacy request and validated
with the SDK's strict models, read back as neutral calls; and what the offline handler
emits for a legacy conversation."""

from __future__ import annotations

import json

from legacy_functions import ASK, PARIS, WEATHER, body, function_result
from openai.types.chat import ChatCompletion, ChatCompletionChunk

from fcplayground import SimulatedModel, offline
from fcplayground.chat import Message, ModelTurn, Request, ToolCall, ToolResult
from fcplayground.wire import openai_chat, parse_sse, sse

# --- writing responses and streams --------------------------------------------------------


def legacy_request() -> Request:
    return openai_chat.request_from_wire(body(functions=[WEATHER]))


def turn_with_calls(*cities: str) -> ModelTurn:
    calls = [ToolCall("get_weather", {"city": c}, f"call_{c}") for c in cities]
    return ModelTurn("", calls, model="m", id="chatcmpl-1")


def test_legacy_response_validates_with_the_sdk_model_and_has_one_call():
    wire_body = openai_chat.turn_to_wire(turn_with_calls("Paris", "Rome"), 0, legacy_request())
    reply = ChatCompletion.model_validate(wire_body, strict=True)
    assert "tool_calls" not in wire_body["choices"][0]["message"]
    assert reply.choices[0].finish_reason == "function_call"
    assert reply.choices[0].message.function_call.model_dump() == {
        "name": "get_weather",
        "arguments": '{"city":"Paris"}',
    }


def test_legacy_text_response_finishes_with_stop():
    wire_body = openai_chat.turn_to_wire(ModelTurn("Sunny.", model="m"), 0, legacy_request())
    choice = ChatCompletion.model_validate(wire_body, strict=True).choices[0]
    assert (choice.finish_reason, choice.message.function_call) == ("stop", None)


def test_legacy_stream_chunks_validate_with_the_sdk_model():
    events = list(openai_chat.stream_events(turn_with_calls("Paris"), 0, True, legacy_request()))
    chunks = [ChatCompletionChunk.model_validate(data, strict=True) for _, data in events[:-1]]
    deltas = [c.choices[0].delta for c in chunks if c.choices]
    assert events[-1] == (None, "[DONE]")
    assert deltas[1].function_call.model_dump() == {"name": "get_weather", "arguments": ""}
    assert all(d.tool_calls is None for d in deltas)
    assert chunks[-2].choices[0].finish_reason == "function_call"
    assert chunks[-1].usage is not None


def test_legacy_stream_accumulates_to_the_same_call():
    events = openai_chat.stream_events(turn_with_calls("Paris"), 0, False, legacy_request())
    turn = openai_chat.turn_from_stream(b"".join(sse(events)).decode())
    assert [(c.name, c.arguments) for c in turn.tool_calls] == [("get_weather", {"city": "Paris"})]
    assert turn.stop_reason == "tool_use"


def test_modern_stream_has_no_function_call_deltas():
    events = openai_chat.stream_events(turn_with_calls("Paris", "Rome"))
    frames = parse_sse(b"".join(sse(events)).decode())
    deltas = [d["choices"][0]["delta"] for _, d in frames if isinstance(d, dict)]
    assert not any("function_call" in d for d in deltas)
    assert sum("id" in p for d in deltas for p in d.get("tool_calls") or []) == 2


def test_legacy_function_call_response_reads_as_a_neutral_call_with_an_id():
    wire_body = openai_chat.turn_to_wire(turn_with_calls("Paris"), 0, legacy_request())
    turn = openai_chat.turn_from_wire(wire_body)
    assert [(c.name, c.arguments) for c in turn.tool_calls] == [("get_weather", {"city": "Paris"})]
    assert turn.tool_calls[0].id.startswith("call_")
    assert turn.stop_reason == "tool_use"


def test_legacy_response_with_bad_arguments_is_read_not_rejected():
    wire_body = openai_chat.turn_to_wire(turn_with_calls("Paris"), 0, legacy_request())
    wire_body["choices"][0]["message"]["function_call"]["arguments"] = "{city: Paris"
    assert openai_chat.turn_from_wire(wire_body).tool_calls[0].arguments == "{city: Paris"


def test_neutral_request_still_writes_modern_fields():
    call = ToolCall("get_weather", {"city": "Paris"}, "call_1")
    messages = [
        Message.user("Weather?"),
        Message.assistant("", [call]),
        Message.tool([ToolResult("call_1", PARIS)]),
    ]
    wire_body = openai_chat.request_to_wire(Request(messages, "m"))
    assert wire_body["messages"][1]["tool_calls"][0]["id"] == "call_1"
    assert wire_body["messages"][2]["role"] == "tool"


# --- what the offline handler emits, checked with the SDK's strict models -----------------


def post_legacy(messages: list[dict], stream: bool = False) -> offline.Reply:
    payload = body(messages, functions=[WEATHER], **({"stream": True} if stream else {}))
    reply = offline.handle(
        SimulatedModel(), "POST", "/v1/chat/completions", json.dumps(payload).encode()
    )
    assert reply.status == 200, reply.body
    return reply


def test_handler_answers_a_legacy_conversation_with_strictly_valid_objects():
    first = post_legacy(ASK).json
    message = first["choices"][0]["message"]
    ChatCompletion.model_validate(first, strict=True)
    assert first["choices"][0]["finish_reason"] == "function_call"
    assert "tool_calls" not in message and message["function_call"]["name"] == "get_weather"
    follow_up = [*ASK, message, function_result("get_weather", PARIS)]
    answer = post_legacy(follow_up).json
    ChatCompletion.model_validate(answer, strict=True)
    assert answer["choices"][0]["finish_reason"] == "stop"
    assert "sunny" in answer["choices"][0]["message"]["content"]


def test_handler_streams_a_legacy_call_as_strictly_valid_function_call_chunks():
    frames = parse_sse(post_legacy(ASK, stream=True).body.decode())
    chunks = [ChatCompletionChunk.model_validate(d, strict=True) for _, d in frames[:-1]]
    deltas = [d for _, data in frames[:-1] for d in (c["delta"] for c in data["choices"])]
    assert not any("tool_calls" in d for d in deltas)
    pieces = [d["function_call"] for d in deltas if "function_call" in d]
    assert pieces[0]["name"] == "get_weather"
    assert json.loads("".join(p["arguments"] for p in pieces)) == {"city": "Paris"}
    assert chunks[-1].choices[0].finish_reason == "function_call"


def test_identical_legacy_requests_get_completions_with_ids_of_their_own():
    first, second = post_legacy(ASK).json, post_legacy(ASK).json
    assert first["id"] != second["id"]
    assert first["choices"] == second["choices"]  # a legacy call has no id: same content
