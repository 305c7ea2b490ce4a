"""Feedback: what an exercise check says, printable in a notebook."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Feedback:
    """The verdict of a check: what passed and what to fix, printable in a notebook."""

    passed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @classmethod
    def failing(cls, problem: str) -> Feedback:
        """A verdict of one problem and nothing passed, for a check that cannot go on (it
        was given something it cannot run, say)."""
        return cls(problems=[problem])

    @property
    def ok(self) -> bool:
        return not self.problems

    def __str__(self) -> str:
        head = "Well done: every check passed." if self.ok else "Not yet. Fix these:"
        lines = [head, *(f"  ✗ {p}" for p in self.problems), *(f"  ✓ {p}" for p in self.passed)]
        return "\n".join(lines)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))

    def check(self, condition: bool, good: str, bad: str) -> None:
        (self.passed if condition else self.problems).append(good if condition else bad)
