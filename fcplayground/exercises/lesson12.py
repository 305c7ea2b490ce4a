"""The check for lesson 12's exercise: structured extraction, through a forced tool, a
``response_format`` or an Anthropic ``output_config`` format.

The learner writes ``extract_order(client, text) -> dict`` (or a pydantic object). The
check runs it on order complaints the lesson never shows, with an offline client of its own
whose model it watches, and passes only when, for every text:

- the function asked the model (one request carrying that text) and forced the shape: a
  named tool, ``tool_choice`` required/any, or a JSON-schema ``response_format`` or
  ``output_config.format`` (which reaches the model as a forced tool of the schema's name);
- what it returned is what the model wrote (no value made up or patched in Python);
- every field holds what the text says.

So a function that hard-codes answers, reads the text with regexes of its own, or never
forces the shape fails, and says why.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from ..chat import ModelTurn, NamedTool, Request
from ..models import SimulatedModel
from ..offline import anthropic_client, openai_client
from .feedback import Feedback

FIELDS = ("order_id", "email", "quantity", "problem", "urgent")
PROBLEMS = ("damaged", "late", "wrong_item", "other")
EMPTY = (None, "", 0, False, [])  # what a field the text does not give may hold


class Api(str, Enum):
    """Which SDK the learner's function calls on the client it is given."""

    OPENAI = "openai"
    ANTHROPIC = "anthropic"


@dataclass(frozen=True)
class Case:
    """A held-out text and the fields it should give."""

    text: str
    expected: dict[str, Any]


HELD_OUT = (
    Case(
        "Order ORD-5521: the 2 mugs I got are broken. Write to me at lee@example.net. "
        "This is urgent.",
        {"order_id": "ORD-5521", "email": "lee@example.net", "quantity": 2,
         "problem": "damaged", "urgent": True},
    ),
    Case(
        "You sent me the wrong item! Order ORD-1190, 1 blue kettle instead of a red one. "
        "Reply to ana.b@example.co.uk",
        {"order_id": "ORD-1190", "email": "ana.b@example.co.uk", "quantity": 1,
         "problem": "wrong_item", "urgent": False},
    ),
    Case(
        "Is my parcel delayed? Order ORD-6160, 5 books.",
        {"order_id": "ORD-6160", "email": None, "quantity": 5, "problem": "late",
         "urgent": False},
    ),
)  # fmt: skip


class WatchedModel(SimulatedModel):
    """The simulated model, keeping every request it was asked and the turn it gave."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[Request, ModelTurn]] = []
        self._lock = threading.Lock()

    def respond(self, request: Request) -> ModelTurn:
        turn = super().respond(request)
        with self._lock:
            self.seen.append((request, turn))
        return turn


def check_extraction(extract: Callable[[Any, str], Any], api: str = "openai") -> Feedback:
    """Does ``extract(client, text)`` pull an order complaint's fields through the model?

    ``api``: ``"openai"`` when your function calls ``client.chat.completions`` or
    ``client.responses``, ``"anthropic"`` when it calls ``client.messages``."""
    if not callable(extract):
        return Feedback.failing(
            f"Give check_extraction your function itself (extract_order), not "
            f"{type(extract).__name__}."
        )
    try:
        kind = Api(api)
    except ValueError:
        return Feedback.failing(f"api should be 'openai' or 'anthropic', not {api!r}.")
    feedback = Feedback()
    for case in HELD_OUT:
        if not _one_case(feedback, extract, kind, case):
            return feedback
    feedback.passed.append(
        f"On {len(HELD_OUT)} complaints you had not seen, every field came from the model "
        "and matched the text."
    )
    return feedback


def _one_case(feedback: Feedback, extract: Callable[[Any, str], Any], api: Api, case: Case) -> bool:
    model = WatchedModel()
    client = openai_client(model) if api == Api.OPENAI else anthropic_client(model)
    try:
        value = extract(client, case.text)
    except Exception as e:  # the learner's code: say what it raised, and on what
        feedback.problems.append(
            f"extract_order raised {type(e).__name__}: {str(e)[:300]} (on the text "
            f"{case.text!r}). Run it on that text yourself and fix the error."
        )
        return False
    asked = [(r, t) for r, t in model.seen if case.text in _said(r)]
    if not asked:
        feedback.problems.append(
            "extract_order returned without asking the model about the text it was given: "
            "send the text in a request (a forced tool or a response_format) and read the "
            "fields from the reply, rather than reading the text in Python."
        )
        return False
    request, turn = asked[-1]
    if not _forced(request):
        feedback.problems.append(
            "The request did not force the shape of the reply, so the model may answer in "
            "words: name the tool in tool_choice (OpenAI {'type': 'function', 'function': "
            "{'name': ...}}, Anthropic {'type': 'tool', 'name': ...}), or ask for a JSON "
            "schema (OpenAI response_format=Order, Anthropic output_format=Order, with parse)."
        )
        return False
    got = _as_dict(value)
    if got is None:
        feedback.problems.append(
            f"extract_order returned {type(value).__name__}; return a dict of the fields "
            "(or the parsed pydantic object)."
        )
        return False
    return _fields(feedback, got, _written(turn), case)


def _fields(feedback: Feedback, got: dict[str, Any], written: dict[str, Any], case: Case) -> bool:
    if missing := [f for f in FIELDS if f not in got]:
        feedback.problems.append(
            f"The result has no field {', '.join(missing)}: the schema should have exactly "
            f"these fields: {', '.join(FIELDS)}."
        )
        return False
    patched = [
        f for f in FIELDS if got[f] != written.get(f) and not (f not in written and got[f] in EMPTY)
    ]
    if patched:
        feedback.problems.append(
            f"{patched[0]} = {got[patched[0]]!r} is not what the model wrote "
            f"({written.get(patched[0])!r}): return the model's fields as they are, and "
            "improve the schema's descriptions instead."
        )
        return False
    wrong = [f for f in FIELDS if got[f] != case.expected[f]]
    if wrong:
        field = wrong[0]
        feedback.problems.append(
            f"On the complaint {case.text!r}, {field} came back {got[field]!r} but the text "
            f"says {case.expected[field]!r}. {_hint(field)}"
        )
        return False
    return True


def _hint(field: str) -> str:
    return {
        "problem": "Describe each option with the words a customer writes: 'damaged' for "
        "broken, 'late' for delayed, 'wrong_item' for wrong.",
        "email": "Make it nullable (str | None) so a text without one gives null, and say "
        "in its description that it is the customer's email address.",
        "order_id": "Give its description an example of the form, e.g. ORD-1042.",
        "quantity": "Make it an integer and say it is how many items the customer writes about.",
        "urgent": "Make it a boolean and say it is whether the customer says it is urgent.",
    }[field]


def _forced(request: Request) -> bool:
    return isinstance(request.tool_choice, NamedTool) or (
        request.tool_choice == "required" and bool(request.tools)
    )


def _written(turn: ModelTurn) -> dict[str, Any]:
    """The object the model wrote: a forced call's arguments, or a JSON reply."""
    if turn.tool_calls:
        arguments = turn.tool_calls[0].arguments
        return arguments if isinstance(arguments, dict) else {}
    try:
        value = json.loads(turn.text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _as_dict(value: Any) -> dict[str, Any] | None:
    dump = getattr(value, "model_dump", None)
    if callable(dump):
        value = dump()
    return value if isinstance(value, dict) else None


def _said(request: Request) -> str:
    return "\n".join(m.content for m in request.messages if isinstance(m.content, str))


__all__ = ["HELD_OUT", "check_extraction"]
