"""Understanding: what a request's words ask of the tools offered, before any planning.

The values found in the words, which tools they are for (the intents) and every tool's
score depend only on the words, their reference date, the tools and the threshold. An
agent loop sends the same question with the same tools on every turn, and relevance
scores every tool (the step that grows with 1,000 tools), so what was understood is kept
in a :class:`~.memo.Memo` under that content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from ...chat import ToolSpec
from .extractors import Candidate, extract
from .intents import Intent, find_intents
from .memo import Memo
from .profiles import ToolProfile
from .reading import bounded_values
from .relevance import ToolScore

__all__ = ["UNDERSTOOD", "Understood", "understand"]


@dataclass(frozen=True)
class Understood:
    """The values of a request, its intents and the tools' scores, best first."""

    found: int  # values found in the words (more than were weighed, when there are many)
    candidates: tuple[Candidate, ...]
    intents: tuple[Intent, ...]
    scores: tuple[ToolScore, ...]

    def fresh_intents(self) -> list[Intent]:
        """The intents, each a copy of its own: nothing kept is changed by later stages."""
        return [replace(i, pieces=list(i.pieces)) for i in self.intents]


# Each finding holds a score per tool offered (1,000 of them, maybe): a few dozen are kept.
UNDERSTOOD: Memo[Understood] = Memo(64)


def understand(
    text: str,
    today: date,
    every: list[ToolSpec],
    tools: list[ToolSpec],
    profiles: list[ToolProfile],
    threshold: float,
    key: tuple[object, ...] | None,
) -> Understood:
    """What ``text`` asks of ``tools`` (of ``every`` tool offered), remembered under
    ``key`` (the content all of it depends on) when there is one."""

    def work() -> Understood:
        found = extract(text, today)
        candidates = _not_tool_names(bounded_values(found), every)
        intents, scores = find_intents(text, candidates, tools, profiles, threshold)
        return Understood(len(found), tuple(candidates), tuple(intents), tuple(scores))

    return work() if key is None else UNDERSTOOD.find(key, work)


_SEPARATORS = re.compile(r"[\s._-]+")
_QUOTES = " '\"`‘’“”"

# The tools' names written plainly, by the names as offered: the same on every request
# of a session, and 1,000 of them cost a regular expression each.
TOOL_NAMES: Memo[frozenset[str]] = Memo(64)


def _plain_names(tools: list[ToolSpec]) -> frozenset[str]:
    return frozenset(_SEPARATORS.sub("_", t.name.lower()) for t in tools)


def _not_tool_names(candidates: list[Candidate], tools: list[ToolSpec]) -> list[Candidate]:
    """ "use the 'run_linear_regression' function": the tool's own name says which tool,
    never what to pass it."""
    if not candidates:
        return []
    names = TOOL_NAMES.find(tuple(t.name for t in tools), lambda: _plain_names(tools))
    return [
        c for c in candidates if _SEPARATORS.sub("_", c.text.strip(_QUOTES).lower()) not in names
    ]
