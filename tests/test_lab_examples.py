"""The description lab with example inputs: edited in the panel or from Python, checked as
the registry checks them, and re-scored, so that a battery that judges arguments shows what
the examples change."""

from __future__ import annotations

from flights import flight_tools

from fcplayground.evals import examples_cases, examples_tools
from fcplayground.evals.battery import CallProbe, score_battery
from fcplayground.evals.cases import exactly, expect
from fcplayground.widgets import DescriptionLab
from fcplayground.widgets.lab_examples import read_examples

# The examples these tests give the lab: the flight tracker starts without any.
FLIGHTS = [{"flight": "LH 454"}, {"flight": "BA 2490", "date": "2026-03-14"}]

PROBES = [
    CallProbe(
        "where is lh454 now?", "track_flight", expect("track_flight", flight=exactly("LH 454"))
    ),
    CallProbe("Is ba2490 late?", "track_flight", expect("track_flight", flight=exactly("BA 2490"))),
    ("Tell me a joke", None),
]


def test_examples_set_from_python_change_the_verdicts_of_a_battery_that_judges_arguments():
    lab = DescriptionLab(flight_tools(examples=False), PROBES, debounce=0)
    assert [r.verdict for r in lab.result.rows] == ["wrong arguments", "no call", "right"]
    lab.set_examples("track_flight", FLIGHTS)
    assert [r.verdict for r in lab.result.rows] == ["right", "right", "right"]
    assert lab.result.summary == "3/3 right"
    assert lab._examples["track_flight"].value.splitlines()[0] == '{"flight": "LH 454"}'


def test_examples_typed_in_the_editor_are_read_one_json_object_a_line():
    lab = DescriptionLab(flight_tools(examples=False), PROBES, debounce=0)
    lab._examples["track_flight"].value = '{"flight": "LH 454"}\n\n{"flight": "BA 2490"}'
    assert lab.tools["track_flight"].input_examples == [{"flight": "LH 454"}, {"flight": "BA 2490"}]
    assert lab.result.correct == 3


def test_examples_that_do_not_fit_are_not_used_and_the_status_says_why():
    lab = DescriptionLab(flight_tools(examples=False), PROBES, debounce=0)
    lab.set_examples("track_flight", FLIGHTS)
    lab._examples["track_flight"].value = '{"flight": 454}'
    assert lab.tools["track_flight"].input_examples == FLIGHTS
    assert "Examples of track_flight not changed" in lab.status.value
    assert "should be a string" in lab.status.value
    lab._examples["track_flight"].value = '{"flight": "LH 454"'
    assert "line 1 is not valid JSON" in lab.status.value
    lab._examples["track_flight"].value = '{"flight": "U2 8012"}'
    assert "not changed" not in lab.status.value


def test_a_pasted_json_list_of_examples_is_read_too():
    assert read_examples('[{"flight": "LH 454"}, {"flight": "BA 2490"}]') == FLIGHTS[:1] + [
        {"flight": "BA 2490"}
    ]


def test_reset_brings_back_the_original_examples():
    tools = flight_tools(examples=False)
    tools.set_examples("track_flight", FLIGHTS)
    lab = DescriptionLab(tools, PROBES, debounce=0)
    lab.set_examples("track_flight", [])
    assert lab.result.correct == 1
    lab.reset()
    assert lab.tools["track_flight"].input_examples == FLIGHTS
    assert lab.result.correct == 3
    assert tools["track_flight"].input_examples == FLIGHTS  # the learner's registry untouched


def test_compare_and_export_say_what_examples_changed_and_the_code_makes_the_same_change():
    lab = DescriptionLab(flight_tools(examples=False), PROBES, debounce=0)
    lab.set_examples("track_flight", FLIGHTS)
    text = lab.compare()
    assert "Examples changed:" in text and "Results: 1/3 right" in text and "->  3/3 right" in text
    code = lab.export_code()
    tools = flight_tools(examples=False)
    exec(code, {"tools": tools})  # noqa: S102  (the lab's own export, run as a learner would)
    assert tools["track_flight"].input_examples == FLIGHTS


def test_the_static_copy_shows_each_tools_examples():
    lab = DescriptionLab(flight_tools(examples=False), PROBES, debounce=0)
    lab.set_examples("track_flight", FLIGHTS[:1])
    assert "example: <code>{&quot;flight&quot;: &quot;LH 454&quot;}</code>" in lab.static_html()


def test_a_renamed_tool_keeps_its_expected_calls():
    lab = DescriptionLab(flight_tools(examples=False), PROBES, debounce=0)
    lab.set_examples("track_flight", FLIGHTS)
    assert lab.rename("track_flight", "flight_status")
    assert lab.result.correct == 3


def test_a_battery_of_cases_judges_arguments_only_when_asked():
    tools = examples_tools(examples=False)
    cases = examples_cases(tools, held_out=False)[:6]
    routed = DescriptionLab(tools, cases, debounce=0)
    judged = DescriptionLab(tools, cases, debounce=0, check_arguments=True)
    assert "routed correctly" in routed.result.summary
    assert judged.result.correct < routed.result.correct
    assert "wrong arguments" in judged.result.summary


def test_a_wrong_arguments_row_says_what_is_wrong_first():
    result = score_battery(flight_tools(examples=False), PROBES[:1])
    assert result.rows[0].detail().startswith("Wrong arguments: argument 'flight'")
