"""Traces: what happened in an agent run, step by step, with timings.

A :class:`Trace` holds one :class:`Step` per model request: the request body sent (in
the provider's wire format), the model's turn, and a :class:`ToolRun` for each tool call
it asked for (arguments, result, error flag, start and end time). Times are seconds
since the run started, so traces of the same run compare across machines. A trace's
``error`` text never holds an API key: it is redacted as cassettes are.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from ..chat import Message, ModelTurn, ToolCall, ToolResult, Usage
from ..recording.redaction import redact

StopReason = Literal["answered", "max_steps", "error", "interrupted"]


@dataclass
class ToolRun:
    """One tool call the application ran: what was asked, what came back, and when."""

    call: ToolCall
    result: ToolResult
    started: float
    ended: float
    approval: str | None = None  # the reviewer's decision, None when nobody was asked

    @property
    def duration(self) -> float:
        return self.ended - self.started


@dataclass
class Step:
    """One model request and the tool calls its answer asked for."""

    index: int
    request: dict[str, Any]  # the body sent, in the provider's wire format
    turn: ModelTurn
    tool_runs: list[ToolRun] = field(default_factory=list)
    started: float = 0.0  # when the request was sent
    answered: float = 0.0  # when the model's answer arrived
    ended: float = 0.0  # when the last tool of this step finished
    # Every HTTP answer behind this request, the SDK's own retries included: (status, time).
    attempts: list[tuple[int, float]] = field(default_factory=list)

    @property
    def retries(self) -> int:
        return max(0, len(self.attempts) - 1)

    @property
    def usage(self) -> Usage:
        return self.turn.usage

    @property
    def parallel(self) -> bool:
        """Did this step run several tool calls at once?"""
        return len(self.tool_runs) > 1


@dataclass(repr=False)
class Trace:
    """A whole agent run: the question, every step, and how it ended."""

    user_message: str
    provider: str = ""
    model: str = ""
    system: str | None = None
    steps: list[Step] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)  # the final neutral conversation
    final_text: str = ""
    stop_reason: StopReason = "answered"
    error: str | None = None
    duration: float = 0.0

    def __setattr__(self, name: str, value: Any) -> None:
        # A provider may echo the key it refused (a 401 body): the error text is kept
        # redacted however it is set, as cassettes are.
        if name == "error" and value is not None:
            value = redact(str(value))
        super().__setattr__(name, value)

    @property
    def tool_runs(self) -> list[ToolRun]:
        return [run for step in self.steps for run in step.tool_runs]

    @property
    def usage(self) -> Usage:
        return Usage(
            sum(s.usage.input_tokens for s in self.steps),
            sum(s.usage.output_tokens for s in self.steps),
        )

    def calls(self) -> list[tuple[str, dict[str, Any] | str]]:
        """Every tool call in order, as (name, arguments): handy in tests and exercises."""
        return [(r.call.name, r.call.arguments) for r in self.tool_runs]

    def to_dict(self) -> dict[str, Any]:
        """Plain data (no SDK objects, no explanations), ready for JSON."""
        data = asdict(self)
        for step in data["steps"]:
            step["turn"].pop("explanation", None)
            step["turn"].pop("raw", None)
        return data

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False, default=str)

    def __repr__(self) -> str:
        # Short on purpose: notebooks store it as the plain-text twin of the diagram.
        return (
            f"<Trace {self.provider or '?'} · {len(self.steps)} steps · "
            f"{len(self.tool_runs)} tool calls · stop: {self.stop_reason}>"
        )

    def __str__(self) -> str:
        from .render import trace_text  # rendering sits above the data it draws

        return trace_text(self)

    def _repr_html_(self) -> str:
        from .render import trace_html

        return trace_html(self)
