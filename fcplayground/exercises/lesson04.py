"""Checks for the exercise of lesson 04: send back every result of a parallel turn."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from .feedback import Feedback

HOW_TO_SEND = (
    "{'role': 'user', 'content': [{'type': 'tool_result', 'tool_use_id': block.id, "
    "'content': result.content}, ...]}"
)


def check_parallel_results(
    messages: Any,
    final_text: str | None,
    log: Iterable[Any] | None = None,
    expect: Sequence[str] = (),
) -> Feedback:
    """Is ``messages`` a complete Anthropic Messages round-trip for a turn with several
    tool calls: the user's question, the assistant's ``tool_use`` blocks, then ONE user
    message with a ``tool_result`` block for every ``tool_use`` id (in any order, before
    any text), and a ``final_text`` answer that mentions each of ``expect``?

    With ``log`` (a :class:`~fcplayground.scenarios.travel.Travel`'s ``log``), also: did
    the calls run at the same time?
    """
    feedback = Feedback()
    if not isinstance(messages, list) or not messages:
        return Feedback.failing(
            "`messages` should be the list of messages you send: start with the user's question."
        )
    msgs = [_as_dict(m) for m in messages]
    if any(m.get("role") == "tool" or m.get("tool_calls") for m in msgs):
        return Feedback.failing(
            "This exercise uses Anthropic's Messages format: role 'tool' and 'tool_calls' are "
            "OpenAI's. Send the results as tool_result blocks in one user message: " + HOW_TO_SEND
        )
    feedback.check(
        msgs[0].get("role") == "user",
        "It starts with the user's question.",
        "The first message should be the user's question: {'role': 'user', 'content': ...}.",
    )
    asked = [
        i for i, m in enumerate(msgs) if m.get("role") == "assistant" and _blocks(m, "tool_use")
    ]
    if not asked:
        feedback.problems.append(
            "No assistant message with tool_use blocks: append {'role': 'assistant', 'content': "
            "reply.content}, so that the results have calls to answer."
        )
        return feedback
    feedback.passed.append(
        "The assistant's message with its tool_use blocks is in the conversation."
    )
    for i in asked:
        _check_results(feedback, msgs, i)
    if log is not None:
        _check_overlap(feedback, list(log), len(_blocks(msgs[asked[-1]], "tool_use")))
    _check_answer(feedback, final_text, expect)
    return feedback


def _check_results(feedback: Feedback, msgs: list[dict[str, Any]], i: int) -> None:
    """Does the message after the assistant's ``msgs[i]`` answer each of its tool_use blocks?"""
    uses = [b.get("id") for b in _blocks(msgs[i], "tool_use")]
    n = len(uses)
    run = []  # the user messages holding tool results right after the assistant's message
    j = i + 1
    while j < len(msgs) and msgs[j].get("role") == "user" and _blocks(msgs[j], "tool_result"):
        run.append(msgs[j])
        j += 1
    if not run:
        feedback.problems.append(
            f"No tool results follow the assistant's message: append ONE user message with a "
            f"tool_result block for each of the {n} calls: {HOW_TO_SEND}"
        )
        return
    feedback.check(
        len(run) == 1,
        "All the results are in one user message, right after the assistant's.",
        f"The results are spread over {len(run)} user messages; Anthropic wants them all in ONE "
        "user message right after the assistant's: collect the tool_result blocks in a list "
        "and append a single {'role': 'user', 'content': blocks}.",
    )
    results = [b for m in run for b in _blocks(m, "tool_result")]
    misnamed = [b for b in results if "tool_use_id" not in b and "tool_call_id" in b]
    if misnamed:
        feedback.problems.append(
            "A tool_result block names its call with 'tool_call_id' (OpenAI's word): Anthropic's "
            "is 'tool_use_id': block.id."
        )
    given = [b.get("tool_use_id", b.get("tool_call_id")) for b in results]
    missing = [u for u in uses if u not in given]
    feedback.check(
        not missing,
        f"Each of the {n} tool_use blocks has a tool_result with its id.",
        f"{len(missing)} of the {n} calls have no tool_result: {', '.join(map(str, missing))}. "
        "Every tool_use block needs one tool_result block with tool_use_id=block.id: run "
        "every call of the turn, not only the first.",
    )
    unknown = [g for g in given if g not in uses]
    if unknown:
        feedback.problems.append(
            f"The tool_result block(s) for {', '.join(map(str, unknown))} answer no tool_use "
            "block of the assistant's message: use each block.id exactly."
        )
    twice = [g for g, k in Counter(given).items() if k > 1 and g in uses]
    if twice:
        feedback.problems.append(
            f"{', '.join(map(str, twice))} got more than one tool_result: send exactly one per "
            "call (did the cell run twice? Re-run the whole exercise from the top)."
        )
    _check_result_blocks(feedback, results, run)


def _check_result_blocks(
    feedback: Feedback, results: list[dict[str, Any]], run: list[dict[str, Any]]
) -> None:
    """Is each tool_result's content a string (or blocks), and do the results come first?"""
    for block in results:
        content = block.get("content")
        if content is not None and not isinstance(content, str | list):
            feedback.problems.append(
                f"The tool_result for {block.get('tool_use_id')} has content of type "
                f"{type(content).__name__}: send result.content, which is a string."
            )
    for m in run:
        kinds = [_as_dict(b).get("type") for b in m.get("content", [])]
        last_result = max(k for k, kind in enumerate(kinds) if kind == "tool_result")
        if any(kind != "tool_result" for kind in kinds[:last_result]):
            feedback.problems.append(
                "Put the tool_result blocks first in the user message and any text after them: "
                "Anthropic wants the results before anything else."
            )


def _check_overlap(feedback: Feedback, log: list[Any], n: int) -> None:
    """Did the last ``n`` tool runs in ``log`` overlap in time?"""
    if n < 2:
        return
    if len(log) < n:
        feedback.problems.append(
            f"The log shows {len(log)} tool run(s) for {n} calls: run every call (all at once, "
            "with call_many)."
        )
        return
    runs = log[-n:]
    starts = [r.started for r in runs]
    ends = [r.finished for r in runs]
    if max(starts) < min(ends):
        feedback.passed.append(
            f"The {n} calls ran at the same time: each started before any had finished."
        )
        return
    overlapped = any(
        a.started < b.finished and b.started < a.finished
        for k, a in enumerate(runs)
        for b in runs[k + 1 :]
    )
    how = (
        "Only some of the calls overlapped"
        if overlapped
        else "The calls ran one after another: each started after the previous one had finished"
    )
    feedback.problems.append(
        f"{how}. Run them all together: tools.call_many([(b.name, b.input) for b in uses], "
        "parallel=True) gives the results back in the calls' order."
    )


def _check_answer(feedback: Feedback, final_text: str | None, expect: Sequence[str]) -> None:
    if not final_text:
        feedback.problems.append(
            "There is no final answer yet: call claude.messages.create again with `messages` "
            "(now holding the results) and set final_text to the reply's text "
            "(reply.content[0].text)."
        )
        return
    absent = [e for e in expect if e.lower() not in str(final_text).lower()]
    if not expect:
        feedback.passed.append("There is a final answer.")
    else:
        feedback.check(
            not absent,
            f"The final answer covers {', '.join(expect)}.",
            f"The final answer does not mention {', '.join(absent)}: did every result reach "
            "the model?",
        )


def _as_dict(item: Any) -> dict[str, Any]:
    """A message or block as the dict that goes on the wire (SDK objects dumped as the SDK would)."""
    if hasattr(item, "model_dump"):
        return item.model_dump(exclude_none=True)
    return item if isinstance(item, dict) else {}


def _blocks(message: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    """The content blocks of ``message`` of type ``kind`` (none when content is text)."""
    content = message.get("content")
    if not isinstance(content, list):
        return []
    return [b for b in map(_as_dict, content) if b.get("type") == kind]
