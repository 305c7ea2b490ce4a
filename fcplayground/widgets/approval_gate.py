"""ApprovalGate: review the side-effect calls of an agent run in a notebook.

The loop asks its ``approve`` policy synchronously, in the middle of ``run``. A widget
cannot answer then: button clicks reach the kernel only once the running cell is done,
so a policy that waited for a click would wait forever. The gate is therefore a
*reviewable queue*, not a blocking dialog::

    gate = ApprovalGate()                      # default: reject, "waiting for approval"
    trace = run(client, desk.tools, request, approve=gate.policy)
    gate                                       # every request it saw, with buttons
    # click Approve / Edit / Reject (or gate.decide(...)), then desk.reset() and run again:
    trace = run(client, desk.tools, request, approve=gate.policy)

``gate.policy`` uses a decision set beforehand for the call (by a click or
:meth:`ApprovalGate.decide`), looked up by the call's key (tool and arguments, so a rerun
finds it even with a new call id), then its call id, then the tool name; otherwise it
applies the default (``default="reject"`` or ``"approve"``). Either way the request is
listed in the widget. :meth:`ApprovalGate.review` renders one request on its own.
"""

from __future__ import annotations

import json
from typing import Any, Literal

import ipywidgets as widgets

from ..agent.approval import ApprovalRequest, Decision
from .static import NO_MATH, esc

WAITING = "waiting for approval"
_BOX = "border:1px solid #ddd;border-radius:4px;padding:6px 8px;margin:4px 0;font-size:13px"


def _args_json(arguments: dict[str, Any]) -> str:
    return json.dumps(arguments, indent=2, ensure_ascii=False, sort_keys=True, default=str)


def request_html(request: ApprovalRequest, decision: Decision | None, applied: str = "") -> str:
    """One request as static HTML: tool, arguments, why, and its decision if any."""
    status = str(decision) if decision is not None else "no decision yet"
    extra = f" (this run: {esc(applied)})" if applied else ""
    why = esc(request.why or "(the model gave no text for this turn)")
    return (
        f'<div class="fcp-approval {NO_MATH}" style="{_BOX}">'
        f"<div><b>{esc(request.tool)}</b> "
        f'<span style="color:#777">call {esc(request.call_id or "?")}, step {request.step}'
        f"</span></div>"
        f'<pre style="white-space:pre-wrap;font-size:12px;margin:2px 0">'
        f"{esc(_args_json(request.arguments))}</pre>"
        f'<div style="white-space:pre-wrap;color:#444;font-size:12px"><i>Why:</i> {why}</div>'
        f"<div><i>Decision:</i> {esc(status)}{extra}</div></div>"
    )


class ReviewCard:
    """One pending call with an editable JSON arguments box, a reason box and
    Approve / Edit / Reject buttons; each click records a decision in the gate."""

    def __init__(self, gate: ApprovalGate, request: ApprovalRequest) -> None:
        self.gate, self.request = gate, request
        self.heading = widgets.HTML(
            value=f"<b>{esc(request.tool)}</b> "
            f'<span style="color:#777">call {esc(request.call_id or "?")}</span>'
        )
        self.why = widgets.HTML(
            value=f'<div class="{NO_MATH}" style="white-space:pre-wrap;font-size:12px">'
            f"<i>Why:</i> {esc(request.why or '(no text)')}</div>"
        )
        # Stretched, not width 100%: 100% plus the widget's margin overflows the card by 2 px.
        self.arguments = widgets.Textarea(
            value=_args_json(request.arguments),
            layout=widgets.Layout(width="auto", align_self="stretch", height="8em"),
        )
        self.reason = widgets.Text(value="", placeholder="reason (sent to the model on reject)")
        self.approve_button = widgets.Button(description="Approve", button_style="success")
        self.edit_button = widgets.Button(description="Edit", tooltip="run with the JSON above")
        self.reject_button = widgets.Button(description="Reject", button_style="danger")
        self.status = widgets.HTML(value="")
        self.approve_button.add_class("fcp-approve")
        self.edit_button.add_class("fcp-edit")
        self.reject_button.add_class("fcp-reject")
        self.approve_button.on_click(lambda _: self.approve())
        self.edit_button.on_click(lambda _: self.edit())
        self.reject_button.on_click(lambda _: self.reject())
        buttons = widgets.HBox([self.approve_button, self.edit_button, self.reject_button])
        self.widget = widgets.VBox(
            [self.heading, self.arguments, self.why, self.reason, buttons, self.status]
        )
        self.widget.add_class("fcp-approval")
        self._show(gate.decision_for(request))

    def approve(self) -> Decision:
        return self._record(Decision.approve())

    def edit(self) -> Decision | None:
        """Record the arguments box as an edit; None (and a message) if it is not a JSON
        object."""
        try:
            arguments = json.loads(self.arguments.value)
        except json.JSONDecodeError as exc:
            arguments = exc
        if not isinstance(arguments, dict):
            self.status.value = '<span style="color:#cf222e">The arguments must be a JSON object.'
            self.status.value += "</span>"
            return None
        return self._record(Decision.edit(arguments))

    def reject(self) -> Decision:
        return self._record(Decision.reject(self.reason.value.strip() or "rejected by reviewer"))

    def _record(self, decision: Decision) -> Decision:
        self.gate.decide(self.request, decision)
        return decision

    def _show(self, decision: Decision | None) -> None:
        text = str(decision) if decision is not None else "no decision yet"
        self.status.value = f"<i>Decision:</i> {esc(text)}"

    def _repr_html_(self) -> str:
        return request_html(self.request, self.gate.decision_for(self.request))

    def __repr__(self) -> str:
        return f"<ReviewCard {self.request.tool} [{self.gate.decision_for(self.request) or '-'}]>"

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        return _bundle(repr(self), self._repr_html_(), self.widget, **kwargs)


