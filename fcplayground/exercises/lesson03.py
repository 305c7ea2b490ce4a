"""Checks for the exercise of lesson 03: give the agent the tool it is missing."""

from __future__ import annotations

import re
from typing import Any

from ..tools import ToolRegistry
from .feedback import Feedback

# Words that say what a tool gives back; a description without one leaves the model guessing.
RETURN_WORDS = re.compile(r"\b(return|returns|gives|lists|reports|shows|with)\b", re.I)
TODO = re.compile(r"\bTODO\b")
EMPTY = {"", "null", "{}", "[]", '""'}


def check_agent_used_tool(
    tools: Any,
    trace: Any,
    tool_name: str = "get_order_status",
    arguments: dict[str, Any] | None = None,
    expect: str | None = None,
) -> Feedback:
    """Did the agent have ``tool_name`` in ``tools``, described well enough to choose, and
    did it call it in ``trace`` (with ``arguments``, if given), get a useful result and
    answer with it (mentioning ``expect``, if given)?

    ``tools`` is the :class:`~fcplayground.ToolRegistry` given to ``run``; ``trace`` is
    what ``run`` returned.
    """
    feedback = Feedback()
    if not isinstance(tools, ToolRegistry):
        return Feedback.failing(
            f"`tools` should be the ToolRegistry you give to run(), not {type(tools).__name__}."
        )
    if not hasattr(trace, "tool_runs") or not hasattr(trace, "steps"):
        return Feedback.failing(
            f"`trace` should be what run(...) returned, not {type(trace).__name__}."
        )

    registered = tool_name in tools
    feedback.check(
        registered,
        f"{tool_name} is registered, so the model sees it in every request.",
        f"{tool_name} is not registered yet, so the model cannot see it: add it with "
        f"tools.add({tool_name}) (or put @tools.tool above the def) on the registry you give "
        "to run(), then run the agent again.",
    )
    if registered:
        _check_description(feedback, tools[tool_name])
        offered = tool_name in _offered(trace)
        feedback.check(
            offered,
            f"The run you checked offered {tool_name} to the model.",
            f"This trace comes from a run where {tool_name} was not registered yet: run the "
            "agent again (re-run the cell) so that it gets the new tool.",
        )
    _check_calls(feedback, trace, tool_name, arguments or {}, expect)
    return feedback


def _check_description(feedback: Feedback, tool: Any) -> None:
    """Could a model choose ``tool`` from its words alone?"""
    text = tool.description or ""
    words = text.split()
    if TODO.search(text):
        feedback.problems.append(
            "The description still says TODO: replace it with what the tool does and what it "
            "returns, e.g. 'Gets an order by its order id and returns its status ...'."
        )
    else:
        feedback.check(
            len(words) >= 8,
            f"The description has {len(words)} words, enough to choose by.",
            f"The description has {len(words)} words; write at least 8 that say what the "
            "tool does, what it works on and what it returns.",
        )
        feedback.check(
            bool(RETURN_WORDS.search(text)),
            "The description says what comes back.",
            "Say what it returns (for example 'returns its status, item and order date').",
        )
    props = tool.parameters.get("properties", {})
    vague = [
        n for n, p in props.items() if not p.get("description") or TODO.search(p["description"])
    ]
    feedback.check(
        not vague,
        "Every parameter has a description.",
        f"Describe the parameter(s) {', '.join(vague)} in the Args: section of the docstring "
        "(what it is, with an example such as ORD-1234), not TODO.",
    )


def _offered(trace: Any) -> set[str]:
    """The tool names sent in the trace's first request, in any provider's format."""
    if not trace.steps:
        return set()
    names = set()
    for spec in trace.steps[0].request.get("tools") or []:
        name = spec.get("name") or (spec.get("function") or {}).get("name")
        if name:
            names.add(name)
    return names


def _check_calls(
    feedback: Feedback, trace: Any, tool_name: str, arguments: dict[str, Any], expect: str | None
) -> None:
    """Did the agent call the tool, with the right arguments, and use what came back?"""
    runs = [r for r in trace.tool_runs if r.call.name == tool_name]
    if not runs:
        others = ", ".join(dict.fromkeys(r.call.name for r in trace.tool_runs))
        did = f"it called {others}" if others else "it called no tool"
        answer = _short(trace.final_text)
        feedback.problems.append(
            f"The agent never called {tool_name}: {did}"
            + (f" and answered {answer!r}." if answer else ".")
        )
        return
    feedback.passed.append(f"The agent called {tool_name}.")

    if arguments:
        right = [r for r in runs if _matches(r.call.arguments, arguments)]
        sent = ", ".join(repr(r.call.arguments) for r in runs)
        feedback.check(
            bool(right),
            f"It called {tool_name} with {arguments}.",
            f"It called {tool_name} with {sent}, not {arguments}: check the parameter's name "
            "and description, which tell the model what to put there.",
        )
        if not right:
            return  # what came back answers another question
        runs = right

    results = [r.result for r in runs]
    failed = [r for r in results if r.is_error]
    if failed and len(failed) == len(results):
        feedback.problems.append(
            f"{tool_name} failed, and the model was told: {_short(failed[0].content, 200)!r}. "
            "Finish the function body so that it returns the order."
        )
        return
    useful = [r for r in results if not r.is_error and str(r.content).strip() not in EMPTY]
    if not useful:
        feedback.problems.append(
            f"{tool_name} returned nothing useful ({results[0].content!r}): query desk.db for "
            "the order and return its row as a dict."
        )
        return
    feedback.passed.append(f"{tool_name} returned data: {_short(useful[0].content, 120)}")
    if expect is not None:
        found = any(expect.lower() in str(r.content).lower() for r in useful)
        feedback.check(
            found,
            f"Its result carries {expect!r}.",
            f"Its result does not mention {expect!r}: return the status column too.",
        )

    _check_answer(feedback, trace, expect)


def _check_answer(feedback: Feedback, trace: Any, expect: str | None) -> None:
    """Did the run end with an answer that carries ``expect`` (if given)?"""
    if trace.stop_reason != "answered":
        feedback.problems.append(
            f"The run ended with stop_reason={trace.stop_reason!r} ({trace.error}), not with "
            "an answer."
        )
    elif expect is not None:
        feedback.check(
            expect.lower() in trace.final_text.lower(),
            f"The final answer mentions {expect!r}, from the tool's result.",
            f"The final answer does not mention {expect!r}: {_short(trace.final_text)!r}.",
        )
    else:
        feedback.passed.append("The agent answered from the result.")


def _matches(given: Any, wanted: dict[str, Any]) -> bool:
    """Do the call's arguments hold every wanted value (strings compared case-insensitively)?"""
    if not isinstance(given, dict):
        return False
    for key, value in wanted.items():
        if key not in given:
            return False
        got = given[key]
        if isinstance(value, str) and isinstance(got, str):
            if got.strip().lower() != value.strip().lower():
                return False
        elif got != value:
            return False
    return True


def _short(text: Any, limit: int = 100) -> str:
    line = " ".join(str(text or "").split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
