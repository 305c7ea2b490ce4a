"""TraceStepper: walk through an agent run one message at a time.

>>> stepper = TraceStepper(trace)
>>> stepper            # in a notebook: Back / Next buttons, the lanes, the exact JSON

Each *message* is one thing that crossed between two of the four lanes (User, App, Model,
Tools): the user's question, each request body the app sent, each turn the model returned
(as the provider returned it), each tool call's arguments, each tool result, and the final
answer. The list is built from the trace alone, so the same trace always gives the same
messages. Outside a live kernel (GitHub, nbviewer) the static ``text/html`` fallback lists
every message; all HTML uses inline styles only and escapes everything it shows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets

from .. import wire
from ..agent.drawing import FONT, INK, MONO, MUTED, _e, _reply_label
from ..agent.trace import Step, ToolRun, Trace

LANE_NAMES = ("User", "App", "Model", "Tools")
LANE_X = {"User": 70, "App": 210, "Model": 350, "Tools": 490}
STRIP_WIDTH, STRIP_HEIGHT = 560, 78
ACTIVE = "#1f77b4"
ACTIVE_FILL = "#dbe9f6"
IDLE_FILL = "#f1f3f5"
IDLE_STROKE = "#bbb"

_PRE = (
    f"font-family:{MONO};font-size:12px;white-space:pre-wrap;word-break:break-word;"
    "background:#f6f8fa;border:1px solid #e1e4e8;border-radius:4px;padding:6px 8px;"
    "margin:2px 0 6px;max-height:28em;overflow:auto;"
)
_BOX = f"font-family:{FONT};font-size:13px;line-height:1.45;color:{INK};background:#fff;"


@dataclass(frozen=True)
class TraceMessage:
    """One thing that crossed between two lanes: who sent it, to whom, and what exactly."""

    sender: str  # "User", "App", "Model" or "Tools"
    receiver: str
    title: str
    payload: Any  # JSON data (dict/list) or text (a question, an answer, a tool result)

    @property
    def payload_text(self) -> str:
        """The payload as shown: text as it is, data as indented JSON."""
        if isinstance(self.payload, str):
            return self.payload
        return json.dumps(self.payload, indent=2, ensure_ascii=False, default=str)


# -- building the messages ---------------------------------------------------------------


def _wire_module(trace: Trace, request: dict[str, Any]) -> Any:
    """The wire format a step's request body is written in."""
    if "input" in request:
        return wire.openai_responses
    if trace.provider == "anthropic" or "max_tokens" in request:
        return wire.anthropic
    return wire.openai_chat


def _turn_payload(trace: Trace, step: Step) -> Any:
    """The model's turn as the provider returned it (the SDK object's fields), else a wire
    rendering of the neutral turn in the format of the step's request."""
    dump = getattr(step.turn.raw, "model_dump", None)
    if callable(dump):
        try:
            return dump(mode="json", exclude_unset=True)
        except Exception:  # an unusual raw object: fall back to the wire rendering
            pass
    module = _wire_module(trace, step.request)
    if module is wire.openai_responses:
        return module.turn_to_wire(step.turn, module.request_from_wire(step.request))
    return module.turn_to_wire(step.turn)


def _tool_order(runs: list[ToolRun]) -> list[tuple[str, ToolRun]]:
    """Calls and results of one step: a parallel batch (every call started together) sends
    all calls and then gets all results, in call order; otherwise one after another."""
    if len(runs) > 1 and len({r.started for r in runs}) == 1:
        return [("call", r) for r in runs] + [("result", r) for r in runs]
    return [(kind, r) for r in runs for kind in ("call", "result")]


def _final_message(trace: Trace) -> TraceMessage:
    if trace.final_text:
        return TraceMessage("App", "User", "Final answer", trace.final_text)
    data: dict[str, Any] = {"stop_reason": trace.stop_reason}
    if trace.error:
        data["error"] = trace.error
    return TraceMessage("App", "User", f"No answer (stop: {trace.stop_reason})", data)


