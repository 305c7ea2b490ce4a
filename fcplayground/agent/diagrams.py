"""The SVG diagrams of a trace: the sequence of messages between user, app, model and tools,
and a step's timeline of tool runs."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .trace import Step, Trace
from .drawing import (
    ERROR,
    FONT,
    INK,
    MUTED,
    PALETTE,
    _call_text,
    _e,
    _message_count,
    _reply_label,
    _run_order,
    _seconds,
    _short,
)

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
