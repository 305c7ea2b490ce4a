"""Completing: the parameters binding left empty, filled the way a hosted model fills them.

In this order: a value said once for several calls ("the median and the variance of 3,
4, 5"), or another call's value the request names ("the weather at the destination");
free text composed from the request (and from the results so far, for a reply); a
setting's default (a flag not asked for is false); a fact from an earlier result ("her
customer id"). What is still empty is *missing*: planning waits for a call that can
produce it, or asks.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from .binding import Argument, Call
from .composing import compose, compose_reply, from_statement, gist, problem, without
from .extractors import places
from .reading import Reading, Result
from .results import from_results
from .slots import Slot
from .vocabulary import Kind, Role, Source
from .words import identifier_terms, terms

# Words for what a call will find: a message with them in it waits for the results.
REFERENCES = {"answer", "result", "results", "information", "info", "details", "findings",
              "summary", "contents", "content", "the file", "the text", "what it says",
              "solution", "reply", "response", "what you find", "what you found", "what you learn",
              "the answer", "the results", "the solution", "with what you found", "with what you find"}  # fmt: skip
PRONOUNS = {"it", "that", "this", "them"}  # the results, in a message; what is wrong, elsewhere


def complete(calls: list[Call], text: str, reading: Reading) -> None:
    """Fill what can be filled in each call; record what is missing."""
    done = [Result(d.call.name, d.call.arguments if isinstance(d.call.arguments, dict) else {}, _data(d), False)
            for d in reading.done if d.result is not None and not d.result.is_error]  # fmt: skip
    for call in calls:
        _share(call, calls, text)
        for slot in call.profile.slots:
            if not slot.required or slot.name in call.arguments:
                continue
            argument = _fill(slot, call, text, reading, done)
            if argument is None and slot.nullable:  # strict mode's "optional": null, not a question
                argument = Argument(None, Source.DEFAULT, "not given, and the schema allows null")
            if argument is not None:
                call.arguments[slot.name] = argument
        call.missing = [
            s.name
            for s in call.profile.slots
            if s.required and s.name not in call.arguments and s.name not in call.refers
        ]


def _data(done) -> object:
    from .reading import parse

    return parse(done.result.content)


def _fill(
    slot: Slot, call: Call, text: str, reading: Reading, done: list[Result]
) -> Argument | None:
    if slot.role == Role.COMPOSED:
        return _composed(slot, call, text, done)
    if slot.role == Role.SETTING:
        if slot.default is not None and (not slot.enum or slot.default in slot.enum):
            return Argument(slot.default, Source.DEFAULT, f"the default, {slot.default!r}")
        if slot.kind == Kind.BOOL:
            return Argument(False, Source.DEFAULT, "not asked for, so false")
        return None
    found = from_results(slot, reading.successful)
    if found is not None:
        return Argument(found[0], Source.RESULT, found[1])
    derived = _derived(slot, call) or _same_day(slot, call, text)
    if derived is None and slot.default is not None and not isinstance(slot.default, str):
        return Argument(
            slot.default, Source.DEFAULT, f"the default the tool gives, {slot.default!r}"
        )
    return derived


_END = re.compile(r"(?:^|_)(?:end|to|until|last|return)(?:_|$)")
_START = re.compile(r"(?:^|_)(?:start|from|first|begin)(?:_|$)")


_NIGHTS = re.compile(
    r"\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s(?:nights?|-night)\b", re.I
)
_SPELLED = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _after_nights(value: object, slot: Slot | None, text: str) -> tuple[str, int] | None:
    """ "3 nights starting from 1st June": the stay ends that many days after it starts."""
    m = _NIGHTS.search(text)
    if m is None or not isinstance(value, str) or slot is None:
        return None
    word = m.group(1).lower()
    nights = int(word) if word.isdigit() else _SPELLED.index(word) + 1
    fmt = slot.date_format or "%Y-%m-%d"
    try:
        start = datetime.strptime(value, fmt)
    except ValueError:
        return None
    return (start + timedelta(days=nights)).strftime(fmt), nights


def _same_day(slot: Slot, call: Call, text: str) -> Argument | None:
    """One day said for a range: it ends the day it starts ("take Monday off"), or as many
    days later as the nights said ("3 nights starting from 1st June")."""
    if slot.kind != Kind.DATE or not _END.search(slot.name):
        return None
    start = next(
        (
            a
            for n, a in call.arguments.items()
            if _START.search(n) and (s := call.profile.slot(n)) and s.kind == Kind.DATE
        ),
        None,
    )
    if start is None:
        return None
    name = next(n for n, a in call.arguments.items() if a is start)
    if later := _after_nights(
        start.value, call.profile.slot(name), text[call.span[0] : call.span[1]]
    ):
        return Argument(later[0], Source.DERIVED, f"{later[1]} nights after the start")
    return Argument(
        start.value, Source.DERIVED, "one day was given: the range ends where it starts"
    )


def _derived(slot: Slot, call: Call) -> Argument | None:
    """A country or US state a hosted model knows from the city the call names."""
    words = set(re.findall(r"[a-z]+", slot.name.lower()))
    if not words & {"country", "state", "province", "nation"}:
        return None
    for name, argument in call.arguments.items():
        other = call.profile.slot(name)
        if other is not None and other.kind == Kind.PLACE and isinstance(argument.value, str):
            derived = places.derive(words, argument.value.split(",")[0])
            if derived:
                return Argument(derived, Source.DERIVED, f"{argument.value!r} is in {derived}")
    return None


def _composed(slot: Slot, call: Call, text: str, done: list[Result]) -> Argument | None:
    clause = without(text, call.span, [a.span for a in call.arguments.values() if a.span])
    given = [
        a
        for a in call.arguments.values()
        if a.source not in (Source.COMPOSED, Source.COMPOSED_FROM_RESULTS, Source.SHARED)
    ]
    values = [str(a.value) for a in given if isinstance(a.value, str) and not a.span]
    said = gist(clause, slot.tool_terms, values, slot.tool).lower().strip(" .")
    pronoun = said in PRONOUNS
    refers = (
        said in REFERENCES
        or said.removeprefix("the ") in REFERENCES
        or (call.profile.sends and (pronoun or _about_it(clause)))
    )
    if refers and not done:
        call.refers.append(slot.name)  # "email her the answer": the answer is still to come
        return None
    stated = problem(text, [str(a.value) for a in given if isinstance(a.value, str)])
    if done and (
        refers or (call.profile.sends and not said)
    ):  # a reply reports what the calls found
        reply = compose_reply(slot, _topic(done, stated or text), done)
        return Argument(
            reply,
            Source.COMPOSED_FROM_RESULTS,
            "written from the results of " + ", ".join(dict.fromkeys(r.tool for r in done)),
        )
    if shaped := _like_example(slot, clause):
        return Argument(shaped, Source.MENTIONED, "shaped like the described example")
    written = None if pronoun else compose(slot, clause, values, done)
    if written is None and stated:
        written = (
            from_statement(slot, stated),
            False,
        )  # "log a ticket": about what the request says is wrong
    if written is None:  # "an email: 'Lunch at 1?'": the words given for one text serve the other
        other = next(
            (
                a
                for n, a in call.arguments.items()
                if a.span and (s := call.profile.slot(n)) and s.kind == Kind.TEXT
            ),
            None,
        )
        return (
            Argument(other.value, Source.SHARED, "the same words as another part of the message")
            if other
            else None
        )
    text, from_results = written
    return Argument(
        text,
        Source.COMPOSED_FROM_RESULTS if from_results else Source.COMPOSED,
        "written from the request" + (" and the results" if from_results else ""),
    )


def _like_example(slot: Slot, clause: str) -> str | None:
    """A short code shaped like the described example ("E.g., 'C4'"): "starting with C4"
    gives "C4", the one token of that shape the request has."""
    for example in slot.examples:
        if not re.fullmatch(r"[A-Z]{1,2}\d{1,2}", example):
            continue
        shape = rf"(?<![\w-])[A-Z]{{{len(example.rstrip('0123456789'))}}}\d{{1,2}}(?![\w-])"
        found = set(re.findall(shape, clause))
        if len(found) == 1:
            return found.pop()
    return None


_ABOUT_IT = re.compile(
    r"\b(?:about it|about this|about that|on it|the answer|the results?|what you (?:find|found|learn))\b",
    re.I,
)


def _about_it(clause: str) -> bool:
    return bool(_ABOUT_IT.search(clause))


def _topic(done: list[Result], stated: str) -> str:
    """What the request is about, as the calls made for it put it: a ticket's subject, a
    search's query; else what the request says."""
    for result in done:
        for name in ("subject", "title", "query", "topic", "summary"):
            value = result.arguments.get(name)
            if isinstance(value, str) and value.strip():
                return value
    return stated


