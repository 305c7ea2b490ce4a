"""Draw a :class:`~fcplayground.agent.trace.Trace`: text for terminals, HTML for notebooks (the SVG
diagrams are in :mod:`.diagrams`, the shared palette and labels in :mod:`.drawing`).

``trace_text`` is what ``str(trace)`` prints; ``trace_html`` is what a notebook shows. The HTML
uses inline ``style=`` and SVG presentation attributes only: no scripts, no ``<style>``, no
classes and no element ids. So it looks the same in JupyterLab, VS Code and GitHub's notebook
view (which strip the rest), and several traces can share one page without clashing.
Everything that comes from the trace is escaped; the output depends on the trace alone.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..chat import ModelTurn
    from .trace import Step, Trace

from .diagrams import _run_colors, _timeline_caption, sequence_svg, timeline_svg
from .drawing import (
    ERROR,
    FONT,
    INK,
    MONO,
    MUTED,
    _call_text,
    _e,
    _plural,
    _reply_label,
    _request_summary,
    _seconds,
    _short,
)


def trace_text(trace: Trace) -> str:
    """The trace as readable terminal text: header, each step's round trip, the ending."""
    lines = [_header_text(trace), f"user: {trace.user_message}"]
    for step in trace.steps:
        lines += _step_text(step)
    lines += _ending_text(trace)
    return "\n".join(lines)


def _header_text(trace: Trace) -> str:
    parts = [p for p in (trace.provider, trace.model) if p]
    parts += [
        _plural(len(trace.steps), "step"),
        _seconds(trace.duration),
        f"stop: {trace.stop_reason}",
    ]
    usage = trace.usage
    if usage.input_tokens or usage.output_tokens:
        parts.append(f"tokens {usage.input_tokens} in / {usage.output_tokens} out")
    return "Trace · " + " · ".join(parts)


def _step_text(step: Step) -> list[str]:
    """One step: the request, the model's reply, then each tool run in time order."""
    turn, end = step.turn, step.ended or step.answered
    lines = [
        f"step {step.index}  ({_seconds(step.started)} → {_seconds(end)})",
        f"  → model  {_request_summary(step.request)}",
    ]
    if len(step.attempts) > 1:  # the SDK retried: show every answer and the wait
        statuses = " → ".join(str(status) for status, _ in step.attempts)
        waited = step.attempts[-1][1] - step.attempts[0][1]
        lines.append(f"  ↻ SDK retried: {statuses} (over {_seconds(waited)})")
    if turn.text:
        lines.append(f"  ← model  {json.dumps(_short(turn.text, 100), ensure_ascii=False)}")
    for call in turn.tool_calls:
        lines.append(f"  ← model  {_call_text(call, 80)} [{call.id}]")
    if not turn.text and not turn.tool_calls:
        lines.append(f"  ← model  (empty, {turn.stop_reason})")
    for run in sorted(step.tool_runs, key=lambda r: r.ended):  # results as they came back
        mark = "ERROR " if run.result.is_error else ""
        result = _short(run.result.content, 100)
        lines.append(f"  ⚙ {_call_text(run.call, 60)} -> {mark}{result} ({_seconds(run.duration)})")
        if getattr(run, "approval", None):
            lines.append(f"      approval: {_short(run.approval, 100)}")
    return lines


def _ending_text(trace: Trace) -> list[str]:
    lines = []
    if trace.final_text:
        lines.append(f"answer: {trace.final_text}")
    if trace.stop_reason == "max_steps":
        lines.append(f"stopped: max_steps reached after {len(trace.steps)} steps")
    if trace.error:
        lines.append(f"ERROR: {trace.error}")
    return lines


# -- HTML: the sequence diagram ---------------------------------------------------------

_BOX = f"font-family:{FONT};font-size:13px;line-height:1.45;color:{INK};background:#fff;"
_PRE = (
    f"font-family:{MONO};font-size:12px;white-space:pre-wrap;word-break:break-word;"
    "background:#f6f8fa;border:1px solid #e1e4e8;border-radius:4px;padding:6px 8px;"
    "margin:2px 0 8px;max-height:28em;overflow:auto;"
)
_HEADING = "font-weight:600;margin:10px 0 4px;"
_STOP_COLORS = {"answered": "#2ca02c", "max_steps": "#e08a00", "error": ERROR}


