"""Matching: the values of one stretch of the request assigned to one tool's parameters.

Every value (and every run of listed values, and every reading made for one parameter:
an enum's option, a flag) is scored against every parameter (:mod:`.affinity`); the
assignment with the best total wins (:mod:`.assignment`). A run serves either whole (an
array, or one call per item) or as its items (two values for two parameters), whichever
serves better; two values that share words are never both used.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass
from datetime import date

from . import extractors
from .affinity import Fit, fit
from .assignment import best_assignment
from .extractors import Candidate
from .memo import Memo
from .runs import Run, find_ranges, find_runs, named_slots
from .slots import Slot
from .vocabulary import Kind, Source, Tag

_READ_RUNS = (Kind.ENUM, Kind.PATH, Kind.BOOL)  # a slot's own readings that can list
FLOOR = 0.45  # the least a value must score to fill a parameter
# Kinds of value that compete for the same parameters, ranked together by position.
_NAMES = {Kind.NAME, Kind.PLACE, Kind.QUOTED}
_FAMILIES = {Kind.NAME: _NAMES, Kind.PLACE: _NAMES, Kind.QUOTED: _NAMES, Kind.STRING: _NAMES}
_NESTED_OK = {(Kind.NUMBER, Kind.MATH), (Kind.TIME, Kind.DATE), (Kind.NUMBER, Kind.NAME)}


@dataclass(frozen=True)
class Scope:
    """The whole request: its text, reference date and every value found in it."""

    text: str
    today: date
    candidates: list[Candidate]

    def inside(self, span: tuple[int, int]) -> list[Candidate]:
        return [c for c in self.candidates if span[0] <= c.start and c.end <= span[1]]


@dataclass(frozen=True)
class _Unit:
    """A column of the assignment: one value, a run of values, or a reading for one slot."""

    candidate: Candidate | None = None
    run: Run | None = None
    only: str = ""  # the one slot a slot reader's value is for
    rank: int = -1  # a slot reader's value: its place among that reader's values of its kind

    @property
    def members(self) -> tuple[Candidate, ...]:
        return self.run.items if self.run else (self.candidate,)  # type: ignore[return-value]


# The assignments of recent (request words, values, slots, span): every turn of an agent
# loop binds the same question to the same tools again.
ASSIGNMENTS: Memo[dict[str, tuple[_Unit, Fit]]] = Memo(1024)


def assign(
    scope: Scope, slots: tuple[Slot, ...], span: tuple[int, int]
) -> dict[str, tuple[_Unit, Fit]]:
    """The best assignment of this span's values to the slots (see :func:`_assign`),
    remembered by content: the same words and reference date, the same values (a value is
    known by its kind and place in those words), the same slots and span."""
    values = tuple(
        (c.kind, c.start, c.end, c.text, c.strength, c.evidence, c.unit, c.tags)
        for c in scope.candidates
    )
    key = (scope.text, scope.today, values, slots, span)
    return dict(ASSIGNMENTS.find(key, lambda: _assign(scope, slots, span)))


def _assign(
    scope: Scope, slots: tuple[Slot, ...], span: tuple[int, int]
) -> dict[str, tuple[_Unit, Fit]]:
    """The best assignment of this span's values to the slots: each run either as a whole
    or as its items, whichever serves the slots better; then no two chosen values that
    share words."""
    units = _units(scope, slots, span)
    if not units or not slots:
        return {}
    matrix = [[_score(scope, slot, u, span, slots).score for u in units] for slot in slots]
    _named_lists(scope.text, slots, span, units, matrix)
    for j, unit in enumerate(units):
        if unit.run is None:
            continue
        items = [
            k
            for k, u in enumerate(units)
            if u.run is None and u.candidate in unit.run.items and u.only == unit.only
        ]
        whole = _total(_masked(matrix, items), units)
        split, used = _split(_masked(matrix, [j]), units, unit.run)
        # a hosted model never drops listed values: split only when every item is used
        matrix = _masked(
            matrix, items if whole > split or (whole > 0 and used < len(unit.run.items)) else [j]
        )
    pairs = _solve(matrix, units, 3)
    return {
        slots[i].name: (units[j], _score(scope, slots[i], units[j], span, slots))
        for i, j in pairs.items()
    }


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
        options.append(_solve(trimmed, units, depth - 1) if depth else _unclashed(trimmed, units))
    return max(options, key=lambda p: sum(matrix[i][j] for i, j in p.items()))


def _unclashed(matrix: list[list[float]], units: list[_Unit]) -> dict[int, int]:
    """The best assignment, less the weaker of any two chosen values that share words."""
    pairs = best_assignment(matrix, FLOOR)
    while clash := _clash(pairs, units, matrix):
        weaker = min(clash, key=lambda pair: matrix[pair[0]][pair[1]])
        del pairs[weaker[0]]
    return pairs


def _masked(matrix: list[list[float]], columns: list[int]) -> list[list[float]]:
    return [[0.0 if j in columns else v for j, v in enumerate(row)] for row in matrix]


def _total(matrix: list[list[float]], units: list[_Unit]) -> float:
    """The best total of an assignment in which no two values share words."""
    return sum(matrix[i][j] for i, j in _solve(matrix, units, 1).items())


def _split(matrix: list[list[float]], units: list[_Unit], run: Run) -> tuple[float, int]:
    """The best total with a run's items as values of their own, and how many of the items
    it uses (an item counts as used when a part of it is: "Boston" of "Boston, MA")."""
    pairs = _solve(matrix, units, 1)
    chosen = [units[j].candidate for j in pairs.values() if units[j].candidate is not None]
    used = sum(any(c.overlaps(item) for c in chosen) for item in run.items)
    return sum(matrix[i][j] for i, j in pairs.items()), used


def _units(scope: Scope, slots: tuple[Slot, ...], span: tuple[int, int]) -> list[_Unit]:
    """The columns: each value of the span, each run, and readings made for one slot."""
    text = scope.text
    inside = scope.inside(span)
    if any(s.kind == Kind.ARRAY for s in slots):
        inside = _unlisted(inside)
    units = [_Unit(candidate=c) for c in inside]
    request = extractors.Request(text[span[0] : span[1]], scope.today)
    readings = {slot.name: _unread(_readings(request, slot, span), inside) for slot in slots}
    for slot in slots:
        found = readings[slot.name]
        units += [_Unit(candidate=c, only=slot.name, rank=_reading_rank(c, found, readings))
                  for c in found]  # fmt: skip
        for run in find_runs(text, [c for c in found if c.kind in _READ_RUNS], True):
            units.append(
                _Unit(run=run, only=slot.name)
            )  # "copper and aluminum", "in src and in tests"
    runs = find_runs(text, inside)
    units += [_Unit(run=run) for run in runs + find_ranges(text, inside)]
    # "two numbers: 40 and 50": the spelled-out number counts the values that follow
    listed = [k for k in inside if k.kind == Kind.LIST]
    counting = {
        id(c)
        for c in inside
        if Tag.WORD in c.tags
        and (
            any(r.start > c.end and len(r.items) == c.value for r in runs)
            or sum(k.start > c.end for k in listed) == c.value  # "two points (3,4) and (1,2)"
        )
    }
    return [u for u in units if u.candidate is None or id(u.candidate) not in counting]


def _readings(request: extractors.Request, slot: Slot, span: tuple[int, int]) -> list[Candidate]:
    """The values read for this one slot ("yellow" for a colour), placed in the request."""
    target = (
        slot.items
        if slot.kind == Kind.ARRAY and slot.items and slot.items.kind == Kind.ENUM
        else slot
    )
    return [c.moved(span[0]) for c in extractors.for_slot(request, target)]


_NAMED = frozenset({Kind.NAME, Kind.PLACE, Kind.QUOTED})


def _unread(found: list[Candidate], inside: list[Candidate]) -> list[Candidate]:
    """An example the description gives counts as one only for words no other reading
    takes: "spin" for "e.g. spin, yoga", not the name "La Liga" among other leagues."""
    return [
        dataclasses.replace(c, tags=c.tags - {Tag.EXAMPLE})
        if Tag.EXAMPLE in c.tags
        and any(o.start <= c.start and c.end <= o.end and o.kind in _NAMED for o in inside)
        else c
        for c in found
    ]


def _reading_rank(
    c: Candidate, found: list[Candidate], readings: dict[str, list[Candidate]]
) -> int:
    """ "Mix yellow and blue" for two colour slots: the first colour read is the first
    slot's; a value read for one slot only has no place among others (-1)."""
    shared = sum(any((r.start, r.end) == (c.start, c.end) for r in rs) for rs in readings.values())
    if c.kind == Kind.PHRASE or shared < 2:
        return -1
    return sorted(f.start for f in found if f.kind == c.kind).index(c.start)


