"""The tool loop: ask the model, run the tools it asks for, send the results, repeat.

>>> trace = run(ModelClient.offline(), tools, "Weather in Paris and Rome?")
>>> trace.final_text, trace.calls()

Each model request is one :class:`~fcplayground.agent.trace.Step` (numbered from 1)
holding the exact request body sent, the model's turn, and one
:class:`~fcplayground.agent.trace.ToolRun` per call. The loop ends when

- the model answers without calling a tool (``stop_reason="answered"``),
- ``max_steps`` requests were made and the model still wants tools (``"max_steps"``;
  the tools of the last step still run, so every step is complete), or
- a request fails in a way the model cannot be told about: an SDK error after the
  SDK's own retries, such as ``BadRequestError`` or ``RateLimitError`` (``"error"``), or
- the user interrupts it (Ctrl-C, or "Interrupt kernel" in Jupyter): the run stops
  at once and returns its trace so far (``"interrupted"``).

Each tool call gets ``tool_timeout`` seconds (30 by default, ``None`` for no limit); a
call that overruns becomes an error result for the model. An async tool is cancelled; a
sync one cannot be (a thread cannot be killed), so it is left running in the background
(see :func:`fcplayground.tools.running_in_background`).

With ``approve=`` (a policy, see :mod:`fcplayground.agent.approval`), every call to a
tool marked ``side_effect=True`` is first sent to ``approve(request)``: approved calls
run, edited calls run with the new arguments (the ToolRun holds the call as run), and
rejected calls do not run: the model gets an error result instead and the loop goes on.
Each ToolRun's ``approval`` notes the decision (``None`` when nobody was asked). A policy
that raises stops the loop like an SDK error (``"error"``).

It never raises for these, nor for anything a tool raises (``SystemExit`` included): the
trace comes back with every completed step and
``error`` saying what went wrong. A tool that fails is not an error of the loop: its
failure is a :class:`~fcplayground.chat.ToolResult` with ``is_error=True``, sent back
for the model to read.

Times are seconds since the run started. ``ToolRegistry.call_many`` reports each
result's ``duration`` but not when it began, so a ToolRun's times are reconstructed:
with ``parallel=True`` every call starts when the batch starts and ends ``duration``
later; with ``parallel=False`` each call starts when the previous one ended.
"""

from __future__ import annotations

import inspect
import json
import time

from ..chat import Message, ModelTurn, ToolCall, ToolResult
from ..client import ModelClient
from ..settings import TOOL_TIMEOUT
from ..tools import ToolInterrupted, ToolRegistry
from .approval import REJECTED, ApprovalRequest, Decision, Policy, check_decision, request_for
from .trace import Step, ToolRun, Trace


def run(
    client: ModelClient,
    tools: ToolRegistry,
    user_message: str,
    system: str | None = None,
    max_steps: int = 10,
    parallel: bool = True,
    tool_timeout: float | None = TOOL_TIMEOUT,
    approve: Policy | None = None,
) -> Trace:
    """Run the tool loop for ``user_message`` and return its :class:`Trace`.

    ``approve``: a policy asked before each call to a side-effect tool (see
    :mod:`fcplayground.agent.approval`); ``None`` runs every call without asking.
    ``tool_timeout``: seconds each tool call may take (``None``: no limit)."""
    loop = _Loop(client, tools, user_message, system, max_steps, parallel)
    try:
        _steps(loop, client, tools, parallel, tool_timeout, approve)
    except KeyboardInterrupt:  # Ctrl-C stops the run; the user keeps what it did so far
        loop.interrupt()
    return loop.finish()


def _steps(
    loop: _Loop,
    client: ModelClient,
    tools: ToolRegistry,
    parallel: bool,
    tool_timeout: float | None,
    approve: Policy | None,
) -> None:
    while loop.wants_step():
        body = loop.begin_step()
        try:
            turn = client.send(body)
        except Exception as exc:  # SDK errors after retries; the model can't be told
            loop.fail(exc)
            break
        calls = loop.record_turn(body, turn)
        if calls and approve is not None:
            try:
                requests = loop.requests(calls, turn)
                decisions = [None if r is None else check_decision(approve(r)) for r in requests]
                batch = loop.apply(calls, decisions)
                ran = tools.call_many(batch.to_run, parallel=parallel, timeout=tool_timeout)
            except Exception as exc:  # a failing policy, or a bug outside any tool
                loop.fail(exc)
                break
            loop.record_results(batch.calls, batch.merge(ran), batch.notes)
        elif calls:
            try:
                results = tools.call_many(calls, parallel=parallel, timeout=tool_timeout)
            except Exception as exc:  # only a bug outside any tool gets here
                loop.fail(exc)
                break
            loop.record_results(calls, results)


