"""Reading: the conversation as a hosted model reads it, before any tool is considered.

A :class:`Reading` says what is being asked now, and what has happened since it was asked:

- the text of the request: the latest user turn, or, for a follow-up, the request it
  refers back to, completed by it ("and in Tokyo?" after "weather in Paris?", an answer
  to the model's own question, "same for the second order", a bare "." or "go on");
- the calls made for it so far, with their results, and every result of the
  conversation (newest first) that later calls can draw values from;
- the system prompt, and the reference date relative dates are read against: a date the
  system prompt gives ("Today is 2026-03-02"), else :data:`REFERENCE_DATE`.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field, replace
from datetime import date
from enum import Enum
from typing import Any, TypeVar

from ...chat import Message, ToolCall, ToolResult
from .extractors import extract
from .vocabulary import Kind

REFERENCE_DATE = date(2026, 1, 15)
"""The simulated model's fixed clock (a Thursday): "tomorrow" is always 2026-01-16."""

MESSAGE_HEAD = 1_000
MESSAGE_TAIL = 3_000
MAX_MESSAGE_CHARS = MESSAGE_HEAD + MESSAGE_TAIL
"""The most characters the simulated model reads of one message (each user and assistant
turn, the system prompt, and the request it puts together from them): its first
:data:`MESSAGE_HEAD` and last :data:`MESSAGE_TAIL` characters, cut at spaces, the middle
left out as ``" … "``. What a request asks is said at its start or its end ("Translate
this: ...", "... Summarise the above."); the stages after reading grow faster than the
text does, so a bounded reading keeps a 20 MB message as quick to answer as a short one.
A note in the explanation says how much was left out."""

VALUES_HEAD = 32
VALUES_TAIL = 96
MAX_VALUES = VALUES_HEAD + VALUES_TAIL
"""The most values (numbers, dates, names, ...) the model weighs in one request: the first
:data:`VALUES_HEAD` and the last :data:`VALUES_TAIL` of them. Binding weighs values
against each other, so its work grows faster than their number; a request with more
(a run of 4,000 numbers) is read as its first and last ones, as the text is."""

MAX_RESULT_CHARS = 1_000_000
"""The most characters of one tool result the model parses (JSON parses in linear time,
and results are data to copy values from, never instructions): a longer result is read
as its first :data:`MAX_RESULT_CHARS` characters, as text."""

_TODAY = re.compile(
    r"\b(?:today(?:'s date)? is|current date(?: is)?|date:)\s*(?:[a-z]+day,?\s*)?(\d{4}-\d{2}-\d{2})",
    re.I,
)
_CONTINUE = re.compile(
    r"^\s*(?:\.+|go on|continue|carry on|keep going|proceed|yes(?: please)?|yep|ok(?:ay)?|sure|please do|do it|go ahead)\s*[.!]*\s*$",
    re.I,
)
_ELLIPSIS = re.compile(
    r"^\s*(?:and|also|what about|how about|same (?:for|with)|now|then|and now|ok(?:ay)?,? (?:and|now))\b[\s,]*",
    re.I,
)
_ORDINAL = re.compile(
    r"\b(?:the\s)?(first|second|third|fourth|fifth|last)\s(?:one|order|item|result|entry|ticket|article|event|email|file|customer)\b",
    re.I,
)
_ORDINALS = {"first": 0, "second": 1, "third": 2, "fourth": 3, "fifth": 4, "last": -1}


class FollowUp(str, Enum):
    """How the latest user turn relates to what came before."""

    NEW = "a new request"
    ANSWER = "answers the model's question"
    ELLIPSIS = "the same request with new values"
    CONTINUE = "asks to go on"


@dataclass(frozen=True)
class Done:
    """A call made for the current request, and its result (None while it has none)."""

    call: ToolCall
    result: ToolResult | None


@dataclass(frozen=True)
class Result:
    """One tool result of the conversation, parsed."""

    tool: str
    arguments: dict[str, Any]
    data: Any
    is_error: bool