def _unlisted(inside: list[Candidate]) -> list[Candidate]:
    """ "[10, 15, 12]", "(33.4 N, 112.1 W)" for a parameter that takes a list: the list, not
    the numbers in it."""
    lists = [c for c in inside if c.kind == Kind.LIST]
    return [
        c
        for c in inside
        if not any(k is not c and k.start <= c.start and c.end <= k.end for k in lists)
    ]


def _score(
    scope: Scope, slot: Slot, unit: _Unit, span: tuple[int, int], slots: tuple[Slot, ...]
) -> Fit:
    """The fit of one column for one slot."""
    if unit.only and unit.only != slot.name:
        return Fit(0.0, Source.ORDER, "")
    first = unit.members[0]
    family = _FAMILIES.get(first.kind, {first.kind})
    # positions count across the whole request: the second number for the second slot
    same = [
        c
        for c in scope.candidates
        if c.kind in family and Tag.FACET not in c.tags and Tag.WORD not in c.tags
    ]
    rank = next((i for i, c in enumerate(same) if c is first), unit.rank)
    peers = [
        s
        for s in slots
        if _FAMILIES.get(s.kind, {s.kind}) == _FAMILIES.get(slot.kind, {slot.kind})
        and s.required == slot.required
    ]
    slot_rank = peers.index(slot) if slot in peers else -1
    f = fit(slot, _lead(unit), scope.text, span[0], same, rank, slot_rank)
    if unit.run is not None:  # the items serve the slot together: the best one speaks
        for item in unit.members[1:]:
            rank = next((i for i, c in enumerate(same) if c is item), -1)
            other = fit(slot, item, scope.text, span[0], same, rank, slot_rank)
            f = other if other.score > f.score else f
    if f.score <= 0 or not _valid(slot, unit):
        return Fit(0.0, f.source, f.detail)
    if unit.run is not None:
        if unit.run.span and slot.kind != Kind.ARRAY:
            return Fit(0.0, f.source, f.detail)  # a range is one list, never one call per end
        if (
            unit.run.kind == Kind.PHRASE
            and slot.kind != Kind.ARRAY
            and len(unit.run.items) < 3
            and not _articled(scope.text, unit.run)
        ):
            return Fit(
                0.0, f.source, f.detail
            )  # two plain words joined by "and" are seldom two calls
        bonus = 0.5 if slot.kind == Kind.ARRAY and unit.run.kind != Kind.LIST else 0.1
        return Fit(
            f.score + bonus, Source.LIST if slot.kind != Kind.ARRAY else Source.WHOLE_LIST, f.detail
        )
    if slot.kind == Kind.ARRAY and first.kind != Kind.LIST:
        return Fit(f.score * 0.8, f.source, f.detail)
    return f


