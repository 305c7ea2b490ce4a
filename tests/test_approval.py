"""Human approval for side-effect tools: policies in the loop, and the ApprovalGate."""

from __future__ import annotations

import asyncio
import json

import pytest
from id_masks import without_ids

from fcplayground import ModelClient
from fcplayground.agent import (
    ApprovalRequest,
    Decision,
    approve_all,
    approve_if,
    arun,
    reject_all,
    run,
)
from fcplayground.scenarios import SupportDesk
from fcplayground.widgets.approval_gate import WAITING, ApprovalGate

REQUEST = (
    "Look up jane@example.com, then search the help center for double charges, "
    "then open a ticket about the double charge, then email her the answer."
)
SIDE_EFFECTS = {"create_ticket", "send_response"}


def _run(desk: SupportDesk, approve=None):
    return run(ModelClient.offline(), desk.tools, REQUEST, approve=approve)


@pytest.mark.fault(
    "agent loop",
    "a side effect nobody approved (`run(..., approve=...)`, `ApprovalGate`)",
    "the call goes back to the model as rejected; nothing is written",
)
def test_reject_all_keeps_the_database_unchanged_and_tells_the_model():
    desk = SupportDesk()
    tickets = desk.tickets()
    trace = _run(desk, reject_all("no emails today"))
    assert trace.stop_reason in ("answered", "max_steps") and trace.error is None
    assert desk.tickets() == tickets and desk.outbox() == []
    rejected = [r for r in trace.tool_runs if r.call.name in SIDE_EFFECTS]
    assert {r.call.name for r in rejected} == SIDE_EFFECTS
    for r in rejected:
        assert r.result.is_error
        assert r.result.content.startswith("The user rejected this call: no emails today.")
        assert "Do not retry it unchanged" in r.result.content
        assert r.approval == "rejected: no emails today"
    assert all(r.approval is None for r in trace.tool_runs if r.call.name not in SIDE_EFFECTS)
    sent = [res for m in trace.messages if m.role == "tool" for res in m.tool_results]
    assert sum(res.is_error for res in sent) == len(rejected)


def test_approve_all_behaves_like_no_policy():
    desk = SupportDesk()
    plain = _run(desk)
    plain_rows = (desk.tickets(), desk.outbox())
    desk.reset()
    approved = _run(desk, approve_all)
    assert approved.calls() == plain.calls()
    assert approved.final_text == plain.final_text
    assert [r.result.content for r in approved.tool_runs] == [
        r.result.content for r in plain.tool_runs
    ]
    assert (desk.tickets(), len(desk.outbox())) == (plain_rows[0], len(plain_rows[1]))
    assert [r.approval for r in plain.tool_runs] == [None] * 4
    assert [r.approval for r in approved.tool_runs] == [None, None, "approved", "approved"]


def test_approve_if_allow_list_blocks_other_addresses():
    only_example = approve_if(
        lambda r: (
            r.tool != "send_response" or r.arguments.get("to_email", "").endswith("@example.com")
        ),
        reason="only example.com addresses",
    )
    desk = SupportDesk()
    tickets = len(desk.tickets())
    _run(desk, only_example)
    assert len(desk.outbox()) == 1  # jane@example.com is allowed

    desk.reset()
    desk.db.execute("UPDATE customers SET email = 'jane@elsewhere.org' WHERE id = 'C-1001'")
    request = REQUEST.replace("jane@example.com", "jane@elsewhere.org")
    trace = run(ModelClient.offline(), desk.tools, request, approve=only_example)
    assert trace.error is None and desk.outbox() == []
    email = [r for r in trace.tool_runs if r.call.name == "send_response"][0]
    assert email.call.arguments["to_email"] == "jane@elsewhere.org"
    assert email.result.is_error and "only example.com addresses" in email.result.content
    assert len(desk.tickets()) == tickets + 1  # the ticket was allowed and ran


def test_an_edit_changes_the_arguments_that_run_and_is_recorded():
    def edit_subject(request: ApprovalRequest) -> Decision:
        if request.tool == "send_response":
            return Decision.edit({**request.arguments, "subject": "About your double charge"})
        return Decision.approve()

    desk = SupportDesk()
    trace = _run(desk, edit_subject)
    assert desk.outbox()[0]["subject"] == "About your double charge"
    email = [r for r in trace.tool_runs if r.call.name == "send_response"][0]
    assert email.call.arguments["subject"] == "About your double charge"
    assert email.approval.startswith("edited by the reviewer; the model sent ")
    assert not email.result.is_error
    # the conversation keeps what the model asked for, and the record says what that was
    asked = [c for m in trace.messages for c in m.tool_calls if c.name == "send_response"]
    assert asked[0].arguments["subject"] not in ("", "About your double charge")
    assert json.dumps({"subject": asked[0].arguments["subject"]})[1:-1] in email.approval


