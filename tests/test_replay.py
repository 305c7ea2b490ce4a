"""Record and replay: fcplayground.record writes a cassette, ReplayModel serves it back.

Sessions are recorded from offline clients (and from a transport that streams gzip in
chunks, as a live provider does), then replayed through the real SDKs: the SDK must
receive the recorded bytes exactly. The recorded third-party fixtures replay the same way.
"""

from __future__ import annotations

import asyncio
import functools
import gzip
import inspect
import json
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import anthropic
import httpx2
import openai
import pytest
from id_masks import without_ids
from recorded import Interaction, all_interactions, fixtures_dir

import fcplayground
from fcplayground import ModelClient, ReplayModel, ScriptedModel, SimulatedModel, offline
from fcplayground.agent import run
from fcplayground.chat import Message, Request, ToolSpec
from fcplayground.models import FaultyModel
from fcplayground.offline.clients import ANTHROPIC_BASE_URL, OPENAI_BASE_URL
from fcplayground.offline.handler import handle, make_handler
from fcplayground.recording import Cassette, Exchange
from fcplayground.scenarios import SupportDesk

WEATHER_CHAT = [
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "Returns the current weather for a city.",
            "parameters": {
                "type": "object",
                "properties": {"city": {"type": "string", "description": "The city name."}},
                "required": ["city"],
            },
        },
    }
]
WEATHER_RESPONSES = [{"type": "function", **WEATHER_CHAT[0]["function"]}]
WEATHER_ANTHROPIC = [
    {
        "name": "get_weather",
        "description": "Returns the current weather for a city.",
        "input_schema": WEATHER_CHAT[0]["function"]["parameters"],
    }
]
ASK = "What is the weather in Paris?"
CHAT = {
    "model": "gpt-5.4-mini",
    "messages": [{"role": "user", "content": ASK}],
    "tools": WEATHER_CHAT,
}
RESPONSES = {"model": "gpt-5.4-mini", "input": ASK, "tools": WEATHER_RESPONSES}
MESSAGES = {
    "model": "claude-haiku-4-5",
    "max_tokens": 512,
    "messages": [{"role": "user", "content": ASK}],
    "tools": WEATHER_ANTHROPIC,
}

Seen = list[tuple[bytes, Any]]  # (raw body the SDK received, what the SDK parsed)


# -- one session, through every SDK surface ------------------------------------------------


def _received(raw: Any) -> tuple[bytes, Any]:
    """The bytes behind an SDK raw response, and its parsed value as plain data."""
    body = raw.http_response.read()  # a stream, once read, parses from these bytes
    parsed = raw.parse()
    if hasattr(parsed, "model_dump"):
        return body, parsed.model_dump()
    return body, [event.model_dump() for event in parsed]


async def _areceived(raw: Any) -> tuple[bytes, Any]:
    body = await raw.http_response.aread()
    parsed = raw.parse()
    if inspect.isawaitable(parsed):  # anthropic's async parse is a coroutine, openai's is not
        parsed = await parsed
    if hasattr(parsed, "model_dump"):
        return body, parsed.model_dump()
    return body, [event.model_dump() async for event in parsed]


def session(oa: openai.OpenAI, an: anthropic.Anthropic) -> Seen:
    """Chat plain + stream, Responses plain + stream, Messages plain + stream, and the
    SDKs' streaming helpers."""
    seen = [
        _received(oa.chat.completions.with_raw_response.create(**CHAT)),
        _received(oa.chat.completions.with_raw_response.create(**CHAT, stream=True)),
        _received(oa.responses.with_raw_response.create(**RESPONSES)),
        _received(oa.responses.with_raw_response.create(**RESPONSES, stream=True)),
        _received(an.messages.with_raw_response.create(**MESSAGES)),
        _received(an.messages.with_raw_response.create(**MESSAGES, stream=True)),
    ]
    with an.messages.stream(**MESSAGES) as stream:
        seen.append((b"", stream.get_final_message().model_dump()))
    with oa.responses.stream(**RESPONSES) as stream:
        seen.append((b"", stream.get_final_response().model_dump()))
    return seen


