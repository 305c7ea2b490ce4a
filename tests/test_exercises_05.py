"""Lesson 05's check passes descriptions that route every request, and explains each
way one can go wrong: the score, a renamed tool, changed parameters, a changed battery,
an empty description, a description that only repeats the name, keyword stuffing, and
descriptions that fit the visible requests but not the held-out ones."""

from __future__ import annotations

import json
import re
from pathlib import Path

from fcplayground import ToolRegistry
from fcplayground.chat import ToolSpec
from fcplayground.evals import Probe, score_battery
from fcplayground.exercises.lesson05 import (
    EXERCISE_BATTERY,
    check_lab_solution,
    exercise_tools,
)
from fcplayground.exercises.lesson05_held_out import HELD_OUT
from fcplayground.widgets import DescriptionLab

ROOT = Path(__file__).parents[1]

SOLUTION = {
    "staff_directory": (
        "Looks up an employee by name and returns their team, manager, office and phone extension."
    ),
    "equipment_db": (
        "Looks up a laptop, monitor, projector or other device by its asset tag "
        "(e.g. LT-0042) and returns who has it, when it was bought and when its warranty ends."
    ),
    "facilities": (
        "Reports a problem in the building, such as broken heating, a water leak or a light "
        "that is out, to the maintenance crew."
    ),
}


def lab_for(tools: ToolRegistry | None = None, battery=EXERCISE_BATTERY) -> DescriptionLab:
    return DescriptionLab(tools or exercise_tools(), battery, debounce=0)


def solved(tools: ToolRegistry | None = None, battery=EXERCISE_BATTERY) -> DescriptionLab:
    lab = lab_for(tools, battery)
    for name, text in SOLUTION.items():
        if name in lab.tools:
            lab.describe(name, text)
    return lab


def test_a_solution_exists_and_passes_every_check():
    lab = solved()
    feedback = check_lab_solution(lab)
    assert feedback.ok, str(feedback)
    text = str(feedback)
    assert text.startswith("Well done")
    assert "10/10 routed correctly" in text
    assert lab.result.correct == lab.result.total == len(EXERCISE_BATTERY)


def test_the_skeleton_is_below_100_percent_and_says_which_requests_fail():
    tools = exercise_tools()
    assert score_battery(tools, EXERCISE_BATTERY).correct < len(EXERCISE_BATTERY)
    feedback = check_lab_solution(lab_for(tools))
    assert not feedback.ok
    text = str(feedback)
    assert "2/10 routed correctly" in text
    assert "expected staff_directory, got no call" in text
    # the hint names the meaning that is missing, not the request's words to paste
    assert "say what kind of records equipment_db holds and what a caller gets back" in text
    assert "lacks:" not in text and "phone, extension" not in text
    assert "The tool names are unchanged" in text  # what is already right is said too


def test_the_stored_skeleton_and_the_exercise_agree():
    """The notebook shows exercise_tools(); editing nothing must not pass."""
    assert exercise_tools().names == ["staff_directory", "equipment_db", "facilities"]
    assert {p.expected for p in EXERCISE_BATTERY} == {
        "staff_directory",
        "equipment_db",
        "facilities",
        None,
    }


def test_a_word_shared_with_another_tool_counts_less():
    team = "Which team is Lena Fischer on?"
    lab = solved()
    alone = _score(lab, team, "staff_directory")
    lab.describe(
        "facilities",
        "Reports a problem in the building, such as broken heating, a water leak or a light "
        "that is out, to the maintenance team.",
    )
    # "team" now names two tools, so it tells them apart less: both score the same, lower
    assert _score(lab, team, "facilities") == _score(lab, team, "staff_directory") < alone


def _score(lab: DescriptionLab, request: str, tool: str) -> float:
    row = next(r for r in lab.result.rows if r.request == request)
    return next(s.score for s in row.explanation.scores if s.name == tool)


def test_an_unexpected_call_is_explained():
    lab = solved()
    lab.describe("facilities", SOLUTION["facilities"] + " Also tells a joke.")
    text = str(check_lab_solution(lab))
    assert "'Tell me a joke': expected (no call), got facilities" in text
    assert re.search(r"facilities \(scored [\d.]+ on [^)]*\bjoke\b", text)
    assert "keep such words out of the description of facilities" in text


def test_a_wrong_tool_is_explained():
    lab = solved()
    lab.describe(
        "staff_directory",
        "Looks up an employee by name and returns their team, manager and office.",
    )
    lab.describe(
        "equipment_db", SOLUTION["equipment_db"] + " Also the phone extension of who has it."
    )
    text = str(check_lab_solution(lab))
    assert "expected staff_directory, got equipment_db (equipment_db scored" in text
    assert "say when to use staff_directory rather than equipment_db" in text


