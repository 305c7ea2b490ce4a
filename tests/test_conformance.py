"""fcplayground.wire against real recorded OpenAI and Anthropic traffic.

Every recorded interaction (``shared/fixtures/recorded``, see ``tests/recorded.py``) is
replayed through the real SDKs and read by :mod:`fcplayground.wire`; both must see the
same tool calls. The request bodies must survive the neutral round trip.
"""

from __future__ import annotations

import functools
import inspect
import json
from collections.abc import Callable
from typing import Any

import anthropic
import httpx2
import openai
import pydantic
import pytest
from openai.lib.streaming.chat import ChatCompletionStreamState
from openai.types.chat import ChatCompletion
from openai.types.responses import Response
from recorded import Interaction, all_interactions, cassettes, load

from fcplayground import wire
from fcplayground.chat import ModelTurn, Request

EXPECTED_INTERACTIONS = 49  # SOURCES.md: "All 49 interactions replay cleanly"
MISSING = "fixtures-missing"

Call = tuple[str, str, Any]  # (id, name, parsed arguments)


@functools.cache
def _by_id() -> dict[str, Interaction]:
    return {i.id: i for i in all_interactions()}


def interaction(case: str) -> Interaction:
    """The interaction of a test id; fails with a clear message if the fixtures are missing."""
    return _by_id()[case]


def cases(keep: Callable[[Interaction], bool] = lambda i: True) -> list[str]:
    """Test ids of the interactions ``keep`` accepts (one failing id if fixtures are missing)."""
    try:
        return [i.id for i in all_interactions() if keep(i)]
    except FileNotFoundError:
        return [MISSING]


def _arguments(text: str | None) -> Any:
    return json.loads(text) if text else {}


# -- what the raw wire bodies say -------------------------------------------------------


def raw_request_calls(api: str, body: dict[str, Any]) -> tuple[list[Call], list[str]]:
    """(tool calls, tool-result call ids) written in a raw request body."""
    calls: list[Call] = []
    results: list[str] = []
    if api == "chat":
        for m in body["messages"]:
            for c in m.get("tool_calls") or []:
                calls.append(
                    (c["id"], c["function"]["name"], _arguments(c["function"]["arguments"]))
                )
            if m["role"] == "tool":
                results.append(m["tool_call_id"])
    elif api == "responses":
        items = body["input"] if isinstance(body["input"], list) else []
        for item in items:
            if item.get("type") == "function_call":
                calls.append((item["call_id"], item["name"], _arguments(item["arguments"])))
            elif item.get("type") == "function_call_output":
                results.append(item["call_id"])
    else:
        for m in body["messages"]:
            for block in m["content"] if isinstance(m["content"], list) else []:
                if block["type"] == "tool_use":
                    calls.append((block["id"], block["name"], block["input"]))
                elif block["type"] == "tool_result":
                    results.append(block["tool_use_id"])
    return calls, results


