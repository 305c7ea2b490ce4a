"""The evaluation harness: cases, evaluate(), the cache, retries, reports, comparisons."""

from __future__ import annotations

import json
import threading
from typing import Any

import httpx2
import openai
import pytest

from fcplayground import ModelClient, ModelTurn, Request, ScriptedModel, SimulatedModel, offline
from fcplayground.chat import ToolCall
from fcplayground.evals import (
    ANY,
    OMITTED,
    Case,
    CaseResult,
    EvalError,
    EvalRun,
    check,
    evaluate,
    expect,
    failure_kind,
    load_suite,
    one_of,
    support_desk_cases,
    travel_cases,
)
from fcplayground.evals.battery import as_probes
from fcplayground.evals.runner import cache_key
from fcplayground.models.faulty import FaultyModel
from fcplayground.tools import ToolRegistry


def weather_tools() -> ToolRegistry:
    tools = ToolRegistry()

    @tools.tool
    def get_weather(city: str, unit: str = "celsius") -> dict:
        """Gets the current weather in a city.

        Args:
            city: The city name, e.g. Paris.
            unit: celsius or fahrenheit.
        """
        return {}

    @tools.tool
    def get_time(city: str) -> str:
        """Gets the local time in a city.

        Args:
            city: The city name, e.g. Tokyo.
        """
        return ""

    return tools


TOOLS = weather_tools()
PARIS = Case.ask("Weather in Paris?", TOOLS, expect("get_weather", city="Paris"), id="paris")
TWO = Case.ask(
    "Weather in Rome and the time in Oslo?",
    TOOLS,
    expect("get_weather", city="Rome"),
    expect("get_time", city="Oslo"),
    id="two",
)
JOKE = Case.ask("Tell me a joke", TOOLS, id="joke")


class Answers:
    """A local model that answers each request text with fixed calls, and counts asks."""

    name = "answers"

    def __init__(self, calls: dict[str, list[ToolCall]]) -> None:
        self.calls = calls
        self.asked: list[str] = []

    def respond(self, request: Request) -> ModelTurn:
        text = request.messages[-1].content
        self.asked.append(text)
        return ModelTurn(tool_calls=list(self.calls.get(text, [])))


def right_answers() -> Answers:
    return Answers(
        {
            "Weather in Paris?": [ToolCall("get_weather", {"city": "paris"})],
            "Weather in Rome and the time in Oslo?": [
                ToolCall("get_time", {"city": "Oslo"}),
                ToolCall("get_weather", {"city": "Rome"}),
            ],
        }
    )


# --- Cases ------------------------------------------------------------------------------


def test_expect_wraps_one_value_and_one_of_lists_alternatives():
    assert expect("f", a=1, b=[1, 2]) == {"f": {"a": [1], "b": [[1, 2]]}}
    assert expect("f", a=one_of("x", OMITTED)) == {"f": {"a": ["x", ""]}}


def test_case_ask_refuses_an_expected_tool_that_is_not_offered():
    with pytest.raises(ValueError, match="get_wether.*get_time, get_weather"):
        Case.ask("Weather?", TOOLS, expect("get_wether", city="Paris"))


def test_case_category_defaults_to_its_kind():
    assert (PARIS.category, TWO.category, JOKE.category) == ("single", "parallel", "irrelevance")


def test_any_accepts_any_value_of_the_schema_type_only():
    case = Case.ask("Weather?", TOOLS, expect("get_weather", city=ANY))
    assert check(case, [ToolCall("get_weather", {"city": "Lima"})]).ok
    wrong = check(case, [ToolCall("get_weather", {"city": 42})])
    assert not wrong.ok and "expected string" in wrong.reasons[0]


def test_one_of_with_omitted_lets_an_argument_be_left_out_or_given():
    case = Case.ask(
        "Weather?", TOOLS, expect("get_weather", city="Paris", unit=one_of("celsius", OMITTED))
    )
    assert check(case, [ToolCall("get_weather", {"city": "Paris"})]).ok
    assert check(case, [ToolCall("get_weather", {"city": "Paris", "unit": "celsius"})]).ok
    assert not check(case, [ToolCall("get_weather", {"city": "Paris", "unit": "kelvin"})]).ok


