"""Explanation: why the simulated model did what it did, rendered from the records the
stages kept (scores, where each argument came from, each call's status), never from
prose pieced together along the way."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from typing import Any

from .policies import PolicyKind
from .relevance import ToolScore
from .vocabulary import Outcome, Source, Status

RULE = ("free text (subjects, bodies, summaries, queries) is written from the request; "
        "facts only the user can give (ids, addresses, amounts) are asked for")  # fmt: skip


@dataclass
class ArgumentRecord:
    """Where one argument's value came from."""

    source: Source
    detail: str = ""
    guessed: bool = False

    def __str__(self) -> str:
        # the detail alone when it already says what the source says ("'Paris' is named in
        # the request"), else both: "follows the words for the parameter: 'mass' before it"
        said = self.detail and (
            self.source.value in self.detail or self.detail.startswith("written from")
        )
        text = (
            self.detail if said else self.source.value + (f": {self.detail}" if self.detail else "")
        )
        return text + (" (a guess)" if self.guessed else "")


@dataclass
class PlannedCall:
    """One call the model considered: its arguments, their sources, and what became of it."""

    tool: str
    arguments: dict[str, Any]
    evidence: dict[str, ArgumentRecord] = field(default_factory=dict)
    status: Status = Status.READY
    reason: str = ""
    guessed: list[str] = field(default_factory=list)
    waits_on: list[str] = field(default_factory=list)

    @property
    def sources(self) -> dict[str, str]:
        """Each argument's source, in words."""
        return {name: str(record) for name, record in self.evidence.items()}

    def copy(self) -> PlannedCall:
        """A copy whose arguments, evidence and lists are its own."""
        return replace(
            self,
            arguments=copy.deepcopy(self.arguments),
            evidence={name: replace(record) for name, record in self.evidence.items()},
            guessed=list(self.guessed),
            waits_on=list(self.waits_on),
        )

    def __str__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.arguments.items())
        head = f"{self.tool}({args}): {self.status.value}" + (
            f", {self.reason}" if self.reason else ""
        )
        lines = [head] + [f"    {name}: {record}" for name, record in self.evidence.items()]
        lines += [f"    {name}: missing" for name in self.guessed if name not in self.evidence]
        return "\n".join(lines)


@dataclass
class RuleRecord:
    """A rule the system prompt set, and what it changed in this turn."""

    kind: PolicyKind
    said: str  # the sentence it was read from
    changed: list[str] = field(default_factory=list)  # the tools whose calls it changed
    detail: str = ""
    topic: str = ""  # what tools are kept for ("account questions"), for that kind of rule

    def __str__(self) -> str:
        effect = self.detail or (
            f"changed {', '.join(self.changed)}" if self.changed else "changed nothing here"
        )
        return f"{self.said!r} ({self.kind.value}): {effect}"


@dataclass(frozen=True)
class SearchRecord:
    """A search for tools the model could not see: the tool it called, with what."""

    tool: str
    arguments: dict[str, Any]

    def __str__(self) -> str:
        given = ", ".join(f"{k}={v!r}" for k, v in self.arguments.items())
        return f"{self.tool}({given})"


