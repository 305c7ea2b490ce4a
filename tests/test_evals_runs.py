"""evaluate(): each case scored in order, through the SDKs or the model directly; retries
after rate limits and overloads, a server error failing its case only, a refused key
stopping the run; the cache; concurrency; the progress bar."""

from __future__ import annotations

import threading

import httpx2
import openai
import pytest
from weather_evals import JOKE, PARIS, TWO, Answers, right_answers, weather_tools

from fcplayground import ModelClient, ModelTurn, Request, ScriptedModel, SimulatedModel, offline
from fcplayground.chat import ToolCall
from fcplayground.evals import Case, EvalError, evaluate, expect, support_desk_cases, travel_cases
from fcplayground.evals.runner import cache_key
from fcplayground.models.faulty import FaultyModel


def test_evaluate_scores_each_case_and_keeps_the_order():
    run = evaluate([PARIS, JOKE, TWO], model=right_answers())
    assert [r.id for r in run.results] == ["paris", "joke", "two"]
    assert [r.ok for r in run.results] == [True, True, True]
    assert run.accuracy == 1.0


def test_evaluate_through_the_sdk_matches_asking_the_model_directly():
    cases = support_desk_cases() + travel_cases()
    direct = evaluate(cases, model=SimulatedModel())
    through_sdk = evaluate(cases, ModelClient.offline())
    assert [r.ok for r in direct.results] == [r.ok for r in through_sdk.results]
    assert [r.calls_text for r in direct.results] == [r.calls_text for r in through_sdk.results]


def test_evaluate_through_the_anthropic_sdk_scores_the_same_calls():
    cases = travel_cases()
    openai_run = evaluate(cases, ModelClient.offline())
    anthropic_run = evaluate(cases, ModelClient.offline(provider="anthropic"))
    assert [r.ok for r in openai_run.results] == [r.ok for r in anthropic_run.results]
    assert "anthropic messages" in anthropic_run.model


def test_a_wrong_answer_is_scored_wrong_with_its_reason():
    model = Answers({"Weather in Paris?": [ToolCall("get_time", {"city": "Paris"})]})
    result = evaluate([PARIS], model=model).results[0]
    assert not result.ok and result.failure == "wrong function"
    assert result.reasons == ["wrong function: got get_time, expected get_weather"]


def faulty_client(faults: list[str | None]) -> tuple[ModelClient, FaultyModel]:
    model = FaultyModel(right_answers(), faults, retry_after="7")
    sdk = offline.openai_client(model, max_retries=0)  # the harness's own retries only
    return ModelClient("openai", sdk), model


def test_rate_limited_cases_are_retried_after_the_wait_the_provider_asks_for():
    client, model = faulty_client(["rate_limit", "rate_limit"])
    waits: list[float] = []
    run = evaluate([PARIS, TWO], client, sleep=waits.append)
    assert waits == [7.0, 7.0]
    assert [r.ok for r in run.results] == [True, True]
    assert run.results[0].retries == 2 and model.requests == 4


def test_retries_stop_at_the_limit_and_the_case_is_scored_wrong_with_the_error():
    client, _ = faulty_client(["rate_limit"] * 3)
    run = evaluate([PARIS, TWO], client, retries=2, sleep=lambda s: None)
    first, second = run.results
    assert not first.ok and first.failure == "request failed"
    assert "RateLimitError" in first.error and "after 2 retries" in first.error
    assert second.ok  # the run went on


def test_overloaded_answers_are_retried_like_rate_limits():
    client, _ = faulty_client(["overloaded", None])
    run = evaluate([PARIS], client, sleep=lambda s: None)
    assert run.results[0].ok and run.results[0].retries == 1


def test_a_server_error_fails_its_case_only():
    client, _ = faulty_client(["server_error", None])
    run = evaluate([PARIS, TWO], client, sleep=lambda s: None)
    assert [r.ok for r in run.results] == [False, True]
    assert run.results[0].retries == 0 and "InternalServerError" in run.results[0].error


def test_a_refused_api_key_stops_the_run_with_a_clear_error():
    def refuse(request: httpx2.Request) -> httpx2.Response:
        body = {"error": {"message": "Incorrect API key provided", "type": "invalid_request_error"}}
        return httpx2.Response(401, json=body)

    http = httpx2.Client(transport=httpx2.MockTransport(refuse))
    sdk = openai.OpenAI(api_key="wrong", base_url="https://x.invalid/v1", http_client=http)
    with pytest.raises(EvalError, match="401.*OPENAI_API_KEY"):
        evaluate([PARIS, TWO], ModelClient("openai", sdk))


def test_the_cache_answers_a_second_run_without_asking_the_model(tmp_path):
    model = right_answers()
    first = evaluate([PARIS, TWO, JOKE], model=model, cache=tmp_path)
    second = evaluate([PARIS, TWO, JOKE], model=model, cache=tmp_path)
    assert len(model.asked) == 3
    assert [r.cached for r in second.results] == [True, True, True]
    assert [r.calls_text for r in first.results] == [r.calls_text for r in second.results]


def test_the_cache_asks_again_when_a_tool_description_changes(tmp_path):
    model = right_answers()
    evaluate([PARIS], model=model, cache=tmp_path)
    edited = weather_tools()
    edited.describe("get_weather", "Current conditions and temperature for a city.")
    case = Case.ask("Weather in Paris?", edited, expect("get_weather", city="Paris"))
    assert cache_key("m", case) != cache_key("m", PARIS)
    evaluate([case], model=model, cache=tmp_path)
    assert len(model.asked) == 2


def test_failed_requests_are_not_cached(tmp_path):
    client, model = faulty_client(["server_error"])
    evaluate([PARIS], client, cache=tmp_path)
    again = evaluate([PARIS], client, cache=tmp_path)
    assert again.results[0].ok and not again.results[0].cached
    assert model.requests == 2


def test_offline_runs_are_not_cached_unless_asked(tmp_path, monkeypatch):
    monkeypatch.setenv("FCP_CACHE_DIR", str(tmp_path))
    evaluate([PARIS], ModelClient.offline())
    assert list(tmp_path.iterdir()) == []


def test_concurrency_sends_cases_at_the_same_time_and_keeps_their_order():
    barrier = threading.Barrier(3, timeout=10)

    class Together(Answers):
        def respond(self, request: Request) -> ModelTurn:
            barrier.wait()  # breaks, failing the case, unless 3 requests are in flight at once
            return super().respond(request)

    cases = [PARIS, TWO, JOKE]
    run = evaluate(cases, model=Together(right_answers().calls), concurrency=3)
    assert [r.id for r in run.results] == ["paris", "two", "joke"]
    assert all(r.ok for r in run.results)


def test_progress_bar_goes_to_stderr_when_asked(capsys):
    evaluate([PARIS, JOKE], model=right_answers(), progress=True)
    assert "cases:" in capsys.readouterr().err


def test_no_progress_bar_by_default_outside_a_terminal(capsys):
    evaluate([PARIS, JOKE], model=right_answers())
    assert capsys.readouterr().err == ""


def test_scripted_models_work_through_the_harness():
    model = ScriptedModel([ToolCall("get_weather", {"city": "Paris"})])
    run = evaluate([PARIS], ModelClient.offline(model))
    assert run.results[0].ok
