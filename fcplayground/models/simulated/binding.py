"""Binding: the values of the request assigned to the parameters of the calls it asks for.

For each intent, the pieces that say the same things again ("for a person 6 feet tall
..., also for a person 5.6 feet tall") are calls of their own. Within each call, every
value (and every run of listed values) is scored against every parameter
(:mod:`.affinity`), and the assignment with the best total wins (:mod:`.assignment`),
not the first value that fits. A run given to a parameter that takes one value makes one
call per item, two runs together pair up ("respectively", or equal lengths) or combine.
This is the one place that decides how many calls a request makes.

Parameters left empty are filled the way a hosted model fills them: free text is
composed (:mod:`.composing`), a setting takes its default, a fact may come from an
earlier result (:mod:`.results`) or from another call of the same request ("the
destination"); what remains is missing, and planning decides whether to wait or ask.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ...chat import ToolSpec
from . import extractors
from .affinity import Fit, fit
from .assignment import best_assignment
from .extractors import Candidate
from .intents import Intent, topic_terms
from .profiles import Slot, ToolProfile
from .runs import Run, find_runs, named_slots
from .vocabulary import Kind, Role, Source, Tag

FLOOR = 0.45  # the least a value must score to fill a parameter
MAX_CALLS = 16  # one intent never fans out into more calls than this


@dataclass
class Argument:
    """One argument: its value, where it came from, and whether it is a guess."""

    value: Any
    source: Source
    detail: str = ""
    guessed: bool = False


@dataclass
class Call:
    """A call binding decided on: its arguments so far and what it still lacks."""

    profile: ToolProfile
    spec: ToolSpec
    arguments: dict[str, Argument]
    span: tuple[int, int]
    intent: int
    after: bool = False
    missing: list[str] = field(default_factory=list)  # required facts nobody gave
    refers: list[str] = field(default_factory=list)  # free text that results will supply

    @property
    def values(self) -> dict[str, Any]:
        order = [s.name for s in self.profile.slots]
        return {k: self.arguments[k].value for k in sorted(self.arguments, key=order.index)}


@dataclass(frozen=True)
class _Unit:
    """A column of the assignment: one value, a run of values, or a reading for one slot."""

    candidate: Candidate | None = None
    run: Run | None = None
    only: str = ""  # the one slot a slot reader's value is for

    @property
    def members(self) -> tuple[Candidate, ...]:
        return self.run.items if self.run else (self.candidate,)  # type: ignore[return-value]


def bind(text: str, candidates: list[Candidate], intents: list[Intent], today: date) -> list[Call]:
    """The calls the intents make, with their arguments bound."""
    calls: list[Call] = []
    for index, intent in enumerate(intents):
        previous: dict[str, Argument] = {}
        for span in groups(text, intent, candidates, today):
            for arguments in _bind_group(text, intent, span, candidates, today):
                for name, argument in previous.items():
                    if name not in arguments and argument.source not in (Source.COMPOSED,):
                        arguments[name] = Argument(argument.value, Source.CARRIED, argument.detail)
                calls.append(Call(intent.profile, intent.spec, arguments, span, index, intent.after))
                previous = {k: v for k, v in arguments.items() if v.source != Source.CARRIED or True}
    return calls


_RESTATES = re.compile(r"^\W*(?:and\s|but\s|,\s)*(?:also|another|again|then|next|same|similarly|likewise|as well|repeat|do the same|what about|how about|plus|and for|lastly|finally|second|third)\b", re.I)


def groups(text: str, intent: Intent, candidates: list[Candidate], today: date) -> list[tuple[int, int]]:
    """The spans of the intent that each make a call of their own: a piece that says
    again what the call already has, adds nothing to it, and says so ("also for a person
    5.6 feet tall", "the factorial of 7") starts a new one; any other piece extends the
    current call ("and in Tokyo", "with a gauge pressure of 2 atm")."""
    spans: list[tuple[int, int]] = []
    for start, end in intent.pieces:
        if not spans:
            spans.append((start, end))
            continue
        if _restates(text, intent, spans[-1], (start, end), candidates, today):
            spans.append((start, end))
        else:
            spans[-1] = (spans[-1][0], end)
    return spans


def _restates(text: str, intent: Intent, group: tuple[int, int], piece: tuple[int, int], candidates: list[Candidate], today: date) -> bool:
    if _bare(text, candidates, *piece):
        return False
    said = set(topic_terms(text, candidates, *piece))
    formula = any(c.kind == Kind.MATH and piece[0] <= c.start and c.end <= piece[1] for c in candidates)
    if not (said & intent.profile.core or _RESTATES.match(text[piece[0] : piece[1]]) or formula):
        return False
    alone = _provided(text, intent, piece, candidates, today)
    before = _provided(text, intent, group, candidates, today)
    joined = _provided(text, intent, (group[0], piece[1]), candidates, today)
    return bool(alone & before) and len(joined) <= len(before)


def _bare(text: str, candidates: list[Candidate], start: int, end: int) -> bool:
    """Is the piece nothing but values and list words ("and in Tokyo", "7")?"""
    words = topic_terms(text, candidates, start, end)
    return all(t in ("respectively", "each", "another", "also") for t in words)


def _provided(text: str, intent: Intent, span: tuple[int, int], candidates: list[Candidate], today: date) -> set[str]:
    """The parameters that values inside ``span`` would fill on their own."""
    inside = [c for c in candidates if span[0] <= c.start and c.end <= span[1]]
    got = _assign(text, intent.profile.slots, span, inside, today)
    return {slot for slot, (unit, f) in got.items() if all(m.kind != Kind.PHRASE for m in unit.members)}


def _bind_group(text: str, intent: Intent, span: tuple[int, int], candidates: list[Candidate], today: date) -> list[dict[str, Argument]]:
    inside = [c for c in candidates if span[0] <= c.start and c.end <= span[1]]
    slots = intent.profile.slots
    chosen = _assign(text, slots, span, inside, today)
    by_name = {s.name: s for s in slots}
    fixed: dict[str, Argument] = {}
    spread: list[tuple[Slot, Run]] = []
    for name, (unit, f) in chosen.items():
        slot = by_name[name]
        if unit.run is not None and slot.kind != Kind.ARRAY:
            spread.append((slot, unit.run))
        elif unit.run is not None:
            fixed[name] = Argument([extractors.convert(i, slot.items or slot) for i in unit.run.items], Source.WHOLE_LIST, f"the values listed: {', '.join(i.text for i in unit.run.items)}")
        else:
            value = extractors.convert(unit.candidate, slot.items or slot) if slot.kind == Kind.ARRAY and unit.candidate.kind != Kind.LIST else extractors.convert(unit.candidate, slot)
            if slot.kind == Kind.ARRAY and not isinstance(value, list):
                value = [value]
            fixed[name] = Argument(value, f.source, f.detail)
    return _fan_out(fixed, spread)


def _fan_out(fixed: dict[str, Argument], spread: list[tuple[Slot, Run]]) -> list[dict[str, Argument]]:
    """One call per item of each run given to a one-value parameter: runs of equal length
    (or said "respectively") pair up, others combine."""
    if not spread:
        return [fixed]
    lengths = {len(run.items) for _, run in spread}
    if len(lengths) == 1 or any(run.respectively for _, run in spread):
        rows = list(zip(*(run.items for _, run in spread), strict=False))
    else:
        rows = list(itertools.product(*(run.items for _, run in spread)))
    out = []
    for row in rows[:MAX_CALLS]:
        arguments = dict(fixed)
        for (slot, run), item in zip(spread, row, strict=True):
            others = ", ".join(i.text for i in run.items if i is not item)
            arguments[slot.name] = Argument(extractors.convert(item, slot), Source.LIST, f"{item.text!r}, one of a list with {others}")
        out.append(arguments)
    return out


def _assign(text: str, slots: tuple[Slot, ...], span: tuple[int, int], inside: list[Candidate], today: date) -> dict[str, tuple[_Unit, Fit]]:
    """The best assignment of this span's values to the slots: each run either as a whole
    or as its items, whichever serves the slots better; then no two chosen values that
    share words."""
    units = _units(text, slots, span, inside, today)
    if not units or not slots:
        return {}
    matrix = [[_score(text, slot, u, span, inside, slots).score for u in units] for slot in slots]
    _named_lists(text, slots, span, units, matrix)
    for j, unit in enumerate(units):
        if unit.run is None:
            continue
        items = [k for k, u in enumerate(units) if u.run is None and u.candidate in unit.run.items and u.only == unit.only]
        whole = _total(_masked(matrix, items))
        split = _total(_masked(matrix, [j]))
        matrix = _masked(matrix, items if whole > split else [j])
    pairs = _solve(matrix, units, 3)
    return {slots[i].name: (units[j], _score(text, slots[i], units[j], span, inside, slots)) for i, j in pairs.items()}


def _solve(matrix: list[list[float]], units: list[_Unit], depth: int) -> dict[int, int]:
    """The best assignment in which no two chosen values share words: where two clash,
    the better of leaving out one or the other."""
    pairs = best_assignment(matrix, FLOOR)
    clash = _clash(pairs, units, matrix)
    if clash is None:
        return pairs
    options = []
    for i, j in clash:
        trimmed = [row[:] for row in matrix]
        trimmed[i][j] = 0.0
        options.append(_solve(trimmed, units, depth - 1) if depth else best_assignment(trimmed, FLOOR))
    return max(options, key=lambda p: sum(matrix[i][j] for i, j in p.items()))


def _masked(matrix: list[list[float]], columns: list[int]) -> list[list[float]]:
    return [[0.0 if j in columns else v for j, v in enumerate(row)] for row in matrix]


def _total(matrix: list[list[float]]) -> float:
    return sum(matrix[i][j] for i, j in best_assignment(matrix, FLOOR).items())


def _units(text: str, slots: tuple[Slot, ...], span: tuple[int, int], inside: list[Candidate], today: date) -> list[_Unit]:
    units = [_Unit(candidate=c) for c in inside]
    readings: list[Candidate] = []
    request = extractors.Request(text[span[0] : span[1]], today)
    for slot in slots:
        target = slot.items if slot.kind == Kind.ARRAY and slot.items and slot.items.kind == Kind.ENUM else slot
        found = [c.moved(span[0]) for c in extractors.for_slot(request, target)]
        units += [_Unit(candidate=c, only=slot.name) for c in found]
        readings += [c for c in found if c.kind == Kind.ENUM]
        for run in find_runs(text, [c for c in found if c.kind == Kind.ENUM]):
            units.append(_Unit(run=run, only=slot.name))
    runs = find_runs(text, inside)
    units += [_Unit(run=run) for run in runs]
    # "two numbers: 40 and 50": the spelled-out number counts the values that follow
    counting = {id(c) for c in inside if Tag.WORD in c.tags and any(r.start > c.end and len(r.items) == c.value for r in runs)}
    return [u for u in units if u.candidate is None or id(u.candidate) not in counting]


def _score(text: str, slot: Slot, unit: _Unit, span: tuple[int, int], inside: list[Candidate], slots: tuple[Slot, ...]) -> Fit:
    if unit.only and unit.only != slot.name:
        return Fit(0.0, Source.ORDER, "")
    first = unit.members[0]
    family = _FAMILIES.get(first.kind, {first.kind})
    same = [c for c in inside if c.kind in family and Tag.FACET not in c.tags and Tag.WORD not in c.tags]
    rank = next((i for i, c in enumerate(same) if c is first), -1)
    peers = [s for s in slots if _FAMILIES.get(s.kind, {s.kind}) == _FAMILIES.get(slot.kind, {slot.kind}) and s.required == slot.required]
    f = fit(slot, first, text, span[0], same, rank, peers.index(slot) if slot in peers else -1)
    if f.score <= 0 or not _valid(slot, unit):
        return Fit(0.0, f.source, f.detail)
    if unit.run is not None:
        if unit.run.kind == Kind.PHRASE and slot.kind != Kind.ARRAY:
            return Fit(0.0, f.source, f.detail)  # plain words listed make a list, never calls
        bonus = 0.5 if slot.kind == Kind.ARRAY else 0.1
        return Fit(f.score + bonus, Source.LIST if slot.kind != Kind.ARRAY else Source.WHOLE_LIST, f.detail)
    if slot.kind == Kind.ARRAY and first.kind != Kind.LIST:
        return Fit(f.score * 0.8, f.source, f.detail)
    return f


def _valid(slot: Slot, unit: _Unit) -> bool:
    """An enum takes only its own options."""
    target = slot.items if slot.kind == Kind.ARRAY and slot.items else slot
    if not target.enum:
        return True
    return all(extractors.convert(c, target) in target.enum for c in unit.members)


def _named_lists(text: str, slots: tuple[Slot, ...], span: tuple[int, int], units: list[_Unit], matrix: list[list[float]]) -> None:
    """"base and height as 6 and 10": each item goes to the parameter named in its place."""
    for j, unit in enumerate(units):
        if unit.run is None or unit.only:
            continue
        named = named_slots(text, unit.run, list(slots), span[0])
        if not named:
            continue
        for i in range(len(slots)):
            matrix[i][j] = 0.0
        for item, slot in zip(unit.run.items, named, strict=True):
            col = next((k for k, u in enumerate(units) if u.candidate is item and not u.only), None)
            if col is not None:
                matrix[slots.index(slot)][col] += 1.5


def _clash(pairs: dict[int, int], units: list[_Unit], matrix: list[list[float]]) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Two chosen pairs whose values share words, if any."""
    for (i, j), (k, m) in itertools.combinations(list(pairs.items()), 2):
        if _share_words(units[j], units[m]):
            return (i, j), (k, m)
    return None


def _share_words(a: _Unit, b: _Unit) -> bool:
    for x in a.members:
        for y in b.members:
            if x is y:
                return True
            if x.kind == y.kind == Kind.PLACE and x.overlaps(y) and (Tag.FACET in x.tags) != (Tag.FACET in y.tags):
                return True  # "Boston, MA" and its part "MA" are one value
            if x.overlaps(y) and Tag.FACET not in x.tags and Tag.FACET not in y.tags and x.kind != Kind.ENUM and y.kind != Kind.ENUM:
                return not (x.kind, y.kind) in _NESTED_OK and not (y.kind, x.kind) in _NESTED_OK
    return False


# Kinds of value that compete for the same parameters, ranked together by position.
_NAMES = {Kind.NAME, Kind.PLACE, Kind.QUOTED}
_FAMILIES = {Kind.NAME: _NAMES, Kind.PLACE: _NAMES, Kind.QUOTED: _NAMES, Kind.STRING: _NAMES}
_NESTED_OK = {(Kind.NUMBER, Kind.MATH), (Kind.TIME, Kind.DATE), (Kind.NUMBER, Kind.NAME)}


def required_unfilled(call: Call) -> list[Slot]:
    return [s for s in call.profile.slots if s.required and s.name not in call.arguments]


def role_of(slot: Slot) -> Role:
    return slot.role
