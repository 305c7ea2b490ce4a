"""The seed example end to end: a support agent on a real SQLite database, offline."""

from __future__ import annotations

from fcplayground import ModelClient
from fcplayground.agent import run
from fcplayground.scenarios import SupportDesk, Travel

REQUEST = (
    "Look up jane@example.com, then search the help center for double charges, "
    "then open a ticket about the double charge, then email her the answer."
)


def test_support_request_runs_the_four_steps_in_order_and_writes_the_database():
    desk = SupportDesk()
    for provider in ("openai", "anthropic"):
        desk.reset()
        trace = run(ModelClient.offline(provider=provider), desk.tools, REQUEST)
        assert trace.stop_reason == "answered"
        assert [name for name, _ in trace.calls()] == [
            "lookup_customer",
            "search_knowledge_base",
            "create_ticket",
            "send_response",
        ]
        assert [len(step.tool_runs) for step in trace.steps] == [1, 1, 1, 1, 0]
        ticket = desk.tickets()[-1]
        assert ticket["customer_id"] == "C-1001" and ticket["status"] == "open"
        sent = desk.outbox()
        assert len(sent) == 1 and sent[0]["to_email"] == "jane@example.com"
        assert "Jane Doe" in trace.final_text


def test_each_step_uses_what_the_one_before_found():
    desk = SupportDesk()
    trace = run(ModelClient.offline(), desk.tools, REQUEST)
    lookup, search, ticket, email = trace.tool_runs
    assert ticket.call.arguments["customer_id"] in lookup.result.content
    assert email.call.arguments["to_email"] in lookup.result.content
    assert email.call.arguments["body"].strip(".") in search.result.content


def test_independent_travel_questions_run_in_parallel_in_one_step():
    travel = Travel(latency=0.2)
    trace = run(
        ModelClient.offline(), travel.tools, "What's the weather in Paris, Tokyo, Rome and Lisbon?"
    )
    first = trace.steps[0]
    assert len(first.tool_runs) == 4
    assert len(travel.log) == 4
    # every call began before any finished: they overlapped
    assert max(r.started for r in travel.log) < min(r.finished for r in travel.log)
