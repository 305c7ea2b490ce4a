"""Lesson 09's exercise: a tool of your own, served over MCP, used by the agent. The check
must pass the real thing and catch each way of not doing it (a local run above all)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import fcplayground.mcp
from fcplayground import ModelClient, ToolRegistry
from fcplayground.agent import run
from fcplayground.exercises.lesson09 import REQUEST, check_own_tool_over_mcp

RATES = {"canada": (14.0, 6), "france": (11.0, 4)}


def shipping_quote(country: str) -> dict[str, Any]:
    """Gives the shipping cost in dollars and the delivery time in days of an order sent to a
    country.

    Args:
        country: The country the order goes to, e.g. Canada.
    """
    cost, days = RATES[country.strip().lower()]
    return {"country": country, "cost_usd": cost, "days": days}


def vague(country: str) -> dict[str, Any]:
    """Shipping.

    Args:
        country: The country the order goes to, e.g. Canada.
    """
    return shipping_quote(country)


def registry(func: Callable[..., Any] = shipping_quote) -> ToolRegistry:
    tools = ToolRegistry()
    tools.add(func, name="shipping_quote")
    return tools


def over_mcp(tools: ToolRegistry, request: str = REQUEST) -> tuple[Any, Any, Any]:
    """(server, remote registry, trace) of the agent run with ``tools`` served over MCP."""
    with (
        fcplayground.mcp.serving_in_background(tools) as server,
        fcplayground.mcp.tools(server.url) as remote,
    ):
        trace = run(ModelClient.offline(), remote, request)
    return server, remote, trace


def test_a_tool_served_over_mcp_and_called_by_the_agent_passes():
    server, remote, trace = over_mcp(registry())

    feedback = check_own_tool_over_mcp(server, remote, trace)

    assert feedback.ok, str(feedback)
    assert any("went over MCP and ran on your server" in p for p in feedback.passed)
    assert trace.calls() == [("shipping_quote", {"country": "Canada"})]


def test_the_local_registry_given_to_run_is_refused_with_what_to_connect_instead():
    mine = registry()
    with fcplayground.mcp.serving_in_background(mine) as server:
        trace = run(ModelClient.offline(), mine, REQUEST)

    problems = check_own_tool_over_mcp(server, mine, trace).problems

    assert any(
        "is a local ToolRegistry" in p and "fcplayground.mcp.tools(server.url)" in p
        for p in problems
    ), problems
    assert any("never reached your MCP server" in p for p in problems), problems


def test_a_local_run_checked_with_the_mcp_registry_is_caught_by_what_it_sent():
    mine = registry()
    server, remote, _ = over_mcp(mine, "What is the capital of France?")  # nothing served
    local_trace = run(ModelClient.offline(), mine, REQUEST)

    problems = check_own_tool_over_mcp(server, remote, local_trace).problems

    call_id = local_trace.tool_runs[0].call.id
    assert problems == [
        f"The call to shipping_quote in this trace (id {call_id!r}) was not sent by the MCP "
        "registry you gave the check: run the agent with that registry, and give the check "
        "the trace of that run."
    ]


def test_a_call_made_by_hand_over_mcp_does_not_pass_a_local_run():
    mine = registry()
    with fcplayground.mcp.serving_in_background(mine) as server:
        with fcplayground.mcp.tools(server.url) as remote:
            remote.call("shipping_quote", {"country": "Canada"})  # served, logged, by hand
        local_trace = run(ModelClient.offline(), mine, REQUEST)

    feedback = check_own_tool_over_mcp(server, remote, local_trace)

    assert not feedback.ok
    assert any("was not sent by the MCP registry" in p for p in feedback.problems)


def test_an_earlier_run_over_mcp_does_not_pass_a_later_local_one():
    mine = registry()
    server, remote, real = over_mcp(mine)
    local_trace = run(ModelClient.offline(), mine, REQUEST)
    assert local_trace.calls() == real.calls()  # the same calls: only where they ran differs

    feedback = check_own_tool_over_mcp(server, remote, local_trace)

    assert not feedback.ok
    assert check_own_tool_over_mcp(server, remote, real).ok


def test_a_tool_the_agent_never_called_says_so_and_what_it_did_instead():
    server, remote, trace = over_mcp(registry(), "What is the capital of France?")

    problems = check_own_tool_over_mcp(server, remote, trace).problems

    assert len(problems) == 1, problems
    assert problems[0].startswith("The agent never called your tool (shipping_quote): it called no")
    assert "words a user would ask with" in problems[0]


def test_a_vague_description_fails_naming_the_tool_and_what_to_write():
    server, remote, trace = over_mcp(registry(vague))

    problems = check_own_tool_over_mcp(server, remote, trace).problems

    assert any(
        p.startswith("shipping_quote's description is too vague (1 words: 'Shipping.')")
        and "at least 8 words" in p
        for p in problems
    ), problems


def test_a_description_still_saying_todo_fails():
    tools = ToolRegistry()
    tools.add(shipping_quote, description="TODO: say what it does and what it returns.")
    with fcplayground.mcp.serving_in_background(tools) as server:
        trace = run(ModelClient.offline(), tools, "hi")
    problems = check_own_tool_over_mcp(server, tools, trace).problems
    assert any("description still says TODO" in p for p in problems), problems


def test_an_empty_registry_says_to_register_the_tool():
    with fcplayground.mcp.serving_in_background(ToolRegistry()) as server:
        trace = run(ModelClient.offline(), ToolRegistry(), REQUEST)
    (problem,) = check_own_tool_over_mcp(server, ToolRegistry(), trace).problems
    assert "no tool yet" in problem and "@my_tools.tool" in problem


def test_something_other_than_the_background_server_is_named():
    (problem,) = check_own_tool_over_mcp("http://127.0.0.1:1/mcp", ToolRegistry(), None).problems
    assert "serving_in_background(my_tools)" in problem and "not str" in problem
