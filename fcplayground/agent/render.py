"""Draw a :class:`~fcplayground.agent.trace.Trace`: text for terminals, HTML + SVG for notebooks.

``trace_text`` is what ``str(trace)`` prints; ``trace_html`` is what a notebook shows. The HTML
uses inline ``style=`` and SVG presentation attributes only: no scripts, no ``<style>``, no
classes and no element ids. So it looks the same in JupyterLab, VS Code and GitHub's notebook
view (which strip the rest), and several traces can share one page without clashing.
Everything that comes from the trace is escaped; the output depends on the trace alone.
"""

from __future__ import annotations

import html
import json
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..chat import ModelTurn, ToolCall
    from .trace import Step, ToolRun, Trace

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

LANES = {"User": 110, "App": 290, "Model": 470, "Tools": 650}
SEQ_WIDTH = 740
TOP = 56  # the first arrow's y
ROW = 32  # vertical space per arrow


@dataclass
class _Arrow:
    """One message between two lanes."""

    src: str
    dst: str
    label: str
    time: float
    color: str = "#555"
    dashed: bool = False
    call_id: str = ""
    label_color: str = INK
    tip: str = ""


@dataclass
class _Activation:
    """A lane being busy (the model thinking, a tool running) between two arrows."""

    lane: str
    first: int
    last: int
    color: str
    slot: int = 0


def _run_colors(trace: Trace) -> list[str]:
    """One colour per tool run of the whole trace, in order."""
    return [PALETTE[i % len(PALETTE)] for i in range(len(trace.tool_runs))]


def _sequence(trace: Trace) -> tuple[list[_Arrow], list[_Activation]]:
    """The arrows of the diagram in time order, and when each lane is busy."""
    colors = iter(_run_colors(trace))
    arrows = [_Arrow("User", "App", _short(trace.user_message, 24), 0.0, tip=trace.user_message)]
    busy: list[_Activation] = []
    for step in trace.steps:
        label = f"step {step.index} · {_message_count(step.request)}"
        arrows.append(_Arrow("App", "Model", label, step.started))
        arrows.append(
            _Arrow("Model", "App", _short(_reply_label(step.turn), 28), step.answered, dashed=True)
        )
        arrows[-1].tip = _reply_label(step.turn)
        busy.append(_Activation("Model", len(arrows) - 2, len(arrows) - 1, "#c7c7c7"))
        step_colors = [next(colors) for _ in step.tool_runs]
        first_row: dict[int, int] = {}
        slots: dict[int, int] = {}
        for kind, i in _run_order(step.tool_runs):
            run, color = step.tool_runs[i], step_colors[i]
            if kind == "call":
                slots[i] = min(set(range(len(slots) + 1)) - set(slots.values()))
                first_row[i] = len(arrows)
                # A call that went through human approval says so on its arrow.
                verdict = f"[{run.approval.split(':')[0].split(';')[0]}] " if run.approval else ""
                label = verdict + _call_text(run.call, 50)
                arrows.append(_Arrow("App", "Tools", label, run.started, color))
                arrows[-1].call_id, arrows[-1].tip = run.call.id, _call_text(run.call)
                continue
            err = run.result.is_error
            label = ("✖ ERROR " if err else "") + _short(run.result.content, 44 if err else 52)
            arrows.append(_Arrow("Tools", "App", label, run.ended, color, dashed=True))
            arrows[-1].call_id, arrows[-1].tip = run.call.id, run.result.content
            arrows[-1].label_color = ERROR if err else INK
            busy.append(_Activation("Tools", first_row[i], len(arrows) - 1, color, slots.pop(i)))
    arrows.append(_final_arrow(trace))
    return arrows, busy


def _final_arrow(trace: Trace) -> _Arrow:
    """App → User: the answer, or why there is none."""
    if trace.final_text:
        label, color = "answer: " + trace.final_text, INK
    elif trace.error:
        label, color = "error: " + trace.error, ERROR
    else:
        label, color = f"stopped: {trace.stop_reason}, no answer", ERROR
    return _Arrow(
        "App", "User", _short(label, 24), trace.duration, dashed=True, label_color=color, tip=label
    )


def _arrow_svg(arrow: _Arrow, y: float) -> str:
    """A line with a triangular head (no markers: they need ids), its label and its time."""
    x1, x2 = LANES[arrow.src], LANES[arrow.dst]
    d = 1 if x2 > x1 else -1
    x1, x2 = x1 + 5 * d, x2 - 5 * d  # start and stop at the activation bars
    dash = ' stroke-dasharray="5 4"' if arrow.dashed else ""
    head = f"{x2},{y} {x2 - 9 * d},{y - 4.5} {x2 - 9 * d},{y + 4.5}"
    parts = [
        f"<g><title>{_e(arrow.tip or arrow.label)}</title>",
        f'<line x1="{x1}" y1="{y}" x2="{x2 - 8 * d}" y2="{y}" stroke="{arrow.color}" '
        f'stroke-width="1.6"{dash}/>',
        f'<polygon points="{head}" fill="{arrow.color}"/>',
        _svg_text((x1 + x2) / 2, y - 6, arrow.label, fill=arrow.label_color, anchor="middle"),
        _svg_text(8, y + 4, _seconds(arrow.time), fill=MUTED, size=10),
    ]
    if arrow.call_id:  # the same id (and colour) on a call and on its result
        tools_end = LANES["Tools"] - 14
        parts.append(
            _svg_text(tools_end, y + 12, arrow.call_id, fill=arrow.color, size=9, anchor="end")
        )
    parts.append("</g>")
    return "".join(parts)