async def asession(oa: openai.AsyncOpenAI, an: anthropic.AsyncAnthropic) -> Seen:
    """The async twin of :func:`session`."""
    seen = [
        await _areceived(await oa.chat.completions.with_raw_response.create(**CHAT)),
        await _areceived(await oa.chat.completions.with_raw_response.create(**CHAT, stream=True)),
        await _areceived(await oa.responses.with_raw_response.create(**RESPONSES)),
        await _areceived(await oa.responses.with_raw_response.create(**RESPONSES, stream=True)),
        await _areceived(await an.messages.with_raw_response.create(**MESSAGES)),
        await _areceived(await an.messages.with_raw_response.create(**MESSAGES, stream=True)),
    ]
    async with an.messages.stream(**MESSAGES) as stream:
        seen.append((b"", (await stream.get_final_message()).model_dump()))
    return seen


def _bodies(seen: Seen) -> list[bytes]:
    return [body for body, _ in seen if body]


def test_offline_session_recorded_then_replayed_gives_the_sdks_the_recorded_bytes(tmp_path):
    path = tmp_path / "session.json"
    with fcplayground.record(path):
        original = session(offline.openai_client(), offline.anthropic_client())
    cassette = Cassette.load(path)
    assert len(cassette.exchanges) == 8
    assert [e.body for e in cassette.exchanges[:6]] == _bodies(original)
    assert [e.is_stream for e in cassette.exchanges[:6]] == [False, True] * 3

    replay = ReplayModel(path)
    replayed = session(offline.openai_client(model=replay), offline.anthropic_client(model=replay))
    assert replayed == original


def test_async_offline_session_recorded_then_replayed_gives_the_same_bytes(tmp_path):
    path = tmp_path / "async.json"

    async def recorded() -> Seen:
        with fcplayground.record(path):
            return await asession(offline.async_openai_client(), offline.async_anthropic_client())

    original = asyncio.run(recorded())
    assert [e.body for e in Cassette.load(path).exchanges[:6]] == _bodies(original)
    replay = ReplayModel(path)
    clients = (
        offline.async_openai_client(model=replay),
        offline.async_anthropic_client(model=replay),
    )
    assert asyncio.run(asession(*clients)) == original


def test_clients_created_before_the_block_are_recorded_and_nothing_after_it(tmp_path):
    client = offline.openai_client()
    path = tmp_path / "before.json"
    with fcplayground.record(path) as recording:
        client.chat.completions.create(**CHAT)
        inside = offline.openai_client()
        inside.chat.completions.create(**CHAT, stream=True).close()
    client.chat.completions.create(**CHAT)  # after the block: not recorded
    assert len(recording.exchanges) == 2
    assert len(Cassette.load(path).exchanges) == 2


# -- the cassette file -------------------------------------------------------------------------


def test_cassette_is_indented_json_with_a_header_and_no_headers_at_all(tmp_path):
    path = tmp_path / "file.json"
    with fcplayground.record(path):
        offline.openai_client().chat.completions.create(**CHAT, stream=True).close()
    text = path.read_text()
    document = json.loads(text)
    assert text.startswith('{\n  "format": "fcplayground-cassette"')
    assert document["version"] == 1
    assert document["fcplayground"] == fcplayground.__version__
    (exchange,) = document["exchanges"]
    assert exchange["request"] == {
        "method": "POST",
        "path": "/v1/chat/completions",
        "body": CHAT | {"stream": True},
    }
    assert set(exchange["response"]) == {"status", "content_type", "body_lines"}
    assert exchange["response"]["content_type"] == "text/event-stream"
    assert exchange["response"]["body_lines"][-3:] == ["data: [DONE]", "", ""]
    assert "x-request-id" not in text and "authorization" not in text.lower()
    assert not list(tmp_path.glob(".*"))  # the atomic write left no temporary file


def test_a_body_that_is_not_utf8_round_trips_as_base64():
    exchange = Exchange(
        "POST", "/v1/audio/speech", {"input": "hi"}, 200, "audio/mpeg", b"\xff\xfb\x90"
    )
    data = exchange.to_json()
    assert "body_base64" in data["response"]
    assert Exchange.from_json(json.loads(json.dumps(data))) == exchange