@dataclass
class Explanation:
    """The reasons behind one turn of the simulated model."""

    request: str
    scores: list[ToolScore] = field(default_factory=list)
    threshold: float = 0.0
    calls: list[PlannedCall] = field(default_factory=list)
    outcome: Outcome | None = None
    notes: list[str] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)  # what an asking turn asks for
    unused: list[str] = field(default_factory=list)  # tools that would have been used
    rules: list[RuleRecord] = field(default_factory=list)  # the system prompt's tool-use rules
    search: SearchRecord | None = None  # a search for tools it could not see

    def copy(self) -> Explanation:
        """A copy whose lists and records are its own (the tool scores, which nothing
        changes once scored, are shared)."""
        return replace(
            self,
            scores=list(self.scores),
            calls=[c.copy() for c in self.calls],
            notes=list(self.notes),
            asked=list(self.asked),
            unused=list(self.unused),
            rules=[replace(r, changed=list(r.changed)) for r in self.rules],
            search=self.search
            and replace(self.search, arguments=copy.deepcopy(self.search.arguments)),
        )

    def rule(self, kind: PolicyKind) -> RuleRecord | None:
        """The record of the system prompt's rule of that kind, when it changed a call."""
        return next((r for r in self.rules if r.kind == kind and r.changed), None)

    @property
    def decision(self) -> str:
        """The decision in one line, rendered from the outcome and the calls."""
        return _DECISIONS[self.outcome](self) if self.outcome else ""

    def __str__(self) -> str:
        lines = [f"Request: {self.request!r}", f"Decision: {self.decision}"]
        if self.scores:
            lines.append(
                f"Tool scores (a tool needs {self.threshold:g} and a specific word or value in common):"
            )
            lines += [f"  {s}" for s in self.scores]
        if self.calls:
            lines.append("Calls:")
            lines += ["  " + str(c).replace("\n", "\n  ") for c in self.calls]
        lines += [f"System prompt rule: {r}" for r in self.rules]
        lines += [f"Note: {n}" for n in self.notes]
        return "\n".join(lines)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))


def _calls(why: Explanation) -> str:
    ready = [c for c in why.calls if c.status in (Status.READY, Status.RETRY)]
    names = ", ".join(c.tool for c in ready)
    text = f"calls {names}" + (" in parallel: each has all its arguments" if len(ready) > 1 else "")
    waiting = [c for c in why.calls if c.status == Status.WAITS]
    if waiting:
        text += "; " + "; ".join(f"{c.tool} waits ({c.reason})" for c in waiting)
    return text


def _asks(why: Explanation) -> str:
    rule = why.rule(PolicyKind.ASK_FOR_VALUES)
    reason = f"the system prompt says to ask, not assume ({rule.said!r})" if rule else RULE
    return f"asks for {', '.join(why.asked) or 'a missing value'}: {reason}"


def _confirms(why: Explanation) -> str:
    rule = why.rule(PolicyKind.CONFIRM_FIRST)
    names = ", ".join(rule.changed) if rule else "a call"
    said = f" ({rule.said!r})" if rule else ""
    return f"asks the user to confirm before calling {names}: the system prompt says so{said}"


def _off_topic(why: Explanation) -> str:
    rule = why.rule(PolicyKind.TOOLS_ONLY_FOR)
    said = f" ({rule.said!r})" if rule else ""
    names = f" (would have used {', '.join(rule.changed)})" if rule else ""
    return f"the system prompt keeps tools for another topic{said}: no call{names}"


def _forced(why: Explanation) -> str:
    call = next((c for c in why.calls if c.status == Status.READY), None)
    if call is None:
        return "forced to call a tool"
    return f"forced to call {call.tool}" + (
        f", guessing {', '.join(call.guessed)}" if call.guessed else ""
    )


def _tools_off(why: Explanation) -> str:
    return "tool_choice is 'none': no call" + (
        f" (would have used {', '.join(why.unused)})" if why.unused else ""
    )


_DECISIONS = {
    Outcome.CALLS: _calls,
    Outcome.ASKS: _asks,
    Outcome.ANSWERS: lambda why: "all planned calls have results: answers from them",
    Outcome.NO_TOOL: lambda why: "no tool fits the request well enough: no call",
    Outcome.FORCED: _forced,
    Outcome.NO_TOOLS: lambda why: "no tools were offered: answers in words",
    Outcome.TOOLS_OFF: _tools_off,
    Outcome.NOTHING_ASKED: lambda why: "no user message: nothing to do",
    Outcome.SMALL_TALK: lambda why: "small talk: answers in words, no call",
    Outcome.CONFIRMS: _confirms,
    Outcome.OFF_TOPIC: _off_topic,
    Outcome.SEARCHES: lambda why: (
        f"none of the tools it sees fits: searches for more with {why.search}"
    ),
}
