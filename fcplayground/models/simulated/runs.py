"""Runs: values listed together ("Paris and Tokyo", "5, 7 and 9", "tomatoes, basil and
garlic"), and parameters named in a list before them ("base and height as 6 and 10").

A run is several values of one kind with only list words between them. Binding gives a
run to an array parameter whole, spreads it over as many parameters of its kind, or
makes one call per item; a run that a list of parameter names introduces goes to those
parameters in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cues import similar
from .extractors import Candidate
from .levels import nested
from .slots import Slot
from .vocabulary import Kind, Tag

_GAP = re.compile(
    r"['\"]?\s?(?:,|;|&|\band\b|\bor\b|\bvs\.?|\bversus\b|\bas well as\b|\bplus\b|,\s?and\b|,\s?or\b)\s?"
    r"(?:(?:in|of|for|at|to|from|on|the|a|an|with)\s)*['\"]?",
    re.I,
)
_NAMES_BEFORE = re.compile(
    r"((?:(?<![\w-])[A-Za-z_][\w-]*\s?)(?:(?:,\s?|\s(?:and|&)\s)(?:the\s)?[A-Za-z_][\w-]*){1,6})\s?(?:of|as|are|is|=|:|be|being|were|was|equal to|respectively)?\s?(?:the\s)?$",
    re.I,
)
RUN_KINDS = {Kind.NUMBER, Kind.PLACE, Kind.NAME, Kind.PHRASE, Kind.QUOTED, Kind.DATE, Kind.ID,
             Kind.EMAIL, Kind.CURRENCY, Kind.TICKER, Kind.LANGUAGE, Kind.URL, Kind.PATH,
             Kind.TIMEZONE, Kind.FLIGHT, Kind.ENUM, Kind.TIME, Kind.ISBN, Kind.LIST, Kind.BOOL}  # fmt: skip
_SIMILAR = {Kind.PLACE: {Kind.PLACE, Kind.NAME}, Kind.NAME: {Kind.PLACE, Kind.NAME, Kind.QUOTED},
            Kind.QUOTED: {Kind.QUOTED, Kind.NAME}}  # fmt: skip


@dataclass(frozen=True)
class Run:
    """Values of one kind listed together."""

    items: tuple[Candidate, ...]
    respectively: bool = False
    span: bool = False  # "from 1 to 3", "between -1 and 2": the two ends of one range

    @property
    def kind(self) -> Kind:
        return self.items[0].kind

    @property
    def start(self) -> int:
        return self.items[0].start

    @property
    def end(self) -> int:
        return self.items[-1].end


def listed(text: str, a: Candidate, b: Candidate, loose: bool = False) -> bool:
    """Are ``a`` and ``b`` items of one list (only list words between them; ``loose``: and
    perhaps one word that qualifies the next, "status and scheduled trial date")?"""
    if b.start < a.end:
        return False
    gap = text[a.end : b.start]
    return (_LOOSE_GAP if loose else _GAP).fullmatch(gap) is not None


_LOOSE_GAP = re.compile(_GAP.pattern + r"(?:[a-z]+\s)?", re.I)


_RANGE = re.compile(r"^\s?(?:to|-|–|and|until|through)\s?(?:[a-z]\s?=\s?)?$", re.I)
_RANGE_START = re.compile(
    r"\b(?:from|between|range(?: of)?|interval(?: of)?)\s(?:[a-z]\s?=\s?)?$", re.I
)


def find_ranges(text: str, candidates: list[Candidate]) -> list[Run]:
    """ "from x=1 to x=3", "between -1 and 2", "from 2015 to 2021": the two ends of a range,
    for a parameter that takes a range as a list."""
    out = []
    numbers = sorted(
        (
            c
            for c in candidates
            if c.kind in (Kind.NUMBER, Kind.DATE, Kind.TIME) and Tag.FACET not in c.tags
        ),
        key=lambda c: c.start,
    )
    for a, b in zip(numbers, numbers[1:], strict=False):
        if (
            a.kind == b.kind
            and _RANGE.match(text[a.end : b.start])
            and _RANGE_START.search(text[max(0, a.start - 20) : a.start])
        ):
            out.append(Run((a, b), span=True))
    return out


def find_runs(text: str, candidates: list[Candidate], loose: bool = False) -> list[Run]:
    """Every run of two or more values of one kind, in order (``loose``: see :func:`listed`)."""
    formulas = [c for c in candidates if c.kind == Kind.MATH]
    ordered = sorted(
        (c for c in candidates if c.kind in RUN_KINDS and Tag.FACET not in c.tags
         and not (c.kind == Kind.LIST and not c.text.startswith("["))),  # "(3, 4)" is a point
        key=lambda c: c.start,
    )  # fmt: skip
    lists = [c for c in ordered if c.kind == Kind.LIST]
    # the values inside "[45, 12]" list among themselves, the lists among themselves
    levels: dict[int, list[Candidate]] = {}
    for c in ordered:
        levels.setdefault(_inside([k for k in lists if k is not c], c), []).append(c)
    runs = [r for level in levels.values() for r in _runs_of(text, level, formulas, loose)]
    return sorted(runs, key=lambda r: r.start)


def _runs_of(
    text: str, ordered: list[Candidate], formulas: list[Candidate], loose: bool = False
) -> list[Run]:
    runs: list[Run] = []
    current: list[Candidate] = []
    for c in ordered:
        if (
            current
            and _same_kind(current[-1], c)
            and listed(text, current[-1], c, loose)
            and not _digits_and_words(current[-1], c)
            and not nested(text, current[-1], c)
            and _inside(formulas, current[-1]) == _inside(formulas, c)
        ):
            head, current = _unit_break(current, c)
            if len(head) > 1:
                runs.append(_run(text, head))
            current.append(c)
            continue
        if len(current) > 1:
            runs.append(_run(text, current))
        current = [c]
    if len(current) > 1:
        runs.append(_run(text, current))
    return runs


def _unit_break(current: list[Candidate], c: Candidate) -> tuple[list[Candidate], list[Candidate]]:
    """ "a rate of 5%, for 10, 20 and 30 years": numbers in another unit belong to another
    list; the bare numbers just before the new unit go with it. (The items before the
    break, the items the new value joins.)"""
    if c.kind != Kind.NUMBER or not c.unit:
        return [], current
    marked = [i for i, o in enumerate(current) if o.unit]
    if not marked or all(current[i].unit == c.unit for i in marked):
        return [], current
    cut = marked[-1] + 1
    return current[:cut], current[cut:]


def _inside(formulas: list[Candidate], c: Candidate) -> int:
    """Which formula a value is part of (-1: none); "6 by 7 and 8 by 9" are two products."""
    return next((i for i, f in enumerate(formulas) if f.start <= c.start and c.end <= f.end), -1)


def _same_kind(a: Candidate, b: Candidate) -> bool:
    return b.kind in _SIMILAR.get(a.kind, {a.kind})


def _digits_and_words(a: Candidate, b: Candidate) -> bool:
    """ "3 and two" is no list: a digit and a spelled-out number count different things."""
    return a.kind == Kind.NUMBER and (Tag.WORD in a.tags) != (Tag.WORD in b.tags)


def _run(text: str, items: list[Candidate]) -> Run:
    after = text[items[-1].end : items[-1].end + 40].lower()
    return Run(
        tuple(items),
        "respectively" in after
        or "respectively" in text[max(0, items[0].start - 30) : items[0].start].lower(),
    )


def named_slots(text: str, run: Run, slots: list[Slot], floor: int) -> list[Slot] | None:
    """The parameters a list of names right before the run names, in order ("base and
    height as 6 and 10"), when there are as many as the run has items."""
    m = _NAMES_BEFORE.search(text[floor : run.start])
    if not m:
        return None
    words = [w for w in re.split(r",\s?|\s(?:and|&)\s", m.group(1).strip()) if w]
    words = [re.sub(r"^the\s", "", w.strip(), flags=re.I) for w in words]
    if len(words) != len(run.items):
        return None
    chosen: list[Slot] = []
    for word in words:
        slot = next(
            (
                s
                for s in slots
                if s not in chosen and (similar(word, s.cues) or word.lower() == s.name.lower())
            ),
            None,
        )
        if slot is None:
            return None
        chosen.append(slot)
    return chosen
