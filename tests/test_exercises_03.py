"""Lesson 03's check passes a working get_order_status and explains each way one can fall short."""

from __future__ import annotations

import warnings

import pytest

from fcplayground import ModelClient, ScriptedModel, ToolRegistry
from fcplayground.agent import run
from fcplayground.exercises.lesson03 import check_agent_used_tool
from fcplayground.scenarios import SupportDesk

QUESTION = "Where is my order ORD-1234?"
desk = SupportDesk()


def without_get_order() -> ToolRegistry:
    tools = ToolRegistry()
    for tool in desk.tools:
        if tool.name != "get_order":
            tools.add(tool)
    return tools


def get_order_status(order_id: str) -> dict:
    """Gets an order by its order id and returns its status, item and order date.

    Args:
        order_id: The order id, e.g. ORD-1234.
    """
    row = desk.db.execute(
        "SELECT id, item, status, date FROM orders WHERE id = ?", (order_id,)
    ).fetchone()
    if row is None:
        raise LookupError(f"No order has the id {order_id!r}.")
    return dict(row)


def skeleton(order_id: str) -> dict:
    """TODO: say what it does and what it returns.

    Args:
        order_id: TODO: what is it? Give an example.
    """
    return {}


def check(tools, trace):
    return check_agent_used_tool(
        tools, trace, "get_order_status", arguments={"order_id": "ORD-1234"}, expect="shipped"
    )


def with_tool(func) -> ToolRegistry:
    tools = without_get_order()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # undocumented parameters warn; the check says so too
        tools.add(func, name="get_order_status")
    return tools


@pytest.mark.parametrize(
    "client",
    [
        ModelClient.offline,
        lambda: ModelClient.offline(provider="anthropic"),
        lambda: ModelClient.offline(api="responses"),
    ],
    ids=["chat", "messages", "responses"],
)
def test_the_solution_passes_with_the_simulated_model(client):
    tools = with_tool(get_order_status)
    trace = run(client(), tools, QUESTION)

    feedback = check(tools, trace)

    assert feedback.ok, str(feedback)
    assert trace.calls() == [("get_order_status", {"order_id": "ORD-1234"})]
    text = str(feedback)
    assert text.startswith("Well done")
    assert "The final answer mentions 'shipped'" in text


def test_the_decorator_form_passes_too():
    tools = without_get_order()

    @tools.tool
    def get_order_status(order_id: str) -> dict:
        """Looks up an order by its order id and returns the order's status and item.

        Args:
            order_id: The order id, e.g. ORD-1234.
        """
        row = desk.db.execute("SELECT status, item FROM orders WHERE id = ?", (order_id,))
        return dict(row.fetchone())

    assert check(tools, run(ModelClient.offline(), tools, QUESTION)).ok


def test_the_stored_skeleton_is_told_to_register_the_tool():
    tools = without_get_order()
    feedback = check(tools, run(ModelClient.offline(), tools, QUESTION))

    text = str(feedback)
    assert not feedback.ok
    assert "get_order_status is not registered yet" in text
    assert "tools.add(get_order_status)" in text
    assert "The agent never called get_order_status: it called no tool" in text


def test_a_registered_skeleton_is_told_what_is_still_todo():
    tools = with_tool(skeleton)
    feedback = check(tools, run(ModelClient.offline(), tools, QUESTION))

    text = str(feedback)
    assert "The description still says TODO" in text
    assert "Describe the parameter(s) order_id" in text
    assert "returned nothing useful ('{}')" in text


def test_a_trace_from_before_the_tool_was_registered_is_spotted():
    tools = without_get_order()
    stale = run(ModelClient.offline(), tools, QUESTION)
    tools.add(get_order_status)

    text = str(check(tools, stale))

    assert "This trace comes from a run where get_order_status was not registered" in text
    assert "Every parameter has a description." in text  # the tool itself is fine


def test_a_vague_undocumented_tool_is_told_to_describe_itself():
    def vague(order_id: str) -> dict:
        """Gets stuff."""
        return get_order_status(order_id)

    tools = with_tool(vague)
    text = str(check(tools, run(ModelClient.offline(), tools, QUESTION)))

    assert "The description has 2 words" in text
    assert "Say what it returns" in text
    assert "Describe the parameter(s) order_id" in text


def test_a_body_that_raises_is_reported_with_what_the_model_was_told():
    def unfinished(order_id: str) -> dict:
        """Gets an order by its order id and returns its status, item and order date.

        Args:
            order_id: The order id, e.g. ORD-1234.
        """
        raise NotImplementedError("TODO")

    tools = with_tool(unfinished)
    text = str(check(tools, run(ModelClient.offline(), tools, QUESTION)))

    assert "get_order_status failed, and the model was told" in text
    assert "NotImplementedError" in text


def test_a_result_without_the_status_is_reported():
    def no_status(order_id: str) -> dict:
        """Gets an order by its order id and returns its item and order date.

        Args:
            order_id: The order id, e.g. ORD-1234.
        """
        row = desk.db.execute("SELECT id, item, date FROM orders WHERE id = ?", (order_id,))
        return dict(row.fetchone())

    tools = with_tool(no_status)
    feedback = check(tools, run(ModelClient.offline(), tools, QUESTION))

    text = str(feedback)
    assert not feedback.ok
    assert "Its result does not mention 'shipped'" in text
    assert "The final answer does not mention 'shipped'" in text


def test_a_call_with_the_wrong_order_id_is_reported():
    tools = with_tool(get_order_status)
    model = ScriptedModel([("get_order_status", {"order_id": "ORD-9999"}), "Sorry."])
    text = str(check(tools, run(ModelClient.offline(model), tools, QUESTION)))

    assert "with {'order_id': 'ORD-9999'}, not {'order_id': 'ORD-1234'}" in text
    assert "failed" not in text  # a result for another order says nothing about this one


def test_a_run_that_never_answered_is_reported():
    tools = with_tool(get_order_status)
    model = ScriptedModel([("get_order_status", {"order_id": "ORD-1234"})] * 5)
    text = str(check(tools, run(ModelClient.offline(model), tools, QUESTION, max_steps=2)))

    assert "stop_reason='max_steps'" in text


def test_wrong_inputs_get_a_clear_message_not_an_exception():
    tools = with_tool(get_order_status)
    trace = run(ModelClient.offline(), tools, QUESTION)

    assert "should be the ToolRegistry" in str(check_agent_used_tool(desk, trace))
    assert "should be what run(...) returned" in str(check_agent_used_tool(tools, "trace"))
