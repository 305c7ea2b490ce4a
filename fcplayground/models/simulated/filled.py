"""Filled: the arguments found for a call, each with where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Argument:
    """One argument: its value, where it came from, and whether it is a guess."""

    value: Any
    source: str
    guessed: bool = False
    from_value: bool = False  # taken from a value found in the text (not a default)
    phrase: bool = False  # the request's own words, which a list can go on ("and the toaster")


@dataclass
class Filled:
    """The arguments found for one call, and the required parameters still missing."""

    arguments: dict[str, Argument] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    # Missing parameters the request points at a result for ("email her the answer").
    refers: dict[str, str] = field(default_factory=dict)

    def values(self) -> dict[str, Any]:
        return {k: a.value for k, a in self.arguments.items()}
