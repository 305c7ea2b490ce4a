"""Human approval for tools that change things (``side_effect=True``).

Pass ``approve=`` to :func:`~fcplayground.agent.run` (or ``arun``) and, before the loop
runs a call to a side-effect tool, it asks ``approve(request)`` with an
:class:`ApprovalRequest` (tool, arguments, call id, the tool's description and *why*:
the model's text for that turn plus its explanation, if it gave one). The answer is a
:class:`Decision`:

- ``Decision.approve()``: run the call as the model sent it;
- ``Decision.edit({...})``: run it with these arguments instead (the trace shows the call
  as run, and its ``approval`` note keeps what the model sent);
- ``Decision.reject("reason")``: do not run it; the model gets an error result saying the
  user rejected the call, and the loop goes on.

Tools without side effects never ask. Ready-made policies for tests and CI::

    run(client, desk.tools, request, approve=approve_all)
    run(client, desk.tools, request, approve=reject_all("no emails today"))
    run(client, desk.tools, request,
        approve=approve_if(lambda r: r.arguments.get("to_email", "").endswith("@example.com")))
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from ..chat import ModelTurn, ToolCall

Action = Literal["approve", "edit", "reject"]

REJECTED = (
    "The user rejected this call: {reason}. Do not retry it unchanged; ask the user or "
    "answer without it."
)


@dataclass
class ApprovalRequest:
    """One call waiting for a decision: what would run, and why the model wants it."""

    tool: str
    arguments: dict[str, Any]
    call_id: str = ""
    description: str = ""
    why: str = ""
    step: int = 0  # the step (model request) whose turn asked for the call

    @property
    def key(self) -> str:
        """Tool name and arguments (sorted JSON): the same call gets the same key on a rerun,
        even when the provider gives it a new call id."""
        args = json.dumps(self.arguments, sort_keys=True, ensure_ascii=False, default=str)
        return f"{self.tool} {args}"

    def __str__(self) -> str:
        args = json.dumps(self.arguments, ensure_ascii=False, default=str)
        why = f"\n  why: {self.why}" if self.why else ""
        return f"{self.tool}({args}) [call {self.call_id or '?'}]{why}"


@dataclass(frozen=True)
class Decision:
    """What to do with one call: ``approve``, ``edit`` (with new ``arguments``) or
    ``reject`` (with a ``reason`` the model reads)."""

    action: Action
    arguments: dict[str, Any] | None = field(default=None)
    reason: str = ""

    def __post_init__(self) -> None:
        if self.action not in ("approve", "edit", "reject"):
            raise ValueError(f"action must be approve, edit or reject, not {self.action!r}.")
        if self.action == "edit" and not isinstance(self.arguments, dict):
            raise ValueError("An edit needs the new arguments as a dict.")

    @classmethod
    def approve(cls) -> Decision:
        return cls("approve")

    @classmethod
    def edit(cls, arguments: dict[str, Any]) -> Decision:
        return cls("edit", dict(arguments))

    @classmethod
    def reject(cls, reason: str = "no reason given") -> Decision:
        return cls("reject", reason=reason or "no reason given")

    def __str__(self) -> str:
        if self.action == "reject":
            return f"rejected: {self.reason}"
        if self.action == "edit":
            return f"edited: {json.dumps(self.arguments, ensure_ascii=False, default=str)}"
        return "approved"


Policy = Callable[[ApprovalRequest], Decision]


def approve_all(request: ApprovalRequest) -> Decision:
    """Approve every call: the same as no policy, except the trace notes each approval."""
    return Decision.approve()


def reject_all(reason: str = "side effects are turned off") -> Policy:
    """A policy that rejects every side-effect call with ``reason``."""

    def policy(request: ApprovalRequest) -> Decision:
        return Decision.reject(reason)

    return policy


def approve_if(
    predicate: Callable[[ApprovalRequest], bool], reason: str = "not allowed by the policy"
) -> Policy:
    """A policy that approves the calls ``predicate`` accepts and rejects the others."""

    def policy(request: ApprovalRequest) -> Decision:
        return Decision.approve() if predicate(request) else Decision.reject(reason)

    return policy


def why_text(turn: ModelTurn) -> str:
    """The model's text for the turn, plus its explanation when it gave one."""
    parts = [turn.text.strip()]
    if turn.explanation is not None:
        parts.append(str(turn.explanation).strip())
    return "\n\n".join(p for p in parts if p)


def request_for(
    call: ToolCall, description: str, turn: ModelTurn, step: int
) -> ApprovalRequest | None:
    """The request for ``call``, or None when its arguments are not a JSON object (the
    registry refuses such a call anyway, so nothing could run)."""
    arguments: Any = call.arguments
    if isinstance(arguments, str):
        try:
            arguments = json.loads(arguments) if arguments.strip() else {}
        except json.JSONDecodeError:
            return None
    if not isinstance(arguments, dict):
        return None
    return ApprovalRequest(call.name, dict(arguments), call.id, description, why_text(turn), step)


def check_decision(decision: Any) -> Decision:
    if not isinstance(decision, Decision):
        raise TypeError(
            f"An approve policy must return a Decision, not {type(decision).__name__}: use "
            "Decision.approve(), Decision.edit({...}) or Decision.reject('reason')."
        )
    return decision


__all__ = [
    "ApprovalRequest",
    "Decision",
    "Policy",
    "approve_all",
    "approve_if",
    "reject_all",
]