def test_cases_go_into_the_description_lab_as_probes():
    assert as_probes([PARIS, TWO, JOKE]) == [
        ("Weather in Paris?", "get_weather"),
        ("Weather in Rome and the time in Oslo?", "get_weather"),
        ("Tell me a joke", None),
    ]


# --- evaluate() ------------------------------------------------------------------------


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


# --- Reports -----------------------------------------------------------------------------


def result(id: str, category: str, expected: list[str], called: list[str], ok: bool) -> CaseResult:
    return CaseResult(
        id=id,
        category=category,
        request=id,
        expected=[{n: {}} for n in expected],
        calls=[ToolCall(n, {}) for n in called],
        text="",
        ok=ok,
        name_ok=sorted(expected) == sorted(called),
        reasons=[] if ok else [f"wrong function: got {called}, expected {expected}"],
    )


def test_categories_are_scored_separately():
    run = EvalRun(
        [
            result("a", "x", ["f"], ["f"], True),
            result("b", "x", ["f"], ["g"], False),
            result("c", "y", [], [], True),
        ]
    )
    scores = run.categories()
    assert (scores["x"].cases, scores["x"].accuracy) == (2, 0.5)
    assert (scores["y"].cases, scores["y"].accuracy) == (1, 1.0)
    assert run.accuracy == pytest.approx(2 / 3)


def test_confusion_pairs_calls_by_name_then_in_order():
    run = EvalRun(
        [
            result("a", "x", ["f", "g"], ["g", "h"], False),  # g-g; f vs h
            result("b", "x", [], ["f"], False),  # no call expected, f called
            result("c", "x", ["g"], [], False),  # g expected, nothing called
        ]
    )
    confusion = run.confusion()
    assert confusion.labels == ["f", "g", "h", None]
    assert confusion["g", "g"] == 1 and confusion["f", "h"] == 1
    assert confusion[None, "f"] == 1 and confusion["g", None] == 1
    assert run.confused_pairs()[0][2] == 1 and len(run.confused_pairs()) == 3


@pytest.mark.parametrize(
    ("reason", "kind"),
    [
        ("expected 1 call, got 0", "no call"),
        ("expected 2 calls, got 3", "wrong number of calls"),
        ("expected no call, got f", "called when no call was right"),
        ("expected a call, got none", "no call"),
        ("wrong function: got f, expected g", "wrong function"),
        ("missing required argument 'city'", "missing argument"),
        ("missing argument 'unit' (the answer does not allow omitting it)", "missing argument"),
        ("unexpected argument 'x'", "unexpected argument"),
        ("argument 'n': expected integer, got number 1.5", "wrong type"),
        ("argument 'city': value 'Rome' not in ['Paris']", "wrong value"),
        ("arguments are not a JSON object: '{\"a'", "malformed arguments"),
        (
            "call 2 (f) matches no expected call: wrong function: got f, expected g",
            "wrong function",
        ),
        ("request failed: RateLimitError: slow down", "request failed"),
    ],
)
def test_failure_kind_names_each_checker_reason(reason, kind):
    assert failure_kind(reason) == kind


def test_failures_are_grouped_by_kind_with_each_case_once():
    run = evaluate(
        [PARIS, TWO, JOKE],
        model=Answers(
            {
                "Weather in Paris?": [ToolCall("get_time", {"city": "Paris"})],
                "Tell me a joke": [ToolCall("get_time", {"city": "Paris"})],
            }
        ),
    )
    groups = run.failures()
    assert {k: [r.id for r in v] for k, v in groups.items()} == {
        "wrong function": ["paris"],
        "no call": ["two"],
        "called when no call was right": ["joke"],
    }
    text = str(run)
    assert "0 right (0.0%)" in text and "wrong function: 1" in text
    assert "expected: get_weather(city='Paris')" in text