@dataclass
class Reading:
    """What is asked now, and what has happened since it was asked."""

    text: str
    followup: FollowUp = FollowUp.NEW
    said: str = ""  # the latest user turn, as written
    system: str = ""
    today: date = REFERENCE_DATE
    done: list[Done] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)  # newest first
    turns: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def successful(self) -> list[Result]:
        return [r for r in self.results if not r.is_error]


def read(messages: list[Message], system: str | None = None) -> Reading:
    """The reading of a conversation (of each message, at most :data:`MAX_MESSAGE_CHARS`)."""
    clipped = [m for m in messages if len(m.content) > MAX_MESSAGE_CHARS]
    messages = [_bounded_message(m) for m in messages]
    system_text = bounded(system or "")
    today = _today(system_text)
    users = [i for i, m in enumerate(messages) if m.role == "user"]
    results = _results(messages)
    if not users:
        return Reading("", system=system_text, today=today, results=results)
    last = users[-1]
    said = messages[last].content
    turns = [messages[i].content for i in users]
    kind, start, text = _followup(messages, users, _unquoted(said), today)
    text, note = _ordinal(bounded(text), results)
    done = _done(messages, start)
    reading = Reading(text, kind, said, system_text, today, done, results, turns)
    if clipped or len(system or "") > MAX_MESSAGE_CHARS:
        reading.notes.append(
            f"read the first {MESSAGE_HEAD:,} and last {MESSAGE_TAIL:,} characters of each "
            f"longer message ({len(clipped) + (len(system or '') > MAX_MESSAGE_CHARS)} of them)"
        )
    if kind != FollowUp.NEW:
        reading.notes.append(f"the latest message {kind.value}: read as {_shown(text)!r}")
    if note:
        reading.notes.append(note)
    return reading


T = TypeVar("T")
_GAP = " … "
_CUT_WINDOW = 200  # how far from the bound a cut looks for a space


def bounded(text: str) -> str:
    """``text`` as the model reads it: whole when it is at most :data:`MAX_MESSAGE_CHARS`
    long, else its first :data:`MESSAGE_HEAD` and last :data:`MESSAGE_TAIL` characters,
    each cut at a space so that no word is read in part."""
    if len(text) <= MAX_MESSAGE_CHARS:
        return text
    head = text[:MESSAGE_HEAD]
    space = head.rfind(" ", MESSAGE_HEAD - _CUT_WINDOW)
    head = head[:space] if space > 0 else head
    tail = text[len(text) - MESSAGE_TAIL :]
    space = tail.find(" ", 0, _CUT_WINDOW)
    tail = tail[space + 1 :] if space >= 0 else tail
    return head + _GAP + tail


def bounded_values(values: list[T]) -> list[T]:
    """At most :data:`MAX_VALUES` of ``values`` (in the order of the text): its first
    :data:`VALUES_HEAD` and last :data:`VALUES_TAIL`."""
    if len(values) <= MAX_VALUES:
        return values
    return values[:VALUES_HEAD] + values[-VALUES_TAIL:]


def _bounded_message(message: Message) -> Message:
    long_results = any(len(r.content) > MAX_RESULT_CHARS for r in message.tool_results)
    if len(message.content) <= MAX_MESSAGE_CHARS and not long_results:
        return message
    results = [
        replace(r, content=r.content[:MAX_RESULT_CHARS]) if len(r.content) > MAX_RESULT_CHARS else r
        for r in message.tool_results
    ]
    return replace(message, content=bounded(message.content), tool_results=results)


def _shown(text: str) -> str:
    """A reading's text as a note quotes it: a long one by its start and end."""
    return text if len(text) <= 200 else f"{text[:100]}{_GAP}{text[-100:]}"


def _unquoted(text: str) -> str:
    """A whole request in quotes is the request, not a quotation."""
    stripped = text.strip()
    if (
        len(stripped) > 1
        and stripped[0] == stripped[-1]
        and stripped[0] in "\"'"
        and stripped.count(stripped[0]) == 2
    ):
        return stripped[1:-1]
    return text


def _today(system: str) -> date:
    if m := _TODAY.search(system):
        try:
            return date.fromisoformat(m.group(1))
        except ValueError:
            pass
    return REFERENCE_DATE


