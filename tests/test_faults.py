"""Fault injection: FaultyModel makes the offline provider (or the model) misbehave."""

from __future__ import annotations

import contextlib
import json

import anthropic
import openai
import pytest

from fcplayground import ScriptedModel, offline
from fcplayground.agent import run
from fcplayground.client import ModelClient
from fcplayground.models import FaultyModel
from fcplayground.tools import ToolRegistry

WEATHER = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Current weather for a city.",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}, "days": {"type": "integer"}},
            "required": ["city", "days"],
        },
    },
}
ASK = [{"role": "user", "content": "Weather in Paris?"}]
PARIS = ("get_weather", {"city": "Paris", "days": 2})


def registry() -> ToolRegistry:
    tools = ToolRegistry()

    @tools.tool
    def get_weather(city: str, days: int) -> str:
        """Current weather for a city.

        Args:
            city: The city name, e.g. "Paris".
            days: How many days of forecast.
        """
        return f"Sunny in {city} for {days} days."

    return tools


def ask_openai(model, **options):
    client = offline.openai_client(model, **options)
    return client.chat.completions.create(model="m", messages=ASK, tools=[WEATHER])


def ask_anthropic(model, **options):
    client = offline.anthropic_client(model, **options)
    return client.messages.create(model="m", max_tokens=100, messages=ASK)


@pytest.mark.fault(
    "provider",
    'HTTP 429 with `retry-after` (`FaultyModel(["rate_limit"])`)',
    "the SDK waits and retries; the step's `attempts` show each answer (429 → 200)",
)
def test_sdk_retries_a_rate_limit_then_succeeds():
    for ask in (ask_openai, ask_anthropic):
        model = FaultyModel(ScriptedModel(["Sunny."]), ["rate_limit"])
        reply = ask(model, max_retries=2)
        text = reply.choices[0].message.content if ask is ask_openai else reply.content[0].text
        assert text == "Sunny."
        assert [(r.request, r.fault) for r in model.log] == [(1, "rate_limit")]
        assert model.requests == 2


@pytest.mark.fault(
    "provider",
    "HTTP 429 with `max_retries=0`",
    'the SDK raises `RateLimitError`; `run` stops with `stop_reason="error"` and keeps the trace so far',
)
def test_rate_limit_without_retries_raises_rate_limit_error():
    with pytest.raises(openai.RateLimitError) as err:
        ask_openai(FaultyModel(ScriptedModel(["Sunny."]), ["rate_limit"]), max_retries=0)
    assert err.value.response.headers["retry-after"] == "0.01"
    with pytest.raises(anthropic.RateLimitError) as err:
        ask_anthropic(FaultyModel(ScriptedModel(["Sunny."]), ["rate_limit"]), max_retries=0)
    assert err.value.body["error"]["type"] == "rate_limit_error"


@pytest.mark.fault(
    "provider",
    'HTTP 500 (`"server_error"`)',
    "retried, then `InternalServerError`; `run` says how often the SDK tried and keeps the trace",
)
def test_server_error_raises_internal_server_error_once_retries_are_exhausted():
    model = FaultyModel(ScriptedModel(["Sunny."]), ["server_error"] * 3)
    with pytest.raises(openai.InternalServerError):
        ask_openai(model, max_retries=2)
    assert [r.fault for r in model.log] == ["server_error"] * 3
    with pytest.raises(anthropic.InternalServerError):
        ask_anthropic(FaultyModel(ScriptedModel(["x"]), ["server_error"]), max_retries=0)


@pytest.mark.fault(
    "provider",
    'overloaded (`"overloaded"`: 529 on Anthropic, 503 on OpenAI)',
    "retried, then `OverloadedError` / `InternalServerError`",
)
def test_overloaded_is_529_overloaded_error_on_anthropic_and_503_on_openai():
    with pytest.raises(anthropic.OverloadedError) as err:
        ask_anthropic(FaultyModel(ScriptedModel(["x"]), ["overloaded"]), max_retries=0)
    assert err.value.status_code == 529
    assert err.value.body["error"]["type"] == "overloaded_error"
    with pytest.raises(openai.InternalServerError) as err:
        ask_openai(FaultyModel(ScriptedModel(["x"]), ["overloaded"]), max_retries=0)
    assert err.value.status_code == 503


