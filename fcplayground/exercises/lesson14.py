"""The exercise of lesson 14: narrow 235 tools to the few a request needs.

    from fcplayground.exercises.lesson14 import EXAMPLES, check_narrow, company_tools
    tools = company_tools()               # the support desk's 5 tools and the catalogue's 230
    def narrow(request, tools):           # the learner's: at most MAX_TOOLS names
        ...
    check_narrow(narrow)                  # what passed, and what to fix

The check runs ``narrow`` on the visible :data:`EXAMPLES`, then on requests the learner
never sees (:mod:`.lesson14_held_out`). It passes when every list is short (at most
:data:`MAX_TOOLS` names, all of them tools that exist) and keeps the tool each request
needs. Returning every tool, or one fixed list, or the examples' answers, does not pass:
the lists must be short, the right tools differ from request to request, and the held-out
requests are not the examples.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from ..chat import Message, Request
from ..evals.battery import Probe
from ..models.plain import count_tokens
from ..scenarios import SupportDesk
from ..scenarios.catalogue import catalogue_tools
from ..tools import ToolRegistry, subset
from .feedback import Feedback
from .lesson14_held_out import HELD_OUT

MAX_TOOLS = 5
"""The longest list ``narrow`` may return for one request."""

EXAMPLES: list[Probe] = [
    Probe("Where is my order ORD-1234?", "get_order"),
    Probe("What is your refund policy?", "search_knowledge_base"),
    Probe("Which invoices of customer C-1001 are still open?", "list_invoices"),
    Probe("Look up Kenji Mori in the staff directory.", "find_employee"),
    Probe("Deploy checkout-api v2.14.0 to staging.", "deploy_service"),
    Probe("Decline the invitation to event EV-90211.", "respond_to_invitation"),
    Probe("Print the label of shipment SHP-55012 as a PDF.", "print_shipping_label"),
    Probe("Add a note to deal DL-7730 that they want a demo.", "add_note"),
    Probe("How much of the Marketing budget for 2025 is left?", "get_budget"),
    Probe("Open a ticket for customer C-1002 about a damaged package.", "create_ticket"),
]
"""The requests the learner can try ``narrow`` on, each with the tool it must keep."""

HINT = (
    "Count a word that few tools have for more than one that dozens share (customer, order, "
    "email, account), and match word forms (refunds and refund, policies and policy)."
)

MAX_LINES = 6  # of the held-out misses listed, so that the feedback stays readable

Narrow = Callable[[str, ToolRegistry], Sequence[str]]


class Fault(Enum):
    """Why an answer of ``narrow`` could not be judged."""

    RAISED = "raised an exception"
    NOT_A_LIST = "did not return a list"
    NOT_NAMES = "returned something else than names"
    UNKNOWN = "returned names no tool has"
    TOO_MANY = "returned too many tools"


@dataclass
class Answer:
    """What ``narrow`` gave for one request: the names, or what was wrong with it."""

    probe: Probe
    names: list[str] | None = None
    fault: Fault | None = None
    problem: str = ""

    @property
    def kept(self) -> bool:
        return self.names is not None and self.probe.expected in self.names


def company_tools() -> ToolRegistry:
    """The lesson's 235 tools: the support desk's five, then the catalogue's 230 (a new
    registry at each call; the desk's tools are for offering, not for running)."""
    desk = SupportDesk()
    tools = desk.tools.copy()
    desk.close()
    for tool in catalogue_tools():
        tools.add(tool)
    return tools


def check_narrow(narrow: Narrow) -> Feedback:
    """Does ``narrow(request, tools)`` keep the right tool for every request, the visible
    examples and the held-out ones, in a list of at most :data:`MAX_TOOLS` names?"""
    if not callable(narrow):
        return Feedback.failing(
            f"check_narrow takes your function itself, narrow(request, tools) -> a list of tool "
            f"names; it got {type(narrow).__name__}. Write check_narrow(narrow), no brackets."
        )
    tools = company_tools()
    seen = [_ask(narrow, probe, tools, shown=True) for probe in EXAMPLES]
    unseen = [_ask(narrow, probe, tools, shown=False) for probe in HELD_OUT]
    if faults := _faults(seen + unseen):
        return Feedback(problems=faults)
    if _same_every_time(seen + unseen):
        return Feedback.failing(
            f"narrow returned the same tools for every request ({', '.join(seen[0].names or [])}"
            "). Read the request: pick the tools whose name, description and parameters share "
            "its words."
        )
    feedback = Feedback()
    _check_examples(feedback, seen)
    _check_held_out(feedback, unseen)
    if feedback.ok:
        feedback.passed.insert(0, _cost_line(seen + unseen, tools))
    return feedback


def _ask(narrow: Narrow, probe: Probe, tools: ToolRegistry, shown: bool) -> Answer:
    where = (
        repr(probe.request) if shown else f"a request you have not seen (it needs {probe.expected})"
    )
    try:
        got: Any = narrow(probe.request, tools)
    except Exception as exc:  # the learner's code: any failure is feedback, not a crash
        text = str(exc).splitlines()[0][:200] if str(exc) else ""
        return Answer(probe, fault=Fault.RAISED, problem=f"narrow raised {type(exc).__name__}: "
                      f"{text} on {where}. It must return a list of tool names for any request.")  # fmt: skip
    names, fault, problem = _names(got, tools)
    if fault is not None:
        return Answer(probe, fault=fault, problem=f"For {where}, narrow {problem}")
    return Answer(probe, names)


