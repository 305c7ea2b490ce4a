"""Lesson 05's held-out requests: the same three tools, asked in other words.

The learner sees :data:`~.lesson05.EXERCISE_BATTERY`; the check also scores the
descriptions on :data:`HELD_OUT`, which no notebook cell or lab panel shows. A description
that says what its tool is for reaches these too; one built from the visible requests'
words reaches those requests and few others. The feedback says how many of each tool's
held-out requests were missed and what meaning is missing, never which requests they are.
"""

from __future__ import annotations

from collections import Counter

from ..evals.battery import BatteryResult, Probe, score_battery
from ..models import SimulatedModel
from ..tools import ToolRegistry
from .feedback import Feedback

HELD_OUT: list[Probe] = [
    Probe("Which office does Kenji Mori work in?", "staff_directory"),
    Probe("What's Sara Novak's phone number?", "staff_directory"),
    Probe("Find the employee record for Omar Diaz", "staff_directory"),
    Probe("Which team does Ravi Kumar belong to?", "staff_directory"),
    Probe("Look up the device with asset tag DK-31", "equipment_db"),
    Probe("Which laptop has Ana Lopez got?", "equipment_db"),
    Probe("When did we buy projector PJ-3?", "equipment_db"),
    Probe("Who is laptop LT-0107 assigned to?", "equipment_db"),
    Probe("The lights in meeting room 2 are out", "facilities"),
    Probe("Please fix the broken window in the lobby", "facilities"),
    Probe("The toilet on floor 4 is leaking", "facilities"),
    Probe("The front door of the building won't close", "facilities"),
    Probe("Write me a poem about spring", None),
    Probe("Translate good morning into French", None),
    Probe("What is 17 times 23?", None),
]
"""Four requests per tool and three for no tool, none of them in the visible battery."""

NEEDED = 3  # of each tool's four held-out requests: a fair margin for an honest description

MEANING = {
    "staff_directory": (
        "say who is in staff_directory, how a caller names the person, and what they get "
        "back about them"
    ),
    "equipment_db": "say what kind of records equipment_db holds and what a caller gets back",
    "facilities": "say what kind of problem facilities takes and what happens to it",
}
"""What each tool's description must say, as meaning: the hint never lists words to paste."""


def meaning_hint(tool: str) -> str:
    """What the description of ``tool`` should say (a generic hint for other names)."""
    return MEANING.get(tool, f"say what {tool} works on and what a caller gets back")


def check_held_out(feedback: Feedback, tools: ToolRegistry) -> BatteryResult:
    """Score ``tools`` on :data:`HELD_OUT` and add to ``feedback`` what it shows, per tool,
    without naming the held-out requests."""
    result = score_battery(tools, HELD_OUT, SimulatedModel())
    problems = [_tool_line(result, name) for name in MEANING]
    problems = [p for p in problems if p]
    if unexpected := _unexpected_line(result):
        problems.append(unexpected)
    if not problems:
        feedback.passed.append(
            f"Requests you have not seen, phrased differently, reach the right tool too "
            f"({result.summary}): the descriptions say what the tools are for."
        )
        return result
    feedback.problems.append(
        f"The check also sends {len(HELD_OUT)} requests you have not seen, asked in other "
        f"words, to see whether each description says what its tool is for ({result.summary})."
        + "".join(f"\n      - {line}" for line in problems)
    )
    return result


def _tool_line(result: BatteryResult, name: str) -> str | None:
    rows = [r for r in result.rows if r.expected == name]
    missed = [r for r in rows if not r.right]
    if len(rows) - len(missed) >= NEEDED:
        return None
    where = Counter(r.chosen or "no call" for r in missed)
    went = ", ".join(
        f"{n} to {c}" if c != "no call" else f"{n} got no call" for c, n in where.items()
    )
    rivals = [c for c in where if c != "no call"]
    hint = meaning_hint(name)
    if rivals:
        hint += "; say when to use it rather than " + " or ".join(rivals)
    return f"{name} reached {len(rows) - len(missed)} of its {len(rows)} ({went}): {hint}."


def _unexpected_line(result: BatteryResult) -> str | None:
    called = Counter(r.chosen for r in result.rows if r.expected is None and r.chosen)
    if not called:
        return None
    names = ", ".join(called)
    return (
        f"{sum(called.values())} request(s) that need no tool went to {names}: keep each "
        "description to what its tool is for, so that it does not claim other requests."
    )


__all__ = ["HELD_OUT", "MEANING", "check_held_out", "meaning_hint"]
