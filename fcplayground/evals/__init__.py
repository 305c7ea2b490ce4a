"""Evaluating tool use: test cases, the BFCL loader and checker, runs, reports, batteries.

- :mod:`~fcplayground.evals.cases`: :class:`Case`, :func:`expect`, :func:`one_of`.
- :mod:`~fcplayground.evals.bfcl`: the Berkeley Function Calling Leaderboard as cases.
- :mod:`~fcplayground.evals.checker`: BFCL's AST rules, with reasons in words.
- :mod:`~fcplayground.evals.runner`: :func:`evaluate` cases against any model.
- :mod:`~fcplayground.evals.results`: :class:`EvalRun` scores, failures, comparisons.
- :mod:`~fcplayground.evals.batteries`: cases for the support desk and travel scenarios.
- :mod:`~fcplayground.evals.everyday`: the everyday battery, plain requests for 26 tools.
- :mod:`~fcplayground.evals.battery`: routing probes for the description lab.
"""

from __future__ import annotations

from .batteries import support_desk_cases, travel_cases
from .battery import Battery, BatteryResult, Probe, ProbeResult, score_battery
from .bfcl import CATEGORIES, LIVE_CATEGORIES, data_dir, load
from .cases import ANY, OMITTED, Case, expect, one_of
from .checker import FAILURE_KINDS, Verdict, check, failure_kind
from .everyday import everyday_cases, everyday_tools
from .results import CaseResult, Comparison, EvalRun, Score
from .runner import EvalError, evaluate
from .suites import SUITES, load_suite

__all__ = [
    "ANY",
    "CATEGORIES",
    "FAILURE_KINDS",
    "LIVE_CATEGORIES",
    "OMITTED",
    "SUITES",
    "Battery",
    "BatteryResult",
    "Case",
    "CaseResult",
    "Comparison",
    "EvalError",
    "EvalRun",
    "Probe",
    "ProbeResult",
    "Score",
    "Verdict",
    "check",
    "data_dir",
    "evaluate",
    "everyday_cases",
    "everyday_tools",
    "expect",
    "failure_kind",
    "load",
    "load_suite",
    "one_of",
    "score_battery",
    "support_desk_cases",
    "travel_cases",
]