def _names(got: Any, tools: ToolRegistry) -> tuple[list[str], Fault | None, str]:
    """The names in what ``narrow`` returned, or what is wrong with it."""
    if isinstance(got, ToolRegistry):
        return [], Fault.NOT_NAMES, ("returned a ToolRegistry: return the names, e.g. "
                                     "[tool.name for tool in ...].")  # fmt: skip
    if not isinstance(got, list | tuple):
        return [], Fault.NOT_A_LIST, (f"returned {type(got).__name__}: return a list of tool "
                                      "names (strings), e.g. ['get_order', 'lookup_customer'].")  # fmt: skip
    if not all(isinstance(n, str) for n in got):
        wrong = next(n for n in got if not isinstance(n, str))
        return [], Fault.NOT_NAMES, (f"returned a list holding {type(wrong).__name__}: return "
                                     "the tools' names (strings, tool.name), not the tools.")  # fmt: skip
    names = list(dict.fromkeys(got))
    unknown = [n for n in names if n not in tools]
    if unknown:
        shown = ", ".join(repr(n[:64]) for n in unknown[:3])
        return [], Fault.UNKNOWN, (f"returned names no tool has: {shown}. Return names from "
                                   "tools.names, spelled exactly.")  # fmt: skip
    if len(names) > MAX_TOOLS:
        everything = " (every tool: that is no narrowing)" if len(names) == len(tools) else ""
        return [], Fault.TOO_MANY, (f"returned {len(names)} tools{everything}; keep at most "
                                    f"{MAX_TOOLS}, the ones the request may need.")  # fmt: skip
    return names, None, ""


def _faults(answers: list[Answer]) -> list[str]:
    """One line per kind of fault: its first occurrence, and how often it happened."""
    lines = []
    for fault in Fault:
        hit = [a for a in answers if a.fault == fault]
        if hit:
            often = (
                f" ({len(hit)} of the {len(answers)} requests {fault.value})"
                if len(hit) > 1
                else ""
            )
            lines.append(hit[0].problem + often)
    return lines


def _same_every_time(answers: list[Answer]) -> bool:
    lists = {frozenset(a.names or ()) for a in answers}
    return len(lists) == 1


def _check_examples(feedback: Feedback, seen: list[Answer]) -> None:
    missed = [a for a in seen if not a.kept]
    if not missed:
        feedback.passed.append(f"All {len(seen)} examples keep the tool they need.")
        return
    lines = [
        f"{a.probe.request!r} needs {a.probe.expected}; your list: {_shown(a)}" for a in missed
    ]
    feedback.problems.append(
        f"{len(missed)} of the {len(seen)} examples lost their tool:"
        + "".join(f"\n      - {line}" for line in lines)
        + f"\n    {HINT}"
    )


def _check_held_out(feedback: Feedback, unseen: list[Answer]) -> None:
    missed = [a for a in unseen if not a.kept]
    if not missed:
        feedback.passed.append(
            f"On {len(unseen)} requests you have not seen, every list kept the tool needed: "
            "your narrowing reads what a request asks, not the examples."
        )
        return
    if len(missed) * 2 > len(unseen) and not feedback.problems:
        feedback.problems.append(
            f"Every example keeps its tool, but {len(missed)} of {len(unseen)} requests you have "
            "not seen do not: narrow must read what a request asks, not recognise the examples."
        )
        return
    lines = [f"a request for {a.probe.expected} got: {_shown(a)}" for a in missed[:MAX_LINES]]
    if len(missed) > MAX_LINES:
        lines.append(f"and {len(missed) - MAX_LINES} more")
    feedback.problems.append(
        f"The check also asks {len(unseen)} requests you have not seen (other words, other "
        f"departments). {len(missed)} lost their tool:"
        + "".join(f"\n      - {line}" for line in lines)
        + f"\n    {HINT}"
    )


def _shown(answer: Answer) -> str:
    return ", ".join(answer.names or []) or "(empty)"


def _cost_line(answers: list[Answer], tools: ToolRegistry) -> str:
    """The tokens the definitions cost with the learner's lists, against all the tools."""
    mean = sum(len(a.names or []) for a in answers) / len(answers)
    request = answers[0].probe.request
    narrowed = sum(
        _definition_tokens(a.probe.request, subset(tools, a.names or [])) for a in answers
    ) / len(answers)
    return (
        f"Every list holds at most {MAX_TOOLS} tools ({mean:.1f} on average): about "
        f"{narrowed:,.0f} input tokens of tool definitions a request, instead of "
        f"{_definition_tokens(request, tools):,} with all {len(tools)} (offline estimate)."
    )


def _definition_tokens(request: str, tools: ToolRegistry) -> int:
    """What offering ``tools`` adds to a request, as the offline provider counts it."""
    asked = [Message.user(request)]
    return count_tokens(Request(asked, tools=tools.specs())) - count_tokens(Request(asked))


__all__ = ["EXAMPLES", "HELD_OUT", "MAX_TOOLS", "check_narrow", "company_tools"]
