"""Widgets for JupyterLab: labs and viewers built on ipywidgets.

Each also carries a static HTML version of itself, so a stored notebook still shows
something useful on GitHub or nbviewer, where no kernel runs.
"""

from __future__ import annotations

from .approval_gate import ApprovalGate, ReviewCard
from .description_lab import DescriptionLab
from .provider_compare import ProviderCompare
from .trace_stepper import TraceMessage, TraceStepper, trace_messages

__all__ = [
    "ApprovalGate",
    "DescriptionLab",
    "ProviderCompare",
    "ReviewCard",
    "TraceMessage",
    "TraceStepper",
    "trace_messages",
]
