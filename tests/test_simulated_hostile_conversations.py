"""The simulated model answers hostile conversations without raising, and never puts a
number JSON cannot carry into a call.

- Random conversations (hypothesis, derandomized) of user text, assistant calls with
  random names, ids and arguments, and tool results of any text or JSON, broken included.
- Tool results holding numbers out of range (1e400, NaN, Infinity, a 4,000-digit integer)
  that the next call would copy: its arguments must survive
  ``json.dumps(..., allow_nan=False)``.
"""

from __future__ import annotations

import json

import pytest
from hostile_inputs import (
    EVERYDAY,
    FIXED_REQUEST,
    HOSTILE,
    answer,
    any_text,
    json_values,
    names,
)
from hypothesis import given
from hypothesis import strategies as st

from fcplayground import Message, Request, ToolRegistry, ToolSpec
from fcplayground.chat import ToolCall, ToolResult

# -- hypothesis-generated conversations ---------------------------------------------------

EVERYDAY_NAMES = [t.name for t in EVERYDAY]
call_ids = st.sampled_from(["call_1", "call_2", "", "call_1 "]) | st.text(max_size=5)
result_contents = (
    any_text
    | json_values.map(json.dumps)
    | st.sampled_from(['{"a": 1e400}', "[NaN, Infinity]", "{", "[" * 2000, '"\\ud800"'])
)


@st.composite
def conversations(draw) -> list[Message]:
    messages = []
    for _ in range(draw(st.integers(0, 6))):
        role = draw(st.sampled_from(["user", "assistant", "tool"]))
        if role == "user":
            messages.append(Message.user(draw(any_text | st.just("and in Tokyo?") | st.just("."))))
        elif role == "assistant":
            calls = draw(
                st.lists(
                    st.builds(
                        ToolCall,
                        st.sampled_from(EVERYDAY_NAMES) | names,
                        st.dictionaries(names, json_values, max_size=3) | any_text,
                        call_ids,
                    ),
                    max_size=3,
                )
            )
            messages.append(Message.assistant(draw(any_text | st.just("Which city?")), calls))
        else:
            results = st.builds(ToolResult, call_ids, result_contents, st.booleans(), names)
            messages.append(Message.tool(draw(st.lists(results, max_size=3))))
    messages.append(Message.user(draw(any_text | st.just(FIXED_REQUEST))))
    return messages


@HOSTILE
@given(messages=conversations())
def test_model_answers_random_conversations_with_tool_calls_and_results(messages):
    answer(Request(messages, tools=EVERYDAY))


# -- numbers out of range in tool results -------------------------------------------------


def support_tools() -> list[ToolSpec]:
    tools = ToolRegistry()

    @tools.tool
    def find_customer(name: str) -> dict:
        """Finds a customer account by the customer's name and returns their customer id.

        Args:
            name: The customer's full name, e.g. Jane Doe.
        """

    @tools.tool
    def create_ticket(customer_id: int, subject: str) -> dict:
        """Opens a support ticket for a customer and returns the ticket number.

        Args:
            customer_id: The customer's id, as returned by find_customer.
            subject: A short summary of the problem.
        """

    return tools.specs()


def after(tools: list[ToolSpec], ask: str, call: ToolCall, content: str) -> Request:
    """``ask``, once its first call has been made and answered with ``content``."""
    call.id = "call_1"
    results = [ToolResult("call_1", content, name=call.name)]
    return Request(
        [Message.user(ask), Message.assistant("", [call]), Message.tool(results)], tools=tools
    )


FLOWS = {
    "customer_id": (
        support_tools(),
        "Find Jane Doe's account and open a ticket for her about a refund.",
        ToolCall("find_customer", {"name": "Jane Doe"}),
        "customer_id",
    ),
    "square_root": (
        EVERYDAY,
        "Multiply 3 by 4 and then take the square root of the result.",
        ToolCall("multiply", {"a": 3, "b": 4}),
        "result",
    ),
    "stock_price": (
        EVERYDAY,
        "Get the stock quote for AAPL and convert the price from USD to EUR.",
        ToolCall("get_stock_quote", {"ticker": "AAPL"}),
        "price",
    ),
}


@pytest.mark.parametrize("number", ["1e400", "-1e400", "NaN", "Infinity", "1" + "0" * 4000])
@pytest.mark.parametrize("flow", sorted(FLOWS))
def test_model_never_copies_non_finite_numbers_from_results_into_arguments(flow, number):
    tools, ask, call, key = FLOWS[flow]
    pair = f'"{key}": {number}'
    content = "{" + pair + ', "results": [{' + pair + "}]}"
    answer(after(tools, ask, ToolCall(call.name, dict(call.arguments)), content))