def test_comparison_lists_fixed_and_broken_cases_by_id():
    before = evaluate([PARIS, TWO, JOKE], model=Answers({}))
    after = evaluate([PARIS, TWO, JOKE], model=right_answers())
    comparison = before.compare(after)
    assert [b.id for b, _ in comparison.fixed] == ["paris", "two"]
    assert comparison.broken == [] and comparison.accuracy == (pytest.approx(1 / 3), 1.0)
    assert "Fixed: 2" in str(comparison) and "+66.7 points" in str(comparison)
    back = after.compare(before)
    assert [b.id for b, _ in back.broken] == ["paris", "two"]


def test_a_saved_run_loads_back_and_compares(tmp_path):
    run = evaluate([PARIS, TWO, JOKE], model=right_answers(), suite="mine")
    loaded = EvalRun.load(run.save(tmp_path / "run.json"))
    assert loaded.to_json(results=True) == run.to_json(results=True)
    assert loaded.compare(run).fixed == [] and loaded.compare(run).broken == []


def test_loading_something_else_says_what_a_saved_run_is(tmp_path):
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"accuracy": 1}))
    with pytest.raises(ValueError, match="not a saved evaluation run"):
        EvalRun.load(path)


def test_json_has_accuracy_in_0_1_and_per_category_figures():
    data = evaluate(support_desk_cases()).to_json()
    assert 0 <= data["accuracy"] <= 1
    assert set(data["categories"]) >= {"customers", "orders", "no tool"}
    assert all(0 <= c["accuracy"] <= 1 for c in data["categories"].values())
    assert sum(data["failures"].values()) == data["cases"] - data["correct"]
    json.dumps(data)


# --- Test sets ---------------------------------------------------------------------------


def a_right_value(options: list[Any], schema: dict[str, Any]) -> Any:
    given = [o for o in options if o != ""]
    if not given:
        return None
    if given[0] is ANY:
        return {"string": "text", "integer": 1}[schema.get("type", "string")]
    return given[0]


def oracle_calls(case: Case) -> list[ToolCall]:
    calls = []
    for expected in case.expected:
        name, params = next(iter(expected.items()))
        properties = case.tool(name).parameters["properties"]
        arguments = {p: a_right_value(v, properties[p]) for p, v in params.items()}
        calls.append(ToolCall(name, {p: v for p, v in arguments.items() if v is not None}))
    return calls


@pytest.mark.parametrize("cases", [support_desk_cases, travel_cases])
def test_every_scenario_case_has_a_right_answer_the_checker_accepts(cases):
    for case in cases():
        assert check(case, oracle_calls(case)).ok, case.id


@pytest.mark.parametrize("cases", [support_desk_cases, travel_cases])
def test_scenario_cases_have_unique_ids_and_both_kinds_of_no_call(cases):
    loaded = cases()
    assert len({c.id for c in loaded}) == len(loaded)
    categories = {c.category for c in loaded}
    assert {"no tool", "needs more info", "parallel"} <= categories


def test_suites_join_with_commas_and_limit_each_part():
    cases = load_suite("bfcl:multiple,travel", limit=3)
    assert [c.category for c in cases] == ["multiple"] * 3 + ["weather", "weather", "flights"]


def test_an_unknown_suite_lists_the_known_ones():
    with pytest.raises(ValueError, match="Unknown suite 'bfcl:simple'.*bfcl:simple_python"):
        load_suite("bfcl:simple")


def test_scripted_models_work_through_the_harness():
    model = ScriptedModel([ToolCall("get_weather", {"city": "Paris"})])
    run = evaluate([PARIS], ModelClient.offline(model))
    assert run.results[0].ok


def test_report_percentages_round_as_the_benchmark_does():
    run = EvalRun([result(str(i), "x", ["f"], ["f"], i < 203) for i in range(400)])
    assert "203 right (50.8%)" in str(run)
