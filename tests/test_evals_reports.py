"""Reports of an evaluation run: scores per category, the confusion of tool names, failures by
kind, comparisons of two runs, saving and loading, JSON, and percentages rounded as the
benchmark rounds them."""

from __future__ import annotations

import json

import pytest
from weather_evals import JOKE, PARIS, TWO, Answers, right_answers

from fcplayground.chat import ToolCall
from fcplayground.evals import CaseResult, EvalRun, evaluate, failure_kind, support_desk_cases


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


def test_report_percentages_round_as_the_benchmark_does():
    run = EvalRun([result(str(i), "x", ["f"], ["f"], i < 203) for i in range(400)])
    assert "203 right (50.8%)" in str(run)
