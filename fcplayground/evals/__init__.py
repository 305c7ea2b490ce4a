"""Evaluations: the BFCL loader and its AST-style checker."""

from __future__ import annotations

from .battery import Battery, BatteryResult, Probe, ProbeResult, score_battery  # noqa: F401
from .bfcl import CATEGORIES, LIVE_CATEGORIES, Case, data_dir, load
from .checker import Verdict, check

__all__ = ["CATEGORIES", "LIVE_CATEGORIES", "Case", "Verdict", "check", "data_dir", "load"]
