"""Transport-level faults the offline handler understands.

A model's ``respond`` raises :class:`ProviderFault`; the handler turns it into what the
real provider would send: an error body in the provider's own shape with that status
and headers, a read timeout (``kind="timeout"``), or, for a stream, an SSE body cut off
in the middle of an event (:class:`TruncatedStream`, which carries the turn to cut).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..chat import ModelTurn


class ProviderFault(Exception):
    """The provider fails this request: ``status`` with a ``kind`` error body and
    ``headers`` (for example ``retry-after``). ``kind="timeout"`` sends no reply at all."""

    def __init__(
        self,
        status: int,
        kind: str,
        message: str,
        headers: dict[str, str] | None = None,
        *,
        openai_status: int | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.kind = kind
        self.message = message
        self.headers = dict(headers or {})
        self.openai_status = openai_status  # OpenAI has no 529: it says 503

    def status_for(self, api: str) -> int:
        if api != "anthropic" and self.openai_status is not None:
            return self.openai_status
        return self.status


class TruncatedStream(ProviderFault):
    """Answer with ``turn``, but cut the SSE body off mid-event (streams only)."""

    def __init__(self, turn: ModelTurn) -> None:
        super().__init__(200, "truncated_stream", "The stream was cut off mid-event.")
        self.turn = turn


def truncate_sse(body: bytes) -> bytes:
    """Keep about half of the SSE events, then half of the next one: no final event."""
    frames = body.split(b"\n\n")
    keep = max(1, len(frames) // 2)
    head = b"\n\n".join(frames[:keep]) + b"\n\n"
    partial = frames[keep] if keep < len(frames) else b""
    return head + partial[: max(1, len(partial) // 2)]