def raw_tools(api: str, body: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(name, JSON schema) of each function tool in a raw request body."""
    tools = body.get("tools") or []
    if api == "chat":
        return [(t["function"]["name"], t["function"]["parameters"]) for t in tools]
    if api == "responses":
        return [(t["name"], t["parameters"]) for t in tools if t["type"] == "function"]
    return [(t["name"], t["input_schema"]) for t in tools if "input_schema" in t]


# -- what fcplayground.wire and the SDKs make of them -----------------------------------


def neutral_calls(turn: ModelTurn | Request) -> list[Call]:
    if isinstance(turn, ModelTurn):
        return [(c.id, c.name, c.arguments) for c in turn.tool_calls]
    return [(c.id, c.name, c.arguments) for m in turn.messages for c in m.tool_calls]


def neutral_result_ids(request: Request) -> list[str]:
    return [r.call_id for m in request.messages for r in m.tool_results]


def wire_turn(i: Interaction) -> ModelTurn:
    """The neutral turn fcplayground.wire reads from the recorded response."""
    format = wire.FORMATS[i.api]
    return (
        format.turn_from_stream(i.response_text)
        if i.is_stream
        else format.turn_from_wire(i.response_json)
    )


def sdk_calls(api: str, obj: Any) -> list[Call]:
    """Tool calls of an SDK object (ChatCompletion, Response or Message)."""
    if api == "chat":
        calls = obj.choices[0].message.tool_calls or []
        return [(c.id, c.function.name, _arguments(c.function.arguments)) for c in calls]
    if api == "responses":
        return [
            (o.call_id, o.name, _arguments(o.arguments))
            for o in obj.output
            if o.type == "function_call"
        ]
    return [(b.id, b.name, b.input) for b in obj.content if b.type == "tool_use"]


def sdk_text(api: str, obj: Any) -> str:
    if api == "chat":
        return obj.choices[0].message.content or ""
    if api == "responses":
        return obj.output_text
    return "".join(b.text for b in obj.content if b.type == "text")


STRICT_MODELS = {
    "chat": ChatCompletion,
    "responses": Response,
    "anthropic": anthropic.types.Message,
}
# Required by the installed openai SDK but newer than the recordings: real responses
# recorded before the field existed may lack it, and only that is forgiven.
NEWER_THAN_RECORDINGS = {("missing", ("usage", "input_tokens_details", "cache_write_tokens"))}


# -- replay through the real SDKs -------------------------------------------------------


def replay_handler(
    i: Interaction, sent: list[dict[str, Any]]
) -> Callable[[httpx2.Request], httpx2.Response]:
    """Answers with the recording; keeps the JSON bodies the SDK sent."""

    def handler(request: httpx2.Request) -> httpx2.Response:
        sent.append(json.loads(request.content))
        headers = {"content-type": i.response_headers.get("content-type", "application/json")}
        return httpx2.Response(i.status, headers=headers, content=i.response_text.encode())

    return handler


def sdk_client(i: Interaction, sent: list[dict[str, Any]]) -> Any:
    http = httpx2.Client(transport=httpx2.MockTransport(replay_handler(i, sent)))
    if i.api == "anthropic":
        return anthropic.Anthropic(
            api_key="test", base_url="https://api.anthropic.com", http_client=http, max_retries=0
        )
    return openai.OpenAI(
        api_key="test", base_url="https://api.openai.com/v1", http_client=http, max_retries=0
    )


def as_kwargs(method: Callable[..., Any], body: dict[str, Any]) -> dict[str, Any]:
    """The body as keyword arguments of ``method``; keys it does not take go in extra_body."""
    accepted = inspect.signature(method).parameters
    kwargs = {k: v for k, v in body.items() if k in accepted}
    extra = {k: v for k, v in body.items() if k not in accepted}
    return kwargs | ({"extra_body": extra} if extra else {})


def sdk_replay(i: Interaction, sent: list[dict[str, Any]]) -> Any:
    """The SDK's final object for the recorded request (a stream is consumed to its end)."""
    client = sdk_client(i, sent)
    body = dict(i.request_body)
    if i.api == "chat":
        create = client.chat.completions.create
        if not i.is_stream:
            return create(**as_kwargs(create, body))
        state = ChatCompletionStreamState()
        for chunk in create(**as_kwargs(create, body)):
            state.handle_chunk(chunk)
        return state.get_final_completion()
    if i.api == "responses":
        if not i.is_stream:
            return client.responses.create(**as_kwargs(client.responses.create, body))
        body.pop("stream")
        with client.responses.stream(**as_kwargs(client.responses.stream, body)) as stream:
            return stream.get_final_response()
    if not i.is_stream:
        return client.messages.create(**as_kwargs(client.messages.create, body))
    body.pop("stream")
    with client.messages.stream(**as_kwargs(client.messages.stream, body)) as stream:
        return stream.get_final_message()


# -- the tests --------------------------------------------------------------------------


def test_every_cassette_parses_and_holds_49_interactions() -> None:
    counts = {path.name: len(load(path)) for path in cassettes()}
    assert all(n > 0 for n in counts.values()), counts
    assert sum(counts.values()) == EXPECTED_INTERACTIONS, counts
    assert len(_by_id()) == EXPECTED_INTERACTIONS  # ids are unique


def test_every_interaction_has_a_known_api_and_a_successful_body() -> None:
    for i in all_interactions():
        assert i.status == 200, i.id
        assert i.api in wire.FORMATS, i.id
        assert i.is_stream == bool(i.request_body.get("stream")), i.id
        if not i.is_stream:
            assert isinstance(i.response_json, dict), i.id


@pytest.mark.parametrize("case", cases())
def test_sdk_replay_sees_the_tool_calls_and_text_wire_reads(case: str) -> None:
    i = interaction(case)
    sent: list[dict[str, Any]] = []
    final = sdk_replay(i, sent)
    turn = wire_turn(i)
    assert sdk_calls(i.api, final) == neutral_calls(turn)
    assert sdk_text(i.api, final) == turn.text
    assert len(sent) == 1


@pytest.mark.parametrize("case", cases())
def test_sdk_sends_the_recorded_request_body(case: str) -> None:
    i = interaction(case)
    sent: list[dict[str, Any]] = []
    sdk_replay(i, sent)
    expected = i.request_body | ({"stream": True} if i.is_stream else {})
    assert sent == [expected]


@pytest.mark.parametrize("case", cases())
def test_request_round_trip_through_neutral_is_stable(case: str) -> None:
    i = interaction(case)
    format = wire.FORMATS[i.api]
    first = format.request_from_wire(i.request_body)
    again = format.request_from_wire(format.request_to_wire(first))
    assert again == first


@pytest.mark.parametrize("case", cases())
def test_neutral_request_keeps_tool_calls_and_result_ids(case: str) -> None:
    i = interaction(case)
    request = wire.FORMATS[i.api].request_from_wire(i.request_body)
    calls, result_ids = raw_request_calls(i.api, i.request_body)
    assert neutral_calls(request) == calls
    assert neutral_result_ids(request) == result_ids


@pytest.mark.parametrize("case", cases())
def test_neutral_request_keeps_tool_names_and_schemas(case: str) -> None:
    i = interaction(case)
    format = wire.FORMATS[i.api]
    request = format.request_from_wire(i.request_body)
    tools = raw_tools(i.api, i.request_body)
    assert [(t.name, t.parameters) for t in request.tools] == tools
    assert raw_tools(i.api, format.request_to_wire(request)) == tools


@pytest.mark.parametrize("case", cases(lambda i: not i.is_stream))
def test_recorded_response_validates_with_strict_sdk_model(case: str) -> None:
    i = interaction(case)
    try:
        STRICT_MODELS[i.api].model_validate(i.response_json)
    except pydantic.ValidationError as error:
        problems = [e for e in error.errors() if (e["type"], e["loc"]) not in NEWER_THAN_RECORDINGS]
        assert not problems, problems


@pytest.mark.parametrize("case", cases())
def test_turn_to_wire_of_recorded_turn_validates_and_keeps_tool_calls(case: str) -> None:
    i = interaction(case)
    turn = wire_turn(i)
    body = wire.FORMATS[i.api].turn_to_wire(turn)
    validated = STRICT_MODELS[i.api].model_validate(body)
    assert sdk_calls(i.api, validated) == neutral_calls(turn)
    assert sdk_text(i.api, validated) == turn.text
