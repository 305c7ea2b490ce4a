"""API keys never leak: not in clients' reprs, traces, requests, notebooks or exports."""

from __future__ import annotations

import json
import re
from pathlib import Path

import anthropic
import httpx2
import openai
import pytest

from fcplayground import ModelClient, ScriptedModel, ToolRegistry
from fcplayground.agent import arun, run
from fcplayground.evals import Case, EvalError, evaluate, expect
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


# -- a provider that echoes the key it refused ------------------------------------------

ECHOED_KEY = "sk-proj-echoed0123456789abcdefghijklmnopqrstuv"  # passed to the SDK, not in env


def echoing_provider(provider: str) -> ModelClient:
    """A real SDK client whose provider answers 401 and quotes the key it was sent."""

    def refuse(request: httpx2.Request) -> httpx2.Response:
        sent = request.headers.get("x-api-key") or request.headers["authorization"].split()[-1]
        message = f"Incorrect API key provided: {sent}. You can find your key at ..."
        return httpx2.Response(401, json={"error": {"message": message, "type": "auth_error"}})

    http = httpx2.Client(transport=httpx2.MockTransport(refuse))
    options = {"api_key": ECHOED_KEY, "max_retries": 0, "http_client": http}
    if provider == "openai":
        return ModelClient("openai", openai.OpenAI(base_url="https://x.invalid/v1", **options))
    return ModelClient("anthropic", anthropic.Anthropic(base_url="https://x.invalid", **options))


def assert_no_key(text: str) -> None:
    assert_clean(text)
    assert ECHOED_KEY not in text and ECHOED_KEY[8:] not in text


@pytest.mark.fault(
    "secrets",
    "a provider that quotes the refused API key in its 401 body",
    "the trace's and the evaluation's error texts show [REDACTED] where the key was",
)
@pytest.mark.parametrize("provider", ["openai", "anthropic"])
def test_a_key_echoed_in_a_401_body_is_redacted_in_the_trace(provider):
    trace = run(echoing_provider(provider), weather_tools(), "Weather in Paris?")
    assert trace.stop_reason == "error" and "401" in trace.error
    assert "[REDACTED]" in trace.error
    assert_no_key(trace.error)
    assert_no_key(trace.to_json())
    assert_no_key(str(trace))
    assert_no_key(trace._repr_html_())


@pytest.mark.fault(
    "secrets",
    "a provider that quotes the refused API key in its 401 body",
    "the trace's and the evaluation's error texts show [REDACTED] where the key was",
)
@pytest.mark.parametrize("provider", ["openai", "anthropic"])
def test_a_key_echoed_in_a_401_body_is_redacted_in_the_eval_error(provider):
    case = Case.ask("Weather in Paris?", weather_tools(), expect("get_weather", city="Paris"))
    with pytest.raises(EvalError) as caught:
        evaluate([case], echoing_provider(provider))
    assert "401" in str(caught.value) and "[REDACTED]" in str(caught.value)
    assert_no_key(str(caught.value))
    assert caught.value.__cause__ is None  # the SDK error, key and all, is not chained


@pytest.mark.fault(
    "secrets",
    "an error quoting a key-shaped string or an environment key",
    "the trace and eval error texts show [REDACTED] instead, as cassettes do",
)
def test_failed_case_and_trace_errors_redact_key_shapes_and_environment_keys(monkeypatch):
    from fcplayground.agent.trace import Trace
    from fcplayground.evals.runner import _failed

    monkeypatch.setenv("LOCAL_API_KEY", "plain-local-secret-value")
    said = f"boom {OPENAI_CANARY[:-2]}xy and plain-local-secret-value"
    case = Case.ask("Weather in Paris?", weather_tools(), expect("get_weather", city="Paris"))
    failed = _failed(case, RuntimeError(said), 0)
    trace = Trace("hi", error=said)
    for text in (failed.error, failed.reasons[0], trace.error):
        assert text.count("[REDACTED]") == 2 and "plain-local" not in text
        assert_no_key(text)