def trace_messages(trace: Trace) -> list[TraceMessage]:
    """Every message of the run in order, built from the trace alone."""
    out = [TraceMessage("User", "App", "User's question", trace.user_message)]
    for step in trace.steps:
        out.append(TraceMessage("App", "Model", f"Step {step.index}: request body", step.request))
        out.append(
            TraceMessage(
                "Model",
                "App",
                f"Step {step.index}: model turn ({_reply_label(step.turn)})",
                _turn_payload(trace, step),
            )
        )
        for kind, run in _tool_order(step.tool_runs):
            ident = f" [{run.call.id}]" if run.call.id else ""
            if kind == "call":
                title = f"Tool call {run.call.name}{ident}: arguments"
                out.append(TraceMessage("App", "Tools", title, run.call.arguments))
            else:
                err = " (error)" if run.result.is_error else ""
                title = f"Tool result of {run.call.name}{ident}{err}"
                out.append(TraceMessage("Tools", "App", title, run.result.content))
    out.append(_final_message(trace))
    return out


# -- drawing ---------------------------------------------------------------------------------


def lane_strip_svg(message: TraceMessage | None) -> str:
    """The four lanes, the message's sender and receiver lit, with its arrow between them."""
    lit = {message.sender, message.receiver} if message else set()
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{STRIP_WIDTH}" height="{STRIP_HEIGHT}" '
        f'viewBox="0 0 {STRIP_WIDTH} {STRIP_HEIGHT}" role="img" aria-label="lanes" '
        'style="max-width:100%;height:auto;display:block">'
    ]
    for name in LANE_NAMES:
        x, on = LANE_X[name], name in lit
        fill, stroke = (ACTIVE_FILL, ACTIVE) if on else (IDLE_FILL, IDLE_STROKE)
        weight = "bold" if on else "normal"
        parts.append(
            f'<line x1="{x}" y1="30" x2="{x}" y2="{STRIP_HEIGHT - 4}" stroke="{IDLE_STROKE}" '
            'stroke-dasharray="3 4"/>'
            f'<rect x="{x - 44}" y="4" width="88" height="26" rx="4" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="{2 if on else 1}"/>'
            f'<text x="{x}" y="21" font-family="{_e(FONT)}" font-size="12" '
            f'fill="{ACTIVE if on else MUTED}" text-anchor="middle" font-weight="{weight}">'
            f"{_e(name)}</text>"
        )
    if message:
        x1, x2, y = LANE_X[message.sender], LANE_X[message.receiver], 52
        d = 1 if x2 > x1 else -1
        head = f"{x2 - 2 * d},{y} {x2 - 12 * d},{y - 5} {x2 - 12 * d},{y + 5}"
        parts.append(
            f'<line x1="{x1 + 2 * d}" y1="{y}" x2="{x2 - 10 * d}" y2="{y}" stroke="{ACTIVE}" '
            f'stroke-width="2.5"/><polygon points="{head}" fill="{ACTIVE}"/>'
            f'<text x="{(x1 + x2) / 2:g}" y="{y + 18}" font-family="{_e(FONT)}" font-size="11" '
            f'fill="{INK}" text-anchor="middle">{_e(message.sender)} → {_e(message.receiver)}'
            "</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def lane_classes(message: TraceMessage) -> list[str]:
    """CSS classes naming the lit lanes: ``fcp-lane-app-active`` for sender and receiver,
    plus ``fcp-lane-app-sender`` / ``fcp-lane-model-receiver`` to tell them apart."""
    classes = []
    for name in LANE_NAMES:
        lane = name.lower()
        if name in (message.sender, message.receiver):
            classes.append(f"fcp-lane-{lane}-active")
        if name == message.sender:
            classes.append(f"fcp-lane-{lane}-sender")
        if name == message.receiver:
            classes.append(f"fcp-lane-{lane}-receiver")
    return classes


def _message_heading(i: int, total: int, message: TraceMessage) -> str:
    return (
        f'<span style="color:{MUTED}">{i + 1} / {total}</span> '
        f'<b style="color:{ACTIVE}">{_e(message.sender)} → {_e(message.receiver)}</b> · '
        f"{_e(message.title)}"
    )


def payload_html(message: TraceMessage) -> str:
    return f'<pre style="{_PRE}">{_e(message.payload_text)}</pre>'


def static_html(messages: list[TraceMessage]) -> str:
    """Every message, in order, for viewers without a kernel (GitHub, nbviewer)."""
    total = len(messages)
    parts = [
        f'<div style="{_BOX}border:1px solid #ddd;border-radius:6px;padding:10px 12px;'
        'max-width:760px">',
        f'<div style="font-weight:600;font-size:14px;margin-bottom:6px">Trace, message by '
        f"message ({total} messages)</div>",
    ]
    for i, message in enumerate(messages):
        parts.append(
            '<div style="border-top:1px solid #eee;padding:4px 0">'
            f'<div style="margin:2px 0">{_message_heading(i, total, message)}</div>'
            f"{payload_html(message)}</div>"
        )
    parts.append("</div>")
    return "".join(parts)


# -- the widget ------------------------------------------------------------------------------


class TraceStepper:
    """Step through a :class:`~fcplayground.agent.trace.Trace` one message at a time.

    ``messages`` lists what crossed between the lanes, ``index`` is the current one;
    ``next()``, ``back()`` and ``go(i)`` move (clamped to the ends) and ``widget`` is the
    ipywidgets view: Back / Next, the position ("3 / 11"), the lanes with the current
    arrow, and the exact payload.
    """

    def __init__(self, trace: Trace) -> None:
        self.trace = trace
        self.messages: list[TraceMessage] = trace_messages(trace)
        self.index = 0
        self.back_button = widgets.Button(description="◀ Back", tooltip="previous message")
        self.next_button = widgets.Button(description="Next ▶", tooltip="next message")
        self.position = widgets.Label(value="")
        self.lanes = widgets.HTML(value="")
        self.heading = widgets.HTML(value="")
        self.payload = widgets.HTML(value="")
        self.back_button.add_class("fcp-stepper-back")
        self.next_button.add_class("fcp-stepper-next")
        self.position.add_class("fcp-stepper-position")
        self.payload.add_class("fcp-stepper-payload")
        self.back_button.on_click(lambda _: self.back())
        self.next_button.on_click(lambda _: self.next())
        controls = widgets.HBox([self.back_button, self.position, self.next_button])
        self.widget = widgets.VBox([controls, self.lanes, self.heading, self.payload])
        self.widget.add_class("fcp-stepper")
        self._update()

    @property
    def current(self) -> TraceMessage:
        return self.messages[self.index]

    @property
    def active_lanes(self) -> tuple[str, str]:
        """(sender, receiver) of the current message."""
        return self.current.sender, self.current.receiver

    def go(self, i: int) -> TraceMessage:
        """Show message ``i`` (0-based; clamped to the first and last message)."""
        self.index = max(0, min(int(i), len(self.messages) - 1))
        self._update()
        return self.current

    def next(self) -> TraceMessage:
        return self.go(self.index + 1)

    def back(self) -> TraceMessage:
        return self.go(self.index - 1)

    def _update(self) -> None:
        message, total = self.current, len(self.messages)
        self.position.value = f"{self.index + 1} / {total}"
        self.back_button.disabled = self.index == 0
        self.next_button.disabled = self.index == total - 1
        self.lanes.value = lane_strip_svg(message)
        self.heading.value = (
            f'<div style="{_BOX}">{_message_heading(self.index, total, message)}</div>'
        )
        self.payload.value = payload_html(message)
        self.lanes._dom_classes = ("fcp-stepper-lanes", *lane_classes(message))

    # -- display -------------------------------------------------------------------------

    def _repr_html_(self) -> str:
        return static_html(self.messages)

    def __repr__(self) -> str:
        return f"<TraceStepper: {len(self.messages)} messages>"

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        data = {"text/plain": repr(self), "text/html": static_html(self.messages)}
        view = self.widget._repr_mimebundle_(**kwargs) or {}
        key = "application/vnd.jupyter.widget-view+json"
        if key in view:
            data[key] = view[key]
        return data


__all__ = ["TraceMessage", "TraceStepper", "trace_messages"]
