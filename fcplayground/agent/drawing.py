"""What the trace drawings share: the palette, fonts, escaping and short labels."""

from __future__ import annotations

import html
import json
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..chat import ModelTurn, ToolCall
    from .trace import ToolRun

# Call/result pairs share a colour (red is kept for errors); arrows also carry the call id.
PALETTE = ["#1f77b4", "#2ca02c", "#9467bd", "#e08a00", "#17becf", "#8c564b", "#e377c2", "#5a6b7b"]
ERROR = "#d62728"
INK = "#222"
MUTED = "#777"
FONT = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif"
MONO = "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace"

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACE = re.compile(r"\s+")


# -- shared helpers -------------------------------------------------------------------


def _e(value: Any) -> str:
    """Escape data for HTML and SVG (also dropping control characters neither allows)."""
    return html.escape(_CONTROL.sub("\ufffd", str(value)), quote=True)


def _short(text: Any, limit: int) -> str:
    """One line of at most ``limit`` characters, ending with an ellipsis when cut."""
    line = _SPACE.sub(" ", str(text)).strip()
    return line if len(line) <= limit else line[: max(limit - 1, 0)].rstrip() + "…"


def _seconds(t: float) -> str:
    return f"{t:.2f} s"


def _args_text(call: ToolCall) -> str:
    """Arguments as ``k=value`` (values in JSON), or the raw text a model sent."""
    if isinstance(call.arguments, str):
        return call.arguments
    return ", ".join(
        f"{k}={json.dumps(v, ensure_ascii=False, default=str)}" for k, v in call.arguments.items()
    )


def _call_text(call: ToolCall, limit: int | None = None) -> str:
    """``name(args)``, the arguments shortened so that the whole fits in ``limit``."""
    args = _args_text(call)
    if limit is not None:
        args = _short(args, max(limit - len(call.name) - 2, 4))
    return f"{call.name}({args})"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _message_count(request: dict[str, Any]) -> str:
    """How many messages (or Responses API input items) a request body carries."""
    if isinstance(request.get("messages"), list):
        return _plural(len(request["messages"]), "message")
    items = request.get("input")
    if isinstance(items, list):
        return _plural(len(items), "input item")
    return _plural(1 if isinstance(items, str) else 0, "message")


def _request_summary(request: dict[str, Any]) -> str:
    tools = request.get("tools") or []
    return _message_count(request) + (f", {_plural(len(tools), 'tool')}" if tools else "")


def _reply_label(turn: ModelTurn) -> str:
    """What the model answered, in a word: the tools it asked for, or ``answer``."""
    if turn.tool_calls:
        counts: dict[str, int] = {}
        for call in turn.tool_calls:
            counts[call.name] = counts.get(call.name, 0) + 1
        names = [name if n == 1 else f"{name} ×{n}" for name, n in counts.items()]
        return "tool calls: " + ", ".join(names)
    return "answer" if turn.stop_reason == "end_turn" else f"answer ({turn.stop_reason})"


def _run_order(runs: list[ToolRun]) -> list[tuple[str, int]]:
    """Calls and results of one step in time order: ``("call", i)`` and ``("result", i)``.

    A result comes before a call that starts at the very moment it ends (one after another);
    a run's result never comes before its own call.
    """
    calls = sorted(range(len(runs)), key=lambda i: (runs[i].started, i))
    results = sorted(range(len(runs)), key=lambda i: (runs[i].ended, i))
    out: list[tuple[str, int]] = []
    sent: set[int] = set()
    c = r = 0
    while r < len(results):
        i = results[r]
        if i in sent and (c == len(calls) or runs[i].ended <= runs[calls[c]].started):
            out.append(("result", i))
            r += 1
        else:
            out.append(("call", calls[c]))
            sent.add(calls[c])
            c += 1
    return out


# -- text ------------------------------------------------------------------------------
