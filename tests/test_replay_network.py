"""Recording from a live-style transport that streams gzip in chunks, as a provider does: the
caller gets the stream intact, the cassette keeps it decompressed, and a stream left
unread keeps what had arrived when the block ends."""

from __future__ import annotations

import asyncio
import gzip
import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx2
import openai
from id_masks import without_ids
from weather_requests import CHAT

import fcplayground
from fcplayground import ReplayModel, SimulatedModel, offline
from fcplayground.offline.clients import OPENAI_BASE_URL
from fcplayground.offline.handler import handle
from fcplayground.recording import Cassette


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
