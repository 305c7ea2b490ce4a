"""The exercise of lesson 15: example inputs that teach a clinic's booking tool the forms its
system takes.

    from fcplayground.exercises.lesson15 import check_input_examples, exercise_tools
    tools = exercise_tools()                 # book_visit, described in words only
    EXAMPLES = [{...}, {...}]                # the learner's example inputs for book_visit
    check_input_examples(EXAMPLES)           # what is right or wrong, and what to do

The clinic's system takes patient references in capitals (``PT-48213``), days as
``20/03/2026``, times on the 24-hour clock (``14:30``) and phone numbers in international
form (``+44 7700 900123``). The check does not compare the examples with an answer: it
checks they fit the tool (as the API would), that they are not the answers to the lesson's
own requests, and then gives them to the tool and asks the simulated model requests the
learner never saw (:data:`HELD_OUT`), through the Anthropic SDK offline. Each request must
come out in the clinic's forms; one that needs no tool must still get none.
"""

from __future__ import annotations

from typing import Any

from ..chat import ToolCall
from ..evals.cases import ANY, OMITTED, ExpectedCall, exactly, expect, one_of
from ..evals.checker import check_arguments
from ..models import SimulatedModel
from ..offline import anthropic_client
from ..tools import ToolRegistry
from .feedback import Feedback

TODAY = "Today is Thursday, 2026-01-15."
"""The system prompt of every request: "March 20" is then a day of 2026."""

FORMS = {
    "patient": "patient references in capitals, like PT-48213",
    "day": "days written day/month/year, like 20/03/2026",
    "time": "times on the 24-hour clock, like 14:30",
    "phone": "phone numbers in international form, like +44 7700 900123",
}
"""What the clinic's system takes, for each parameter: the hints the check gives."""

MIN_EXAMPLES, MAX_EXAMPLES = 2, 5
NOTE = one_of(OMITTED, None, ANY)

VISIBLE: tuple[tuple[str, ExpectedCall], ...] = (
    ("Book pt-48213 on March 20 at 11am, text 07700 900123",
     expect("book_visit", patient="PT-48213", day="20/03/2026", time="11:00",
            phone="+44 7700 900123", note=NOTE)),
    ("Appointment for PT-10442 on 2 April at 15:45, my number is 020 7946 0958",
     expect("book_visit", patient="PT-10442", day="02/04/2026", time="15:45",
            phone="+44 20 7946 0958", note=NOTE)),
)  # fmt: skip
"""The lesson's own requests, with the calls the clinic's system needs."""


def _visit(patient: str, day: str, time: str, phone: str) -> ExpectedCall:
    return expect("book_visit", patient=exactly(patient), day=exactly(day), time=exactly(time),
                  phone=exactly(phone), note=NOTE)  # fmt: skip


HELD_OUT: tuple[tuple[str, ExpectedCall | None], ...] = (
    ("Book pt-55120 in on April 9 at 10:15, my mobile is 07700 900456",
     _visit("PT-55120", "09/04/2026", "10:15", "+44 7700 900456")),
    ("Appointment for PT-30017 on 12 May at 14:00, phone 020 7946 0321",
     _visit("PT-30017", "12/05/2026", "14:00", "+44 20 7946 0321")),
    ("Please book pt-90001 on 6 March at 9am, texts to 07911 123456",
     _visit("PT-90001", "06/03/2026", "09:00", "+44 7911 123456")),
    ("Book PT-41234 for 28 February at 16:30, reminders to +44 7700 900777",
     _visit("PT-41234", "28/02/2026", "16:30", "+44 7700 900777")),
    ("What are the clinic's opening hours?", None),
)  # fmt: skip
"""The check's requests, which the lesson never shows: four bookings and one question."""


def exercise_tools() -> ToolRegistry:
    """The clinic's booking tool, described in words and without examples (a new registry
    at each call)."""
    tools = ToolRegistry()

    @tools.tool(side_effect=True)
    def book_visit(patient: str, day: str, time: str, phone: str, note: str | None = None) -> dict:
        """Books a visit at the clinic and texts the patient a reminder.

        Args:
            patient: The patient's reference.
            day: The day of the visit.
            time: The time of the visit.
            phone: The number the reminder goes to.
            note: Anything the dentist should know.
        """
        return {"booked": patient, "day": day, "time": time, "reminder_to": phone}

    return tools


