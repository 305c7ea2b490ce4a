"""The exercise of lesson 13: a system prompt that makes the agent ask before it sends
email, and keeps its tools for account questions.

    from fcplayground.exercises.lesson13 import check_system_prompt
    SYSTEM = "..."                      # the learner's system prompt
    check_system_prompt(SYSTEM)         # what behaved right, and what to fix

The check does not look for words in the prompt: it runs the prompt on a help desk the
lesson never showed (its own tools, its own requests) and watches what the simulated
model does with each request:

- an email request must get a question first (no call), then, after "yes, send it", the
  email;
- a question outside accounts (an exchange rate) must get words, not a tool call;
- an account question must still get its lookup, as it would with no prompt at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ..models import SimulatedModel
from ..models.simulated.vocabulary import Outcome
from ..offline import openai_client
from ..tools import ToolRegistry
from .feedback import Feedback


class Expect(str, Enum):
    """What a held-out request should get from a model that follows the prompt."""

    ASKS_FIRST = "asks before sending"
    NO_TOOL = "answers without tools"
    CALLS = "calls the tool as usual"


@dataclass(frozen=True)
class Case:
    """A request the learner never saw, and what should happen to it."""

    request: str
    expect: Expect
    tool: str  # the tool it is about


HELD_OUT = (
    Case(
        "Send sam@example.org an email saying that his invoice is ready.",
        Expect.ASKS_FIRST,
        "email_customer",
    ),  # fmt: skip
    Case("How many yen is 100 euros today?", Expect.NO_TOOL, "get_exchange_rate"),
    Case("Is the account of sam@example.org past due?", Expect.CALLS, "get_account"),
)
"""The check's requests: one for each behaviour, on the held-out desk."""

YES = "yes, send it"


def held_out_tools() -> ToolRegistry:
    """The check's own desk: an account lookup, an email tool and an exchange-rate tool
    (a new registry at each call)."""
    tools = ToolRegistry()

    @tools.tool
    def get_account(email: str) -> dict:
        """Finds a customer account by email address and returns its plan and billing status.

        Args:
            email: The account's email address, e.g. sam@example.org.
        """
        return {"account_id": "A-7", "plan": "Team", "billing_status": "past_due"}

    @tools.tool(side_effect=True)
    def email_customer(to: str, subject: str, body: str) -> dict:
        """Sends an email to a customer from the support address.

        Args:
            to: The customer's email address.
            subject: The subject line.
            body: The text of the email.
        """
        return {"status": "queued"}

    @tools.tool
    def get_exchange_rate(base: str, target: str) -> dict:
        """Returns today's exchange rate between two currencies.

        Args:
            base: The currency to convert from, e.g. EUR.
            target: The currency to convert to, e.g. JPY.
        """
        return {"rate": 162.4}

    return tools


def check_system_prompt(system: str) -> Feedback:
    """Does the model, given ``system``, ask before emailing (and email after a yes), answer
    a non-account question in words, and still look up an account?"""
    feedback = Feedback()
    if not isinstance(system, str) or not system.strip():
        feedback.problems.append(
            "SYSTEM should be your system prompt, a non-empty string: for example "
            'SYSTEM = "You are the support agent. ..."'
        )
        return feedback
    model = SimulatedModel()
    client = openai_client(model=model)
    tools = held_out_tools()
    for case in HELD_OUT:
        _check_case(feedback, client, model, tools, system, case)
    return feedback


def _ask(client, tools: ToolRegistry, system: str, turns: list[dict]):
    messages = [{"role": "system", "content": system}, *turns]
    reply = client.chat.completions.create(
        model="check", messages=messages, tools=tools.to_openai()
    )
    return reply.choices[0].message


def _check_case(feedback: Feedback, client, model: SimulatedModel, tools: ToolRegistry,
                system: str, case: Case) -> None:  # fmt: skip
    said = {"role": "user", "content": case.request}
    message = _ask(client, tools, system, [said])
    calls = [c.function.name for c in message.tool_calls or []]
    outcome = model.last_explanation.outcome if model.last_explanation else None
    if case.expect == Expect.CALLS:
        feedback.check(
            calls == [case.tool],
            f"{case.request!r} still gets its {case.tool} call: the prompt narrows, it does not block.",
            f"{case.request!r} should call {case.tool}, but {_got(calls, outcome)}. Your prompt "
            "is too strict: keep tools for account questions, and ask only before sending email.",
        )
        return
    if case.expect == Expect.NO_TOOL:
        feedback.check(
            not calls,
            f"{case.request!r} (not about an account) is answered in words, with no tool.",
            f"{case.request!r} is not an account question, but the model called "
            f'{", ".join(calls)}. Say what the tools are for, e.g. "Only use tools for ...".',
        )
        return
    _check_asks_first(feedback, client, tools, system, case, message, calls, outcome)


def _check_asks_first(feedback: Feedback, client, tools: ToolRegistry, system: str, case: Case,
                      message, calls: list[str], outcome: Outcome | None) -> None:  # fmt: skip
    if calls:
        feedback.problems.append(
            f"{case.request!r} was sent at once ({', '.join(calls)}), without asking. Tell the "
            "model to confirm with the user before it sends an email."
        )
        return
    if outcome != Outcome.CONFIRMS:
        hint = _HINTS.get(outcome, "The model should offer the email and ask before sending it.")
        feedback.problems.append(
            f"{case.request!r} got no call, but no request to confirm either: {hint}"
        )
        return
    turns = [{"role": "user", "content": case.request},
             {"role": "assistant", "content": message.content}, {"role": "user", "content": YES}]  # fmt: skip
    after = [c.function.name for c in _ask(client, tools, system, turns).tool_calls or []]
    feedback.check(
        after == [case.tool],
        f"{case.request!r} asks first, and after {YES!r} the email goes out.",
        f"{case.request!r} asks first, but after {YES!r} the model {_got(after, None)}. "
        "Ask before sending, not instead of sending.",
    )


_HINTS = {
    Outcome.ASKS: 'it asked for the subject and body instead. A rule like "don\'t assume values" '
    "makes it ask for text it would write; this request says what to write, so leave that rule "
    "out and ask only for confirmation.",
    Outcome.OFF_TOPIC: "it kept its tools for another topic. Emails to customers are account "
    "business: say the tools are for account questions.",
}


def _got(calls: list[str], outcome: Outcome | None) -> str:
    if calls:
        return "called " + ", ".join(calls)
    return f"answered in words: {outcome.value}" if outcome else "answered in words"


__all__ = ["HELD_OUT", "Case", "Expect", "check_system_prompt", "held_out_tools"]
