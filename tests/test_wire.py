"""Neutral <-> wire round trips for the three formats, as properties (hypothesis)."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from fcplayground import wire
from fcplayground.chat import (
    Message,
    ModelTurn,
    NamedTool,
    Request,
    ToolCall,
    ToolResult,
    ToolSpec,
    Usage,
)

names = st.from_regex(r"[a-z][a-z0-9_]{0,20}", fullmatch=True)
ids = st.from_regex(r"[A-Za-z0-9]{6,24}", fullmatch=True)
text = st.text(max_size=40)
# OpenAI formats carry a tool error as text starting "Error: " (they have no flag).
result_text = text.filter(lambda s: not s.startswith("Error"))
json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | text
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=8,
)
arguments = st.dictionaries(names, json_values, max_size=4)
schemas = st.fixed_dictionaries(
    {
        "type": st.just("object"),
        "properties": st.dictionaries(
            names, st.sampled_from([{"type": "string"}, {"type": "integer"}]), max_size=3
        ),
    }
)
tool_specs = st.builds(ToolSpec, names, text, schemas, st.sampled_from([None, True, False]))


@st.composite
def exchange(draw: Any, prefix: str) -> list[Message]:
    """A user message, maybe followed by an assistant turn and the results of its calls."""
    messages = [Message.user(draw(text))]
    if draw(st.booleans()):
        call_ids = draw(st.lists(ids, max_size=3, unique=True))
        calls = [ToolCall(draw(names), draw(arguments), prefix + i) for i in call_ids]
        reply = draw(text.filter(bool)) if not calls else draw(text)
        messages.append(Message.assistant(reply, calls))
        if calls:
            results = [
                ToolResult(c.id, draw(result_text), draw(st.booleans()), c.name) for c in calls
            ]
            messages.append(Message.tool(results))
    return messages


@st.composite
def requests(draw: Any, api: str) -> Request:
    prefix = "toolu_" if api == "anthropic" else "call_"
    messages = [
        m for part in draw(st.lists(exchange(prefix), min_size=1, max_size=3)) for m in part
    ]
    tools = draw(st.lists(tool_specs, max_size=3, unique_by=lambda t: t.name))
    choices = [None, "auto", "none", "required"] + [NamedTool(t.name) for t in tools]
    choice = draw(st.sampled_from(choices))
    parallel = draw(st.sampled_from([None, True, False]))
    max_tokens = draw(st.none() | st.integers(1, 4096))
    if api == "anthropic":
        # parallel=False lives inside tool_choice, which must then be set and not "none";
        # max_tokens is required by the Messages API.
        parallel = draw(st.sampled_from([None, False])) if choice not in (None, "none") else None
        max_tokens = max_tokens or 1024
    return Request(
        messages=messages,
        model=draw(names),
        system=draw(st.none() | text.filter(bool)),
        tools=tools,
        tool_choice=choice if tools or api == "anthropic" else choice,
        parallel_tool_calls=parallel,
        max_tokens=max_tokens,
        stream=draw(st.booleans()),
    )


@st.composite
def turns(draw: Any, api: str) -> ModelTurn:
    prefix = "toolu_" if api == "anthropic" else "call_"
    call_ids = draw(st.lists(ids, max_size=3, unique=True))
    calls = [ToolCall(draw(names), draw(arguments), prefix + i) for i in call_ids]
    stops = ["max_tokens", "content_filter", None]
    if api != "responses":  # Responses has no stop reason: it follows from the output
        stops += ["end_turn", "tool_use"]
    stop = draw(st.sampled_from(stops))
    if stop == "tool_use" and not calls:
        stop = "end_turn"
    return ModelTurn(
        text=draw(text),
        tool_calls=calls,
        stop_reason=stop,
        usage=Usage(draw(st.integers(0, 10**6)), draw(st.integers(0, 10**6))),
        model=draw(names),
        id=draw(ids),
    )


def roundtrip_requests(api: str) -> None:
    fmt = wire.FORMATS[api]

    @settings(max_examples=80, deadline=None)
    @given(requests(api))
    def check(request: Request) -> None:
        assert fmt.request_from_wire(fmt.request_to_wire(request)) == request

    check()


def test_chat_request_survives_neutral_wire_neutral():
    roundtrip_requests("chat")


def test_responses_request_survives_neutral_wire_neutral():
    roundtrip_requests("responses")


def test_anthropic_request_survives_neutral_wire_neutral():
    roundtrip_requests("anthropic")


def roundtrip_turns(api: str) -> None:
    fmt = wire.FORMATS[api]

    @settings(max_examples=80, deadline=None)
    @given(turns(api))
    def check(turn: ModelTurn) -> None:
        assert fmt.turn_from_wire(fmt.turn_to_wire(turn)) == turn

    check()


def test_chat_response_survives_neutral_wire_neutral():
    roundtrip_turns("chat")


def test_responses_response_survives_neutral_wire_neutral():
    roundtrip_turns("responses")


def test_anthropic_response_survives_neutral_wire_neutral():
    roundtrip_turns("anthropic")


def stream_text(api: str, turn: ModelTurn) -> str:
    if api == "chat":
        events = wire.openai_chat.stream_events(turn, include_usage=True)
    else:
        events = wire.FORMATS[api].stream_events(turn)
    return b"".join(wire.sse(events)).decode()


def roundtrip_streams(api: str) -> None:
    @settings(max_examples=50, deadline=None)
    @given(turns(api))
    def check(turn: ModelTurn) -> None:
        assert wire.FORMATS[api].turn_from_stream(stream_text(api, turn)) == turn

    check()


def test_chat_stream_accumulates_to_the_same_turn():
    roundtrip_streams("chat")


def test_responses_stream_accumulates_to_the_same_turn():
    roundtrip_streams("responses")


def test_anthropic_stream_accumulates_to_the_same_turn():
    roundtrip_streams("anthropic")


def test_anthropic_stream_frames_carry_event_lines():
    turn = ModelTurn(text="hi", tool_calls=[ToolCall("f", {"a": 1}, "toolu_1")])
    frames = stream_text("anthropic", turn).strip().split("\n\n")
    assert all(frame.startswith("event: ") for frame in frames)
    assert frames[0].startswith("event: message_start")
    assert frames[-1].startswith("event: message_stop")


def test_chat_stream_ends_with_done():
    assert stream_text("chat", ModelTurn(text="hi")).endswith("data: [DONE]\n\n")


def test_openai_tool_error_travels_as_error_text():
    message = Message.tool([ToolResult("call_1", "no such city", is_error=True, name="f")])
    request = Request([Message.assistant(tool_calls=[ToolCall("f", {}, "call_1")]), message])
    body = wire.openai_chat.request_to_wire(request)
    assert body["messages"][-1] == {
        "role": "tool",
        "tool_call_id": "call_1",
        "content": "Error: no such city",
    }
    assert wire.openai_chat.request_from_wire(body).messages[-1].tool_results[0].is_error


def test_anthropic_tool_error_sets_is_error_flag():
    message = Message.tool([ToolResult("toolu_1", "no such city", is_error=True)])
    request = Request([Message.assistant(tool_calls=[ToolCall("f", {}, "toolu_1")]), message])
    block = wire.anthropic.request_to_wire(request)["messages"][-1]["content"][0]
    assert block == {
        "type": "tool_result",
        "tool_use_id": "toolu_1",
        "content": "no such city",
        "is_error": True,
    }


def test_tool_choice_forms_per_provider():
    forced = Request([Message.user("hi")], tools=[ToolSpec("f")], tool_choice=NamedTool("f"))
    assert wire.openai_chat.request_to_wire(forced)["tool_choice"] == {
        "type": "function",
        "function": {"name": "f"},
    }
    assert wire.openai_responses.request_to_wire(forced)["tool_choice"] == {
        "type": "function",
        "name": "f",
    }
    assert wire.anthropic.request_to_wire(forced)["tool_choice"] == {"type": "tool", "name": "f"}
    required = Request([Message.user("hi")], tools=[ToolSpec("f")], tool_choice="required")
    assert wire.anthropic.request_to_wire(required)["tool_choice"] == {"type": "any"}


def test_parallel_flag_per_provider():
    serial = Request(
        [Message.user("hi")], tools=[ToolSpec("f")], tool_choice="auto", parallel_tool_calls=False
    )
    assert wire.openai_chat.request_to_wire(serial)["parallel_tool_calls"] is False
    assert wire.openai_responses.request_to_wire(serial)["parallel_tool_calls"] is False
    assert wire.anthropic.request_to_wire(serial)["tool_choice"] == {
        "type": "auto",
        "disable_parallel_tool_use": True,
    }


def test_consecutive_openai_tool_messages_become_one_neutral_turn():
    body = {
        "model": "m",
        "messages": [
            {"role": "user", "content": "hi"},
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {"id": "a", "type": "function", "function": {"name": "f", "arguments": "{}"}},
                    {"id": "b", "type": "function", "function": {"name": "g", "arguments": "{}"}},
                ],
            },
            {"role": "tool", "tool_call_id": "a", "content": "1"},
            {"role": "tool", "tool_call_id": "b", "content": "2"},
        ],
    }
    request = wire.openai_chat.request_from_wire(body)
    assert [m.role for m in request.messages] == ["user", "assistant", "tool"]
    assert [(r.call_id, r.name) for r in request.messages[-1].tool_results] == [
        ("a", "f"),
        ("b", "g"),
    ]


def test_malformed_arguments_are_kept_as_text():
    body = {
        "choices": [
            {
                "message": {
                    "role": "assistant",
                    "tool_calls": [
                        {
                            "id": "c",
                            "type": "function",
                            "function": {"name": "f", "arguments": '{"city": "Par'},
                        }
                    ],
                },
                "finish_reason": "tool_calls",
            }
        ]
    }
    call = wire.openai_chat.turn_from_wire(body).tool_calls[0]
    assert call.arguments == '{"city": "Par'
