"""ModelClient: one interface over the three APIs, offline or live, never showing a key."""

from __future__ import annotations

import asyncio
import warnings

import anthropic
import openai
import pytest
from anthropic.types import Message as AnthropicMessage
from openai.types.chat import ChatCompletion
from openai.types.responses import Response

from fcplayground import Message, ModelClient, ScriptedModel, SimulatedModel, ToolRegistry, offline
from fcplayground.client import OfflineWarning

CANARY = "sk-FAKE-canary-never-sent-0123456789"

tools = ToolRegistry()


@tools.tool
def get_weather(city: str) -> dict:
    """Returns the current weather for a city.

    Args:
        city: The city name, e.g. Paris.
    """
    return {"city": city, "sky": "sunny"}


ASK = [Message.user("Weather in Paris?")]
SCRIPT = [("get_weather", {"city": "Paris"}), "It is sunny in Paris."]
CLIENTS = [("openai", "chat"), ("openai", "responses"), ("anthropic", "messages")]


def neutral(turn):
    """What must not depend on the provider: text, calls, stop reason."""
    return turn.text, [(c.name, c.arguments) for c in turn.tool_calls], turn.stop_reason


def test_same_script_gives_the_same_neutral_turns_over_chat_responses_and_anthropic():
    seen = []
    for provider, api in CLIENTS:
        client = ModelClient.offline(ScriptedModel(SCRIPT), provider=provider, api=api)
        first = client.complete(ASK, tools)
        results = tools.call_many(first.tool_calls)
        follow_up = [*ASK, first.message, Message.tool(results)]
        second = client.complete(follow_up, tools)
        seen.append((neutral(first), neutral(second)))
    assert seen[0] == seen[1] == seen[2]
    assert seen[0][0] == ("", [("get_weather", {"city": "Paris"})], "tool_use")
    assert seen[0][1] == ("It is sunny in Paris.", [], "end_turn")


def test_raw_sdk_object_is_attached_to_the_turn():
    kinds = {"chat": ChatCompletion, "responses": Response, "messages": AnthropicMessage}
    for provider, api in CLIENTS:
        client = ModelClient.offline(ScriptedModel(SCRIPT), provider=provider, api=api)
        turn = client.complete(ASK, tools)
        assert isinstance(turn.raw, kinds[api])
        assert turn.id == turn.raw.id
        assert turn.tool_calls[0].id  # the provider-style id the SDK returned


def test_request_body_is_the_providers_wire_format_and_is_kept_as_last_request():
    chat = ModelClient.offline(ScriptedModel(["ok"]), api="chat")
    chat.complete(ASK, tools, system="Be brief.", parallel=False, tool_choice="get_weather")
    body = chat.last_request
    assert body["messages"][0] == {"role": "system", "content": "Be brief."}
    assert body["tools"] == tools.to_openai()  # exactly what the lessons send by hand
    assert body["parallel_tool_calls"] is False
    assert body["tool_choice"] == {"type": "function", "function": {"name": "get_weather"}}
    claude = ModelClient.offline(ScriptedModel(["ok"]), provider="anthropic")
    body = claude.request_body(ASK, tools, parallel=False)
    assert body["tools"] == tools.to_anthropic()
    assert body["tool_choice"] == {"type": "auto", "disable_parallel_tool_use": True}
    assert claude.last_request is None  # request_body only builds; nothing was sent


def test_parallel_none_leaves_the_flag_out_of_the_body():
    client = ModelClient.offline(ScriptedModel(["ok"]), api="responses")
    body = client.request_body(ASK, tools)
    assert "parallel_tool_calls" not in body
    assert body["tools"] == tools.to_openai(api="responses")  # strict: false said explicitly


def test_model_id_defaults_to_settings_and_can_be_overridden(monkeypatch):
    monkeypatch.setenv("FCP_ANTHROPIC_MODEL", "claude-test-model")
    assert ModelClient.offline(provider="anthropic").model == "claude-test-model"
    client = ModelClient.offline(ScriptedModel(["ok"]), model_id="my-model")
    client.complete(ASK)
    assert client.last_request["model"] == "my-model"


def test_simulated_model_explanation_rides_on_the_turn():
    client = ModelClient.offline()
    turn = client.complete(ASK, tools)
    assert turn.tool_calls[0].name == "get_weather"
    assert turn.explanation is client.local_model.explain(turn.raw)
    assert turn.explanation is not None


def test_a_user_supplied_offline_client_keeps_its_model_for_explanations_and_async():
    model = SimulatedModel()
    client = ModelClient.openai(offline.openai_client(model))
    assert client.is_offline and client.local_model is model
    assert client.complete(ASK, tools).explanation is not None
    scripted = ScriptedModel(["from sync", "from async"])
    client = ModelClient.anthropic(offline.anthropic_client(scripted))
    assert client.complete(ASK).text == "from sync"
    assert asyncio.run(client.acomplete(ASK)).text == "from async"  # the same model answers
    assert isinstance(client.async_sdk, anthropic.AsyncAnthropic)


def test_acomplete_matches_complete_over_every_api():
    for provider, api in CLIENTS:
        client = ModelClient.offline(
            ScriptedModel([SCRIPT[0], SCRIPT[0]]), provider=provider, api=api
        )
        sync = client.complete(ASK, tools)
        other = asyncio.run(client.acomplete(ASK, tools))
        assert neutral(other) == neutral(sync)


def test_without_a_key_the_client_stays_offline_and_says_how_to_go_live(monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    with pytest.warns(OfflineWarning, match="OPENAI_API_KEY") as caught:
        client = ModelClient.openai(api="responses")
    assert "offline" in str(caught[0].message)
    assert client.is_offline and client.api == "responses"
    assert isinstance(client.local_model, SimulatedModel)
    with pytest.warns(OfflineWarning, match="ANTHROPIC_API_KEY"):
        client = ModelClient.anthropic()
    assert client.is_offline and client.complete(ASK, tools).tool_calls


def test_with_a_key_the_client_is_live_and_never_shows_the_key(monkeypatch):
    for name in ("OPENAI_BASE_URL", "ANTHROPIC_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OPENAI_API_KEY", CANARY)
    monkeypatch.setenv("ANTHROPIC_API_KEY", CANARY)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        gpt = ModelClient.openai()
        claude = ModelClient.anthropic(model="claude-x")
    assert isinstance(gpt.sdk, openai.OpenAI) and not gpt.is_offline
    assert isinstance(claude.sdk, anthropic.Anthropic) and not claude.is_offline
    assert "api.openai.com" in str(gpt.sdk.base_url)
    assert gpt.local_model is None and claude.model == "claude-x"
    assert isinstance(gpt.async_sdk, openai.AsyncOpenAI)  # built, never used to send
    assert isinstance(claude.async_sdk, anthropic.AsyncAnthropic)
    assert str(gpt.async_sdk.base_url) == str(gpt.sdk.base_url)
    for client in (gpt, claude):
        assert CANARY not in repr(client)
        assert CANARY not in str(vars(client).get("last_request"))
        assert "live" in repr(client)


def test_unknown_provider_or_api_is_a_clear_error():
    with pytest.raises(ValueError, match="provider"):
        ModelClient.offline(provider="gemini")
    with pytest.raises(ValueError, match="api"):
        ModelClient.offline(provider="anthropic", api="chat")


def test_sdk_errors_propagate_from_complete():
    client = ModelClient.offline(ScriptedModel([]))
    with pytest.raises(openai.InternalServerError, match="no turn left"):
        client.complete(ASK)