def _share(call: Call, calls: list[Call], text: str) -> None:
    """Values said once serve several calls: the same parameter of another call, or
    another call's parameter this call's words name ("at the destination")."""
    said = set(terms(text[call.span[0] : call.span[1]]))
    others = [c for c in reversed(calls[: calls.index(call)])] + calls[calls.index(call) + 1 :]
    for slot in call.profile.slots:
        if slot.name in call.arguments or not slot.required or slot.role == Role.COMPOSED:
            continue
        for other in others:
            if other.intent == call.intent and other.profile.name == call.profile.name:
                continue  # a call of the same intent carries values over already
            donor = other.arguments.get(slot.name)
            key = slot.name
            if donor is None:
                key = next(
                    (
                        k
                        for k in other.arguments
                        if set(identifier_terms(k)) & said - {"find", "get"}
                        and _kind_of(other, k) == slot.kind
                    ),
                    "",
                )
                donor = other.arguments.get(key) if key else None
            if donor is not None and donor.source not in (Source.COMPOSED, Source.DEFAULT):
                why = (
                    "said once for several calls"
                    if key == slot.name
                    else f"the {key} of {other.profile.name}"
                )
                call.arguments[slot.name] = Argument(donor.value, Source.SHARED, why)
                break


def _kind_of(call: Call, name: str) -> Kind | None:
    slot = call.profile.slot(name)
    return slot.kind if slot else None


def has_words(text: str) -> bool:
    return bool(re.search(r"[A-Za-z]", text))
