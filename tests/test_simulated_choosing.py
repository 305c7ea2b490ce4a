"""The simulated model chooses a tool, or none, for the reasons a model would, and says why:
descriptions decide between tools, a request no tool fits gets no call, a missing required
value gets a question (and its answer completes the call), and every ``tool_choice`` is
obeyed.

Every tool and prompt here is written for the test.
"""

from __future__ import annotations

from simulated_tools import ask, support_tools

from fcplayground import Message, NamedTool, Request, ToolRegistry
from fcplayground.models import SimulatedModel


def test_specific_description_wins_over_a_vague_one():
    tools = support_tools()
    request = "What plan is jane@example.com on?"
    assert ask(tools, request)[1] == [("lookup_customer", {"email": "jane@example.com"})]
    tools.describe("lookup_customer", "does CRM stuff")
    tools.describe("lookup_customer", "the value", param="email")
    turn, calls = ask(tools, "What plan is Jane on?")
    assert calls == []
    assert "lookup_customer" in str(turn.explanation)


def test_vague_and_specific_description_flip_the_choice_between_two_tools():
    tools = ToolRegistry()

    @tools.tool
    def crm_tool(query: str) -> dict:
        """Does CRM stuff.

        Args:
            query: Input.
        """

    @tools.tool
    def account_search(query: str) -> dict:
        """Searches customer accounts and returns the subscription plan and billing status.

        Args:
            query: A customer name or email.
        """

    text = "Which subscription plan is the customer 'Jane Doe' on?"
    assert [c[0] for c in ask(tools, text)[1]] == ["account_search"]
    tools.describe(
        "crm_tool", "Looks up a customer's subscription plan, plan price and billing status."
    )
    tools.describe("account_search", "Does search stuff.")
    assert [c[0] for c in ask(tools, text)[1]] == ["crm_tool"]


def test_request_no_tool_fits_gets_no_call_and_says_so():
    turn, calls = ask(support_tools(), "Write me a haiku about autumn leaves.")
    assert calls == []
    assert "None of my tools fits" in turn.text
    assert "no call" in turn.explanation.decision


def test_missing_required_value_gets_a_question_not_an_invented_value():
    turn, calls = ask(support_tools(), "What's the weather like today?")
    assert calls == []
    assert "city" in turn.text and turn.text.endswith("?")
    assert "asks" in turn.explanation.decision


def test_answer_to_the_question_completes_the_call():
    tools = support_tools()
    first = SimulatedModel().respond(
        Request([Message.user("What's the weather like?")], tools=tools.specs())
    )
    messages = [Message.user("What's the weather like?"), first.message, Message.user("In Lisbon.")]
    turn = SimulatedModel().respond(Request(messages, tools=tools.specs()))
    assert [(c.name, c.arguments) for c in turn.tool_calls] == [("get_weather", {"city": "Lisbon"})]


def test_tool_choice_none_is_obeyed():
    turn, calls = ask(support_tools(), "What's the weather in Paris?", tool_choice="none")
    assert calls == []
    assert "get_weather" in turn.text


def test_tool_choice_required_forces_a_call_with_guesses_marked():
    turn, calls = ask(support_tools(), "Hello there!", tool_choice="required")
    assert len(calls) == 1
    assert turn.explanation.calls[-1].guessed
    assert "forced" in turn.explanation.decision


def test_tool_choice_named_tool_is_obeyed():
    turn, calls = ask(
        support_tools(), "What's the weather in Paris?", tool_choice=NamedTool("lookup_order")
    )
    assert [c[0] for c in calls] == ["lookup_order"]
    assert "a guess" in str(turn.explanation)


def test_tool_choice_auto_is_the_default_behaviour():
    assert ask(support_tools(), "Weather in Oslo?", tool_choice="auto")[1] == [
        ("get_weather", {"city": "Oslo"})
    ]
