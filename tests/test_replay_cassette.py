"""The cassette file fcplayground.record writes: indented JSON with a header and no HTTP
headers, bodies that are not UTF-8 kept as base64, blocks that raise or nest; and no API
key (from the environment, the client, or pasted into a prompt) ever reaches it."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import anthropic
import httpx2
import openai
import pytest
from weather_requests import CHAT, MESSAGES, RESPONSES

import fcplayground
from fcplayground import SimulatedModel, offline
from fcplayground.offline.clients import ANTHROPIC_BASE_URL, OPENAI_BASE_URL
from fcplayground.offline.handler import make_handler
from fcplayground.recording import Cassette, Exchange


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


# --- keys never reach the file ------------------------------------------------------------


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