def _svg_text(
    x: float,
    y: float,
    text: str,
    *,
    fill: str = INK,
    size: int = 12,
    anchor: str = "start",
    weight: str = "normal",
    halo: bool = True,
) -> str:
    """An SVG text with a white halo so that it stays legible over the lifelines."""
    halo_attrs = ' stroke="#fff" stroke-width="3" paint-order="stroke"' if halo else ""
    return (
        f'<text x="{x:g}" y="{y:g}" font-family="{_e(FONT)}" font-size="{size}" fill="{fill}" '
        f'text-anchor="{anchor}" font-weight="{weight}"{halo_attrs}>{_e(text)}</text>'
    )


def sequence_svg(trace: Trace) -> str:
    """The round trips as a sequence diagram with four lanes: User, App, Model, Tools."""
    arrows, busy = _sequence(trace)
    height = TOP + ROW * (len(arrows) - 1) + 28
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SEQ_WIDTH}" height="{height}" '
        f'viewBox="0 0 {SEQ_WIDTH} {height}" role="img" aria-label="sequence diagram" '
        'style="max-width:100%;height:auto;display:block">'
    ]
    for name, x in LANES.items():
        parts.append(
            f'<line x1="{x}" y1="30" x2="{x}" y2="{height - 6}" stroke="#bbb" '
            'stroke-dasharray="3 4"/>'
            f'<rect x="{x - 40}" y="6" width="80" height="24" rx="4" fill="#f1f3f5" '
            'stroke="#999"/>' + _svg_text(x, 22, name, anchor="middle", weight="bold", halo=False)
        )
    for act in busy:
        y1, y2 = TOP + ROW * act.first, TOP + ROW * act.last
        x = LANES[act.lane] - 4 + 10 * min(act.slot, 7)  # overlapping runs sit side by side
        box = f'x="{x}" y="{y1}" width="8" height="{y2 - y1}"'
        parts.append(  # opaque white under the tint, so the lifeline does not show through
            f'<rect {box} fill="#fff"/><rect {box} fill="{act.color}" fill-opacity="0.35" '
            f'stroke="{act.color}"/>'
        )
    parts += [_arrow_svg(a, TOP + ROW * i) for i, a in enumerate(arrows)]
    parts.append("</svg>")
    return "".join(parts)


# -- HTML: the timeline of a parallel step ----------------------------------------------

TL_WIDTH = 740
TL_LEFT = 190  # the run labels' column
TL_PLOT = 440  # the time axis' length in px
TL_BAR = 22  # vertical space per run


def _nice_step(span: float, ticks: int = 6) -> float:
    """A round tick interval (1, 2 or 5 times a power of ten) giving about ``ticks`` ticks."""
    raw = span / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)


def timeline_svg(step: Step, colors: list[str]) -> str:
    """A Gantt chart of one step's tool runs on a time axis in ms: overlap means parallel."""
    runs = step.tool_runs
    t0 = min(r.started for r in runs)
    span_ms = max(max(r.ended for r in runs) - t0, 1e-6) * 1000
    scale = TL_PLOT / span_ms
    height = 10 + TL_BAR * len(runs) + 34
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{TL_WIDTH}" height="{height}" '
        f'viewBox="0 0 {TL_WIDTH} {height}" role="img" aria-label="tool call timeline" '
        'style="max-width:100%;height:auto;display:block">'
    ]
    axis_y = 10 + TL_BAR * len(runs) + 4
    tick = _nice_step(span_ms)
    for k in range(int(span_ms / tick + 1e-9) + 1):
        ms = round(k * tick, 9)
        x = TL_LEFT + ms * scale
        parts.append(
            f'<line x1="{x:.1f}" y1="6" x2="{x:.1f}" y2="{axis_y + 4}" stroke="#e3e3e3"/>'
            + _svg_text(x, axis_y + 16, f"{ms:g} ms", fill=MUTED, size=10, anchor="middle")
        )
    parts.append(
        f'<line x1="{TL_LEFT}" y1="{axis_y}" x2="{TL_LEFT + TL_PLOT}" y2="{axis_y}" stroke="#888"/>'
    )
    for i, run in enumerate(runs):
        y = 10 + TL_BAR * i
        x = TL_LEFT + (run.started - t0) * 1000 * scale
        width = max(run.duration * 1000 * scale, 2)
        err = run.result.is_error
        stroke = ERROR if err else colors[i]
        note = f"{run.duration * 1000:.0f} ms" + (" ✖ ERROR" if err else "")
        parts.append(
            f"<g><title>{_e(_call_text(run.call))} · {run.started:.3f}–{run.ended:.3f} s</title>"
            f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{TL_BAR - 6}" rx="3" '
            f'fill="{colors[i]}" fill-opacity="0.75" stroke="{stroke}" '
            f'stroke-width="{2 if err else 1}" data-call="{_e(run.call.id)}"/>'
            + _svg_text(TL_LEFT - 8, y + 12, _call_text(run.call, 28), size=11, anchor="end")
            + _svg_text(
                x + width + 5, y + 12, note, fill=ERROR if err else MUTED, size=10, halo=False
            )
            + "</g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _timeline_caption(step: Step) -> str:
    runs = step.tool_runs
    wall = max(r.ended for r in runs) - min(r.started for r in runs)
    total = sum(r.duration for r in runs)
    saved = f" (one after another would take {total / wall:.1f}× as long)" if wall > 0 else ""
    return f"wall time {_seconds(wall)} · sum of durations {_seconds(total)}{saved}"


# -- HTML: the whole page ----------------------------------------------------------------

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
