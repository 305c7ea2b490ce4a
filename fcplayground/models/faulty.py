"""FaultyModel: wrap any model and make the provider (or the model) misbehave on purpose.

Faults apply per request, on a schedule (``faults=["rate_limit", None, "server_error"]``:
entry *n* for request *n*, ``None`` for a normal answer) or at random with a seed
(``rate=0.2``: each request fails with that probability, the fault chosen from
``faults``; the same seed gives the same faults).

Provider-side faults (the inner model is not asked):

- ``rate_limit``: HTTP 429 with a small ``retry-after`` header (``retry_after`` seconds);
- ``server_error``: HTTP 500;
- ``overloaded``: HTTP 529 ``overloaded_error`` (on OpenAI endpoints: 503);
- ``timeout``: no reply; the transport raises ``httpx2.ReadTimeout``.

Stream fault: ``truncated_stream`` cuts the SSE body off mid-event (only for stream
requests; on a plain request it is logged as skipped).

Model-side faults corrupt the first tool call of the inner model's turn:
``malformed_json`` (``'{"city":"Par'``), ``unknown_tool``, ``wrong_type``,
``missing_argument``, ``extra_argument``. On Anthropic, ``input`` cannot carry invalid
JSON: the wire layer sends ``input: {}``, which the application sees as a missing
argument. A turn without tool calls is left alone (logged as skipped).
"""

from __future__ import annotations

import random
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..chat import ModelTurn, Request, ToolCall
from ..offline.faults import ProviderFault, TruncatedStream
from .base import Model

PROVIDER_FAULTS = ("rate_limit", "server_error", "overloaded", "timeout")
MODEL_FAULTS = (
    "malformed_json",
    "unknown_tool",
    "wrong_type",
    "missing_argument",
    "extra_argument",
)
FAULTS = (*PROVIDER_FAULTS, "truncated_stream", *MODEL_FAULTS)
EXTRA_ARGUMENT = "confidence_hallucinated"


@dataclass
class FaultRecord:
    """One fault that fired: on which request (1-based), which fault, and a note."""

    request: int
    fault: str
    note: str = ""


class FaultyModel:
    """Wraps ``model``; see the module docstring for the faults and the two modes.

    Safe to share across threads: each request takes the next entry of the schedule (or
    of the seeded random draw) exactly once, and ``log`` stays in request order."""

    def __init__(
        self,
        model: Model,
        faults: Sequence[str | None] = (),
        *,
        seed: int = 0,
        rate: float | None = None,
        retry_after: str = "0.01",
    ) -> None:
        unknown = [f for f in faults if f is not None and f not in FAULTS]
        if unknown:
            raise ValueError(f"Unknown fault(s) {unknown}; choose from {', '.join(FAULTS)}.")
        if rate is not None and not [f for f in faults if f]:
            raise ValueError("rate= needs a list of faults to choose from.")
        self.model = model
        self.faults = list(faults)
        self.rate = rate
        self.retry_after = retry_after
        self.name = f"faulty({getattr(model, 'name', 'model')})"
        self.log: list[FaultRecord] = []
        self.requests = 0
        self._rng = random.Random(seed)
        self._lock = threading.Lock()

    def _note(self, record: FaultRecord) -> None:
        with self._lock:  # shared by threads: the log stays in request order
            self.log.append(record)
            self.log.sort(key=lambda r: r.request)

    def _next_fault(self) -> tuple[int, str | None]:
        with self._lock:
            self.requests += 1
            n = self.requests
            if self.rate is None:
                return n, self.faults[n - 1] if n <= len(self.faults) else None
            if self._rng.random() < self.rate:
                return n, self._rng.choice([f for f in self.faults if f])
            return n, None

    def respond(self, request: Request) -> ModelTurn:
        n, fault = self._next_fault()
        if fault is None:
            return self.model.respond(request)
        if fault in PROVIDER_FAULTS:
            self._note(FaultRecord(n, fault))
            raise _provider_fault(fault, self.retry_after)
        turn = self.model.respond(request)
        if fault == "truncated_stream":
            if not request.stream:
                self._note(FaultRecord(n, fault, "skipped: not a stream request"))
                return turn
            self._note(FaultRecord(n, fault))
            raise TruncatedStream(turn)
        if not turn.tool_calls:
            self._note(FaultRecord(n, fault, "skipped: the turn has no tool call"))
            return turn
        first = turn.tool_calls[0]
        turn.tool_calls[0] = _corrupt(fault, first, request)
        self._note(FaultRecord(n, fault, f"in call to {first.name}"))
        return turn

    def __repr__(self) -> str:
        return f"FaultyModel({self.model!r}, {len(self.log)} fault(s) fired)"


def _provider_fault(fault: str, retry_after: str) -> ProviderFault:
    if fault == "rate_limit":
        return ProviderFault(
            429,
            "rate_limit_error",
            "Rate limit reached for requests (offline fault injection). Retry after a moment.",
            {"retry-after": retry_after},
        )
    if fault == "server_error":
        return ProviderFault(500, "api_error", "Internal server error (offline fault injection).")
    if fault == "overloaded":
        return ProviderFault(
            529, "overloaded_error", "Overloaded (offline fault injection).", openai_status=503
        )
    return ProviderFault(0, "timeout", "The provider did not answer in time (fault injection).")


def _corrupt(fault: str, call: ToolCall, request: Request) -> ToolCall:
    args: Any = dict(call.arguments) if isinstance(call.arguments, dict) else {}
    spec = request.tool(call.name)
    schema = spec.parameters if spec else {}
    if fault == "malformed_json":
        text = call.arguments_json
        return ToolCall(call.name, text[: max(2, len(text) - 3)], call.id)
    if fault == "unknown_tool":
        return ToolCall(f"{call.name}_v2", args, call.id)
    if fault == "extra_argument":
        return ToolCall(call.name, {**args, EXTRA_ARGUMENT: 0.9}, call.id)
    if fault == "missing_argument":
        required = [k for k in schema.get("required", []) if k in args] or list(args)
        if required:
            del args[required[0]]
        return ToolCall(call.name, args, call.id)
    # wrong_type: the first argument, as a value of another JSON type
    props = schema.get("properties", {})
    key = next(iter(args), None) or next(iter(props), "value")
    kind = (props.get(key) or {}).get("type") or type(args.get(key)).__name__
    args[key] = ["not", "a", "string"] if kind in ("integer", "number", "int", "float") else 42
    return ToolCall(call.name, args, call.id)
