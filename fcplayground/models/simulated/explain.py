"""Explanations: why the simulated model did what it did, in words a learner can check."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .relevance import ToolScore


@dataclass
class PlannedCall:
    """One call the model considered: its arguments, their sources, and what it did."""

    tool: str
    arguments: dict[str, Any]
    sources: dict[str, str]
    status: str  # "called", "already done", "waits", "asks", "retried"
    reason: str = ""
    guessed: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.arguments.items())
        lines = [
            f"{self.tool}({args}): {self.status}" + (f", {self.reason}" if self.reason else "")
        ]
        for name, source in self.sources.items():
            mark = " (a guess)" if name in self.guessed else ""
            lines.append(f"    {name}: {source}{mark}")
        return "\n".join(lines)


@dataclass
class Explanation:
    """The reasons behind one turn of the simulated model."""

    request: str
    scores: list[ToolScore] = field(default_factory=list)
    threshold: float = 0.0
    calls: list[PlannedCall] = field(default_factory=list)
    decision: str = ""
    notes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        lines = [f"Request: {self.request!r}", f"Decision: {self.decision}"]
        if self.scores:
            lines.append(
                f"Tool scores (a tool needs {self.threshold:g} and a specific word in common):"
            )
            lines += [f"  {s}" for s in self.scores]
        if self.calls:
            lines.append("Calls:")
            lines += ["  " + str(c).replace("\n", "\n  ") for c in self.calls]
        lines += [f"Note: {n}" for n in self.notes]
        return "\n".join(lines)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))