def test_renaming_a_tool_is_caught():
    renamed = ToolRegistry()
    for tool in exercise_tools():
        new_name = "employee_lookup" if tool.name == "staff_directory" else tool.name
        renamed.add(tool, name=new_name)
    lab = solved(
        renamed,
        [Probe(r, "employee_lookup" if e == "staff_directory" else e) for r, e in EXERCISE_BATTERY],
    )
    lab.describe("employee_lookup", SOLUTION["staff_directory"])
    assert lab.result.correct == lab.result.total  # it routes, yet it breaks the rules
    feedback = check_lab_solution(lab)
    assert not feedback.ok
    text = str(feedback)
    assert "staff_directory is missing" in text
    assert "employee_lookup is not in the exercise" in text
    assert "renaming is not allowed" in text
    assert "different expected tool" in text  # the battery was changed to match


def test_changing_a_parameter_is_caught():
    tools = exercise_tools()
    tools["facilities"].parameters["properties"]["query"]["type"] = "integer"
    feedback = check_lab_solution(solved(tools))
    assert not feedback.ok
    assert "The parameters of facilities changed" in str(feedback)


def test_a_changed_battery_is_caught():
    shorter = [p for p in EXERCISE_BATTERY if p.request != "Which team is Lena Fischer on?"]
    text = str(check_lab_solution(solved(battery=shorter)))
    assert "The battery must stay as it is" in text
    assert "missing: 'Which team is Lena Fischer on?'" in text

    swapped = [
        Probe(r, None if r == "Who is Tom Baker's manager?" else e) for r, e in EXERCISE_BATTERY
    ]
    text = str(check_lab_solution(solved(battery=swapped)))
    assert '"Who is Tom Baker\'s manager?" (should be staff_directory)' in text

    extra = [*EXERCISE_BATTERY, Probe("Book me a flight", None)]
    assert "not in the exercise: 'Book me a flight'" in str(
        check_lab_solution(solved(battery=extra))
    )


def test_an_empty_description_is_caught():
    lab = solved()
    lab.describe("facilities", "   ")
    text = str(check_lab_solution(lab))
    assert "facilities has an empty description" in text
    lab.describe("facilities", SOLUTION["facilities"])
    lab.describe("facilities", "", param="query")
    assert "The parameter query of facilities has an empty description" in str(
        check_lab_solution(lab)
    )


def test_a_description_that_only_repeats_the_name_is_caught():
    lab = solved()
    lab.describe("staff_directory", "Staff directory.")
    lab.describe("facilities", "The facilities")
    text = str(check_lab_solution(lab))
    assert "The description of staff_directory, 'Staff directory.', says nothing" in text
    assert "The description of facilities, 'The facilities', says nothing" in text


def test_the_check_scores_again_without_distractors():
    thief = ToolSpec(
        "phone_extension",
        "Returns the phone extension of a person.",
        {"type": "object", "properties": {"person": {"type": "string"}}, "required": ["person"]},
    )
    lab = DescriptionLab(exercise_tools(), EXERCISE_BATTERY, distractors=[thief], debounce=0)
    for name, text in SOLUTION.items():
        lab.describe(name, text)
    lab.set_distractors(1)
    assert lab.result.rows[0].chosen == "phone_extension"  # the panel shows the harder test
    assert check_lab_solution(lab).ok


def test_something_else_than_a_lab_is_refused_with_a_hint():
    feedback = check_lab_solution(exercise_tools())
    assert not feedback.ok
    assert "Pass the lab itself" in str(feedback)


def test_the_learners_registry_is_never_changed():
    tools = exercise_tools()
    solved(tools)
    assert tools["staff_directory"].description == "Directory lookups."


# -- keyword stuffing and the held-out requests --------------------------------------------

# Honest answers a learner might write, each in other words than SOLUTION's.
HONEST = [
    {
        "staff_directory": (
            "The company's staff directory: finds a colleague by name and gives their job "
            "title, team, manager, office and phone extension."
        ),
        "equipment_db": (
            "Tracks the office's equipment (laptops, monitors, projectors) by asset tag, e.g. "
            "LT-0042: returns who it is assigned to, its purchase date and its warranty."
        ),
        "facilities": (
            "Files a maintenance request for the building when something is broken or "
            "leaking, such as heating, plumbing, lights or doors."
        ),
    },
    {
        "staff_directory": (
            "Finds people who work here: returns an employee's department, team, manager, "
            "desk and phone extension."
        ),
        "equipment_db": (
            "Holds the record of every company device, like a laptop, monitor or projector: "
            "who has it now, when we bought it and when the warranty runs out."
        ),
        "facilities": (
            "Sends a repair request to the building's maintenance crew for problems like a "
            "broken radiator, no heating, a leak or a power cut."
        ),
    },
    {
        "staff_directory": (
            "Gives the contact details of a member of staff: phone extension, office, team "
            "and manager."
        ),
        "equipment_db": (
            "Shows the details of a piece of IT equipment, such as a laptop or projector, "
            "from its asset tag: owner, purchase date and warranty."
        ),
        "facilities": (
            "Logs a fault in the building, like a leak, broken heating or a light that is "
            "out, so that maintenance can fix it."
        ),
    },
]