async def arun(
    client: ModelClient,
    tools: ToolRegistry,
    user_message: str,
    system: str | None = None,
    max_steps: int = 10,
    parallel: bool = True,
    tool_timeout: float | None = TOOL_TIMEOUT,
    approve: Policy | None = None,
) -> Trace:
    """Async twin of :func:`run`: the async SDK client, tools with ``acall_many``.
    ``approve`` may also be an async function."""
    loop = _Loop(client, tools, user_message, system, max_steps, parallel)
    try:
        await _asteps(loop, client, tools, parallel, tool_timeout, approve)
    except (KeyboardInterrupt, ToolInterrupted):  # a tool, or the model call, raised it
        loop.interrupt()
    return loop.finish()


async def _asteps(
    loop: _Loop,
    client: ModelClient,
    tools: ToolRegistry,
    parallel: bool,
    tool_timeout: float | None,
    approve: Policy | None,
) -> None:
    while loop.wants_step():
        body = loop.begin_step()
        try:
            turn = await client.asend(body)
        except Exception as exc:
            loop.fail(exc)
            break
        calls = loop.record_turn(body, turn)
        if calls and approve is not None:
            try:
                decisions: list[Decision | None] = []
                for request in loop.requests(calls, turn):
                    decision = None if request is None else approve(request)
                    if inspect.isawaitable(decision):
                        decision = await decision
                    decisions.append(None if request is None else check_decision(decision))
                batch = loop.apply(calls, decisions)
                ran = await tools.acall_many(batch.to_run, parallel=parallel, timeout=tool_timeout)
            except ToolInterrupted:
                raise
            except Exception as exc:
                loop.fail(exc)
                break
            loop.record_results(batch.calls, batch.merge(ran), batch.notes)
        elif calls:
            try:
                results = await tools.acall_many(calls, parallel=parallel, timeout=tool_timeout)
            except ToolInterrupted:
                raise
            except Exception as exc:
                loop.fail(exc)
                break
            loop.record_results(calls, results)


class _Batch:
    """One step's calls after approval: the calls as they run, the approval notes, and
    the results already decided (rejections), by position."""

    def __init__(self) -> None:
        self.calls: list[ToolCall] = []
        self.notes: list[str | None] = []
        self.decided: dict[int, ToolResult] = {}

    @property
    def to_run(self) -> list[ToolCall]:
        return [c for i, c in enumerate(self.calls) if i not in self.decided]

    def merge(self, ran: list[ToolResult]) -> list[ToolResult]:
        it = iter(ran)
        return [self.decided[i] if i in self.decided else next(it) for i in range(len(self.calls))]