def check_input_examples(examples: Any) -> Feedback:
    """Do ``examples`` fit book_visit, differ from the lesson's answers, and teach the model
    the clinic's forms on requests it has not seen?"""
    feedback = Feedback()
    tools = exercise_tools()
    if not _usable(feedback, tools, examples):
        return feedback
    if copied := _copies(examples):
        feedback.problems += copied
        return feedback
    feedback.passed.append(f"Your {len(examples)} examples fit book_visit's parameters.")
    client = anthropic_client(model=SimulatedModel())
    forms: set[str] = set()  # the parameters that came out in another form
    for request, expected in HELD_OUT:
        reply = client.messages.create(
            model="check",
            max_tokens=512,
            system=TODAY,
            messages=[{"role": "user", "content": request}],
            tools=tools.to_anthropic(),
        )
        calls = [ToolCall(b.name, b.input) for b in reply.content if b.type == "tool_use"]
        forms |= _judge(feedback, tools, request, expected, calls)
    if forms:
        feedback.problems.append(
            "The clinic takes "
            + "; ".join(FORMS[n] for n in FORMS if n in forms)
            + ". Show each of these forms in your examples: the model writes what they show."
        )
    return feedback


def _usable(feedback: Feedback, tools: ToolRegistry, examples: Any) -> bool:
    """A list of two to five examples, each fitting the tool, given to it (as the registry
    and the API check them); else the problem, said."""
    count = len(examples) if isinstance(examples, list) else 0
    if not isinstance(examples, list) or not MIN_EXAMPLES <= count <= MAX_EXAMPLES:
        feedback.problems.append(
            f"EXAMPLES should be a list of {MIN_EXAMPLES} to {MAX_EXAMPLES} dicts, each the "
            'arguments of one booking: [{"patient": ..., "day": ..., "time": ..., "phone": ...}, ...]'
            f" (got {type(examples).__name__}{f' of {count}' if isinstance(examples, list) else ''})."
        )
        return False
    try:
        tools.set_examples("book_visit", examples)
    except (TypeError, ValueError) as exc:
        feedback.problems.append(
            f"{exc} The API would refuse the whole request (a 400): fix that example."
        )
        return False
    return True


def _copies(examples: list[dict[str, Any]]) -> list[str]:
    """The examples that are the right call of one of the lesson's own requests."""
    out = []
    for i, example in enumerate(examples):
        for request, expected in VISIBLE:
            answer = expected["book_visit"]
            shared = [k for k, v in example.items() if k in answer and v in answer[k]]
            if len(shared) >= 2:
                out.append(
                    f"Example {i + 1} is the answer to the lesson's request {request!r} (the same "
                    f"{', '.join(shared)}). An example should be a booking of your own (another "
                    "patient, day and number): it teaches the form, not one answer."
                )
                break
    return out


def _judge(feedback: Feedback, tools: ToolRegistry, request: str,
           expected: ExpectedCall | None, calls: list[ToolCall]) -> set[str]:  # fmt: skip
    """One held-out request: the call it got against the one the clinic needs; the names
    of the arguments that came out in another form."""
    if expected is None:
        feedback.check(
            not calls,
            f"{request!r} needs no tool, and gets none.",
            f"{request!r} needs no tool, but the model called {', '.join(c.name for c in calls)}: "
            "an example should look like a booking, not like a question.",
        )
        return set()
    if len(calls) != 1 or calls[0].name != "book_visit":
        feedback.problems.append(
            f"{request!r} should book a visit, but the model made "
            f"{len(calls)} call{'s' if len(calls) != 1 else ''}: make each example one whole "
            "booking, every required argument in it."
        )
        return set()
    arguments = calls[0].arguments if isinstance(calls[0].arguments, dict) else {}
    reasons = check_arguments(arguments, expected["book_visit"], tools["book_visit"].parameters)
    wrong = {name for name in FORMS if any(f"'{name}'" in r for r in reasons)}
    feedback.check(
        not reasons,
        f"{request!r} comes out in the clinic's forms.",
        f"{request!r} came out as {_shown(arguments, [n for n in FORMS if n in wrong])}.",
    )
    return wrong if reasons else set()


def _shown(arguments: dict[str, Any], names: list[str]) -> str:
    return ", ".join(f"{n}={arguments.get(n)!r}" for n in names) or str(arguments)


__all__ = ["FORMS", "HELD_OUT", "VISIBLE", "check_input_examples", "exercise_tools"]