def _followup(
    messages: list[Message], users: list[int], said: str, today: date
) -> tuple[FollowUp, int, str]:
    """(kind of follow-up, index where the request began, the request's text)."""
    last = users[-1]
    if len(users) < 2:
        return FollowUp.NEW, last, said
    earlier_index = users[-2]
    earlier = messages[earlier_index].content
    previous = messages[last - 1] if last > 0 else None
    asked = (
        previous is not None
        and previous.role == "assistant"
        and previous.content.rstrip().endswith("?")
        and not previous.tool_calls
    )
    if _CONTINUE.match(said):
        return FollowUp.CONTINUE, earlier_index, earlier
    if asked:
        return FollowUp.ANSWER, earlier_index, f"{earlier} {said}"
    if _ELLIPSIS.match(said) and len(said.split()) <= 8:
        return FollowUp.ELLIPSIS, last, _substitute(earlier, _ELLIPSIS.sub("", said), today)
    return FollowUp.NEW, last, said


def _substitute(earlier: str, new: str, today: date) -> str:
    """The earlier request with the new values in place of old ones of the same kind."""
    fresh = [c for c in extract(new, today) if c.kind not in (Kind.PHRASE,)]
    if not fresh:
        return f"{earlier} {new}"
    old = extract(earlier, today)
    text = earlier
    replaced = False
    for value in fresh:
        kinds = (
            {value.kind, Kind.PLACE, Kind.NAME}
            if value.kind in (Kind.PLACE, Kind.NAME)
            else {value.kind}
        )
        target = next((o for o in reversed(old) if o.kind in kinds), None)
        if target is not None:
            text = text[: target.start] + value.text + text[target.end :]
            old = [o for o in extract(text, today)]
            replaced = True
    return text if replaced else f"{earlier} {new}"


def _ordinal(text: str, results: list[Result]) -> tuple[str, str]:
    """ "the second order" -> that order's id, from the latest result that lists items."""
    m = _ORDINAL.search(text)
    listing = next((r for r in results if isinstance(r.data, list) and r.data), None)
    if not m or listing is None:
        return text, ""
    index = _ORDINALS[m.group(1).lower()]
    if abs(index) > len(listing.data) - (0 if index < 0 else 1):
        return text, ""
    item = listing.data[index]
    value = _identifier(item)
    if value is None:
        return text, ""
    note = f"{m.group(0)!r} is item {index + 1 if index >= 0 else len(listing.data)} of the result of {listing.tool}: {value}"
    return text[: m.start()] + str(value) + text[m.end() :], note


def _identifier(item: Any) -> Any:
    if not isinstance(item, dict):
        return item if isinstance(item, (str, int)) else None
    for key, value in item.items():
        if re.search(r"(?:^|_)(?:id|number|code|key)$", key) and isinstance(value, (str, int)):
            return value
    return next((v for v in item.values() if isinstance(v, (str, int))), None)


def _done(messages: list[Message], start: int) -> list[Done]:
    by_id = {r.call_id: r for m in messages for r in m.tool_results}
    return [Done(c, by_id.get(c.id)) for m in messages[start:] for c in m.tool_calls]


def _results(messages: list[Message]) -> list[Result]:
    by_id = {r.call_id: r for m in messages for r in m.tool_results}
    out = []
    for m in reversed(messages):
        for c in reversed(m.tool_calls):
            if c.id in by_id:
                r = by_id[c.id]
                arguments = c.arguments if isinstance(c.arguments, dict) else {}
                out.append(Result(c.name, arguments, parse(r.content), r.is_error))
    return out


def parse(content: str) -> Any:
    """A tool result's content: JSON when it is JSON, else the text.

    Numbers JSON cannot carry back out (``NaN``, ``Infinity``, ``1e400``) read as null, so
    no later call copies them into its arguments; nesting too deep to parse reads as text.
    """
    try:
        return json.loads(content, parse_float=_finite, parse_constant=lambda _: None)
    except (ValueError, RecursionError):
        return content


def _finite(written: str) -> float | None:
    number = float(written)
    return number if math.isfinite(number) else None
