"""API keys never leak: not in clients' reprs, traces, requests, notebooks or exports."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx2
import pytest

from fcplayground import ModelClient, ScriptedModel, ToolRegistry
from fcplayground.agent import arun, run
from fcplayground.widgets import DescriptionLab

OPENAI_CANARY = "sk-canary-0123456789abcdefghijklmnopqrstuvwxyz"
ANTHROPIC_CANARY = "sk-ant-canary-0123456789abcdefghijklmnopqrstuvwxyz"
CANARIES = (OPENAI_CANARY, ANTHROPIC_CANARY)
KEY_PATTERN = re.compile(r"sk-(ant-)?[A-Za-z0-9_-]{20,}")
NOTEBOOKS = sorted((Path(__file__).parent.parent / "notebooks").glob("*.ipynb"))
STEPS = [("get_weather", {"city": "Paris"}), "It is sunny in Paris."]


@pytest.fixture(autouse=True)
def canary_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", OPENAI_CANARY)
    monkeypatch.setenv("ANTHROPIC_API_KEY", ANTHROPIC_CANARY)


def assert_clean(text: str) -> None:
    for canary in CANARIES:
        assert canary not in text
        assert canary[8:] not in text  # not even the key without its prefix


def weather_tools() -> ToolRegistry:
    tools = ToolRegistry()

    @tools.tool
    def get_weather(city: str) -> dict:
        """Returns the current weather for a city.

        Args:
            city: The city name, e.g. Paris.
        """
        return {"city": city, "sky": "sunny"}

    return tools


def test_canaries_are_long_enough_to_look_like_keys():
    assert all(len(c) >= 30 and KEY_PATTERN.fullmatch(c) for c in CANARIES)


@pytest.mark.parametrize("provider", ["openai", "anthropic"])
def test_live_client_repr_and_str_hide_the_key(provider):
    client = ModelClient.openai() if provider == "openai" else ModelClient.anthropic()
    assert not client.is_offline  # the env key made it live; no request is ever sent
    assert client.sdk.api_key in CANARIES  # the key is really there to leak
    assert_clean(repr(client))
    assert_clean(str(client))


@pytest.mark.parametrize(
    ("provider", "api"), [("openai", "chat"), ("openai", "responses"), ("anthropic", None)]
)
def test_offline_trace_and_its_request_bodies_hold_no_key(provider, api):
    client = ModelClient.offline(ScriptedModel(STEPS), provider=provider, api=api)
    trace = run(client, weather_tools(), "Weather in Paris?")
    assert trace.steps and trace.tool_runs
    assert_clean(trace.to_json())
    assert_clean(str(trace))
    assert_clean(repr(trace))
    assert_clean(trace._repr_html_())
    for step in trace.steps:
        assert_clean(json.dumps(step.request, default=repr))
    assert_clean(json.dumps(client.last_request, default=repr))


def spy_on(client: ModelClient) -> list[httpx2.Request]:
    """Record every request the offline client's transport receives."""
    transport = client.sdk._client._transport
    assert isinstance(transport, httpx2.MockTransport)
    seen: list[httpx2.Request] = []
    answer = transport.handler

    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        return answer(request)

    transport.handler = handler
    return seen


@pytest.mark.parametrize("provider", ["openai", "anthropic"])
def test_offline_requests_never_send_the_env_key(provider):
    client = ModelClient.offline(ScriptedModel(STEPS * 2), provider=provider)
    assert client.sdk.api_key not in CANARIES
    seen = spy_on(client)
    run(client, weather_tools(), "Weather in Paris?")
    assert len(seen) == 2
    for request in seen:
        headers = "\n".join(f"{k}: {v}" for k, v in request.headers.items())
        assert_clean(headers)
        assert_clean(request.content.decode())
        assert_clean(str(request.url))


@pytest.mark.parametrize("provider", ["openai", "anthropic"])
def test_offline_async_client_never_holds_the_env_key(provider):
    import asyncio

    client = ModelClient.offline(ScriptedModel(STEPS), provider=provider)
    trace = asyncio.run(arun(client, weather_tools(), "Weather in Paris?"))
    assert client.async_sdk.api_key not in CANARIES
    assert_clean(trace.to_json())


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_hold_no_key(notebook):
    text = notebook.read_text(encoding="utf-8")
    assert not KEY_PATTERN.search(text), KEY_PATTERN.search(text)
    assert_clean(text)


def test_there_are_notebooks_to_check():
    assert len(NOTEBOOKS) >= 5


def test_description_lab_export_holds_no_key(tmp_path):
    lab = DescriptionLab(weather_tools(), [("Weather in Paris?", "get_weather")], debounce=0)
    lab.tools.describe("get_weather", "Current weather for one city.")
    lab.tools.describe("get_weather", "A city name.", param="city")
    code = lab.export_code()
    assert "describe(" in code
    exported = tmp_path / "descriptions.py"
    exported.write_text(code, encoding="utf-8")
    text = exported.read_text(encoding="utf-8")
    assert not KEY_PATTERN.search(text)
    assert_clean(text)
