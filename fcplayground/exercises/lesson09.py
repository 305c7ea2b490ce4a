"""The check for lesson 09's exercise: expose a tool of your own over MCP and have the agent
use it.

What it needs to see, so that a run with the local registry cannot pass: the registry given
to ``run`` is an MCP one connected to the server that serves your tools, the agent called
one of your tools, and every such call in the trace is one that registry sent (the same call
id, so a call made by hand beforehand, or an earlier run, does not count) and that the
server logged as run, with the same arguments and the same result.
"""

from __future__ import annotations

from typing import Any

from ..mcp.background import BackgroundServer, ServedCall
from ..mcp.client import MCPToolRegistry, SentCall
from ..tools import Tool
from .feedback import Feedback
from .lesson03 import RETURN_WORDS, TODO, _offered, _short

MIN_WORDS = 8  # as lesson 03's check: fewer words rarely say what, on what, and what comes back
REQUEST = "How much does shipping an order to Canada cost, and how long does it take?"


def check_own_tool_over_mcp(server: Any, tools: Any, trace: Any) -> Feedback:
    """Did the agent use a tool of yours over MCP?

    ``server``: what ``serving_in_background(my_tools)`` gave (the ``as`` name);
    ``tools``: the registry given to ``run`` (from ``fcplayground.mcp.tools(server.url)``);
    ``trace``: what ``run`` returned."""
    feedback = Feedback()
    if not isinstance(server, BackgroundServer):
        return Feedback.failing(
            f"`server` should be what `serving_in_background(my_tools)` gave you (the name "
            f"after `as`), not {type(server).__name__}."
        )
    if not hasattr(trace, "tool_runs") or not hasattr(trace, "steps"):
        return Feedback.failing(
            f"`trace` should be what run(...) returned, not {type(trace).__name__}."
        )
    mine = server.registry.names
    if not mine:
        return Feedback.failing(
            "Your registry has no tool yet: put @my_tools.tool above your function's def, "
            "then run the cell again."
        )
    for tool in server.registry:
        _check_description(feedback, tool)
    _check_registry(feedback, server, tools)
    _check_runs(feedback, server, tools, trace, mine)
    return feedback


def _check_description(feedback: Feedback, tool: Tool) -> None:
    """The rules of lesson 03's check: a model chooses a tool by its words alone."""
    text = tool.description or ""
    words = len(text.split())
    if TODO.search(text):
        feedback.problems.append(
            f"{tool.name}'s description still says TODO: replace it with what the tool does "
            "and what it returns."
        )
    else:
        feedback.check(
            words >= MIN_WORDS and bool(RETURN_WORDS.search(text)),
            f"{tool.name}'s description ({words} words) says what it does and what it returns.",
            f"{tool.name}'s description is too vague ({words} words: {_short(text, 60)!r}). "
            f"Write at least {MIN_WORDS} words that say what it does, what it works on and "
            "what it returns ('Gives the ... of ...').",
        )
    properties = tool.parameters.get("properties", {})
    vague = [
        name
        for name, schema in properties.items()
        if not schema.get("description") or TODO.search(schema["description"])
    ]
    feedback.check(
        not vague,
        f"Every parameter of {tool.name} has a description.",
        f"Describe {tool.name}'s parameter(s) {', '.join(vague)} in the Args: section of its "
        "docstring: what it is, with an example value.",
    )


def _check_registry(feedback: Feedback, server: BackgroundServer, tools: Any) -> None:
    """Was the registry the agent ran an MCP client of ``server``?"""
    if not isinstance(tools, MCPToolRegistry):
        feedback.problems.append(
            f"The registry you gave run() is a local {type(tools).__name__}: its calls ran in "
            "this process, not over MCP. Connect with `fcplayground.mcp.tools(server.url)` "
            "inside the `with serving_in_background(...)` block and give run() that registry."
        )
        return
    feedback.check(
        tools.server == server.url,
        "The agent's registry is an MCP client of the server that serves your tools.",
        f"The agent's registry is connected to {tools.server}, not to your server at "
        f"{server.url}: connect with `fcplayground.mcp.tools(server.url)`.",
    )


def _check_runs(
    feedback: Feedback, server: BackgroundServer, tools: Any, trace: Any, mine: list[str]
) -> None:
    """Did the agent call one of ``mine``, and did each such call go through ``tools`` and
    really reach the server?"""
    names = ", ".join(mine)
    runs = [run for run in trace.tool_runs if run.call.name in mine]
    if not runs:
        offered = set(mine) & _offered(trace)
        others = ", ".join(dict.fromkeys(r.call.name for r in trace.tool_runs))
        did = f"it called {others}" if others else "it called no tool"
        hint = (
            "Make the description use the words a user would ask with (see the request)."
            if offered
            else "This run never offered it: run the agent with the registry from "
            "fcplayground.mcp.tools(server.url), made after your tool was registered."
        )
        answer = _short(trace.final_text)
        feedback.problems.append(
            f"The agent never called your tool ({names}): {did}"
            + (f" and answered {answer!r}. " if answer else ". ")
            + hint
        )
        return
    feedback.passed.append(f"The agent called {runs[0].call.name}.")
    # A local registry is already refused: its calls are then shown not to reach the server.
    mcp = isinstance(tools, MCPToolRegistry)
    if mcp and (not_sent := [run for run in runs if not _sent_by(tools.sent, run)]):
        feedback.problems.append(
            f"The call to {not_sent[0].call.name} in this trace (id {not_sent[0].call.id!r}) "
            "was not sent by the MCP registry you gave the check: run the agent with that "
            "registry, and give the check the trace of that run."
        )
        return
    served = list(server.served)
    unmatched = [run for run in runs if not _take(served, run)]
    if unmatched:
        feedback.problems.append(
            f"The call to {unmatched[0].call.name} in this trace never reached your MCP "
            "server: it ran in this process. Run the agent with the registry from "
            "`fcplayground.mcp.tools(server.url)`, inside the `with` block, and check that run."
        )
        return
    feedback.passed.append("Every call to your tool went over MCP and ran on your server.")
    failed = [run for run in runs if run.result.is_error]
    if failed:
        feedback.problems.append(
            f"{failed[0].call.name} failed on the server, and the model was told: "
            f"{_short(failed[0].result.content, 200)!r}. Fix the function, then run it again."
        )
    elif trace.stop_reason != "answered":
        feedback.problems.append(
            f"The run ended with stop_reason={trace.stop_reason!r} ({trace.error}), not with "
            "an answer."
        )
    else:
        feedback.passed.append(f"The agent answered from its result: {_short(trace.final_text)}")


def _sent_by(sent: list[SentCall], run: Any) -> bool:
    """Whether the registry sent the call that ``run`` is (same id, tool, arguments, result)."""
    return any(
        (call.call_id, call.name, call.arguments, call.content)
        == (run.call.id, run.call.name, run.call.arguments, run.result.content)
        for call in sent
    )


def _take(served: list[ServedCall], run: Any) -> bool:
    """Remove from ``served`` the call that ``run`` is (same tool, arguments and result)."""
    for index, call in enumerate(served):
        if (call.name, call.arguments, call.content) == (
            run.call.name,
            run.call.arguments,
            run.result.content,
        ):
            del served[index]
            return True
    return False
