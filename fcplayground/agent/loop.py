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
  SDK's own retries, such as ``BadRequestError`` or ``RateLimitError`` (``"error"``).

It never raises for these: the trace comes back with every completed step and
``error`` saying what went wrong. A tool that fails is not an error of the loop: its
failure is a :class:`~fcplayground.chat.ToolResult` with ``is_error=True``, sent back
for the model to read.

Times are seconds since the run started. ``ToolRegistry.call_many`` reports each
result's ``duration`` but not when it began, so a ToolRun's times are reconstructed:
with ``parallel=True`` every call starts when the batch starts and ends ``duration``
later; with ``parallel=False`` each call starts when the previous one ended.
"""

from __future__ import annotations

import time

from ..chat import Message, ModelTurn, ToolCall, ToolResult
from ..client import ModelClient
from ..tools import ToolRegistry
from .trace import Step, ToolRun, Trace


def run(
    client: ModelClient,
    tools: ToolRegistry,
    user_message: str,
    system: str | None = None,
    max_steps: int = 10,
    parallel: bool = True,
    tool_timeout: float | None = None,
) -> Trace:
    """Run the tool loop for ``user_message`` and return its :class:`Trace`."""
    loop = _Loop(client, tools, user_message, system, max_steps, parallel)
    while loop.wants_step():
        body = loop.begin_step()
        try:
            turn = client.send(body)
        except Exception as exc:  # SDK errors after retries; the model can't be told
            loop.fail(exc)
            break
        calls = loop.record_turn(body, turn)
        if calls:
            try:
                results = tools.call_many(calls, parallel=parallel, timeout=tool_timeout)
            except Exception as exc:  # only a bug outside any tool gets here
                loop.fail(exc)
                break
            loop.record_results(calls, results)
    return loop.finish()


async def arun(
    client: ModelClient,
    tools: ToolRegistry,
    user_message: str,
    system: str | None = None,
    max_steps: int = 10,
    parallel: bool = True,
    tool_timeout: float | None = None,
) -> Trace:
    """Async twin of :func:`run`: the async SDK client, tools with ``acall_many``."""
    loop = _Loop(client, tools, user_message, system, max_steps, parallel)
    while loop.wants_step():
        body = loop.begin_step()
        try:
            turn = await client.asend(body)
        except Exception as exc:
            loop.fail(exc)
            break
        calls = loop.record_turn(body, turn)
        if calls:
            try:
                results = await tools.acall_many(calls, parallel=parallel, timeout=tool_timeout)
            except Exception as exc:
                loop.fail(exc)
                break
            loop.record_results(calls, results)
    return loop.finish()


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
        )
        self.trace.steps.append(step)
        self.messages.append(turn.message)
        if not turn.tool_calls:
            self.trace.final_text = turn.text
            self._stop("answered")
        self.batch = self.now()  # the tools start now
        return list(turn.tool_calls)

    def record_results(self, calls: list[ToolCall], results: list[ToolResult]) -> None:
        step = self.trace.steps[-1]
        step.ended = self.now()
        start = self.batch
        for call, result in zip(calls, results, strict=True):
            ended = start + (result.duration or 0.0)
            step.tool_runs.append(ToolRun(call, result, start, ended))
            if not self.parallel:
                start = ended
        self.messages.append(Message.tool(results))

    def fail(self, exc: Exception) -> None:
        self._stop("error", f"{type(exc).__name__}: {exc}")

    def _stop(self, reason: str, error: str | None = None) -> None:
        self.trace.stop_reason = reason  # type: ignore[assignment]
        self.trace.error = error
        self.done = True

    def finish(self) -> Trace:
        self.trace.duration = self.now()
        return self.trace