def trace_html(trace: Trace) -> str:
    """The trace for a notebook: sequence diagram, timelines, per-step JSON, how it ended."""
    colors = _run_colors(trace)
    parts = [
        f'<div style="{_BOX}border:1px solid #ddd;border-radius:6px;padding:10px 12px;'
        'max-width:760px">',
        f'<div style="font-weight:600;font-size:14px">{_e(_header_text(trace))}</div>',
        f'<div style="margin:4px 0 8px"><b>User:</b> {_e(trace.user_message)}</div>',
        sequence_svg(trace),
    ]
    offset = 0
    for step in trace.steps:
        step_colors = colors[offset : offset + len(step.tool_runs)]
        offset += len(step.tool_runs)
        if step.parallel:
            parts += [
                f'<div style="{_HEADING}">Step {step.index}: {len(step.tool_runs)} tool calls '
                "on a time line</div>",
                timeline_svg(step, step_colors),
                f'<div style="color:{MUTED};font-size:12px">{_e(_timeline_caption(step))}</div>',
            ]
    parts.append(f'<div style="{_HEADING}">Steps</div>')
    parts += [_step_details(step) for step in trace.steps]
    parts += [_ending_html(trace), "</div>"]
    return "".join(parts)


def _turn_data(turn: ModelTurn) -> dict[str, Any]:
    """The turn as plain JSON data (without the explanation and the SDK object)."""
    return {
        "text": turn.text,
        "tool_calls": [
            {"id": c.id, "name": c.name, "arguments": c.arguments} for c in turn.tool_calls
        ],
        "stop_reason": turn.stop_reason,
        "usage": {
            "input_tokens": turn.usage.input_tokens,
            "output_tokens": turn.usage.output_tokens,
        },
        "model": turn.model,
        "id": turn.id,
    }


def _pre(title: str, text: str) -> str:
    label = f'<div style="font-size:12px;color:{MUTED}">{_e(title)}</div>'
    return f'{label}<pre style="{_PRE}">{_e(text)}</pre>'


def _step_details(step: Step) -> str:
    """A collapsible section: the exact request body, the turn, the reasons, the tool runs."""
    summary = (
        f"Step {step.index} · request: {_request_summary(step.request)} → "
        f"{_short(_reply_label(step.turn), 70)}"
    )
    body = [
        _pre(
            "Request body (JSON sent)",
            json.dumps(step.request, indent=2, ensure_ascii=False, default=str),
        ),
        _pre(
            "Model turn",
            json.dumps(_turn_data(step.turn), indent=2, ensure_ascii=False, default=str),
        ),
    ]
    if step.turn.explanation is not None:
        body.append(_pre("Why (the model's explanation)", str(step.turn.explanation)))
    for run in step.tool_runs:
        err = " · ERROR" if run.result.is_error else ""
        title = (
            f"⚙ {_call_text(run.call)} [{run.call.id}] · {run.started:.2f}–{run.ended:.2f} s "
            f"({_seconds(run.duration)}){err}"
        )
        body.append(_pre(title, run.result.content))
    return (
        '<details style="margin:2px 0;border:1px solid #e1e4e8;border-radius:4px;padding:4px 8px">'
        f'<summary style="cursor:pointer">{_e(summary)}</summary>{"".join(body)}</details>'
    )


def _ending_html(trace: Trace) -> str:
    """The stop reason, the final answer and the error, if any."""
    color = _STOP_COLORS.get(trace.stop_reason, MUTED)
    parts = [
        f'<div style="{_HEADING}">Stop reason: <span style="color:{color}">'
        f"{_e(trace.stop_reason)}</span></div>"
    ]
    if trace.final_text:
        parts.append(
            f'<div style="white-space:pre-wrap"><b>Answer:</b> {_e(trace.final_text)}</div>'
        )
    if trace.error:
        parts.append(
            f'<div style="white-space:pre-wrap;color:{ERROR};border:1px solid {ERROR};'
            'border-radius:4px;padding:6px 8px;margin-top:4px">'
            f"<b>Error:</b> {_e(trace.error)}</div>"
        )
    return "".join(parts)
