"""Property tests with hostile JSON (deep, huge, long digits, lone surrogates, NaN):
``ToolRegistry.call``, both argument readers and every wire converter's reading of a
tool call. Nothing escapes, nothing hangs, and every result obeys its size limit."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fuzz import APIS, TOOLS, check_result
from test_wire import stream_text

from fcplayground import wire
from fcplayground.chat import ModelTurn, ToolCall, ToolResult
from fcplayground.tools.arguments import MAX_ARGUMENT_CHARS
from fcplayground.tools.execution import CallError
from fcplayground.tools.execution import parse_arguments as tool_arguments
from fcplayground.wire import openai_legacy
from fcplayground.wire._common import parse_arguments as wire_arguments

LIMIT = TOOLS.max_result_chars or 0
MARKER = 150  # the truncation marker's length, at most


def _wrap(inner: str) -> str:
    return '{"value": ' + inner + "}"


# Built once: hypothesis picks among them, so no example builds a megabyte itself.
HUGE = [_wrap('"' + "x" * (MAX_ARGUMENT_CHARS - 12 + k) + '"') for k in (-1, 0, 1, 20)]
depths = st.integers(1, 3_000)
hostile_texts = st.one_of(
    depths.map(lambda d: _wrap("[" * d + "]" * d)),
    depths.map(lambda d: _wrap('{"a": ' * d + "1" + "}" * d)),
    depths.map(lambda d: _wrap("[" * d)),  # unclosed
    st.integers(4_000, 6_000).map(lambda n: _wrap("7" * n)),
    st.integers(1, 4_300).map(lambda n: _wrap("-" + "9" * n + ".5e3")),
    st.sampled_from(["NaN", "Infinity", "-Infinity", "1e999", "-0"]).map(_wrap),
    st.integers(0xD800, 0xDFFF).map(lambda c: _wrap(f'"\\u{c:04x}"')),
    st.integers(0xD800, 0xDFFF).map(lambda c: _wrap(f'"{chr(c)}"')),
    st.text(max_size=30).map(lambda t: json.dumps({"value": t}, ensure_ascii=False)),
    st.text(max_size=40),
    st.sampled_from(HUGE),
)


def within_limit(result: ToolResult) -> bool:
    return len(result.content) <= LIMIT + MARKER


HOSTILE = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.mark.fault(
    "tool arguments",
    "hypothesis: hostile JSON (deep, huge, long digits, surrogates, NaN) for every tool",
    "an error result (or the tool's result) within max_result_chars; nothing raises or hangs",
)
@HOSTILE
@given(st.sampled_from(TOOLS.names), hostile_texts | st.binary(max_size=40))
def test_hostile_json_never_escapes_a_call_and_obeys_the_limit(name: str, text: Any) -> None:
    result = TOOLS.call(name, text)
    check_result(name, result)
    assert within_limit(result)
    try:
        assert isinstance(tool_arguments(TOOLS[name], text), dict)
    except CallError as exc:
        assert str(exc).startswith(f"The arguments for {name}")


@HOSTILE
@given(hostile_texts)
def test_the_wire_reader_gives_an_object_or_the_text_back(text: str) -> None:
    value = wire_arguments(text)
    assert isinstance(value, dict) or value == text


def anthropic_stream(text: str) -> str:
    """A Messages stream whose one tool_use block streams ``text`` as its input (JSON
    escapes keep a lone surrogate, which no UTF-8 stream could carry raw)."""
    block = {"type": "tool_use", "id": "toolu_1", "name": "take_dict", "input": {}}
    events = [
        {"type": "message_start", "message": {"role": "assistant"}},
        {"type": "content_block_start", "index": 0, "content_block": block},
    ]
    for i in range(0, len(text), 4_096):
        delta = {"type": "input_json_delta", "partial_json": text[i : i + 4_096]}
        events.append({"type": "content_block_delta", "index": 0, "delta": delta})
    return "".join(f"event: {e['type']}\ndata: {json.dumps(e)}\n\n" for e in events)


def encodable(text: str) -> bool:
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


def read_back(api: str, text: str, streamed: bool) -> ModelTurn:
    if api == "anthropic":
        return wire.anthropic.turn_from_stream(anthropic_stream(text))
    turn = ModelTurn(tool_calls=[ToolCall("take_dict", text, "call_1")])
    fmt = wire.FORMATS[api]
    # Streams come in 12-character pieces, as UTF-8 bytes.
    if streamed and len(text) <= 20_000 and encodable(text):
        return fmt.turn_from_stream(stream_text(api, turn))
    return fmt.turn_from_wire(json.loads(json.dumps(fmt.turn_to_wire(turn))))


@pytest.mark.fault(
    "model output",
    "hypothesis: a model's tool call carries hostile JSON, in any wire format, streamed or not",
    "the converter keeps the arguments (as text if unreadable) and the call gives an error result",
)
@HOSTILE
@given(st.sampled_from(APIS), hostile_texts, st.booleans())
def test_every_converter_reads_hostile_arguments_without_raising(api, text, streamed) -> None:
    (call,) = read_back(api, text, streamed).tool_calls
    assert isinstance(call.arguments, dict) or call.arguments == text
    result = TOOLS.call(call.name, call.arguments)
    check_result(call.name, result)
    assert within_limit(result)


@HOSTILE
@given(hostile_texts)
def test_a_legacy_function_call_with_hostile_arguments_is_read_or_refused(text: str) -> None:
    message = {"role": "assistant", "function_call": {"name": "take_dict", "arguments": text}}
    try:
        (modern,) = openai_legacy.modern_messages([message])
    except openai_legacy.LegacyFormatError as exc:
        assert exc.param == "messages.[0].function_call.arguments"
        assert len(str(exc)) < 2_000
    else:
        assert modern["tool_calls"][0]["function"]["arguments"] == text
