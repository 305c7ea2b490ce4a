"""The simulated model plans its turns like a model: independent calls in parallel (or one a
turn when parallel calls are off), a dependent call after the result it needs, "then"
putting a call after the ones before it, and an answer built from the results or the error;
the same request gets the same turn, and its explanation never goes on the wire.

Every tool and prompt here is written for the test.
"""

from __future__ import annotations

import json

from simulated_tools import ask, dataflow_tools, run, support_tools

from fcplayground import Message, Request, ToolResult, offline
from fcplayground.models import SimulatedModel


def test_independent_requests_come_out_parallel():
    calls = ask(support_tools(), "What's the weather in Paris and in Tokyo?")[1]
    assert calls == [("get_weather", {"city": "Paris"}), ("get_weather", {"city": "Tokyo"})]
    calls = ask(support_tools(), "Look up jane@example.com and order ORD-1234.")[1]
    assert sorted(calls) == [
        ("lookup_customer", {"email": "jane@example.com"}),
        ("lookup_order", {"order_id": "ORD-1234"}),
    ]


def test_dependent_request_waits_for_the_result_it_needs():
    turns = run(
        dataflow_tools(), "Find Jane Doe's account and open a ticket for her about a refund."
    )
    assert [(c.name, c.arguments) for c in turns[0].tool_calls] == [
        ("find_customer", {"name": "Jane Doe"})
    ]
    assert "waits" in turns[0].explanation.decision
    assert [(c.name, c.arguments) for c in turns[1].tool_calls] == [
        ("create_ticket", {"customer_id": "C-42", "subject": "Refund"})
    ]
    assert "result of find_customer" in str(turns[1].explanation)
    assert not turns[2].tool_calls and "T-7" in turns[2].text


def test_parallel_disabled_gives_one_call_per_turn():
    turns = run(
        support_tools(), "What's the weather in Paris and in Tokyo?", parallel_tool_calls=False
    )
    assert [[c.arguments["city"] for c in t.tool_calls] for t in turns] == [
        ["Paris"],
        ["Tokyo"],
        [],
    ]
    assert "one call per turn" in str(turns[0].explanation)


def test_answer_is_built_from_the_results():
    turns = run(support_tools(), "What's the weather in Paris?")
    assert "sunny" in turns[-1].text and "21" in turns[-1].text


def test_tool_error_is_reported_in_the_answer():
    tools = support_tools()
    messages = [
        Message.user("Where is order ORD-9?"),
        Message.assistant(
            tool_calls=[
                __import__("fcplayground").ToolCall("lookup_order", {"order_id": "ORD-9"}, "c1")
            ]
        ),
        Message.tool(
            [ToolResult("c1", "lookup_order failed: KeyError: no order ORD-9", is_error=True)]
        ),
    ]
    turn = SimulatedModel().respond(Request(messages, tools=tools.specs()))
    assert not turn.tool_calls
    assert "failed" in turn.text and "no order ORD-9" in turn.text


def test_explanation_never_goes_on_the_wire_but_explain_finds_it():
    model = SimulatedModel()
    client = offline.openai_client(model)
    reply = client.chat.completions.create(
        model="m",
        messages=[{"role": "user", "content": "What's the weather in Paris?"}],
        tools=support_tools().to_openai(),
    )
    assert "score" not in json.dumps(reply.model_dump())
    why = model.explain(reply)
    assert "get_weather" in str(why) and "Paris" in str(why)


def test_same_request_same_turn():
    a = ask(support_tools(), "Look up jane@example.com and order ORD-1234.")[0]
    b = ask(support_tools(), "Look up jane@example.com and order ORD-1234.")[0]
    assert a == b and str(a.explanation) == str(b.explanation)


def test_then_puts_a_call_after_the_ones_before_it():
    turns = run(support_tools(), "Look up jane@example.com, then check the weather in Paris.")
    assert [c.name for c in turns[0].tool_calls] == ["lookup_customer"]
    assert "after lookup_customer" in str(turns[0].explanation)
    assert [c.name for c in turns[1].tool_calls] == ["get_weather"]
    without_then = ask(support_tools(), "Look up jane@example.com and check the weather in Paris.")
    assert sorted(c[0] for c in without_then[1]) == ["get_weather", "lookup_customer"]


def test_a_request_can_name_another_calls_argument():
    from fcplayground.scenarios import Travel

    tools = Travel(latency=0).tools
    calls = ask(
        tools, "Find flights from Paris to Rome on 2025-07-01 and the weather at the destination"
    )[1]
    assert sorted(calls) == [
        ("get_weather", {"city": "Rome"}),
        ("search_flights", {"origin": "Paris", "destination": "Rome", "date": "2025-07-01"}),
    ]