@pytest.mark.fault("provider", 'no answer (`"timeout"`)', "the SDK raises `APITimeoutError`")
def test_timeout_raises_api_timeout_error():
    with pytest.raises(openai.APITimeoutError):
        ask_openai(FaultyModel(ScriptedModel(["x"]), ["timeout"]), max_retries=0)
    with pytest.raises(anthropic.APITimeoutError):
        ask_anthropic(FaultyModel(ScriptedModel(["x"]), ["timeout"]), max_retries=0)


@pytest.mark.fault(
    "provider",
    'a stream cut short (`"truncated_stream"`)',
    "no exception: the stream ends with no finish reason, so check `finish_reason` / `stop_reason` before trusting the text",
)
def test_truncated_stream_ends_silently_with_an_incomplete_result():
    # Neither SDK notices the cut: the stream simply ends early. The text is partial and
    # no chunk carries a finish_reason (OpenAI) / there is no message_stop (Anthropic).
    text = "It is sunny in Paris today, with a light breeze."
    model = FaultyModel(ScriptedModel([text]), ["truncated_stream"])
    client = offline.openai_client(model, max_retries=0)
    chunks = list(client.chat.completions.create(model="m", messages=ASK, stream=True))
    got = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert got and text.startswith(got) and got != text
    assert all(c.choices[0].finish_reason is None for c in chunks if c.choices)
    assert [r.fault for r in model.log] == ["truncated_stream"]

    model = FaultyModel(ScriptedModel([text]), ["truncated_stream"])
    with offline.anthropic_client(model).messages.stream(
        model="m", max_tokens=100, messages=ASK
    ) as stream:
        types = [event.type for event in stream]
        final = stream.get_final_message()
    assert "message_stop" not in types
    assert final.stop_reason is None and final.content[0].text != text


@pytest.mark.fault(
    "model output",
    'malformed JSON arguments (`"malformed_json"`)',
    "the arguments arrive as the raw string; `tools.call` returns an error naming the JSON problem",
)
def test_malformed_arguments_reach_the_application_as_the_raw_string():
    model = FaultyModel(ScriptedModel([PARIS]), ["malformed_json"])
    call = ask_openai(model).choices[0].message.tool_calls[0]
    with pytest.raises(json.JSONDecodeError):
        json.loads(call.function.arguments)
    assert call.function.arguments.startswith('{"city":"Par')
    result = registry().call(call.function.name, call.function.arguments)
    assert result.is_error and "not valid JSON" in result.content


def corrupted(fault: str):
    model = FaultyModel(ScriptedModel([PARIS]), [fault])
    call = ask_openai(model).choices[0].message.tool_calls[0]
    assert [r.fault for r in model.log] == [fault]
    return call, registry().call(call.function.name, call.function.arguments)


@pytest.mark.fault(
    "model output",
    'a call to a tool that does not exist (`"unknown_tool"`)',
    'an error result naming the tool and the nearest one it has ("Did you mean ...?")',
)
def test_unknown_tool_gives_an_error_result_naming_the_tool():
    call, result = corrupted("unknown_tool")
    assert call.function.name == "get_weather_v2"
    assert result.is_error and "Unknown tool 'get_weather_v2'" in result.content
    assert "Did you mean 'get_weather'?" in result.content


@pytest.mark.fault(
    "model output",
    'a wrong type, a missing or an extra argument (`"wrong_type"`, `"missing_argument"`, `"extra_argument"`)',
    "an error result naming the argument, what was wrong and what the tool takes",
)
def test_wrong_type_gives_an_error_result_naming_the_argument():
    call, result = corrupted("wrong_type")
    assert json.loads(call.function.arguments)["city"] == 42
    assert result.is_error and "argument 'city' should be a string" in result.content


