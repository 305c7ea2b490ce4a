"""Lesson 02's check passes a complete round-trip and explains each way one can be incomplete."""

from __future__ import annotations

from typing import Literal

from fcplayground import ToolRegistry, offline
from fcplayground.exercises import check_round_trip

money = ToolRegistry()
RATES = {"EUR": 0.92, "GBP": 0.79, "JPY": 151.0}


@money.tool
def convert_currency(amount: float, to_currency: Literal["EUR", "GBP", "JPY"]) -> dict:
    """Converts an amount of US dollars into euros, pounds or yen and returns the converted amount.

    Args:
        amount: The amount of money in US dollars, e.g. 100.
        to_currency: The currency to convert to: EUR, GBP or JPY.
    """
    return {
        "usd": amount,
        "currency": to_currency,
        "converted": round(amount * RATES[to_currency], 2),
    }


QUESTION = {"role": "user", "content": "Convert 100 US dollars to euros"}
CALL = {
    "id": "call_1",
    "type": "function",
    "function": {"name": "convert_currency", "arguments": '{"amount":100,"to_currency":"EUR"}'},
}
ASSISTANT = {"role": "assistant", "tool_calls": [CALL]}
RESULT = {"role": "tool", "tool_call_id": "call_1", "content": '{"converted": 92.0}'}
ANSWER = "100 US dollars is 92.0 euros."


def first_reply(client):
    return (
        client.chat.completions.create(model="m", messages=[QUESTION], tools=money.to_openai())
        .choices[0]
        .message
    )


def test_the_lessons_solution_run_against_the_offline_model_passes():
    client = offline.openai_client()
    messages = [QUESTION]
    message = first_reply(client)
    messages.append(message.model_dump(exclude_none=True))
    for call in message.tool_calls:
        result = money.call(call.function.name, call.function.arguments)
        messages.append({"role": "tool", "tool_call_id": call.id, "content": result.content})
    final = client.chat.completions.create(model="m", messages=messages, tools=money.to_openai())

    feedback = check_round_trip(messages, final.choices[0].message.content, expect="92")

    assert feedback.ok, str(feedback)
    assert str(feedback).startswith("Well done")
    assert "mentions 92" in str(feedback)


def test_appending_the_sdk_message_object_itself_is_accepted():
    client = offline.openai_client()
    message = first_reply(client)
    call = message.tool_calls[0]
    messages = [QUESTION, message, {"role": "tool", "tool_call_id": call.id, "content": "{}"}]

    assert check_round_trip(messages, ANSWER).ok


def test_the_unfinished_skeleton_is_told_to_send_the_result_and_ask_again():
    feedback = check_round_trip([QUESTION, ASSISTANT], None, expect="92")

    text = str(feedback)
    assert not feedback.ok
    assert "No tool message answers the call(s) call_1" in text
    assert "no final answer yet" in text
    assert "✓ The assistant's message with its tool_calls is in the conversation." in text


def test_a_missing_assistant_message_is_explained():
    feedback = check_round_trip([QUESTION, RESULT], ANSWER)

    text = str(feedback)
    assert "No assistant message with tool_calls" in text
    assert "tool_call_id 'call_1' answers no call" in text


def test_a_wrong_tool_call_id_is_explained():
    wrong = {**RESULT, "tool_call_id": "call_typo"}
    feedback = check_round_trip([QUESTION, ASSISTANT, wrong], ANSWER)

    text = str(feedback)
    assert "tool_call_id 'call_typo' answers no call" in text
    assert "No tool message answers the call(s) call_1" in text


def test_a_tool_message_without_an_id_is_explained():
    no_id = {"role": "tool", "content": '{"converted": 92.0}'}
    feedback = check_round_trip([QUESTION, ASSISTANT, no_id], ANSWER)

    assert "has no 'tool_call_id'" in str(feedback)


def test_a_result_that_is_not_a_string_is_explained():
    as_dict = {**RESULT, "content": {"converted": 92.0}}
    feedback = check_round_trip([QUESTION, ASSISTANT, as_dict], ANSWER)

    assert "content of type dict: send result.content" in str(feedback)


def test_a_result_separated_from_its_call_is_explained():
    between = {"role": "user", "content": "and?"}
    feedback = check_round_trip([QUESTION, ASSISTANT, between, RESULT], ANSWER)

    text = str(feedback)
    assert "answers no call of the assistant message just before it" in text
    assert "No tool message answers the call(s) call_1" in text


def test_an_answer_without_the_expected_amount_is_explained():
    feedback = check_round_trip([QUESTION, ASSISTANT, RESULT], "I can't say.", expect="92")

    assert not feedback.ok
    assert "does not mention 92" in str(feedback)


def test_a_conversation_not_starting_with_the_question_is_explained():
    feedback = check_round_trip([ASSISTANT, RESULT], ANSWER)

    assert "The first message should be the user's question" in str(feedback)


def test_an_empty_or_missing_list_is_explained():
    for messages in ([], None):
        feedback = check_round_trip(messages, None)
        assert not feedback.ok
        assert "should be the list of messages you send" in str(feedback)
