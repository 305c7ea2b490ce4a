"""Chat Completions streams as the API sends them: ``stream_options.include_usage``.

With it, the API puts ``"usage": null`` on every chunk and adds one last chunk with empty
``choices`` that carries the usage (see the recorded streams in the shared fixtures);
without it, no chunk has a ``usage`` field at all.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from openai.types.chat import ChatCompletionChunk
from recorded import all_interactions

from fcplayground import ScriptedModel, offline
from fcplayground.wire import parse_sse

WEATHER = {
    "name": "get_weather",
    "description": "Current weather for a city.",
    "parameters": {
        "type": "object",
        "properties": {"city": {"type": "string"}},
        "required": ["city"],
    },
}
TOOLS = [{"type": "function", "function": WEATHER}]
ASK = [{"role": "user", "content": "Weather in Paris?"}]
USAGE = {"include_usage": True}
SCRIPTS = {
    "text": ["Sunny and 22 degrees in Paris, with a light breeze from the west."],
    "call": [("get_weather", {"city": "Paris"})],
    "text_and_call": [("Let me look.", [("get_weather", {"city": "Paris"})])],
}


def chunks(script: list[Any], **fields: Any) -> list[dict[str, Any]]:
    """The JSON chunks the offline provider streams for ``script`` (``[DONE]`` left off)."""
    body = {"model": "m", "messages": ASK, "tools": TOOLS, "stream": True, **fields}
    reply = offline.handle(
        ScriptedModel(script), "POST", "/v1/chat/completions", json.dumps(body).encode()
    )
    assert reply.status == 200, reply.body
    frames = parse_sse(reply.body.decode())
    assert frames[-1] == (None, "[DONE]")
    return [data for _, data in frames[:-1]]


def usage_shape(stream: list[dict[str, Any]]) -> list[str]:
    """Each chunk as the API's usage pattern sees it: null usage, or the usage chunk."""
    return ["usage" if c.get("usage") else "null" if "usage" in c else "absent" for c in stream]


@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_with_include_usage_every_chunk_but_the_last_has_null_usage(name):
    stream = chunks(SCRIPTS[name], stream_options=USAGE)
    assert usage_shape(stream) == ["null"] * (len(stream) - 1) + ["usage"]
    assert stream[-1]["choices"] == []
    assert all(c["choices"] for c in stream[:-1])


@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_include_usage_chunks_validate_with_the_sdk_model(name):
    stream = chunks(SCRIPTS[name], stream_options=USAGE)
    parsed = [ChatCompletionChunk.model_validate(c, strict=True) for c in stream]
    assert parsed[-1].usage.total_tokens == parsed[-1].usage.prompt_tokens + (
        parsed[-1].usage.completion_tokens
    )
    assert parsed[-1].usage.total_tokens > 0


def test_without_include_usage_no_chunk_has_a_usage_field():
    stream = chunks(SCRIPTS["text_and_call"])
    assert set(usage_shape(stream)) == {"absent"}
    assert stream[-1]["choices"][0]["finish_reason"] == "tool_calls"


def test_include_usage_false_is_the_same_as_leaving_it_out():
    stream = chunks(SCRIPTS["call"], stream_options={"include_usage": False})
    assert set(usage_shape(stream)) == {"absent"}


def test_legacy_functions_stream_follows_the_same_usage_pattern():
    body = {"model": "m", "messages": ASK, "functions": [WEATHER], "stream": True}
    body["stream_options"] = USAGE
    reply = offline.handle(
        ScriptedModel(SCRIPTS["call"]), "POST", "/v1/chat/completions", json.dumps(body).encode()
    )
    stream = [data for _, data in parse_sse(reply.body.decode())[:-1]]
    assert usage_shape(stream) == ["null"] * (len(stream) - 1) + ["usage"]
    assert stream[-2]["choices"][0]["finish_reason"] == "function_call"


def recorded_usage_streams() -> list[Any]:
    return [
        i
        for i in all_interactions()
        if i.api == "chat" and i.is_stream and (i.request_body.get("stream_options") or {})
    ]


def test_the_fixtures_hold_streams_recorded_with_include_usage():
    assert recorded_usage_streams()  # else the next test checks nothing


@pytest.mark.parametrize("interaction", recorded_usage_streams(), ids=lambda i: i.id)
def test_offline_usage_pattern_matches_the_recorded_stream(interaction):
    recorded = [d for _, d in parse_sse(interaction.response_text) if isinstance(d, dict)]
    body = interaction.request_body
    reply = offline.handle(
        ScriptedModel(SCRIPTS["call"]), "POST", "/v1/chat/completions", json.dumps(body).encode()
    )
    assert reply.status == 200, reply.body
    ours = [d for _, d in parse_sse(reply.body.decode()) if isinstance(d, dict)]
    # The same pattern, whatever the number of argument pieces in between.
    assert usage_shape(ours) == ["null"] * (len(ours) - 1) + ["usage"]
    assert usage_shape(recorded) == ["null"] * (len(recorded) - 1) + ["usage"]
    assert set(ours[-1]) == set(recorded[-1]) - {"obfuscation"}


def test_the_sdk_reads_the_usage_of_an_include_usage_stream():
    client = offline.openai_client(ScriptedModel(SCRIPTS["call"]))
    stream = client.chat.completions.create(
        model="m", messages=ASK, tools=TOOLS, stream=True, stream_options=USAGE
    )
    parts = list(stream)
    assert [p.usage is None for p in parts] == [True] * (len(parts) - 1) + [False]
    assert parts[-1].choices == [] and parts[-1].usage.completion_tokens > 0