@pytest.mark.fault(
    "model output",
    'a wrong type, a missing or an extra argument (`"wrong_type"`, `"missing_argument"`, `"extra_argument"`)',
    "an error result naming the argument, what was wrong and what the tool takes",
)
def test_missing_argument_gives_an_error_result_naming_the_argument():
    call, result = corrupted("missing_argument")
    assert "city" not in json.loads(call.function.arguments)
    assert result.is_error and "missing required argument 'city'" in result.content


@pytest.mark.fault(
    "model output",
    'a wrong type, a missing or an extra argument (`"wrong_type"`, `"missing_argument"`, `"extra_argument"`)',
    "an error result naming the argument, what was wrong and what the tool takes",
)
def test_extra_argument_gives_an_error_result_naming_the_argument():
    _, result = corrupted("extra_argument")
    assert result.is_error and "unexpected argument 'confidence_hallucinated'" in result.content


@pytest.mark.fault(
    "model output",
    'malformed JSON arguments (`"malformed_json"`)',
    "the arguments arrive as the raw string; `tools.call` returns an error naming the JSON problem",
)
def test_agent_loop_recovers_from_malformed_arguments():
    inner = ScriptedModel([PARIS, PARIS, "Sunny in Paris for 2 days."])
    model = FaultyModel(inner, ["malformed_json"])
    trace = run(ModelClient.offline(model=model), registry(), "Weather in Paris?")
    assert trace.stop_reason == "answered"
    first, second = trace.tool_runs
    assert first.result.is_error and "not valid JSON" in first.result.content
    assert not second.result.is_error and second.result.content == "Sunny in Paris for 2 days."
    assert [(r.request, r.fault) for r in model.log] == [(1, "malformed_json")]


def test_seeded_probability_mode_is_deterministic():
    def fired(seed):
        model = FaultyModel(
            ScriptedModel(["ok"] * 40), ["rate_limit", "server_error"], seed=seed, rate=0.3
        )
        client = offline.openai_client(model, max_retries=0)
        for _ in range(40):
            with contextlib.suppress(openai.APIStatusError):
                client.chat.completions.create(model="m", messages=ASK)
        return [(r.request, r.fault) for r in model.log]

    assert fired(7) == fired(7)
    assert fired(7) != fired(8)
    assert 0 < len(fired(7)) < 40


def test_unknown_fault_names_are_rejected():
    with pytest.raises(ValueError, match="Unknown fault"):
        FaultyModel(ScriptedModel([]), ["rate_limt"])


def test_the_trace_shows_the_sdks_own_retries():
    from fcplayground import ModelClient, ScriptedModel, ToolRegistry
    from fcplayground.agent import run
    from fcplayground.models import FaultyModel

    tools = ToolRegistry()
    model = FaultyModel(ScriptedModel(["All good."]), ["rate_limit", "rate_limit"])
    trace = run(ModelClient.offline(model=model), tools, "Hello")
    assert trace.stop_reason == "answered"
    assert [status for status, _ in trace.steps[0].attempts] == [429, 429, 200]
    assert trace.steps[0].retries == 2
    assert "SDK retried: 429 → 429 → 200" in str(trace)


@pytest.mark.fault(
    "provider",
    'HTTP 500 (`"server_error"`)',
    "retried, then `InternalServerError`; `run` says how often the SDK tried and keeps the trace",
)
def test_a_failure_past_the_retries_says_how_often_the_sdk_tried():
    from fcplayground import ModelClient, ScriptedModel, ToolRegistry
    from fcplayground.agent import run
    from fcplayground.models import FaultyModel

    model = FaultyModel(ScriptedModel(["never"]), ["server_error"] * 3)
    trace = run(ModelClient.offline(model=model), ToolRegistry(), "Hello")
    assert trace.stop_reason == "error"
    assert "the SDK tried 3 times: 500, 500, 500" in trace.error
