"""Record and replay: fcplayground.record writes a cassette, ReplayModel serves it back.

Sessions are recorded from offline clients, then replayed through the real SDKs (every
surface, sync and async): the SDK must receive the recorded bytes exactly. The recorded
third-party fixtures replay the same way, and VCR cassettes convert without loss."""

from __future__ import annotations

import asyncio
import functools
import inspect
import json
from collections.abc import Callable
from typing import Any

import anthropic
import openai
import pytest
from recorded import Interaction, all_interactions, fixtures_dir
from weather_requests import CHAT, MESSAGES, RESPONSES

import fcplayground
from fcplayground import ReplayModel, offline
from fcplayground.recording import Cassette

Seen = list[tuple[bytes, Any]]  # (raw body the SDK received, what the SDK parsed)


# --- one session, through every SDK surface -----------------------------------------------


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


# --- the recorded third-party fixtures ----------------------------------------------------


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
