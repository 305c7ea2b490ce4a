"""Lesson 04's check passes a parallel round-trip and explains each way one can go wrong."""

from __future__ import annotations

import pytest

from fcplayground import offline
from fcplayground.exercises.lesson04 import check_parallel_results
from fcplayground.scenarios.travel import CallRecord, Travel

QUESTION = "What's the weather in London, Berlin, Barcelona and New York?"
CITIES = ["London", "Berlin", "Barcelona", "New York"]
IDS = ["toolu_1", "toolu_2", "toolu_3", "toolu_4"]
USER = {"role": "user", "content": QUESTION}
ASSISTANT = {
    "role": "assistant",
    "content": [
        {"type": "tool_use", "id": i, "name": "get_weather", "input": {"city": c}}
        for i, c in zip(IDS, CITIES, strict=True)
    ],
}
ANSWER = "London: cloudy, Berlin: cloudy, Barcelona: sunny, New York: sunny."
TOGETHER = [CallRecord("get_weather", 0.00 + k * 0.001, 0.20 + k * 0.001) for k in range(4)]
ONE_BY_ONE = [CallRecord("get_weather", k * 0.2, (k + 1) * 0.2) for k in range(4)]


def result(call_id: str, content: str = '{"sky": "sunny"}', **extra) -> dict:
    return {"type": "tool_result", "tool_use_id": call_id, "content": content, **extra}


def answered(*blocks) -> list[dict]:
    return [USER, ASSISTANT, {"role": "user", "content": list(blocks)}]


ALL = answered(*(result(i) for i in IDS))


def test_the_lessons_solution_run_against_the_offline_model_passes():
    trip = Travel(latency=0.05)
    claude = offline.anthropic_client()
    tools = trip.tools.to_anthropic()
    messages = [{"role": "user", "content": QUESTION}]
    reply = claude.messages.create(model="m", max_tokens=1024, messages=messages, tools=tools)
    messages.append({"role": "assistant", "content": reply.content})
    uses = [block for block in reply.content if block.type == "tool_use"]
    results = trip.tools.call_many([(b.name, b.input) for b in uses], parallel=True)
    blocks = [
        {"type": "tool_result", "tool_use_id": b.id, "content": r.content}
        for b, r in zip(uses, results, strict=True)
    ]
    messages.append({"role": "user", "content": blocks})
    final = claude.messages.create(model="m", max_tokens=1024, messages=messages, tools=tools)

    feedback = check_parallel_results(messages, final.content[0].text, trip.log, CITIES)

    assert len(uses) == 4
    assert feedback.ok, str(feedback)
    text = str(feedback)
    assert text.startswith("Well done")
    assert "The 4 calls ran at the same time" in text
    assert "covers London, Berlin, Barcelona, New York" in text


def test_results_in_any_order_are_fine():
    feedback = check_parallel_results(answered(*(result(i) for i in reversed(IDS))), ANSWER)
    assert feedback.ok, str(feedback)


def test_the_unfinished_skeleton_is_told_each_thing_to_fix():
    split = [USER, ASSISTANT, *({"role": "user", "content": [result(i)]} for i in IDS)]

    feedback = check_parallel_results(split, None, ONE_BY_ONE, CITIES)

    text = str(feedback)
    assert not feedback.ok
    assert "spread over 4 user messages" in text
    assert "ran one after another" in text
    assert "call_many" in text
    assert "no final answer yet" in text
    assert "Each of the 4 tool_use blocks has a tool_result" in text  # what is already right


def test_a_missing_result_is_named():
    feedback = check_parallel_results(answered(*(result(i) for i in IDS[:3])), ANSWER)
    assert "1 of the 4 calls have no tool_result: toolu_4" in str(feedback)


def test_no_results_at_all():
    feedback = check_parallel_results([USER, ASSISTANT], None)
    assert "No tool results follow the assistant's message" in str(feedback)


def test_a_wrong_id_is_named():
    feedback = check_parallel_results(answered(*(result(i) for i in IDS), result("toolu_x")), "ok")
    assert "toolu_x answer no tool_use block" in str(feedback)


def test_a_result_sent_twice_is_named():
    feedback = check_parallel_results(answered(*(result(i) for i in IDS), result("toolu_2")), "ok")
    assert "toolu_2 got more than one tool_result" in str(feedback)


def test_openai_key_name_is_explained_once():
    blocks = [
        {"type": "tool_result", "tool_call_id": i, "content": "{}"} if i == "toolu_1" else result(i)
        for i in IDS
    ]
    text = str(check_parallel_results(answered(*blocks), ANSWER))
    assert "'tool_call_id' (OpenAI's word)" in text
    assert "have no tool_result" not in text


def test_content_that_is_not_a_string():
    feedback = check_parallel_results(answered(*(result(i, content={"a": 1}) for i in IDS)), "ok")
    assert "content of type dict: send result.content" in str(feedback)


def test_text_before_the_results():
    blocks = [{"type": "text", "text": "Here you go"}, *(result(i) for i in IDS)]
    assert "tool_result blocks first" in str(check_parallel_results(answered(*blocks), ANSWER))
    after = [*(result(i) for i in IDS), {"type": "text", "text": "Here you go"}]
    assert check_parallel_results(answered(*after), ANSWER).ok


def test_calls_that_only_partly_overlapped():
    log = [*TOGETHER[:2], *(CallRecord("get_weather", 0.3, 0.5) for _ in range(2))]
    assert "Only some of the calls overlapped" in str(check_parallel_results(ALL, ANSWER, log))


def test_too_few_runs_in_the_log():
    assert "The log shows 1 tool run(s) for 4 calls" in str(
        check_parallel_results(ALL, ANSWER, TOGETHER[:1])
    )


def test_an_answer_that_misses_a_city():
    feedback = check_parallel_results(ALL, "London is cloudy.", TOGETHER, CITIES)
    assert "does not mention Berlin, Barcelona, New York" in str(feedback)


def test_openai_shaped_messages_are_pointed_to_the_anthropic_format():
    messages = [
        USER,
        {"role": "assistant", "tool_calls": [{"id": "call_1"}]},
        {"role": "tool", "tool_call_id": "call_1", "content": "{}"},
    ]
    assert "Anthropic's Messages format" in str(check_parallel_results(messages, None))


def test_no_assistant_message():
    feedback = check_parallel_results([USER, {"role": "user", "content": [result("toolu_1")]}], "")
    assert "No assistant message with tool_use blocks" in str(feedback)


@pytest.mark.parametrize("messages", [None, [], "hello"])
def test_not_a_list_of_messages(messages):
    assert "should be the list of messages" in str(check_parallel_results(messages, None))
