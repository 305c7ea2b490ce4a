"""One setting, FCP_PROVIDER, picks who answers; offline by default, never showing a key."""

from __future__ import annotations

import anthropic
import httpx2
import openai
import pytest

import fcplayground
from fcplayground import ModelClient, ScriptedModel, settings
from fcplayground.offline.clients import OPENAI_BASE_URL

OPENAI_CANARY = "sk-canary-connect-0123456789abcdefghijklmnop"
ANTHROPIC_CANARY = "sk-ant-canary-connect-0123456789abcdefghijklmnop"
OLLAMA = "http://localhost:11434/v1"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Start each test with no provider setting, no key and no base URL."""
    for name in (
        "FCP_PROVIDER",
        "FCP_OPENAI_BASE_URL",
        "OPENAI_API_KEY",
        "ANTHROPIC_API_KEY",
        "OPENAI_BASE_URL",
        "ANTHROPIC_BASE_URL",
    ):
        monkeypatch.delenv(name, raising=False)


def is_offline(sdk: object) -> bool:
    return isinstance(sdk._client._transport, httpx2.MockTransport)  # type: ignore[attr-defined]


def test_provider_defaults_to_offline_even_with_keys_set(monkeypatch, capsys):
    monkeypatch.setenv("OPENAI_API_KEY", OPENAI_CANARY)
    monkeypatch.setenv("ANTHROPIC_API_KEY", ANTHROPIC_CANARY)
    assert settings.provider() == "offline"
    assert fcplayground.connect().is_offline
    assert is_offline(fcplayground.openai_client())
    assert is_offline(fcplayground.anthropic_client())
    assert capsys.readouterr().out == ""  # offline by choice: nothing to announce


def test_openai_with_a_key_gives_a_live_sdk_client_aimed_at_openai(monkeypatch):
    monkeypatch.setenv("FCP_PROVIDER", "openai")
    monkeypatch.setenv("OPENAI_API_KEY", OPENAI_CANARY)
    sdk = fcplayground.openai_client()
    assert type(sdk) is openai.OpenAI
    assert not is_offline(sdk)  # built only: nothing is sent
    assert str(sdk.base_url) == "https://api.openai.com/v1/"
    client = fcplayground.connect()
    assert client.provider == "openai" and not client.is_offline
    assert OPENAI_CANARY not in repr(client)


def test_anthropic_with_a_key_gives_a_live_sdk_client_and_openai_stays_offline(monkeypatch):
    monkeypatch.setenv("FCP_PROVIDER", "anthropic")
    monkeypatch.setenv("ANTHROPIC_API_KEY", ANTHROPIC_CANARY)
    monkeypatch.setenv("OPENAI_API_KEY", OPENAI_CANARY)
    sdk = fcplayground.anthropic_client()
    assert type(sdk) is anthropic.Anthropic and not is_offline(sdk)
    assert str(sdk.base_url) == "https://api.anthropic.com"
    # Only the selected provider goes live, even when the other one has a key.
    assert is_offline(fcplayground.openai_client())
    client = fcplayground.connect()
    assert (client.provider, client.api, client.is_offline) == ("anthropic", "messages", False)


def test_async_clients_follow_the_same_setting(monkeypatch):
    monkeypatch.setenv("FCP_PROVIDER", "openai")
    monkeypatch.setenv("OPENAI_API_KEY", OPENAI_CANARY)
    live = fcplayground.async_openai_client()
    assert type(live) is openai.AsyncOpenAI and not is_offline(live)
    assert type(fcplayground.async_anthropic_client()) is anthropic.AsyncAnthropic
    assert is_offline(fcplayground.async_anthropic_client())


def test_openai_without_a_key_stays_offline_with_one_notice_naming_the_key(monkeypatch, capsys):
    monkeypatch.setenv("FCP_PROVIDER", "openai")
    sdk = fcplayground.openai_client()
    assert type(sdk) is openai.OpenAI and is_offline(sdk)
    out = capsys.readouterr().out
    assert "OPENAI_API_KEY" in out
    assert "offline" in out and "simulated model" in out
    assert "FCP_OPENAI_BASE_URL" in out  # the other way to go live, with a local server
    assert out.count("OPENAI_API_KEY is not set") == 1
    # The offline client still answers the lesson.
    reply = sdk.chat.completions.create(
        model="gpt-5.4-mini", messages=[{"role": "user", "content": "Hello"}]
    )
    assert reply.choices[0].message.content


def test_connect_without_the_key_keeps_the_providers_format_offline(monkeypatch, capsys):
    monkeypatch.setenv("FCP_PROVIDER", "anthropic")
    client = fcplayground.connect(model=ScriptedModel(["hi"]))
    assert client.is_offline and client.provider == "anthropic"
    assert client.complete("Hello").text == "hi"
    out = capsys.readouterr().out
    assert "ANTHROPIC_API_KEY" in out and "continues offline" in out


def test_the_notice_comes_only_from_the_selected_provider(monkeypatch, capsys):
    monkeypatch.setenv("FCP_PROVIDER", "openai")
    fcplayground.anthropic_client()  # not selected: offline, silently
    assert capsys.readouterr().out == ""


@pytest.mark.fault(
    "secrets",
    "an API key pasted into FCP_PROVIDER (or passed to connect())",
    "an error naming the allowed values (offline, openai, anthropic) that does not echo the value",
)
def test_invalid_provider_names_the_allowed_values_without_echoing_the_value(monkeypatch):
    monkeypatch.setenv("FCP_PROVIDER", OPENAI_CANARY)
    for make in (settings.provider, fcplayground.connect, fcplayground.openai_client):
        with pytest.raises(ValueError, match="FCP_PROVIDER is set to") as caught:
            make()
        assert "offline, openai, anthropic" in str(caught.value)
        assert OPENAI_CANARY not in str(caught.value) and "connect-0123" not in str(caught.value)
    with pytest.raises(ValueError, match="offline, openai, anthropic") as caught:
        fcplayground.connect(ANTHROPIC_CANARY)
    assert ANTHROPIC_CANARY not in str(caught.value) and "connect-0123" not in str(caught.value)


def test_provider_setting_ignores_case_and_spaces(monkeypatch):
    monkeypatch.setenv("FCP_PROVIDER", "  OpenAI ")
    assert settings.provider() == "openai"
    monkeypatch.setenv("FCP_PROVIDER", "")
    assert settings.provider() == "offline"


def test_base_url_reaches_the_sdk_client_and_model_client_without_a_key(monkeypatch, capsys):
    monkeypatch.setenv("FCP_PROVIDER", "openai")
    monkeypatch.setenv("FCP_OPENAI_BASE_URL", OLLAMA)
    sdk = fcplayground.openai_client()
    assert not is_offline(sdk)
    assert str(sdk.base_url) == OLLAMA + "/"
    assert sdk.api_key == settings.PLACEHOLDER_KEY  # local servers need none
    client = fcplayground.connect()
    assert not client.is_offline
    assert str(client.sdk.base_url) == OLLAMA + "/"
    assert str(client.async_sdk.base_url) == OLLAMA + "/"
    assert str(fcplayground.async_openai_client().base_url) == OLLAMA + "/"
    assert capsys.readouterr().out == ""  # a base URL is enough: no notice


def test_base_url_keeps_a_key_that_is_set(monkeypatch):
    monkeypatch.setenv("FCP_PROVIDER", "openai")
    monkeypatch.setenv("FCP_OPENAI_BASE_URL", OLLAMA)
    monkeypatch.setenv("OPENAI_API_KEY", OPENAI_CANARY)
    assert fcplayground.openai_client().api_key == OPENAI_CANARY


def test_base_url_is_unused_while_offline(monkeypatch):
    monkeypatch.setenv("FCP_OPENAI_BASE_URL", OLLAMA)
    assert str(fcplayground.openai_client().base_url) == OPENAI_BASE_URL + "/"


def test_explicit_provider_overrides_the_setting(monkeypatch, capsys):
    monkeypatch.setenv("OPENAI_API_KEY", OPENAI_CANARY)
    assert not fcplayground.connect("openai").is_offline
    assert fcplayground.connect("offline").is_offline
    claude = fcplayground.connect("anthropic")  # no Anthropic key
    assert claude.is_offline and claude.provider == "anthropic"
    assert "connect('anthropic') asks for anthropic" in capsys.readouterr().out


def test_connect_offline_passes_model_api_and_model_id_through():
    script = ScriptedModel(["ok"])
    client = fcplayground.connect(model=script, api="responses", model_id="my-model")
    assert isinstance(client, ModelClient)
    assert (client.provider, client.api, client.model) == ("openai", "responses", "my-model")
    assert client.local_model is script
    assert fcplayground.connect(api="messages").provider == "anthropic"


def test_sdk_options_reach_the_client_offline_and_live(monkeypatch):
    assert fcplayground.openai_client(max_retries=0).max_retries == 0
    monkeypatch.setenv("FCP_PROVIDER", "openai")
    monkeypatch.setenv("OPENAI_API_KEY", OPENAI_CANARY)
    assert fcplayground.openai_client(max_retries=0).max_retries == 0