def test_only_side_effect_tools_are_sent_to_approve():
    seen: list[ApprovalRequest] = []

    def record(request: ApprovalRequest) -> Decision:
        seen.append(request)
        return Decision.approve()

    desk = SupportDesk()
    trace = _run(desk, record)
    assert [r.tool for r in seen] == ["create_ticket", "send_response"]
    ticket = seen[0]
    assert ticket.description == desk.tools["create_ticket"].description
    assert ticket.arguments["customer_id"] == "C-1001"
    assert ticket.call_id == trace.tool_runs[2].call.id
    assert ticket.why  # the model's text and/or explanation for that turn
    assert ticket.step == 3


def test_arun_takes_the_same_policies():
    desk = SupportDesk()
    trace = asyncio.run(
        arun(ModelClient.offline(), desk.tools, REQUEST, approve=reject_all("not now"))
    )
    assert trace.error is None and desk.outbox() == []
    assert [r.approval for r in trace.tool_runs][2:] == ["rejected: not now"] * 2


def test_a_failing_policy_ends_the_run_with_an_error_not_an_exception():
    def broken(request: ApprovalRequest) -> Decision:
        return True  # type: ignore[return-value]

    desk = SupportDesk()
    trace = _run(desk, broken)
    assert trace.stop_reason == "error" and "Decision" in trace.error
    assert desk.outbox() == []


def test_gate_rejects_by_default_then_uses_the_decisions():
    desk = SupportDesk()
    gate = ApprovalGate()
    trace = _run(desk, gate.policy)
    assert desk.outbox() == [] and [r.tool for r in gate.requests] == list(sorted(SIDE_EFFECTS))
    assert all(WAITING in r.result.content for r in trace.tool_runs[2:])
    ticket, email = gate.requests
    gate.decide(ticket, "approve")
    # once the ticket runs, the reply reports it: another email, so decide for the tool
    gate.decide("send_response", "edit", arguments={**email.arguments, "subject": "Your refund"})
    desk.reset()
    gate.clear()
    trace = _run(desk, gate.policy)
    assert desk.outbox()[0]["subject"] == "Your refund"
    assert len(desk.tickets()) == len(SupportDesk().tickets()) + 1
    assert [str(s).split(":")[0] for s in gate.seen] == ["approved", "edited"]


def test_gate_default_approve_and_decide_by_tool_name():
    desk = SupportDesk()
    gate = ApprovalGate(default="approve")
    gate.decide("send_response", "reject", reason="no emails")
    _run(desk, gate.policy)
    assert desk.outbox() == []
    assert [str(s) for s in gate.seen] == ["approved", "rejected: no emails"]


def test_review_card_buttons_record_decisions():
    gate = ApprovalGate()
    request = ApprovalRequest("send_response", {"to_email": "a@example.com"}, "c1", "", "why")
    card = gate.review(request)
    assert "fcp-approval" in card.widget._dom_classes
    assert "fcp-approve" in card.approve_button._dom_classes
    assert "fcp-edit" in card.edit_button._dom_classes
    assert "fcp-reject" in card.reject_button._dom_classes
    card.approve_button.click()
    assert gate.decision_for(request) == Decision.approve()
    card.arguments.value = '{"to_email": "b@example.com"}'
    card.edit_button.click()
    assert gate.decisions[request.key] == Decision.edit({"to_email": "b@example.com"})
    card.arguments.value = "not json"
    assert card.edit() is None and "JSON object" in card.status.value
    card.reason.value = "wrong person"
    card.reject_button.click()
    assert gate.decision_for(request) == Decision.reject("wrong person")


def test_gate_mimebundle_is_deterministic():
    bundles = []
    for _ in range(2):
        gate = ApprovalGate()
        _run(SupportDesk(), gate.policy)
        bundles.append(gate._repr_mimebundle_())
    first, second = bundles
    assert first["text/plain"] == second["text/plain"]
    # The same but for the ids, which each offline answer has of its own.
    assert without_ids(first["text/html"]) == without_ids(second["text/html"])
    assert first["text/plain"].startswith("<ApprovalGate default=reject: 2 requests")
    assert 'class="fcp-approval' in first["text/html"] and "create_ticket" in first["text/html"]
    assert "rejected: waiting for approval" in first["text/plain"]
