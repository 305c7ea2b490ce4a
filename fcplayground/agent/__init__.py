"""The agent: a loop that calls the model and runs tools until the job is done."""

from __future__ import annotations

from .loop import arun, run
from .trace import Step, ToolRun, Trace

__all__ = ["Step", "ToolRun", "Trace", "arun", "run"]
