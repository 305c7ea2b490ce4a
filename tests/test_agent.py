"""The agent loop: steps, tool runs, timings, and every way a run can end."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest
from id_masks import without_ids

from fcplayground import ModelClient, ScriptedModel, ToolCall, ToolRegistry
from fcplayground.agent import Trace, arun, run

ASK = "Weather in Paris?"


def weather_tools() -> ToolRegistry:
    tools = ToolRegistry()

    @tools.tool
    def get_weather(city: str) -> dict:
        """Returns the current weather for a city.

        Args:
            city: The city name, e.g. Paris.
        """
        return {"city": city, "sky": "sunny", "celsius": 22}

    @tools.tool
    def broken(city: str) -> dict:
        """Always fails.

        Args:
            city: Any city.
        """
        raise ValueError(f"no data for {city}")

    @tools.tool
    def slow(city: str) -> str:
        """Takes a long time.

        Args:
            city: Any city.
        """
        time.sleep(1.0)
        return "late"

    return tools


def scripted(provider: str, steps: list, api: str | None = None) -> ModelClient:
    return ModelClient.offline(ScriptedModel(steps), provider=provider, api=api)


TWO_STEPS = [("get_weather", {"city": "Paris"}), "It is sunny in Paris, 22 °C."]


def test_run_records_each_step_its_tool_runs_and_the_final_text():
    tools = weather_tools()
    client = scripted("openai", TWO_STEPS)
    trace = run(client, tools, ASK, system="Be brief.")
    assert isinstance(trace, Trace)
    assert trace.stop_reason == "answered" and trace.error is None
    assert trace.final_text == "It is sunny in Paris, 22 °C."
    assert [s.index for s in trace.steps] == [1, 2]
    assert trace.calls() == [("get_weather", {"city": "Paris"})]
    run_ = trace.steps[0].tool_runs[0]
    assert run_.result.content == '{"city": "Paris", "sky": "sunny", "celsius": 22}'
    assert run_.result.call_id == run_.call.id != ""
    assert trace.steps[1].tool_runs == []
    assert (trace.provider, trace.model, trace.system) == ("openai", client.model, "Be brief.")
    assert [m.role for m in trace.messages] == ["user", "assistant", "tool", "assistant"]
    # the body sent is recorded, and the second one carries the tool result back
    first, second = (s.request for s in trace.steps)
    assert first["messages"][0] == {"role": "system", "content": "Be brief."}
    assert second["messages"][-1]["role"] == "tool"
    assert second["messages"][-1]["tool_call_id"] == run_.call.id
    assert "parallel_tool_calls" not in first  # parallel=True: the provider default applies


def test_step_and_tool_times_are_ordered_within_the_run():
    trace = run(scripted("anthropic", TWO_STEPS), weather_tools(), ASK)
    one, two = trace.steps
    run_ = one.tool_runs[0]
    assert 0 <= one.started <= one.answered <= run_.started <= run_.ended <= one.ended
    assert one.ended <= two.started <= two.answered == two.ended <= trace.duration
    assert run_.duration == run_.result.duration
    assert trace.usage.input_tokens > 0


def neutral(trace: Trace):
    return (
        trace.calls(),
        [(r.result.name, r.result.content, r.result.is_error) for r in trace.tool_runs],
        trace.final_text,
        trace.stop_reason,
        [len(s.tool_runs) for s in trace.steps],
    )


def test_openai_and_anthropic_paths_give_the_same_neutral_trace():
    script = [
        [("get_weather", {"city": "Paris"}), ("broken", {"city": "Rome"})],
        ("get_weather", {"city": "Oslo"}),
        "Paris and Oslo are sunny; Rome failed.",
    ]
    traces = [
        run(scripted(provider, script, api), weather_tools(), ASK)
        for provider, api in [("openai", "chat"), ("openai", "responses"), ("anthropic", None)]
    ]
    assert neutral(traces[0]) == neutral(traces[1]) == neutral(traces[2])
    assert traces[0].final_text == "Paris and Oslo are sunny; Rome failed."
    assert "tool_results" not in traces[2].steps[1].request  # each in its own wire format
    assert traces[2].steps[1].request["messages"][-1]["content"][1]["is_error"] is True


@pytest.mark.fault(
    "tool execution",
    "a tool raises",
    "an error result naming the exception and its message (`broken failed: ValueError: no data for Rome`); the run goes on",
)
def test_a_tool_that_raises_becomes_an_error_result_and_the_loop_goes_on():
    model = ScriptedModel([("broken", {"city": "Rome"}), "Sorry, no data for Rome."])
    client = ModelClient.offline(model, provider="openai")
    trace = run(client, weather_tools(), "Weather in Rome?")
    result = trace.tool_runs[0].result
    assert result.is_error and "ValueError: no data for Rome" in result.content
    assert trace.stop_reason == "answered" and trace.final_text == "Sorry, no data for Rome."
    sent_back = model.requests[1].messages[-1].tool_results[0]
    assert sent_back.is_error and "no data for Rome" in sent_back.content


@pytest.mark.fault(
    "tool execution",
    "a sync tool hangs past its timeout",
    "an error result after the timeout (30 s by default in run()); the thread is abandoned in the bounded pool",
)
def test_a_tool_over_its_timeout_gives_an_error_result_and_the_trace_is_intact():
    client = scripted("anthropic", [("slow", {"city": "Paris"}), "It took too long."])
    trace = run(client, weather_tools(), ASK, tool_timeout=0.1)
    result = trace.tool_runs[0].result
    assert result.is_error and "did not finish within 0.1 s" in result.content
    assert trace.stop_reason == "answered" and len(trace.steps) == 2
    assert trace.steps[1].request["messages"][-1]["content"][0]["is_error"] is True


@pytest.mark.fault(
    "agent loop",
    "a model that never stops calling tools",
    '`stop_reason="max_steps"` after `max_steps=` turns, every step kept',
)
def test_max_steps_stops_the_loop_and_keeps_every_step():
    client = scripted("openai", [("get_weather", {"city": "Paris"})] * 5)
    trace = run(client, weather_tools(), ASK, max_steps=3)
    assert trace.stop_reason == "max_steps"
    assert "after 3 steps" in trace.error and "max_steps" in trace.error
    assert len(trace.steps) == 3 and len(trace.tool_runs) == 3
    assert trace.final_text == ""
    assert trace.messages[-1].role == "tool"  # the last step's tools ran too


def test_an_sdk_error_ends_the_run_with_the_earlier_steps_kept():
    for provider in ("openai", "anthropic"):
        client = scripted(provider, [("get_weather", {"city": "Paris"})])  # then runs out
        trace = run(client, weather_tools(), ASK)
        assert trace.stop_reason == "error"
        assert trace.error.startswith("InternalServerError: ")
        assert "no turn left" in trace.error
        assert len(trace.steps) == 1 and len(trace.tool_runs) == 1
        assert trace.duration > 0


def test_a_bad_request_is_recorded_as_an_error_not_raised():
    client = scripted("openai", ["never used"])
    client.model = ""  # the API rejects a request without a model, with a 400
    trace = run(client, weather_tools(), ASK)
    assert trace.stop_reason == "error" and trace.steps == []
    assert trace.error.startswith("BadRequestError: ") and "model" in trace.error
    assert [m.role for m in trace.messages] == ["user"]


def four_sleepers(barrier: threading.Barrier | None, active: list[int]) -> ToolRegistry:
    tools = ToolRegistry()
    lock = threading.Lock()
    running = [0]

    def make(name: str):
        def sleeper(n: int) -> int:
            with lock:
                running[0] += 1
                active.append(running[0])
            if barrier is not None:
                barrier.wait()  # only passes when all four run at once
            time.sleep(0.2)
            with lock:
                running[0] -= 1
            return n

        sleeper.__doc__ = "Sleeps a moment.\n\nArgs:\n    n: Any number."
        tools.add(sleeper, name=name)

    for name in "abcd":
        make(name)
    return tools


FOUR = [[(name, {"n": i}) for i, name in enumerate("abcd")], "All four done."]


def test_parallel_calls_in_one_turn_run_at_the_same_time():
    tools = four_sleepers(threading.Barrier(4, timeout=2), [])
    trace = run(scripted("openai", FOUR), tools, "Run all four.", tool_timeout=5)
    results = [r.result for r in trace.tool_runs]
    assert [r.content for r in results] == ["0", "1", "2", "3"]  # call order kept
    assert not any(r.is_error for r in results)  # a broken barrier would be an error
    step = trace.steps[0]
    assert step.parallel and len({r.started for r in step.tool_runs}) == 1


def test_parallel_false_sends_the_flag_and_runs_calls_one_by_one():
    for provider in ("openai", "anthropic"):
        active: list[int] = []
        tools = four_sleepers(None, active)
        trace = run(scripted(provider, FOUR), tools, "Run all four.", parallel=False)
        body = trace.steps[0].request
        if provider == "openai":
            assert body["parallel_tool_calls"] is False
        else:
            assert body["tool_choice"]["disable_parallel_tool_use"] is True
        assert max(active) == 1  # never two at once
        runs = trace.steps[0].tool_runs
        assert all(a.ended <= b.started for a, b in zip(runs, runs[1:], strict=False))
        assert trace.final_text == "All four done."


def test_arun_gives_the_same_trace_as_run():
    for provider in ("openai", "anthropic"):
        sync = run(scripted(provider, TWO_STEPS), weather_tools(), ASK)
        other = asyncio.run(arun(scripted(provider, TWO_STEPS), weather_tools(), ASK))
        assert neutral(other) == neutral(sync)
        # the same requests, but for the ids each answer gets
        assert without_ids([s.request for s in other.steps]) == without_ids(
            [s.request for s in sync.steps]
        )


def test_arun_runs_parallel_tools_concurrently_and_records_errors():
    tools = four_sleepers(threading.Barrier(4, timeout=2), [])
    trace = asyncio.run(arun(scripted("anthropic", FOUR), tools, "Run all four."))
    assert not any(r.result.is_error for r in trace.tool_runs)
    short = asyncio.run(arun(scripted("openai", FOUR[:1]), tools, "Run all four.", max_steps=5))
    assert short.stop_reason == "error" and len(short.steps) == 1


def test_the_simulated_model_end_to_end_calls_the_tool_and_answers_from_it():
    tools = weather_tools()
    for provider in ("openai", "anthropic"):
        trace = run(ModelClient.offline(provider=provider), tools, "What's the weather in Paris?")
        assert trace.stop_reason == "answered"
        assert trace.calls()[0] == ("get_weather", {"city": "Paris"})
        assert "sunny" in trace.final_text or "22" in trace.final_text
        assert all(step.turn.explanation is not None for step in trace.steps)
        assert trace.to_dict()["steps"][0]["turn"].get("explanation") is None


def test_calls_keep_their_ids_in_the_conversation():
    trace = run(scripted("anthropic", TWO_STEPS), weather_tools(), ASK)
    call = trace.messages[1].tool_calls[0]
    assert isinstance(call, ToolCall) and call.id.startswith("toolu_")
    assert trace.messages[2].tool_results[0].call_id == call.id
