# ruff: noqa: F401  (the TYPE_CHECKING imports name what __getattr__ hands out)
"""Evaluating tool use: test cases, the BFCL loader and checker, runs, reports, batteries.

- :mod:`~fcplayground.evals.cases`: :class:`Case`, :func:`expect`, :func:`one_of`.
- :mod:`~fcplayground.evals.bfcl`: the Berkeley Function Calling Leaderboard as cases.
- :mod:`~fcplayground.evals.checker`: BFCL's AST rules, with reasons in words.
- :mod:`~fcplayground.evals.runner`: :func:`evaluate` cases against any model.
- :mod:`~fcplayground.evals.results`: :class:`EvalRun` scores, failures, comparisons.
- :mod:`~fcplayground.evals.batteries`: cases for the support desk and travel scenarios.
- :mod:`~fcplayground.evals.everyday`: the everyday battery, plain requests for 26 tools.
- :mod:`~fcplayground.evals.examples`: the examples battery, where a tool's example inputs
  decide the call.
- :mod:`~fcplayground.evals.battery`: routing probes for the description lab.

Names load on first use, so ``fcplayground eval --help`` reads the suite names without
loading the simulated model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_names

_LAZY = {
    "support_desk_cases": ".batteries",
    "travel_cases": ".batteries",
    "Battery": ".battery",
    "BatteryResult": ".battery",
    "Probe": ".battery",
    "ProbeResult": ".battery",
    "score_battery": ".battery",
    "CATEGORIES": ".bfcl",
    "LIVE_CATEGORIES": ".bfcl",
    "data_dir": ".bfcl",
    "load": ".bfcl",
    "ANY": ".cases",
    "OMITTED": ".cases",
    "Case": ".cases",
    "exactly": ".cases",
    "expect": ".cases",
    "one_of": ".cases",
    "FAILURE_KINDS": ".checker",
    "Verdict": ".checker",
    "check": ".checker",
    "failure_kind": ".checker",
    "examples_cases": ".examples",
    "examples_tools": ".examples",
    "everyday_cases": ".everyday",
    "everyday_tools": ".everyday",
    "CaseResult": ".results",
    "Comparison": ".results",
    "EvalRun": ".results",
    "Score": ".results",
    "EvalError": ".runner",
    "evaluate": ".runner",
    "SUITES": ".suites",
    "load_suite": ".suites",
}

__all__ = sorted(_LAZY)


__getattr__, __dir__ = lazy_names(__name__, globals(), _LAZY)


if TYPE_CHECKING:
    from .batteries import support_desk_cases, travel_cases
    from .battery import Battery, BatteryResult, Probe, ProbeResult, score_battery
    from .bfcl import CATEGORIES, LIVE_CATEGORIES, data_dir, load
    from .cases import ANY, OMITTED, Case, exactly, expect, one_of
    from .checker import FAILURE_KINDS, Verdict, check, failure_kind
    from .everyday import everyday_cases, everyday_tools
    from .examples import examples_cases, examples_tools
    from .results import CaseResult, Comparison, EvalRun, Score
    from .runner import EvalError, evaluate
    from .suites import SUITES, load_suite