class ApprovalGate:
    """A reviewable queue of side-effect calls; ``policy`` is what you pass to ``run``.

    ``decisions`` maps a key (a request's ``key``, a call id or a tool name) to a
    :class:`~fcplayground.agent.approval.Decision`; ``requests`` lists every request the
    policy saw, with what it did (``seen``). Nothing here blocks: see the module notes.
    """

    def __init__(self, default: Literal["reject", "approve"] = "reject") -> None:
        if default not in ("reject", "approve"):
            raise ValueError(f"default must be 'reject' or 'approve', not {default!r}.")
        self.default = default
        self.decisions: dict[str, Decision] = {}
        self.requests: list[ApprovalRequest] = []
        self.seen: list[Decision] = []  # what the policy answered, one per request
        self.cards: list[ReviewCard] = []
        self.widget = widgets.VBox([])
        self.widget.add_class("fcp-approval")
        self._refresh()

    # -- deciding ------------------------------------------------------------------------

    def decide(
        self,
        target: ApprovalRequest | str,
        decision: Decision | Literal["approve", "edit", "reject"] = "approve",
        arguments: dict[str, Any] | None = None,
        reason: str = "",
    ) -> Decision:
        """Set the decision for a request (by its key), a call id, or every call of a tool
        name. ``decision`` is a Decision or "approve" / "edit" (with ``arguments``) /
        "reject" (with ``reason``)."""
        if isinstance(decision, str):
            decision = {
                "approve": Decision.approve,
                "edit": lambda: Decision.edit(arguments or {}),
                "reject": lambda: Decision.reject(reason or "rejected by reviewer"),
            }[decision]()
        key = target.key if isinstance(target, ApprovalRequest) else str(target)
        self.decisions[key] = decision
        for card in self.cards:
            card._show(self.decision_for(card.request))
        return decision

    def decision_for(self, request: ApprovalRequest) -> Decision | None:
        """The decision set for this request: by key, then call id, then tool name."""
        for key in (request.key, request.call_id, request.tool):
            if key and key in self.decisions:
                return self.decisions[key]
        return None

    def policy(self, request: ApprovalRequest) -> Decision:
        """The ``approve`` callable for ``run``: the preset decision, else the default."""
        decision = self.decision_for(request)
        if decision is None:
            decision = Decision.approve() if self.default == "approve" else Decision.reject(WAITING)
        self.requests.append(request)
        self.seen.append(decision)
        self.cards.append(ReviewCard(self, request))
        self._refresh()
        return decision

    def review(self, request: ApprovalRequest) -> ReviewCard:
        """One request with Approve / Edit / Reject; a click records into ``decisions``."""
        return ReviewCard(self, request)

    def clear(self) -> None:
        """Forget the requests seen (the decisions stay, for the next run)."""
        self.requests.clear()
        self.seen.clear()
        self.cards.clear()
        self._refresh()

    # -- display -------------------------------------------------------------------------

    def _heading(self) -> str:
        return (
            f'<div class="{NO_MATH}" style="font-weight:600;font-size:14px">Approval gate: '
            f"{len(self.requests)} request{'s' * (len(self.requests) != 1)} seen, "
            f"default {esc(self.default)}</div>"
        )

    def _refresh(self) -> None:
        self.widget.children = [widgets.HTML(value=self._heading())] + [
            c.widget for c in self.cards
        ]

    def _repr_html_(self) -> str:
        note = (
            '<div style="color:#777;font-size:12px">Static view: the buttons need a live '
            "kernel. The policy never waits for a click; decide, then run again.</div>"
        )
        items = [
            request_html(r, self.decision_for(r), str(s))
            for r, s in zip(self.requests, self.seen, strict=True)
        ]
        return f'<div class="fcp-approval">{self._heading()}{note}{"".join(items)}</div>'

    def __repr__(self) -> str:
        lines = [
            f"<ApprovalGate default={self.default}: {len(self.requests)} requests, "
            f"{len(self.decisions)} decisions>"
        ]
        for r, s in zip(self.requests, self.seen, strict=True):
            args = json.dumps(r.arguments, sort_keys=True, ensure_ascii=False, default=str)
            lines.append(f"  {r.tool}({args}) -> {s}")
        return "\n".join(lines)

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        return _bundle(repr(self), self._repr_html_(), self.widget, **kwargs)


def _bundle(text: str, html: str, widget: widgets.Widget, **kwargs: Any) -> dict[str, Any]:
    data = {"text/plain": text, "text/html": html}
    view = widget._repr_mimebundle_(**kwargs) or {}
    key = "application/vnd.jupyter.widget-view+json"
    if key in view:
        data[key] = view[key]
    return data


__all__ = ["ApprovalGate", "ReviewCard"]