class _Loop:
    """The bookkeeping that run and arun share: conversation, clock, trace."""

    def __init__(
        self,
        client: ModelClient,
        tools: ToolRegistry,
        user_message: str,
        system: str | None,
        max_steps: int,
        parallel: bool,
    ) -> None:
        if max_steps < 1:
            raise ValueError(f"max_steps must be at least 1, not {max_steps}.")
        self.client, self.tools, self.system = client, tools, system
        self.max_steps, self.parallel = max_steps, parallel
        self.messages = [Message.user(user_message)]
        self.trace = Trace(
            user_message,
            provider=client.provider,
            model=client.model,
            system=system,
            messages=self.messages,
        )
        self.done = False
        self.t0 = time.perf_counter()
        self.sent = self.batch = 0.0

    def now(self) -> float:
        return time.perf_counter() - self.t0

    def wants_step(self) -> bool:
        if self.done:
            return False
        if len(self.trace.steps) < self.max_steps:
            return True
        n = self.max_steps
        self._stop(
            "max_steps",
            f"The loop stopped after {n} step{'s' * (n != 1)} without a final answer: the "
            "model still wanted to call tools. Raise max_steps if the task needs more "
            "steps, or check the tools: a tool that keeps failing or returns unhelpful "
            "results makes the model call again.",
        )
        return False

    def begin_step(self) -> dict:
        self.sent = self.now()
        return self.client.request_body(
            self.messages,
            self.tools,
            system=self.system,
            parallel=None if self.parallel else False,
        )

    def record_turn(self, body: dict, turn: ModelTurn) -> list[ToolCall]:
        answered = self.now()
        step = Step(
            len(self.trace.steps) + 1,
            body,
            turn,
            started=self.sent,
            answered=answered,
            ended=answered,
            attempts=self._attempts(),
        )
        self.trace.steps.append(step)
        self.messages.append(turn.message)
        if not turn.tool_calls:
            self.trace.final_text = turn.text
            self._stop("answered")
        self.batch = self.now()  # the tools start now
        return list(turn.tool_calls)

    def requests(self, calls: list[ToolCall], turn: ModelTurn) -> list[ApprovalRequest | None]:
        """An approval request for each call to a side-effect tool, None for the others."""
        out: list[ApprovalRequest | None] = []
        for call in calls:
            if call.name not in self.tools or not self.tools[call.name].side_effect:
                out.append(None)  # unknown tools fail in the registry; nothing runs
            else:
                description = self.tools[call.name].description
                out.append(request_for(call, description, turn, len(self.trace.steps)))
        return out

    def apply(self, calls: list[ToolCall], decisions: list[Decision | None]) -> _Batch:
        batch = _Batch()
        for i, (call, decision) in enumerate(zip(calls, decisions, strict=True)):
            note = None if decision is None else str(decision)
            if decision is not None and decision.action == "edit":
                sent = json.dumps(call.arguments, ensure_ascii=False, default=str)
                note = f"edited by the reviewer; the model sent {sent}"
                call = ToolCall(call.name, dict(decision.arguments or {}), call.id)
            elif decision is not None and decision.action == "reject":
                content = REJECTED.format(reason=decision.reason.rstrip("."))
                batch.decided[i] = ToolResult(call.id, content, True, call.name, 0.0)
            batch.calls.append(call)
            batch.notes.append(note)
        self.batch = self.now()  # the tools start once every call is decided
        return batch

    def record_results(
        self,
        calls: list[ToolCall],
        results: list[ToolResult],
        notes: list[str | None] | None = None,
    ) -> None:
        step = self.trace.steps[-1]
        step.ended = self.now()
        start = self.batch
        notes = notes or [None] * len(calls)
        for call, result, note in zip(calls, results, notes, strict=True):
            ended = start + (result.duration or 0.0)
            step.tool_runs.append(ToolRun(call, result, start, ended, approval=note))
            if not self.parallel:
                start = ended
        self.messages.append(Message.tool(results))

    def _attempts(self) -> list[tuple[int, float]]:
        """The HTTP answers behind the latest request, timed from the start of the run."""
        return [(status, at - self.t0) for status, at in self.client.attempts]

    def fail(self, exc: Exception) -> None:
        tried = [status for status, _ in self._attempts()]
        note = (
            f" (the SDK tried {len(tried)} times: {', '.join(map(str, tried))})"
            if len(tried) > 1
            else ""
        )
        self._stop("error", f"{type(exc).__name__}: {exc}{note}")

    def interrupt(self) -> None:
        """Stop on Ctrl-C, saying where the run was."""
        steps = self.trace.steps
        running = bool(steps and steps[-1].turn.tool_calls and not steps[-1].tool_runs)
        where = (
            f"during the tool calls of step {len(steps)} (their results are not in the trace)"
            if running
            else f"while waiting for the model's answer to request {len(steps) + 1}"
        )
        self._stop(
            "interrupted",
            f"Interrupted (KeyboardInterrupt) {where}. The trace holds the steps completed "
            "before it; run again to start over.",
        )

    def _stop(self, reason: str, error: str | None = None) -> None:
        self.trace.stop_reason = reason  # type: ignore[assignment]
        self.trace.error = error
        self.done = True

    def finish(self) -> Trace:
        self.trace.duration = self.now()
        return self.trace