def _lead(unit: _Unit) -> Candidate:
    """The value that speaks for a column: a run's first item, with the unit said once
    after the last ("10, 20 and 30 years" are all years)."""
    first = unit.members[0]
    last = unit.members[-1]
    if unit.run is not None and first.kind == Kind.NUMBER and not first.unit and last.unit:
        return dataclasses.replace(first, unit=last.unit)
    return first


_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an|my|our|your)\s$", re.I)


def _articled(text: str, run: Run) -> bool:
    """ "the kettle and the toaster": things, each with its article, one call each."""
    return all(_ARTICLE_BEFORE.search(text[max(0, c.start - 6) : c.start]) for c in run.items)


def _valid(slot: Slot, unit: _Unit) -> bool:
    """An enum takes only its own options."""
    target = slot.items if slot.kind == Kind.ARRAY and slot.items else slot
    if not target.enum:
        return True
    return all(extractors.convert(c, target) in target.enum for c in unit.members)


def _named_lists(
    text: str,
    slots: tuple[Slot, ...],
    span: tuple[int, int],
    units: list[_Unit],
    matrix: list[list[float]],
) -> None:
    """ "base and height as 6 and 10": each item goes to the parameter named in its place."""
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


def _clash(
    pairs: dict[int, int], units: list[_Unit], matrix: list[list[float]]
) -> tuple[tuple[int, int], tuple[int, int]] | None:
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
            if _quoted_option(x, y) or _quoted_option(y, x):
                return True  # "'Open', 'Close'": quoted options are the option's values
            if x.overlaps(y) and {x.kind, y.kind} == {Kind.ENUM, Kind.DATE}:
                return True  # "on Tuesday" is the option 'tuesday' or a date, not both
            if (
                x.kind == y.kind == Kind.PLACE
                and x.overlaps(y)
                and (Tag.FACET in x.tags) != (Tag.FACET in y.tags)
            ):
                return True  # "Boston, MA" and its part "MA" are one value
            if (
                x.overlaps(y)
                and Tag.FACET not in x.tags
                and Tag.FACET not in y.tags
                and x.kind != Kind.ENUM
                and y.kind != Kind.ENUM
            ):
                return (x.kind, y.kind) not in _NESTED_OK and (y.kind, x.kind) not in _NESTED_OK
    return False


def _quoted_option(option: Candidate, quoted: Candidate) -> bool:
    """Is ``quoted`` nothing but the option ``option`` ("'Open'", "the Lamarck model")?"""
    return (
        option.kind == Kind.ENUM
        and quoted.kind in (Kind.QUOTED, Kind.NAME, Kind.PHRASE)
        and Tag.FACET not in quoted.tags
        and option.overlaps(quoted)
        and str(quoted.value).strip("'\"").lower() == option.text.lower()
    )
