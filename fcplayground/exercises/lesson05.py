"""The exercise of lesson 05: route every request by editing descriptions only.

    from fcplayground.exercises.lesson05 import EXERCISE_BATTERY, exercise_tools
    lab = DescriptionLab(exercise_tools(), EXERCISE_BATTERY, debounce=0)
    ...                                   # edit descriptions (lab.describe or the panel)
    check_lab_solution(lab)               # what passed, and what to fix

The three tools have names that do not say what they work on and descriptions that say
nothing, so the simulated model calls none of them. The learner rewrites descriptions
(the tools' or their parameters') until every request reaches the right tool; the
names, the parameters and the battery stay as they are.

The check then sends requests the learner never sees (:mod:`.lesson05_held_out`), and
turns down keyword stuffing (:mod:`.description_quality`): a description must say what
its tool is for, not echo the visible requests.
"""

from __future__ import annotations

from typing import Any

from ..evals.battery import Probe, ProbeResult, as_probes, label_text, score_battery
from ..models import SimulatedModel
from ..models.simulated.words import split_identifier, terms
from ..tools import ToolRegistry
from .description_quality import find_gaming
from .feedback import Feedback
from .lesson05_held_out import check_held_out, meaning_hint

EXERCISE_BATTERY: list[Probe] = [
    Probe("What is Priya Shah's phone extension?", "staff_directory"),
    Probe("Who is Tom Baker's manager?", "staff_directory"),
    Probe("Which team is Lena Fischer on?", "staff_directory"),
    Probe("Is laptop LT-0042 still under warranty?", "equipment_db"),
    Probe("Who has the projector PJ-7 right now?", "equipment_db"),
    Probe("When was monitor MN-118 bought?", "equipment_db"),
    Probe("The heating on floor 3 is broken", "facilities"),
    Probe("There is a water leak in the second-floor kitchen", "facilities"),
    Probe("Tell me a joke", None),
    Probe("What's the weather in Paris?", None),
]
"""The fixed battery: three requests per tool (two for facilities) and two for no tool."""


def exercise_tools() -> ToolRegistry:
    """The exercise's registry, with its vague descriptions (a new one at each call)."""
    tools = ToolRegistry()

    @tools.tool
    def staff_directory(query: str) -> dict:
        """Directory lookups.

        Args:
            query: What to look up.
        """
        return {"query": query}

    @tools.tool
    def equipment_db(query: str) -> dict:
        """Database access.

        Args:
            query: What to look up.
        """
        return {"query": query}

    @tools.tool
    def facilities(query: str) -> dict:
        """Facilities requests.

        Args:
            query: The request.
        """
        return {"query": query}

    return tools


def check_lab_solution(lab: Any) -> Feedback:
    """Does ``lab`` (the exercise's :class:`~fcplayground.widgets.DescriptionLab`) route
    every request of :data:`EXERCISE_BATTERY` right, with the exercise's tool names,
    parameters and battery unchanged, no description empty, a copy of its tool's name or
    stuffed with keywords, and the held-out requests (which the learner never sees)
    routed too?

    The battery is scored again here, with a new :class:`SimulatedModel` and without
    distractors, so a stale panel or a distractor slider changes nothing.
    """
    feedback = Feedback()
    tools = getattr(lab, "tools", None)
    if not isinstance(tools, ToolRegistry) or not hasattr(lab, "battery"):
        return Feedback.failing(
            f"Pass the lab itself (the DescriptionLab you edited), not {type(lab).__name__}: "
            "check_lab_solution(my_lab)."
        )
    original = exercise_tools()
    names_ok = _check_names(feedback, tools, original)
    if names_ok:
        _check_parameters(feedback, tools, original)
    _check_battery(feedback, lab.battery)
    _check_descriptions(feedback, tools)
    if names_ok:
        if _check_score(feedback, tools):  # then the requests the learner never saw
            check_held_out(feedback, tools)
    else:
        feedback.problems.append(
            "The battery (and the requests you have not seen) are scored once the tool names "
            "are the exercise's again."
        )
    return feedback


# -- what stays the same ------------------------------------------------------------------


def _check_names(feedback: Feedback, tools: ToolRegistry, original: ToolRegistry) -> bool:
    missing = [n for n in original.names if n not in tools]
    extra = [n for n in tools.names if n not in original]
    if not missing and not extra:
        feedback.passed.append(f"The tool names are unchanged: {', '.join(original.names)}.")
        return True
    parts = []
    if missing:
        parts.append(f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} missing")
    if extra:
        parts.append(f"{', '.join(extra)} {'is' if len(extra) == 1 else 'are'} not in the exercise")
    feedback.problems.append(
        f"The tools must keep their names ({'; '.join(parts)}). A better name would help a "
        "model too, but this exercise is about descriptions: renaming is not allowed. Start "
        "again from exercise_tools() and change only the descriptions."
    )
    return False


def _shape(schema: Any) -> Any:
    """A schema without its descriptions: what the learner must not change."""
    if isinstance(schema, dict):
        return {k: _shape(v) for k, v in schema.items() if k != "description"}
    if isinstance(schema, list):
        return [_shape(v) for v in schema]
    return schema


def _check_parameters(feedback: Feedback, tools: ToolRegistry, original: ToolRegistry) -> None:
    changed = [t.name for t in original if _shape(tools[t.name].parameters) != _shape(t.parameters)]
    feedback.check(
        not changed,
        "The parameters are unchanged (only their descriptions may differ).",
        f"The parameters of {', '.join(changed)} changed (names, types or required): keep "
        "them as exercise_tools() defines them and change only descriptions.",
    )