def described(descriptions: dict[str, str]) -> DescriptionLab:
    lab = lab_for()
    for name, text in descriptions.items():
        lab.describe(name, text)
    return lab


def test_honest_descriptions_in_other_words_pass():
    for descriptions in HONEST:
        feedback = check_lab_solution(described(descriptions))
        assert feedback.ok, str(feedback)
        assert "Requests you have not seen, phrased differently, reach the right tool" in str(
            feedback
        )


def routes_the_battery(lab: DescriptionLab) -> bool:
    return lab.result.correct == lab.result.total


def test_the_issues_keyword_list_is_turned_down_as_not_a_sentence():
    lab = solved()
    lab.describe("equipment_db", "laptop warranty projector monitor bought")
    assert routes_the_battery(lab)  # it games the score...
    text = str(check_lab_solution(lab))  # ...but not the check
    assert text.startswith("Not yet")
    assert "The description of equipment_db is a list of keywords" in text
    assert "not a sentence" in text
    assert "mostly words taken from the requests" in text


def test_a_repeated_word_is_turned_down():
    lab = solved()
    lab.describe("equipment_db", SOLUTION["equipment_db"] + " Laptop laptop laptop.")
    assert routes_the_battery(lab)
    text = str(check_lab_solution(lab))
    assert "The description of equipment_db says 'laptop' 4 times" in text
    assert "say it once" in text


def test_a_sentence_made_of_the_requests_nouns_is_turned_down():
    lab = solved()
    lab.describe(
        "equipment_db",
        "Returns the laptop, the warranty, the projector and the monitor, and when it was bought.",
    )
    assert routes_the_battery(lab)
    text = str(check_lab_solution(lab))
    assert "The description of equipment_db is mostly words taken from the requests" in text
    assert "laptop, warranty, projector, monitor, bought" in text
    assert "in your own words" in text


def test_a_copied_request_is_turned_down():
    lab = solved()
    visible = [p.request for p in EXERCISE_BATTERY if p.expected == "equipment_db"]
    lab.describe("equipment_db", " ".join(visible))
    assert routes_the_battery(lab)
    text = str(check_lab_solution(lab))
    assert "The description of equipment_db copies the request 'Is laptop LT-0042" in text
    assert "requests phrased differently reach it too" in text


def test_stuffing_a_parameter_description_is_turned_down():
    lab = solved()
    lab.describe("staff_directory", "Phone extension, manager, team.", param="query")
    assert routes_the_battery(lab)
    text = str(check_lab_solution(lab))
    assert "The description of staff_directory's parameter query is mostly words" in text


# Sentences, mostly their own words, yet made to fit the visible requests only.
NARROW = {
    "staff_directory": "Tells you the phone extension of someone, their manager and their team.",
    "equipment_db": SOLUTION["equipment_db"],
    "facilities": SOLUTION["facilities"],
}


def test_descriptions_that_fit_only_the_visible_requests_fail_the_held_out_ones():
    lab = described(NARROW)
    assert routes_the_battery(lab)
    feedback = check_lab_solution(lab)
    assert not feedback.ok
    text = str(feedback)
    assert "requests you have not seen" in text
    assert "staff_directory reached 2 of its 4" in text
    assert "say who is in staff_directory" in text
    assert "stuffed" not in text.split("✓")[0]  # not called stuffing: it is a real sentence
    for probe in HELD_OUT:  # the feedback never gives the held-out requests away
        assert probe.request not in text


def test_the_held_out_requests_are_other_requests_for_the_same_tools():
    visible = {p.request for p in EXERCISE_BATTERY}
    assert not visible & {p.request for p in HELD_OUT}
    assert {p.expected for p in HELD_OUT} == {p.expected for p in EXERCISE_BATTERY}
    for name in exercise_tools().names:
        assert sum(p.expected == name for p in HELD_OUT) == 4


def test_the_held_out_requests_are_never_shown_by_the_notebook_or_the_lab():
    notebook = (ROOT / "notebooks" / "05_description_lab.ipynb").read_text(encoding="utf-8")
    lab = described(NARROW)
    shown = [lab.static_html(), *widget_texts(lab.widget), lab.compare(), str(lab.result)]
    shown += [lab.export_code("tools"), *(lab.detail(i) for i in range(len(EXERCISE_BATTERY)))]
    assert any("Priya Shah" in text for text in shown)  # the visible requests are there
    for probe in HELD_OUT:
        assert probe.request not in notebook
        assert json.dumps(probe.request)[1:-1] not in notebook
        for text in shown:
            assert probe.request not in text


def widget_texts(widget) -> list[str]:
    """Every string value in a widget tree: what the live panel renders."""
    value = getattr(widget, "value", None)
    found = [value] if isinstance(value, str) else []
    for child in getattr(widget, "children", ()):
        found += widget_texts(child)
    return found