def test_a_block_that_raises_still_writes_the_cassette_and_restores_httpx2(tmp_path):
    sync_send, async_send = httpx2.Client.send, httpx2.AsyncClient.send
    path = tmp_path / "raised.json"
    with pytest.raises(RuntimeError, match="cell failed"), fcplayground.record(path):
        offline.openai_client().chat.completions.create(**CHAT)
        raise RuntimeError("cell failed")
    assert len(Cassette.load(path).exchanges) == 1
    assert (httpx2.Client.send, httpx2.AsyncClient.send) == (sync_send, async_send)


def test_nested_blocks_both_record_and_httpx2_is_restored_after_the_outer(tmp_path):
    sync_send = httpx2.Client.send
    client = offline.openai_client()
    with fcplayground.record(tmp_path / "outer.json") as outer:
        client.chat.completions.create(**CHAT)
        with fcplayground.record(tmp_path / "inner.json") as inner:
            client.responses.create(**RESPONSES)
        assert httpx2.Client.send is not sync_send
    assert httpx2.Client.send is sync_send
    assert [e.path for e in outer.exchanges] == ["/v1/chat/completions", "/v1/responses"]
    assert [e.path for e in inner.exchanges] == ["/v1/responses"]


# -- keys never reach the file ----------------------------------------------------------------

CANARIES = {
    "OPENAI_API_KEY": "sk-canary-env-openai-5f1c2d9e8b7a",
    "ANTHROPIC_API_KEY": "sk-ant-canary-env-anthropic-3e4d5c6b",
}


def _mock(async_: bool = False) -> Any:
    transport = httpx2.MockTransport(make_handler(SimulatedModel()))
    return httpx2.AsyncClient(transport=transport) if async_ else httpx2.Client(transport=transport)


def test_api_keys_from_the_environment_and_the_client_never_reach_the_cassette(
    tmp_path, monkeypatch
):
    for name, key in CANARIES.items():
        monkeypatch.setenv(name, key)
    given = {"api_key": "sk-canary-client-7a8b9c0d1e2f"}
    clients = [  # keys given to the client, and keys the SDK read from the environment
        openai.OpenAI(**given, base_url=OPENAI_BASE_URL, http_client=_mock()),
        openai.OpenAI(base_url=OPENAI_BASE_URL, http_client=_mock()),
    ]
    anthropics = [
        anthropic.Anthropic(**given, base_url=ANTHROPIC_BASE_URL, http_client=_mock()),
        anthropic.Anthropic(base_url=ANTHROPIC_BASE_URL, http_client=_mock()),
    ]
    path = tmp_path / "canary.json"
    with fcplayground.record(path):
        for oa in clients:
            oa.chat.completions.create(**CHAT)
            list(oa.chat.completions.create(**CHAT, stream=True))
            oa.responses.create(**RESPONSES)
        for an in anthropics:
            an.messages.create(**MESSAGES)
            with an.messages.stream(**MESSAGES) as stream:
                stream.get_final_message()

        async def async_calls() -> None:
            oa = openai.AsyncOpenAI(**given, base_url=OPENAI_BASE_URL, http_client=_mock(True))
            await oa.chat.completions.create(**CHAT)
            an = anthropic.AsyncAnthropic(base_url=ANTHROPIC_BASE_URL, http_client=_mock(True))
            await an.messages.create(**MESSAGES)

        asyncio.run(async_calls())
    text = path.read_text()
    assert len(json.loads(text)["exchanges"]) == 12
    assert "canary" not in text
    assert "sk-" not in text


