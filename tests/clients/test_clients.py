"""Each third-party client runs its own tool loop against ``fcplayground serve``, plain and
streaming: two tools, one question that needs both, the right calls and a final answer."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from client_cases import CASES, EXPECTED_CALLS, EXPECTED_TEXT, Case
from client_runs import Report

pytestmark = pytest.mark.clients


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_client_tool_loop_calls_both_tools_and_answers(
    case: Case, client_report: Callable[..., Report], record_property: Callable[..., None]
) -> None:
    report = client_report(case.script)
    record_property("client_case", case.id)
    record_property("client_version", report.version)
    outcome = report.cases.get(case.key)
    assert outcome is not None, (
        f"{case.script.path.name} printed no result for {case.key}. Its stderr: {report.stderr}"
    )
    assert "error" not in outcome, f"{case.id} failed: {outcome['error']}"
    assert outcome["calls"] == EXPECTED_CALLS, (
        f"{case.id} made the calls {outcome['calls']}; expected get_weather(Paris), then "
        "convert_temperature(18, fahrenheit) from the first call's result"
    )
    assert EXPECTED_TEXT in str(outcome["text"]), (
        f"{case.id}'s final answer lacks {EXPECTED_TEXT} °F: {outcome['text']!r}"
    )