def _check_battery(feedback: Feedback, battery: Any) -> None:
    try:
        given = as_probes(battery)
    except TypeError:
        given = []
    if given == EXERCISE_BATTERY:
        feedback.passed.append(f"The battery is the exercise's {len(EXERCISE_BATTERY)} requests.")
        return
    wanted = dict(EXERCISE_BATTERY)
    have = dict(given)
    details = []
    if missing := [r for r in wanted if r not in have]:
        details.append(f"missing: {', '.join(map(repr, missing))}")
    if extra := [r for r in have if r not in wanted]:
        details.append(f"not in the exercise: {', '.join(map(repr, extra))}")
    if moved := [r for r in wanted if r in have and have[r] != wanted[r]]:
        details.append(
            "a different expected tool for "
            + ", ".join(f"{r!r} (should be {label_text(wanted[r])})" for r in moved)
        )
    if not details:
        details.append("the same requests in another order or repeated")
    feedback.problems.append(
        "The battery must stay as it is, since changing the test is not fixing the tools ("
        + "; ".join(details)
        + "). Create the lab with EXERCISE_BATTERY."
    )


def _check_descriptions(feedback: Feedback, tools: ToolRegistry) -> None:
    problems = []
    visible = [p.request for p in EXERCISE_BATTERY]
    for tool in tools:
        text = (tool.description or "").strip()
        if not text:
            problems.append(
                f"{tool.name} has an empty description: the model then has only its name to "
                "go by. Say what it does, on what, and what it returns."
            )
        elif set(terms(text)) <= set(terms(" ".join(split_identifier(tool.name)))):
            problems.append(
                f"The description of {tool.name}, {text!r}, says nothing its name does not "
                "say already. Say what it does, on what, and what it returns."
            )
        else:
            what = f"The description of {tool.name}"
            problems += [f.message(what) for f in find_gaming(text, visible)]
        for param, schema in tool.parameters.get("properties", {}).items():
            said = str(schema.get("description", "")).strip()
            if not said:
                problems.append(
                    f"The parameter {param} of {tool.name} has an empty description: say what goes "
                    "there, with an example value."
                )
            what = f"The description of {tool.name}'s parameter {param}"
            problems += [f.message(what) for f in find_gaming(said, visible, sentence=False)]
    feedback.problems += problems
    if not problems:
        feedback.passed.append(
            "Every description says something beyond the tool's name, and none is stuffed with keywords."
        )


# -- the score ----------------------------------------------------------------------------


def _check_score(feedback: Feedback, tools: ToolRegistry) -> bool:
    """Score the visible battery; True when every request reaches the right tool."""
    result = score_battery(tools, EXERCISE_BATTERY, SimulatedModel())
    if result.correct == result.total:
        feedback.passed.append(
            f"Every request reaches the right tool ({result.summary}, simulated model)."
        )
        return True
    threshold = next(
        (r.explanation.threshold for r in result.rows if r.explanation is not None), 1.5
    )
    wrong_rows = [row for row in result.rows if not row.right]
    wrong = [_why(row, tools) for row in wrong_rows]
    shown = wrong[:SHOWN]
    if len(wrong) > len(shown):
        shown.append(f"... and {len(wrong) - len(shown)} more: see the table in the lab.")
    # One hint per tool that requests missed: the meaning its description lacks.
    missed = dict.fromkeys(r.expected for r in wrong_rows if r.expected and not r.chosen)
    shown += [f"What {name}'s description should do: {meaning_hint(name)}." for name in missed]
    feedback.problems.append(
        f"The battery: {result.summary}. A tool is called when it scores {threshold:g} or "
        "more with a specific word in common, and a word that several tools share counts "
        "less. Once they are right, the check also sends requests you have not seen. Fix "
        "these requests:" + "".join(f"\n      - {line}" for line in shown)
    )
    return False


SHOWN = 5  # wrong requests explained one by one; the lab's table lists them all


def _said(score: Any) -> str:
    if score is None or not score.matched:
        return "shares no word with it"
    return f"scored {score.score:.2f} on {', '.join(score.matched)}"


def _why(row: ProbeResult, tools: ToolRegistry) -> str:
    """One wrong probe: the scores, and what to say (never words to paste)."""
    scores = {s.name: s for s in getattr(row.explanation, "scores", None) or []}
    head = f"{row.request!r}: expected {label_text(row.expected)}, got {row.chosen or 'no call'}"
    if row.expected is None:
        return (
            f"{head} ({_said(scores.get(row.chosen))}): keep such words out of the "
            f"description of {row.chosen}, which should say only what it is for."
        )
    own = scores.get(row.expected)
    why = [f"{row.expected} {_said(own)}"]
    if row.chosen is not None:
        why.insert(0, f"{row.chosen} {_said(scores.get(row.chosen))}")
        why.append(f"say when to use {row.expected} rather than {row.chosen}")
    else:
        if own is not None and own.matched:
            shared = {
                s.name: [w for w in own.matched if w in s.matched]
                for s in scores.values()
                if s.name != row.expected
            }
            why += [f"{name} has {', '.join(ws)} too" for name, ws in shared.items() if ws]
    return f"{head} ({'; '.join(why)})."


__all__ = ["EXERCISE_BATTERY", "check_lab_solution", "exercise_tools"]