def test_a_key_pasted_into_a_prompt_is_redacted_with_a_warning(tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", CANARIES["OPENAI_API_KEY"])
    client = openai.OpenAI(base_url=OPENAI_BASE_URL, http_client=_mock())
    pasted = {
        **CHAT,
        "messages": [{"role": "user", "content": f"my key is {CANARIES['OPENAI_API_KEY']}"}],
    }
    path = tmp_path / "pasted.json"
    with pytest.warns(UserWarning, match="REDACTED"), fcplayground.record(path):
        client.chat.completions.create(**pasted)
    text = path.read_text()
    assert "canary" not in text
    assert "my key is [REDACTED]" in text


@pytest.mark.fault(
    "secrets",
    "a key of another provider pasted into a recorded prompt",
    "the cassette has [REDACTED] there, with a warning: anything shaped like a key is redacted",
)
def test_a_key_shaped_string_known_to_no_one_is_redacted_too(tmp_path, monkeypatch):
    for name in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    client = openai.OpenAI(api_key="x", base_url=OPENAI_BASE_URL, http_client=_mock())
    stray = "sk-proj-strayKey0123456789abcdefghijkl"
    pasted = {**CHAT, "messages": [{"role": "user", "content": f"try {stray} please"}]}
    path = tmp_path / "stray.json"
    with pytest.warns(UserWarning, match="REDACTED"), fcplayground.record(path):
        client.chat.completions.create(**pasted)
    text = path.read_text()
    assert "strayKey" not in text and "try [REDACTED] please" in text


# -- a live-style transport: gzip, in chunks ------------------------------------------------


class _Chunks(httpx2.SyncByteStream, httpx2.AsyncByteStream):
    """Bytes that arrive a few at a time and only once, as from a socket (the openai SDK
    drains a stream after ``[DONE]`` by iterating it again)."""

    def __init__(self, data: bytes, size: int = 7) -> None:
        self.parts = iter([data[i : i + size] for i in range(0, len(data), size)])

    def __iter__(self) -> Iterator[bytes]:
        yield from self.parts

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for part in self.parts:
            yield part


class GzipChunkedTransport(httpx2.BaseTransport, httpx2.AsyncBaseTransport):
    """Answers like a network provider: gzip-compressed, streamed in small chunks."""

    def __init__(self) -> None:
        self.model = SimulatedModel()

    def _response(self, request: httpx2.Request) -> httpx2.Response:
        reply = handle(self.model, request.method, request.url.path, request.content)
        headers = {**reply.headers, "content-encoding": "gzip"}
        return httpx2.Response(
            reply.status, headers=headers, stream=_Chunks(gzip.compress(reply.body))
        )

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        request.read()
        return self._response(request)

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        await request.aread()
        return self._response(request)


def _networked(async_: bool = False) -> Any:
    http = (httpx2.AsyncClient if async_ else httpx2.Client)(transport=GzipChunkedTransport())
    make = openai.AsyncOpenAI if async_ else openai.OpenAI
    return make(api_key="sk-live-like-0123456789", base_url=OPENAI_BASE_URL, http_client=http)


def _expected_bodies() -> list[str]:
    """What the offline provider answers to CHAT, plain and streamed (ids masked: each
    answer has its own)."""
    model = SimulatedModel()
    return [
        without_ids(handle(model, "POST", "/v1/chat/completions", json.dumps(body).encode()).body)
        for body in (CHAT, CHAT | {"stream": True})
    ]


def _recorded_bodies(path: Path) -> list[str]:
    return [without_ids(e.body) for e in Cassette.load(path).exchanges]


def test_a_streamed_gzip_response_reaches_the_caller_intact_and_is_kept_decompressed(tmp_path):
    client = _networked()
    unrecorded = [c.model_dump() for c in client.chat.completions.create(**CHAT, stream=True)]
    path = tmp_path / "network.json"
    with fcplayground.record(path):
        plain = client.chat.completions.create(**CHAT).model_dump()
        chunks = [c.model_dump() for c in client.chat.completions.create(**CHAT, stream=True)]
    assert without_ids(chunks) == without_ids(unrecorded)
    assert _recorded_bodies(path) == _expected_bodies()
    replay = offline.openai_client(model=ReplayModel(path))
    assert replay.chat.completions.create(**CHAT).model_dump() == plain
    assert [c.model_dump() for c in replay.chat.completions.create(**CHAT, stream=True)] == chunks


def test_an_async_streamed_gzip_response_is_recorded_too(tmp_path):
    path = tmp_path / "anetwork.json"

    async def calls() -> list[Any]:
        client = _networked(async_=True)
        with fcplayground.record(path):
            await client.chat.completions.create(**CHAT)
            stream = await client.chat.completions.create(**CHAT, stream=True)
            return [c.model_dump() async for c in stream]

    chunks = asyncio.run(calls())
    assert chunks[-1]["choices"][0]["finish_reason"] == "tool_calls"
    assert _recorded_bodies(path) == _expected_bodies()


def test_a_stream_left_unread_keeps_what_had_arrived_when_the_block_ends(tmp_path):
    path = tmp_path / "partial.json"
    with fcplayground.record(path):
        stream = _networked().chat.completions.create(**CHAT, stream=True)
        next(iter(stream))
    (exchange,) = Cassette.load(path).exchanges
    full, partial = _expected_bodies()[1], without_ids(exchange.body)
    assert exchange.body and full.startswith(partial) and partial != full
    stream.close()


# -- matching --------------------------------------------------------------------------------


def test_a_cell_run_twice_replays_its_recordings_again_in_order(tmp_path):
    path = tmp_path / "twice.json"
    with fcplayground.record(path):
        client = offline.openai_client(model=ScriptedModel(["one", "two"]))
        client.chat.completions.create(**CHAT)
        client.chat.completions.create(**CHAT)
    client = offline.openai_client(model=ReplayModel(path))
    answers = [client.chat.completions.create(**CHAT).choices[0].message.content for _ in range(4)]
    assert answers == ["one", "two", "one", "two"]


def test_key_order_does_not_matter_but_content_does(tmp_path):
    path = tmp_path / "order.json"
    with fcplayground.record(path):
        offline.openai_client().chat.completions.create(**CHAT)
    model = ReplayModel(path)
    reordered = json.dumps(dict(reversed(list(CHAT.items())))).encode()
    assert model.reply("POST", "/v1/chat/completions", reordered).status == 200


def test_an_unmatched_request_gets_a_404_naming_the_closest_recording_and_the_difference(tmp_path):
    path = tmp_path / "desk.json"
    follow_up = [
        *MESSAGES["messages"],
        {"role": "assistant", "content": "Sunny."},
        {"role": "user", "content": "And Rome?"},
    ]
    with fcplayground.record(path):
        offline.openai_client().chat.completions.create(**CHAT)
        offline.anthropic_client().messages.create(**MESSAGES | {"messages": follow_up})
    replay = ReplayModel(path)
    oa = offline.openai_client(model=replay, max_retries=0)
    with pytest.raises(openai.NotFoundError) as error:
        oa.chat.completions.create(
            **CHAT | {"messages": [{"role": "user", "content": "Weather in Oslo?"}]}
        )
    message = error.value.body["message"]
    assert "No recorded exchange matches this request (POST /v1/chat/completions)" in message
    assert "exchange 1 of 2" in message
    assert (
        'messages[0].content differs: recorded "What is the weather in Paris?", sent "Weather in Oslo?"'
        in message
    )
    assert "fcplayground.record" in message and "simulated model" in message

    an = offline.anthropic_client(model=replay, max_retries=0)
    changed = [*follow_up[:2], {"role": "user", "content": "And Berlin?"}]
    with pytest.raises(anthropic.NotFoundError) as error:
        an.messages.create(**MESSAGES | {"messages": changed})
    assert error.value.body["type"] == "error"
    assert "messages[2].content differs" in error.value.body["error"]["message"]
    with pytest.raises(openai.NotFoundError, match=r"it holds 1 x POST /v1/chat/completions"):
        oa.responses.create(**RESPONSES)


def test_replay_model_answers_neutral_requests_too(tmp_path):
    path = tmp_path / "neutral.json"
    with fcplayground.record(path):
        turn = ModelClient.offline().complete(
            ASK, [ToolSpec("get_weather", "Weather.", WEATHER_CHAT[0]["function"]["parameters"])]
        )
    model = ReplayModel(path)
    request = Request(
        [Message.user(ASK)],
        model=turn.model,
        tools=[ToolSpec("get_weather", "Weather.", WEATHER_CHAT[0]["function"]["parameters"])],
    )
    replayed = model.respond(request)
    assert [(c.name, c.arguments, c.id) for c in replayed.tool_calls] == [
        (c.name, c.arguments, c.id) for c in turn.tool_calls
    ]
    # A wrapper without reply() goes through respond(): the Model protocol path.
    client = offline.openai_client(model=FaultyModel(model, [None]))
    body = ModelClient.offline().request_body(ASK, request.tools)
    via_respond = client.chat.completions.create(**body).choices[0].message.tool_calls
    assert [c.function.name for c in via_respond] == ["get_weather"]
    with pytest.raises(openai.NotFoundError, match="No recorded exchange matches"):
        client.chat.completions.create(**body | {"messages": [{"role": "user", "content": "Hi"}]})


# -- an agent run ----------------------------------------------------------------------------

TASK = (
    "Look up jane@example.com, then search the help center for double charges, then open a "
    "ticket about the double charge, then email her the answer."
)


@pytest.mark.parametrize(
    ("provider", "api"), [("openai", "chat"), ("openai", "responses"), ("anthropic", "messages")]
)
def test_an_agent_run_replayed_makes_the_same_tool_calls(tmp_path, provider, api):
    path = tmp_path / "agent.json"
    with fcplayground.record(path):
        original = run(ModelClient.offline(provider=provider, api=api), SupportDesk().tools, TASK)
    assert [name for name, _ in original.calls()] == [
        "lookup_customer", "search_knowledge_base", "create_ticket", "send_response",
    ]  # fmt: skip
    client = ModelClient.offline(model=ReplayModel(path), provider=provider, api=api)
    replayed = run(client, SupportDesk().tools, TASK)
    assert replayed.calls() == original.calls()
    assert [s.request for s in replayed.steps] == [s.request for s in original.steps]
    assert (replayed.final_text, replayed.stop_reason) == (original.final_text, "answered")
    assert [r.result.content for r in replayed.tool_runs] == [
        r.result.content for r in original.tool_runs
    ]


# -- the recorded third-party fixtures ------------------------------------------------------


@functools.cache
def _fixtures() -> dict[str, Interaction]:
    return {i.id: i for i in all_interactions()}


def _fixture_ids() -> list[str]:
    try:
        return list(_fixtures())
    except FileNotFoundError:
        return ["fixtures-missing"]


def _as_kwargs(method: Callable[..., Any], body: dict[str, Any]) -> dict[str, Any]:
    accepted = inspect.signature(method).parameters
    extra = {k: v for k, v in body.items() if k not in accepted}
    return {k: v for k, v in body.items() if k in accepted} | (
        {"extra_body": extra} if extra else {}
    )


SDK_CALL = {
    "chat": lambda model: (
        offline.openai_client(model=model).chat.completions.with_raw_response.create
    ),
    "responses": lambda model: (
        offline.openai_client(model=model).responses.with_raw_response.create
    ),
    "anthropic": lambda model: (
        offline.anthropic_client(model=model).messages.with_raw_response.create
    ),
}


@pytest.mark.parametrize("case", _fixture_ids())
def test_every_recorded_fixture_interaction_replays_byte_for_byte_through_its_sdk(case):
    interaction = _fixtures()[case]
    (path,) = fixtures_dir().glob(f"*/{interaction.file}")
    create = SDK_CALL[interaction.api](ReplayModel(path))
    raw = create(**_as_kwargs(create, interaction.request_body))
    body, parsed = _received(raw)
    assert raw.status_code == interaction.status
    assert body == interaction.response_text.encode()
    assert parsed  # the SDK parsed the recorded bytes


def test_vcr_cassettes_convert_to_json_cassettes_losslessly(tmp_path):
    for path in sorted(fixtures_dir().glob("*/*.yaml")):
        cassette = Cassette.load(path)
        cassette.save(tmp_path / f"{path.stem}.json")
        assert Cassette.load(tmp_path / f"{path.stem}.json").exchanges == cassette.exchanges


def test_vcr_cassettes_saved_as_json_by_vcrpy_load_too(tmp_path):
    import yaml

    (source,) = fixtures_dir().glob("*/chat_parallel_3_calls.crewai.yaml")  # raw string bodies
    as_json = tmp_path / "vcr.json"
    as_json.write_text(json.dumps(yaml.safe_load(source.read_text())))
    assert Cassette.load(as_json).exchanges == Cassette.load(source).exchanges
