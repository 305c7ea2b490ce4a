"""Checks for the lessons' exercises: each says what is right and what to fix."""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .tools import Tool

# Words that say what a tool gives back; a description without one leaves the model guessing.
RETURN_WORDS = re.compile(r"\b(return|returns|gives|lists|reports|shows|with)\b", re.I)


@dataclass
class Feedback:
    """The verdict of a check: what passed and what to fix, printable in a notebook."""

    passed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

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


def check_tool_description(func: Callable[..., Any], topic: str) -> Feedback:
    """Is ``func`` a tool a model can choose well: a specific description of ``topic``,
    what it returns, and every parameter described?"""
    feedback = Feedback()
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        try:
            tool = Tool.from_function(func)
        except (TypeError, ValueError) as e:
            feedback.problems.append(f"It cannot become a tool yet: {e}")
            return feedback
    words = tool.description.split()
    feedback.check(
        len(words) >= 8,
        f"The description has {len(words)} words: specific enough to choose by.",
        f"The description has {len(words)} words; write at least 8 that say what the tool does.",
    )
    feedback.check(
        topic.lower() in tool.description.lower(),
        f"It names what it works on ({topic!r}).",
        f"Say what it works on: the description should mention {topic!r}.",
    )
    feedback.check(
        bool(RETURN_WORDS.search(tool.description)),
        "It says what comes back.",
        "Say what it returns (for example 'Returns the status and delivery date').",
    )
    undescribed = [n for n, p in tool.parameters["properties"].items() if not p.get("description")]
    feedback.check(
        not undescribed,
        "Every parameter has a description.",
        f"Describe the parameter(s) {', '.join(undescribed)} in an Args: section of the docstring.",
    )
    return feedback
