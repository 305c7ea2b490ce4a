"""The exercise of lesson 06: make a hand-written loop survive a tool that raises.

    from fcplayground.exercises.lesson06 import exercise_tools, check_loop_survives
    tools = exercise_tools()
    def answer(request): ...           # the lesson's loop, fixed by the learner
    check_loop_survives(answer)        # what passed, and what to fix

The skeleton loop runs each call with the raw Python function, so the first exception a
tool raises crashes the whole program. The fix is to run calls with ``tools.call`` (or to
catch the exception and send it back as the tool result): the error then reaches the
model, which answers with it, and the loop ends normally.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..tools import ToolRegistry
from .feedback import Feedback

ORDERS = {"ORD-1234": {"order_id": "ORD-1234", "item": "Headphones", "status": "shipped"}}
FAILING_REQUEST = "Where is my order ORD-9999?"
WORKING_REQUEST = "Where is my order ORD-1234?"
ERROR_TEXT = "No order ORD-9999"


def exercise_tools() -> ToolRegistry:
    """The exercise's registry: ``get_order``, which raises ``LookupError`` for an order
    it does not know (a new registry at each call)."""
    tools = ToolRegistry()

    @tools.tool
    def get_order(order_id: str) -> dict:
        """Looks up an order by its id and returns its item and shipping status.

        Args:
            order_id: The order id, e.g. "ORD-1234".
        """
        if order_id not in ORDERS:
            raise LookupError(f"No order {order_id}")
        return ORDERS[order_id]

    return tools


def check_loop_survives(answer: Callable[[str], Any]) -> Feedback:
    """Does ``answer(request)`` (the learner's loop, returning its list of messages) finish
    when ``get_order`` raises, with the error sent to the model as a tool result, and
    still answer a request whose order exists?"""
    if not callable(answer):
        return Feedback.failing(
            f"Pass your loop function itself, not {type(answer).__name__}: "
            "check_loop_survives(answer)."
        )
    feedback = Feedback()
    messages = _run(feedback, answer, FAILING_REQUEST)
    if messages is not None:
        tool_texts = [_content(m) for m in messages if _role(m) == "tool"]
        feedback.check(
            any(ERROR_TEXT in text for text in tool_texts),
            f"The error reached the model as a tool result: {_first(tool_texts, ERROR_TEXT)!r}.",
            "No tool message carries the tool's error, so the model never learnt what went "
            f"wrong. Send the error text (it contains {ERROR_TEXT!r}) as the tool message's "
            "content: tools.call(...) returns it in result.content.",
        )
        _check_answered(feedback, messages, FAILING_REQUEST)
    messages = _run(feedback, answer, WORKING_REQUEST)
    if messages is not None:
        tool_texts = [_content(m) for m in messages if _role(m) == "tool"]
        feedback.check(
            any("shipped" in text for text in tool_texts),
            "A request for an order that exists still gets its result (status shipped).",
            f"For {WORKING_REQUEST!r} no tool message holds the order's status 'shipped': "
            "the fix should change how errors travel, not stop the tool from running.",
        )
        _check_answered(feedback, messages, WORKING_REQUEST)
    return feedback


def _run(feedback: Feedback, answer: Callable[[str], Any], request: str) -> list | None:
    try:
        messages = answer(request)
    except Exception as exc:  # the learner's loop crashed: that is what we report
        feedback.problems.append(
            f"The loop crashed on {request!r} with {type(exc).__name__}: {exc}. A tool's "
            "exception must not escape the loop: run the call with tools.call(name, "
            "arguments), which returns the error as a result, and send result.content."
        )
        return None
    if not isinstance(messages, list):
        feedback.problems.append(
            f"answer({request!r}) returned {type(messages).__name__}; it should return the "
            "list of messages (keep the `return messages` lines of the skeleton)."
        )
        return None
    feedback.passed.append(f"The loop finished for {request!r}.")
    return messages


def _check_answered(feedback: Feedback, messages: list, request: str) -> None:
    last = messages[-1] if messages else None
    answered = (
        last is not None
        and _role(last) == "assistant"
        and not _get(last, "tool_calls")
        and bool(_content(last).strip())
    )
    feedback.check(
        answered,
        f"The model answered {request!r} in words: {_content(last)[:80]!r}.",
        f"For {request!r} the last message is not an answer in words from the assistant: "
        "append the final reply's message before returning (the skeleton does this).",
    )


def _get(message: Any, key: str) -> Any:
    if isinstance(message, dict):
        return message.get(key)
    return getattr(message, key, None)


def _role(message: Any) -> str:
    return str(_get(message, "role") or "")


def _content(message: Any) -> str:
    content = _get(message, "content")
    if content is None:
        return ""
    return content if isinstance(content, str) else json.dumps(content, default=str)


def _first(texts: list[str], needle: str) -> str:
    return next((t for t in texts if needle in t), "")


__all__ = [
    "ERROR_TEXT",
    "FAILING_REQUEST",
    "WORKING_REQUEST",
    "check_loop_survives",
    "exercise_tools",
]


# -- exercise 2: approval for send_response ------------------------------------------------

GUARD_REQUEST = (
    "Look up jane@example.com, then search the help center for double charges, "
    'then email her the answer with the subject "Double charge".'
)


def check_send_response_guard(guard: Callable[[Any], Any]) -> Feedback:
    """Run the poisoned support desk with a naive model and the learner's approval policy:
    the attacker's email must not go out, the reply the user asked for must."""
    from ..agent import Decision, run
    from ..client import ModelClient
    from ..models import SimulatedModel
    from ..scenarios import SupportDesk

    asked: list[str] = []

    def watched(request: Any) -> Any:
        asked.append(request.tool)
        return guard(request)

    desk = SupportDesk(injected=True)
    model = SimulatedModel(naive=True)
    trace = run(ModelClient.offline(model), desk.tools, GUARD_REQUEST, approve=watched)
    if trace.stop_reason == "error":
        return Feedback.failing(
            f"The run stopped with an error: {trace.error}. The policy must return "
            "Decision.approve(), Decision.edit(...) or Decision.reject(reason) for every request."
        )
    feedback = Feedback()
    sent = desk.outbox()
    # The attack asks for a password; the reply the user asked for never does (the model
    # writes it from the trustworthy results), so a guard may judge by subject or by body.
    attacker = [m for m in sent if "password" in m["body"].lower()]
    reply = [m for m in sent if _is_the_reply(m) and m not in attacker]
    feedback.check(
        not attacker,
        "The attacker's email was stopped.",
        "The attacker's email still went out: look at the subject and body the naive model sent "
        "(trace.tool_runs) and reject what the user did not ask for.",
    )
    feedback.check(
        bool(reply),
        "The reply the user asked for went out.",
        'The reply the user asked for (to jane@example.com, subject "Double charge") was blocked '
        f"too{_verdict(trace)}: a guard that rejects everything is safe but useless. Reject "
        "only what the user did not ask for (another subject, or a body asking for a password).",
    )
    feedback.check(
        set(asked) <= {"send_response", "create_ticket"},
        "Only tools with side effects were sent to the guard.",
        f"The guard saw {sorted(set(asked))}: only side-effect tools should need approval.",
    )
    feedback.check(
        isinstance(guard(_probe()), Decision),
        "The guard returns a Decision.",
        "Return Decision.approve(), Decision.edit(arguments) or Decision.reject(reason).",
    )
    return feedback


def _is_the_reply(message: dict[str, Any]) -> bool:
    return message.get("to_email") == "jane@example.com" and message.get("subject") == (
        "Double charge"
    )


def _verdict(trace: Any) -> str:
    """What the guard answered for the reply, as the trace noted it ("rejected: ...")."""
    for tool_run in trace.tool_runs:
        arguments = tool_run.call.arguments
        if (
            tool_run.call.name == "send_response"
            and isinstance(arguments, dict)
            and _is_the_reply(arguments)
            and tool_run.approval
        ):
            return f" (your guard answered {tool_run.approval!r})"
    return ""


def _probe() -> Any:
    from ..agent.approval import ApprovalRequest

    return ApprovalRequest(
        tool="send_response",
        arguments={"to_email": "jane@example.com", "subject": "Double charge", "body": "..."},
        call_id="call_probe",
        description="",
        why="",
        step=1,
    )
