"""The agent: a loop that calls the model and runs tools until the job is done."""

from __future__ import annotations

from .approval import ApprovalRequest, Decision, approve_all, approve_if, reject_all
from .loop import arun, run
from .trace import Step, ToolRun, Trace

__all__ = [
    "ApprovalRequest",
    "Decision",
    "Step",
    "ToolRun",
    "Trace",
    "approve_all",
    "approve_if",
    "arun",
    "reject_all",
    "run",
]
