"""Checks for the exercises of lessons 01 and 02."""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from typing import Any

from ..tools import Tool
from .description_quality import find_gaming
from .feedback import Feedback

# Words that say what a tool gives back; a description without one leaves the model guessing.
RETURN_WORDS = re.compile(r"\b(return|returns|gives|lists|reports|shows|with)\b", re.I)


def check_tool_description(func: Callable[..., Any], topic: str) -> Feedback:
    """Is ``func`` a tool a model can choose well: a specific description of ``topic``,
    what it returns, every parameter described, and written as sentences (no word said
    again and again, no list of keywords)?"""
    feedback = Feedback()
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        try:
            tool = Tool.from_function(func)
        except (TypeError, ValueError) as e:
            feedback.problems.append(f"It cannot become a tool yet: {e}")
            return feedback
    words = tool.description.split()
    feedback.check(
        len(words) >= 8,
        f"The description has {len(words)} words: specific enough to choose by.",
        f"The description has {len(words)} words; write at least 8 that say what the tool does.",
    )
    feedback.check(
        topic.lower() in tool.description.lower(),
        f"It names what it works on ({topic!r}).",
        f"Say what it works on: the description should mention {topic!r}.",
    )
    feedback.check(
        bool(RETURN_WORDS.search(tool.description)),
        "It says what comes back.",
        "Say what it returns (for example 'Returns the status and delivery date').",
    )
    undescribed = [n for n, p in tool.parameters["properties"].items() if not p.get("description")]
    feedback.check(
        not undescribed,
        "Every parameter has a description.",
        f"Describe the parameter(s) {', '.join(undescribed)} in an Args: section of the docstring.",
    )
    _check_written_for_a_reader(feedback, tool)
    return feedback


def _check_written_for_a_reader(feedback: Feedback, tool: Tool) -> None:
    """Word counts can be gamed: turn down repeated words and keyword lists, and say why."""
    problems = [f.message("The description") for f in find_gaming(tool.description)]
    for name, schema in tool.parameters["properties"].items():
        said = str(schema.get("description", ""))
        what = f"The description of the parameter {name}"
        problems += [f.message(what) for f in find_gaming(said, sentence=False)]
    feedback.problems += problems
    if not problems:
        feedback.passed.append("No word is said again and again, and it is no list of keywords.")


# -- Lesson 02: the round-trip ------------------------------------------------------------


def _message_dict(message: Any) -> dict[str, Any]:
    """A message as the dict that goes on the wire (SDK objects are dumped as the SDK would)."""
    if hasattr(message, "model_dump"):
        return message.model_dump(exclude_none=True)
    return message if isinstance(message, dict) else {}


def check_round_trip(messages: Any, final_text: str | None, expect: str | None = None) -> Feedback:
    """Is ``messages`` a complete Chat Completions round-trip: the user's question, the
    assistant's message with its ``tool_calls``, a ``tool`` message answering each call id
    right after it, and then a ``final_text`` answer (that mentions ``expect``, if given)?"""
    feedback = Feedback()
    if not isinstance(messages, list) or not messages:
        feedback.problems.append(
            "`messages` should be the list of messages you send: start with the user's question."
        )
        return feedback
    msgs = [_message_dict(m) for m in messages]
    feedback.check(
        msgs[0].get("role") == "user",
        "It starts with the user's question.",
        "The first message should be the user's question: {'role': 'user', 'content': ...}.",
    )
    asked = [i for i, m in enumerate(msgs) if m.get("role") == "assistant" and m.get("tool_calls")]
    feedback.check(
        bool(asked),
        "The assistant's message with its tool_calls is in the conversation.",
        "No assistant message with tool_calls: append response.choices[0].message (as a dict: "
        ".model_dump(exclude_none=True)), so the tool results have a call to answer.",
    )
    answered = _answered_calls(msgs, feedback)
    unanswered: list[str] = []
    for i in asked:
        unanswered += [c.get("id") for c in msgs[i]["tool_calls"] if c.get("id") not in answered]
    if asked:
        feedback.check(
            not unanswered,
            "Every tool call has a tool message with its tool_call_id.",
            f"No tool message answers the call(s) {', '.join(map(str, unanswered))}: after the "
            "assistant message, append {'role': 'tool', 'tool_call_id': call.id, "
            "'content': result.content} for each call.",
        )
    _check_final_answer(feedback, final_text, expect)
    return feedback


def _answered_calls(msgs: list[dict[str, Any]], feedback: Feedback) -> list[str]:
    """The call ids the tool messages answer, each problem with a tool message noted."""
    answered: list[str] = []
    for i, m in enumerate(msgs):
        if m.get("role") != "tool":
            continue
        call_id = m.get("tool_call_id")
        # A tool message answers the calls of the assistant message just before its run of tool messages.
        j = i - 1
        while j >= 0 and msgs[j].get("role") == "tool":
            j -= 1
        ids = [c.get("id") for c in msgs[j].get("tool_calls") or []] if j >= 0 else []
        if call_id is None:
            feedback.problems.append(
                "A tool message has no 'tool_call_id': add 'tool_call_id': call.id to it."
            )
        elif call_id not in ids:
            feedback.problems.append(
                f"The tool message with tool_call_id {call_id!r} answers no call of the assistant "
                "message just before it: use call.id exactly, right after that message."
            )
        else:
            answered.append(call_id)
        if not isinstance(m.get("content"), str):
            feedback.problems.append(
                f"The tool message for {call_id!r} has content of type "
                f"{type(m.get('content')).__name__}: send result.content, which is a string."
            )
    return answered


def _check_final_answer(feedback: Feedback, final_text: str | None, expect: str | None) -> None:
    """Is there a final answer, and does it mention ``expect`` (if given)?"""
    if not final_text:
        feedback.problems.append(
            "There is no final answer yet: call client.chat.completions.create again with "
            "`messages` (now holding the results) and set final_text to "
            "response.choices[0].message.content."
        )
    elif expect is not None:
        feedback.check(
            expect in final_text,
            f"The final answer mentions {expect}, from the tool's result.",
            f"The final answer does not mention {expect}: did the model get the tool's result?",
        )
    else:
        feedback.passed.append("There is a final answer.")
