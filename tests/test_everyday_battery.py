"""The everyday battery: plain requests against 26 first tools, as a hosted model answers.

These tests check the battery itself (size, coverage, that every case can be met and
every tool runs on a right answer), not any model's accuracy on it.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from fcplayground.chat import ToolCall
from fcplayground.evals import ANY, Case, check, everyday_cases, everyday_tools, load_suite
from fcplayground.evals.everyday import TODAY

ROOT = Path(__file__).resolve().parents[1]
CASES = everyday_cases()
TOOLS = everyday_tools()
CATEGORIES = {
    "shopping", "calendar", "smart home", "maths", "units", "currency", "travel", "files",
    "hr", "finance", "email", "reminders", "cooking", "language", "small talk", "no tool",
    "asks", "parallel", "chains",
}  # fmt: skip
ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")


def an_argument(options: list[Any], schema: dict[str, Any]) -> Any:
    """The first acceptable value; for ``ANY`` a plain value of the schema's type."""
    value = options[0]
    if value is not ANY:
        return value
    types = [schema.get("type")] + [s.get("type") for s in schema.get("anyOf", [])]
    kind = next(t for t in types if t and t != "null")
    return {"string": "text", "integer": 1, "number": 1.5, "array": [], "boolean": True}[kind]


def oracle(case: Case) -> list[ToolCall]:
    """The calls made of each expected parameter's first acceptable value (left out if
    that is ``OMITTED``)."""
    calls = []
    for expected in case.expected:
        ((name, params),) = expected.items()
        properties = case.tool(name).parameters["properties"]
        arguments = {
            p: an_argument(v, properties[p]) for p, v in params.items() if v and v[0] != ""
        }
        calls.append(ToolCall(name, arguments))
    return calls


def test_the_battery_has_at_least_170_cases_and_22_tools():
    assert len(CASES) >= 170
    assert len(TOOLS) >= 22


def test_case_ids_are_unique():
    assert len({c.id for c in CASES}) == len(CASES)


def test_every_case_offers_the_whole_toolset():
    names = TOOLS.names
    for case in CASES:
        assert [t.name for t in case.tools] == names, case.id


def test_every_domain_and_behaviour_category_is_present():
    assert {c.category for c in CASES} >= CATEGORIES


def test_no_calls_asks_and_parallel_cases_are_each_a_fair_share():
    counts = Counter(
        "asks" if c.category == "asks" else c.kind for c in CASES if c.kind != "single"
    )
    assert counts["irrelevance"] >= 0.13 * len(CASES)
    assert counts["asks"] >= 0.08 * len(CASES)
    assert counts["parallel"] >= 0.13 * len(CASES)


def test_every_tool_is_expected_by_some_case():
    expected = {name for case in CASES for name in case.expected_names}
    assert expected == set(TOOLS.names)


def test_no_tool_name_appears_in_the_lessons_or_scenarios():
    sources = [*ROOT.glob("notebooks/*.ipynb"), *ROOT.glob("fcplayground/scenarios/*.py")]
    assert sources
    text = "\n".join(path.read_text(encoding="utf-8") for path in sources)
    for name in TOOLS.names:
        assert not re.search(rf"\b{name}\b", text), name


def test_the_lessons_tool_catalogue_shares_no_name_with_the_battery():
    # Lesson 14 prints catalogue tools; a shared name would put the battery's tools in a lesson.
    from fcplayground.scenarios.catalogue import catalogue_specs

    assert {spec.name for spec in catalogue_specs()}.isdisjoint(TOOLS.names)


def test_tools_are_written_as_a_learner_writes_first_tools():
    params = [(t, p, s) for t in TOOLS for p, s in t.parameters["properties"].items()]
    assert all(t.description and s.get("description") for t, p, s in params)
    assert sum("enum" in s for _, _, s in params) >= 4
    assert sum("array" in json.dumps(s) for _, _, s in params) >= 2
    assert sum(p not in t.parameters.get("required", []) for t, p, _ in params) >= 6
    assert sum("e.g." in s["description"] for _, _, s in params) >= 10


def test_every_case_is_satisfied_by_its_first_acceptable_values():
    for case in CASES:
        verdict = check(case, oracle(case))
        assert verdict.ok, (case.id, case.text, verdict.reasons)


def test_no_call_cases_are_satisfied_by_no_call_only():
    for case in CASES:
        if not case.expected:
            assert check(case, []).ok, case.id
            assert not check(case, [ToolCall("multiply", {"a": 1, "b": 2})]).ok, case.id


def test_every_tool_runs_on_the_oracle_arguments_without_an_error():
    for case in CASES:
        for call in oracle(case):
            result = TOOLS.call(call.name, call.arguments)
            assert not result.is_error, (case.id, call, result.content)


def test_requests_that_need_todays_date_say_it_is_thursday_2026_01_15():
    assert "2026-01-15" in TODAY and "Thursday" in TODAY
    dated = [c for c in CASES if c.system]
    assert len(dated) >= 10
    assert all(c.system == TODAY for c in dated)
    for case in CASES:
        values = json.dumps(case.expected, default=repr)
        resolved = set(ISO_DATE.findall(values)) - set(ISO_DATE.findall(case.text))
        if resolved:  # a date the request does not spell out: worked out from today's
            assert case.system == TODAY, case.id


def test_the_everyday_suite_loads_the_battery():
    assert [c.id for c in load_suite("everyday")] == [c.id for c in CASES]
    assert len(load_suite("everyday", limit=5)) == 5


def test_the_cli_runs_the_everyday_suite_offline():
    done = subprocess.run(
        [sys.executable, "-m", "fcplayground.cli", "eval", "--suite", "everyday"]
        + ["--provider", "offline", "--limit", "5"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "on everyday" in done.stdout and "5 cases" in done.stdout
