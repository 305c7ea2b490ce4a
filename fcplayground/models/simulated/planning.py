"""Planning: the calls of a request as a small graph, each with a status.

- **done**: made already for this request (a retry when its error can be fixed);
- **waits**: needs what another call will return (a ``customer_id`` "as returned by
  lookup_customer"), comes after the calls before "then", or is the last step (a reply
  that reports on the other calls); a producer the request did not name is added when
  it can run;
- **asks**: needs a fact nobody gave and no call can produce;
- **ready**: everything else; the parallel flag lets only the first of them through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ...chat import ToolCall, ToolSpec
from .binding import Call, bind
from .completing import complete
from .extractors import Candidate
from .intents import Intent
from .profiles import ToolProfile
from .reading import Done, Reading
from .results import producer
from .vocabulary import Kind, Source, Status

_LAST_STEP = re.compile(
    r"\b(?:last step|final step|once you (?:know|have)|when (?:you are|you're) done|after (?:the|all) other|at the end)\b",
    re.I,
)


@dataclass
class Planned:
    """One call the model considered, and what became of it."""

    call: Call
    status: Status
    reason: str = ""
    waits_on: list[str] = field(default_factory=list)
    guessed: list[str] = field(default_factory=list)
    added: bool = False  # a producer the request did not name


def plan(text: str, candidates: list[Candidate], intents: list[Intent], reading: Reading,
         specs: list[ToolSpec], profiles: list[ToolProfile], allows_parallel: bool) -> list[Planned]:  # fmt: skip
    """Every call the request needs, with its status."""
    calls = bind(text, candidates, intents, reading.today)
    complete(calls, text, reading)
    calls = _with_producers(calls, text, candidates, reading, specs, profiles)
    calls = _distinct(calls)
    done = list(reading.done)
    planned = [_match_done(c, done) for c in calls]
    for p in planned:
        p.added = p.call.intent == -1  # inserted by _with_producers
    _order(planned, specs, profiles)
    _gate(planned, allows_parallel)
    return planned


def _with_producers(calls: list[Call], text: str, candidates: list[Candidate], reading: Reading,
                    specs: list[ToolSpec], profiles: list[ToolProfile]) -> list[Call]:  # fmt: skip
    """Add the call that would produce a missing value, when the request lets it run."""
    by_name = {p.name: (p, s) for p, s in zip(profiles, specs, strict=True)}
    described = {s.name: s.description or "" for s in specs}
    planned = {c.profile.name for c in calls}
    out = list(calls)
    for call in calls:
        for name in call.missing:
            slot = call.profile.slot(name)
            source = producer(slot, call.profile.name, profiles, described) if slot else None
            if source is None or source in planned:
                continue
            profile, spec = by_name[source]
            intent = Intent(profile, spec, 0.0, [(0, len(text))])
            extra = bind(text, candidates, [intent], reading.today)[:1]
            complete(extra, text, reading)
            if extra and not extra[0].missing and _fits(extra[0]):
                extra[0].intent = -1  # before every intent of the request
                out.insert(out.index(call), extra[0])  # just before the call it serves
                planned.add(source)
    return out


# Readings of the request's own values (not defaults, composed text or results).
_FROM_REQUEST = frozenset({Source.UNIT, Source.DIRECTION, Source.ORDER, Source.MENTIONED,
                           Source.NAMED_LIST, Source.LIST, Source.WHOLE_LIST, Source.DERIVED})  # fmt: skip
# Kinds any value of the request may be bound into: they say nothing of what it is.
_ANY_VALUE = frozenset({Kind.ID, Kind.STRING, Kind.TEXT})


def _fits(call: Call) -> bool:
    """Does a producer the request did not name fit the request? Only by its values: each
    one it takes from the request follows the words for its parameter or is of the very
    kind the parameter asks for (a name, an email address), never just the next code of
    the request in a code parameter (ORD-1234 in a campaign id)."""
    for name, argument in call.arguments.items():
        slot = call.profile.slot(name)
        if argument.source in _FROM_REQUEST and (slot is None or slot.kind in _ANY_VALUE):
            return False
    return True


def _distinct(calls: list[Call]) -> list[Call]:
    """The same call asked twice in one request ("Jane here (jane@example.com) ... email me")
    is made once."""
    out: list[Call] = []
    for call in calls:
        if not any(
            c.profile.name == call.profile.name and c.values == call.values and not call.missing
            for c in out
        ):
            out.append(call)
    return out


def _match_done(call: Call, done: list[Done]) -> Planned:
    """A call already made for this request is done (or retried once after a fixable
    error)."""
    same = next(
        (d for d in done if d.call.name == call.profile.name and d.call.arguments == call.values),
        None,
    )
    same = same or next((d for d in done if d.call.name == call.profile.name), None)
    if same is None:
        return Planned(call, Status.READY)
    done.remove(same)
    result = same.result
    if result is not None and result.is_error and _fixable(call, same):
        return Planned(
            call,
            Status.RETRY,
            f"retries after the error: {result.content.splitlines()[0] if result.content else ''}",
        )
    return Planned(call, Status.DONE, "made earlier in this conversation")


def _fixable(call: Call, done: Done) -> bool:
    """Retry once when the error names an argument and the new arguments differ."""
    content = done.result.content if done.result else ""
    if "argument" not in content and "parameter" not in content:
        return False
    for name in list(call.arguments):
        if f"'{name}'" in content and "unexpected" in content:
            del call.arguments[name]
    return call.values != done.call.arguments and not call.missing


def _order(planned: list[Planned], specs: list[ToolSpec], profiles: list[ToolProfile]) -> None:
    """Waits: for a producer, for the calls before "then", for the others before a reply."""
    described = {s.name: s.description or "" for s in specs}
    pending = lambda p: p.status in (Status.READY, Status.WAITS, Status.ASKS, Status.RETRY)  # noqa: E731
    for i, p in enumerate(planned):
        if p.status not in (Status.READY, Status.RETRY):
            continue
        call = p.call
        earlier = [q for q in planned[:i] if q.call.intent < call.intent and pending(q)]
        if call.after and earlier:
            _wait(p, earlier, "the request says to do it after {}")
            continue
        others = [
            q
            for q in planned
            if q is not p and pending(q) and q.call.profile.name != call.profile.name
        ]
        if call.refers and others:
            _wait(p, others, "its " + ", ".join(call.refers) + " will say what {} return")
            continue
        if call.refers:  # "translate this": nothing says what "this" is
            call.missing = list(call.refers) + call.missing
        if _LAST_STEP.search(described.get(call.profile.name, "")) and others:
            _wait(p, others, "its description makes it the last step, after {}")
            continue
        if call.missing:
            _missing(p, planned, profiles, described)


def _missing(
    p: Planned, planned: list[Planned], profiles: list[ToolProfile], described: dict[str, str]
) -> None:
    names = [q.call.profile.name for q in planned if q is not p and q.status != Status.DONE]
    others = [pr for pr in profiles if pr.name in names]
    for name in p.call.missing:
        slot = p.call.profile.slot(name)
        source = producer(slot, p.call.profile.name, others, described) if slot else None
        if source is not None:
            p.status, p.reason, p.waits_on = (
                Status.WAITS,
                f"needs {name} from the result of {source}",
                [source],
            )
            return
    p.status, p.reason = Status.ASKS, f"{', '.join(p.call.missing)} not in the request"
    p.guessed = list(p.call.missing)


def _wait(p: Planned, on: list[Planned], why: str) -> None:
    names = list(dict.fromkeys(q.call.profile.name for q in on))
    p.status, p.waits_on, p.reason = Status.WAITS, names, why.format(", ".join(names))


def _gate(planned: list[Planned], allows_parallel: bool) -> None:
    ready = [p for p in planned if p.status in (Status.READY, Status.RETRY)]
    if allows_parallel or len(ready) < 2:
        return
    for p in ready[1:]:
        p.status, p.reason = Status.WAITS, "parallel calls are off: one call per turn"


def to_calls(planned: list[Planned]) -> list[ToolCall]:
    """The tool calls of the calls that are ready."""
    return [
        ToolCall(p.call.profile.name, p.call.values)
        for p in planned
        if p.status in (Status.READY, Status.RETRY)
    ]


def reference_date(reading: Reading) -> date:
    return reading.today
