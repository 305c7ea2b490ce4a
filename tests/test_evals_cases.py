"""Evaluation cases and test sets: expect() and one_of(), ANY and OMITTED, cases as the lab's
probes, the scenario test sets (each case has a right answer the checker accepts) and
suites by name."""

from __future__ import annotations

from typing import Any

import pytest
from weather_evals import JOKE, PARIS, TOOLS, TWO

from fcplayground.chat import ToolCall
from fcplayground.evals import (
    ANY,
    OMITTED,
    Case,
    check,
    expect,
    load_suite,
    one_of,
    support_desk_cases,
    travel_cases,
)
from fcplayground.evals.battery import as_probes

# --- Cases --------------------------------------------------------------------------------


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


# --- Test sets ----------------------------------------------------------------------------


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
