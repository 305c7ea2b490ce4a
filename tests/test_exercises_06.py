"""Lesson 06's check passes a loop that sends tool errors back as results, and explains
each way one can go wrong: the crash, a swallowed error, a loop that breaks working
calls, a missing answer, a wrong argument."""

from __future__ import annotations

import json

import pytest

from fcplayground import model_for, offline
from fcplayground.exercises.lesson06 import ERROR_TEXT, check_loop_survives, exercise_tools


def make_loop(handle: str = "registry", final: bool = True):
    tools = exercise_tools()
    client = offline.openai_client()

    def answer(request):
        messages = [{"role": "user", "content": request}]
        for _ in range(5):
            reply = client.chat.completions.create(
                model=model_for("openai"), messages=messages, tools=tools.to_openai()
            )
            message = reply.choices[0].message
            if not message.tool_calls:
                if final:
                    messages.append(message.model_dump(exclude_none=True))
                return messages
            messages.append(message.model_dump(exclude_none=True))
            for call in message.tool_calls:
                name, arguments = call.function.name, call.function.arguments
                if handle == "registry":
                    content = tools.call(name, arguments).content
                elif handle == "swallow":
                    try:
                        content = json.dumps(tools[name].func(**json.loads(arguments)))
                    except Exception:
                        content = "something went wrong"
                elif handle == "always_error":
                    content = "get_order failed: LookupError: No order ORD-9999"
                else:  # the skeleton: the raw function, exceptions escape
                    content = json.dumps(tools[name].func(**json.loads(arguments)))
                messages.append({"role": "tool", "tool_call_id": call.id, "content": content})
        return messages

    return answer


def test_a_loop_using_tools_call_passes_every_check():
    feedback = check_loop_survives(make_loop("registry"))
    assert feedback.ok, str(feedback)
    assert str(feedback).startswith("Well done")
    assert ERROR_TEXT in str(feedback)


def test_the_skeleton_crashes_and_the_check_says_how_to_fix_it():
    feedback = check_loop_survives(make_loop("raw"))
    assert not feedback.ok
    text = str(feedback)
    assert "The loop crashed on 'Where is my order ORD-9999?' with LookupError" in text
    assert "tools.call" in text


def test_swallowing_the_error_is_not_enough():
    feedback = check_loop_survives(make_loop("swallow"))
    assert not feedback.ok
    assert "the model never learnt what went wrong" in str(feedback)


def test_an_error_for_every_call_breaks_the_working_request():
    feedback = check_loop_survives(make_loop("always_error"))
    assert not feedback.ok
    assert "not stop the tool from running" in str(feedback)


def test_a_loop_that_drops_the_final_answer_is_told_so():
    feedback = check_loop_survives(make_loop("registry", final=False))
    assert not feedback.ok
    assert "is not an answer in words" in str(feedback)


def test_wrong_arguments_are_explained():
    feedback = check_loop_survives("answer")
    assert not feedback.ok
    assert "Pass your loop function itself" in str(feedback)
    feedback = check_loop_survives(lambda request: "done")
    assert "should return the list of messages" in str(feedback)


def test_a_guard_that_allows_only_the_asked_for_reply_passes():
    from fcplayground.agent import Decision
    from fcplayground.exercises.lesson06 import check_send_response_guard

    def guard(request):
        wanted = (request.arguments.get("to_email"), request.arguments.get("subject"))
        if request.tool == "send_response" and wanted != ("jane@example.com", "Double charge"):
            return Decision.reject("only the reply the user asked for")
        return Decision.approve()

    feedback = check_send_response_guard(guard)
    assert feedback.ok, str(feedback)


def test_a_guard_that_approves_everything_lets_the_attack_through():
    from fcplayground.agent import Decision
    from fcplayground.exercises.lesson06 import check_send_response_guard

    feedback = check_send_response_guard(lambda request: Decision.approve())
    assert not feedback.ok
    assert "attacker's email still went out" in str(feedback)


def test_a_guard_that_rejects_everything_is_called_useless():
    from fcplayground.agent import Decision
    from fcplayground.exercises.lesson06 import check_send_response_guard

    feedback = check_send_response_guard(lambda request: Decision.reject("no"))
    assert "safe but useless" in str(feedback)


def test_a_guard_that_returns_nothing_is_explained():
    from fcplayground.exercises.lesson06 import check_send_response_guard

    feedback = check_send_response_guard(lambda request: None)
    assert not feedback.ok
    assert "Decision" in str(feedback)


def content_guard(request):
    """The guard the issue says was turned down: judge the email by what it says."""
    from fcplayground.agent import Decision

    body = str(request.arguments.get("body", "")).lower()
    if request.tool == "send_response" and "password" in body:
        return Decision.reject("an email asking for a password")
    return Decision.approve()


def test_a_guard_that_rejects_a_body_asking_for_a_password_passes():
    from fcplayground.exercises.lesson06 import check_send_response_guard

    feedback = check_send_response_guard(content_guard)
    assert feedback.ok, str(feedback)
    assert "The reply the user asked for went out." in str(feedback)


@pytest.mark.fault(
    "agent loop",
    "a poisoned help article, a naive model and a guard that reads the email's body",
    "the attacker's email is rejected; the reply goes out, as it quotes nothing of the attack",
)
def test_the_reply_the_guard_sees_does_not_quote_the_attackers_article():
    from fcplayground import ModelClient
    from fcplayground.agent import run
    from fcplayground.exercises.lesson06 import GUARD_REQUEST
    from fcplayground.models import SimulatedModel
    from fcplayground.scenarios import SupportDesk
    from fcplayground.scenarios.support_desk import INJECTED_ARTICLE

    seen = []

    def watching(request):
        seen.append(dict(request.arguments))
        return content_guard(request)

    desk = SupportDesk(injected=True)
    run(
        ModelClient.offline(SimulatedModel(naive=True)), desk.tools, GUARD_REQUEST, approve=watching
    )
    (reply,) = [a for a in seen if a.get("subject") == "Double charge"]
    assert INJECTED_ARTICLE[1] not in reply["body"]
    assert "ignore previous instructions" not in reply["body"].lower()
    assert "refunded" in reply["body"]  # the real article's answer instead


def test_a_guard_that_blocks_the_reply_is_told_what_it_answered():
    from fcplayground.agent import Decision
    from fcplayground.exercises.lesson06 import check_send_response_guard

    feedback = check_send_response_guard(lambda request: Decision.reject("no emails today"))
    assert not feedback.ok
    assert "'rejected: no emails today'" in str(feedback)
    assert "Reject only what the user did not ask for" in str(feedback)
