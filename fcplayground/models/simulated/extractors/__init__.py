"""Extractors: one module per kind of value, and the table that orders them.

:data:`TABLE` lists every extractor, most particular first: where two readings of the
same words compete ("LH 454" as a flight number or as a name and a number), the earlier
one wins. :func:`extract` runs them all over a request; :func:`slot_kind` asks them which
kind of value a parameter wants. Adding a kind of value means writing its module and
adding it here (and its member to :class:`~..vocabulary.Kind`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from datetime import date
from functools import lru_cache
from typing import Any

from ..vocabulary import Kind, Tag
from ..words import identifier_terms, split_identifier
from . import (
    addresses,
    colours,
    commands,
    currencies,
    dates,
    emails,
    example_forms,
    flags,
    flights,
    formulas,
    hierarchies,
    ids,
    isbns,
    languages,
    lists,
    names,
    numbers,
    offers,
    options,
    paths,
    phones,
    phrases,
    places,
    quoted,
    tickers,
    times,
    timezones,
    units,
    urls,
    versions,
)  # fmt: skip
from .base import Candidate, Extractor, Request, coerce

TABLE: list[Extractor] = [
    urls.EXTRACTOR, emails.EXTRACTOR, quoted.EXTRACTOR, timezones.EXTRACTOR, paths.EXTRACTOR,
    addresses.EXTRACTOR, isbns.EXTRACTOR, dates.EXTRACTOR, times.EXTRACTOR, phones.EXTRACTOR,
    flights.EXTRACTOR, versions.EXTRACTOR, colours.EXTRACTOR, lists.EXTRACTOR, ids.EXTRACTOR, formulas.EXTRACTOR, numbers.EXTRACTOR, currencies.EXTRACTOR,
    units.EXTRACTOR, tickers.EXTRACTOR, languages.EXTRACTOR, places.EXTRACTOR,
    names.EXTRACTOR, phrases.EXTRACTOR, options.EXTRACTOR, flags.EXTRACTOR, commands.EXTRACTOR,
]  # fmt: skip
BY_KIND: dict[Kind, Extractor] = {e.kind: e for e in TABLE}
_RANK = {e.kind: i for i, e in enumerate(TABLE)}
# Readings that may share words: a number inside a formula, a time inside a date, ...
_NESTED = {(Kind.NUMBER, Kind.MATH), (Kind.TIME, Kind.DATE), (Kind.NUMBER, Kind.LIST), (Kind.QUOTED, Kind.LIST),
           (Kind.NUMBER, Kind.NAME)}  # fmt: skip
DIRECTED = {Kind.CURRENCY, Kind.UNIT, Kind.PLACE, Kind.LANGUAGE, Kind.NAME, Kind.TIMEZONE}

__all__ = ["BY_KIND", "TABLE", "Candidate", "Extractor", "Request", "extract", "slot_kind"]


def extract(text: str, today: date) -> list[Candidate]:
    """Every value in ``text``, one reading per stretch of words, in order of position."""
    return list(_extract(text, today))


@lru_cache(maxsize=2048)
def _extract(text: str, today: date) -> tuple[Candidate, ...]:
    request = Request(text, today)
    found = [c for e in TABLE if e.find for c in e.find(request)]
    body = (len(text) - len(text.lstrip()), len(text.rstrip()))
    # a request wrapped in quotes whole is the request, not a quotation in it
    found = [c for c in found if not (c.kind == Kind.QUOTED and (c.start, c.end) == body)]
    found = _retype_quotes(found)
    kept = hierarchies.join_places(text, _resolve(found))
    return tuple(sorted(_directions(text, kept), key=lambda c: (c.start, _RANK[c.kind])))


def _retype_quotes(found: list[Candidate]) -> list[Candidate]:
    """A quotation that holds exactly one value of another kind is that value ('2023-03-01')."""
    out = []
    for c in found:
        if c.kind == Kind.QUOTED:
            inner = [o for o in found if o.kind not in (Kind.QUOTED, Kind.NAME, Kind.PHRASE, Kind.PLACE)
                     and o.text.strip() == str(c.value) and Tag.FACET not in o.tags]  # fmt: skip
            if inner:
                best = min(inner, key=lambda o: _RANK[o.kind])
                out.append(Candidate(best.kind, best.value, c.start, c.end, c.text, best.strength,
                                     best.evidence, best.unit, best.tags, best.items))  # fmt: skip
                continue
        out.append(c)
    return out


def _resolve(found: list[Candidate]) -> list[Candidate]:
    """One reading per stretch of words: the most particular kind, then the longest."""
    # A name holding a number ("Windows 10", "S&P 500") is read before the number in it.
    ordered = sorted(
        found,
        key=lambda c: (
            c.kind == Kind.PHRASE,
            Tag.FACET in c.tags,
            -1 if _numbered_name(c) else _RANK[c.kind],
            -(c.end - c.start),
            c.start,
        ),
    )
    kept: list[Candidate] = []
    near: dict[int, list[Candidate]] = {}  # kept values by stretch of text, to find clashes fast
    for c in ordered:
        stretches = range(c.start // _STRETCH, (max(c.end, c.start + 1) - 1) // _STRETCH + 1)
        clash: list[Candidate] = []
        for k in (k for b in stretches for k in near.get(b, ()) if k.overlaps(c)):
            if all(k is not seen for seen in clash):
                clash.append(k)
        if any(k.kind == c.kind and k.start == c.start and k.end == c.end for k in clash):
            continue  # the same reading twice (a currency inside an amount and on its own)
        if all(_may_share(c, k) for k in clash):
            kept.append(c)
            for b in stretches:
                near.setdefault(b, []).append(c)
    return kept


_STRETCH = 64


def _numbered_name(c: Candidate) -> bool:
    """ "Windows 10", "S&P 500", "Maroon 5": a name of three or more letters and a number."""
    return (
        c.kind == Kind.NAME
        and bool(re.fullmatch(r"[A-Za-z&.'-]{3,}(?: [A-Za-z&.'-]+)* \d{1,4}", c.text))
        and not _A_MONTH.match(c.text)
    )


_A_MONTH = re.compile(
    rf"{dates.MONTH_NAME}\s\d", re.I
)  # "Feb 14" is a day, not a name like "Windows 10"


def _may_share(c: Candidate, k: Candidate) -> bool:
    if Tag.FACET in c.tags:  # the unit of an amount, the hour of a time, a city or its state
        return (k.start <= c.start and c.end <= k.end and Tag.FACET not in k.tags) or (
            c.kind == k.kind == Kind.PLACE
        )
    if Tag.FACET in k.tags and c.kind == k.kind == Kind.PLACE:
        return True
    inside = k.start <= c.start and c.end <= k.end
    season = (
        k.kind == Kind.ID and c.kind == Kind.NUMBER and k.text[:1].isdigit()
    )  # 2019 in "2019-2020"
    if (c.kind, k.kind) == (Kind.NUMBER, Kind.MATH) and k.evidence == "formula":
        return False  # the 3 of "3x^2" is a coefficient, not a value of its own
    return inside and ((c.kind, k.kind) in _NESTED or season)


_FROM = re.compile(
    r"\b(?:from|of|convert(?:ing)?|change|exchange|swap|translate)\s(?:the\s|my\s|this\s|some\s)?$",
    re.I,
)
_TO = re.compile(
    r"(?:\b(?:to|into|towards|as|in|for|how many|how much)|→|->|=>)\s?(?:the\s)?$", re.I
)


def _directions(text: str, found: list[Candidate]) -> list[Candidate]:
    """Tag values of a kind that goes somewhere (currencies, units, places, languages) as
    the source or the target: "from", "to", "into", "in", "how many yen", an amount's own
    currency or unit, and the other one of a pair."""
    out: list[Candidate] = []
    firsts: dict[Kind, int] = {}
    for c in found:
        firsts[c.kind] = min(firsts.get(c.kind, c.end), c.end)
    for c in found:
        if c.kind not in DIRECTED:
            out.append(c)
            continue
        before = text[max(0, c.start - 24) : c.start]
        if _FROM.search(before) and not before.rstrip().lower().endswith("of"):
            c = c.tagged(Tag.SOURCE)
        elif _TO.search(before) and (
            c.kind != Kind.PLACE or re.search(r"\b(?:to|into|towards)\s(?:the\s)?$", before, re.I)
        ):
            if (
                c.kind in (Kind.PLACE, Kind.NAME, Kind.LANGUAGE)
                or firsts[c.kind] <= c.start
                or re.search(r"(?:to|into|how many|how much|→|->|=>)\s?(?:the\s)?$", before, re.I)
            ):
                c = c.tagged(Tag.TARGET)
        elif Tag.FACET in c.tags and c.kind in (Kind.CURRENCY, Kind.UNIT):
            c = c.tagged(Tag.SOURCE)  # "60 euros": the amount's own currency is what it is in
        out.append(c)
    return _pair_up(out)


def _part_of(a: Candidate, b: Candidate, near: list[Candidate]) -> bool:
    """Are two values parts of one longer one ("Sydney" and "Australia" in "Sydney, Australia")?"""
    return any(
        w.start <= min(a.start, b.start)
        and max(a.end, b.end) <= w.end
        and w is not a
        and w is not b
        for w in near
    )


_PAIRED = 80  # characters: how far apart two values of a pair ("from X to Y") may be


def _pair_up(found: list[Candidate]) -> list[Candidate]:
    """The untagged one of two values of a kind takes the side the other does not."""
    ordered = sorted(found, key=lambda c: c.start)
    starts = [c.start for c in ordered]
    out = []
    for c in found:
        if c.kind in DIRECTED and not c.tags & {Tag.SOURCE, Tag.TARGET}:
            near = ordered[
                bisect_left(starts, c.start - _PAIRED) : bisect_right(starts, c.end + _PAIRED)
            ]
            same = [
                o
                for o in near
                if o is not c
                and o.kind == c.kind
                and not o.overlaps(c)
                and not _part_of(o, c, near)
            ]
            if any(Tag.TARGET in o.tags for o in same):
                c = c.tagged(Tag.SOURCE)
            elif any(Tag.SOURCE in o.tags for o in same):
                c = c.tagged(Tag.TARGET)
        out.append(c)
    return out


def for_slot(request: Request, slot: Any) -> list[Candidate]:
    """Values read from the whole request for one parameter (an enum's options, a flag,
    phrases for a plain string)."""
    reader = BY_KIND.get(slot.kind)
    found = list(reader.for_slot(request, slot)) if reader and reader.for_slot else []
    if slot.kind in (Kind.STRING, Kind.NAME, Kind.PLACE):
        found += phrases.read(request, slot)
    if (
        slot.kind == Kind.ARRAY
        and slot.items is not None
        and slot.items.kind in (Kind.STRING, Kind.NAME)
    ):
        found += phrases.read(request, slot.items)  # "recipes using salmon": a list of one
    if slot.kind == Kind.ARRAY and slot.items is not None and slot.items.shown:
        found += options.read_examples(request, slot.items)  # labels its examples give
    if slot.kind == Kind.STRING and (slot.enum or options.quoted_options(slot.description)):
        found += options.read(request, slot)
    elif slot.json_type == "string" and options.maps_words(slot.description):
        found += options.read(request, slot)  # "the plan code: B for business"
    if (
        slot.examples
        and slot.kind in (Kind.STRING, Kind.NAME, Kind.TEXT, Kind.PLACE)
        and not slot.enum
    ):
        # "e.g. vegan, vegetarian": a value the request names, unless it is part of a longer
        # one ("the blue kettle" for "e.g. kettle")
        found += [e for e in options.read_examples(request, slot)
                  if not any(f.start <= e.start and e.end <= f.end and f.end - f.start > e.end - e.start for f in found)]  # fmt: skip
    return found


def slot_fill(candidate: Candidate, slot: Any, kind: Kind) -> float:
    """How well a candidate fills a slot of ``kind``, or a kind its description offers."""
    return max(fill_weight(candidate, k) for k in (kind, *slot.accepts))


def offered_kinds(name: str, description: str, kind: Kind) -> frozenset[Kind]:
    return offers.offered_kinds(name, description, kind)


def fill_weight(candidate: Candidate, slot_kind: Kind) -> float:
    """How well a candidate's kind fills a slot's kind (1 for the same kind)."""
    if candidate.kind == slot_kind:
        return 1.0
    return BY_KIND[candidate.kind].fills.get(slot_kind, 0.0) if candidate.kind in BY_KIND else 0.0


def convert(candidate: Candidate, slot: Any) -> Any:
    """The candidate's value written for the slot (in the form its examples show)."""
    extractor = BY_KIND.get(candidate.kind)
    if extractor is None:
        value = coerce(candidate.value, slot.json_type)
    else:
        value = extractor.convert(candidate, slot)
    return example_forms.shaped(value, candidate, slot) if getattr(slot, "shown", ()) else value


def slot_kind(
    name: str, description: str, schema_format: str, examples: tuple[str, ...]
) -> Kind | None:
    """The kind of value a string parameter wants: from its examples' kind, its format,
    its name's words (the last word, the head noun, counts most: ``color_name`` is a
    name) and its description."""
    if kind := kind_of_examples(examples):
        return kind
    parts = split_identifier(name)
    words = set(parts) | set(identifier_terms(name))
    head = parts[-1] if parts else ""
    if head in ("address", "addr"):  # "to_address": the description says what address
        kind = next((k for rx, k in _ADDRESSES if rx.search(description)), None)
        if kind is not None:
            return kind
    if head in ("unit", "units") and re.search(
        r"\bsystem\b|\bmetric\b|\bimperial\b", description, re.I
    ):
        return None  # a system of measurement, not a unit
    best, best_score = None, 0.0
    for extractor in TABLE:
        score = 0.0
        if schema_format and schema_format in extractor.slot_formats:
            score += 3
        hits = words & extractor.slot_words
        if hits:
            score += 2 + (1.0 if head in hits else 0)
        if extractor.describes and extractor.describes.search(description):
            score += 1
        if score > best_score:
            best, best_score = extractor.kind, score
    if best in _NARROW and examples and not _any_of_kind(examples, best):
        return None  # "the color, such as 'pale', 'amber'": words, not hex codes
    return best if best_score >= 1 else None


_ADDRESSES = (
    (re.compile(r"\be-?mail\b", re.I), Kind.EMAIL),
    (re.compile(r"\bIP(?:v[46])?\b"), Kind.IP),
    (re.compile(r"\b(?:web address|URL)\b", re.I), Kind.URL),
)
# Kinds of an exact form that a parameter's examples may show it does not want.
_NARROW = frozenset({Kind.COLOR, Kind.FLIGHT, Kind.LANGUAGE, Kind.IP, Kind.TIMEZONE, Kind.VERSION})


def _any_of_kind(examples: tuple[str, ...], kind: Kind) -> bool:
    """Does any example hold a value of ``kind``?"""
    return any(c.kind == kind for e in examples[:4] for c in extract(e, date(2026, 1, 15)))


_DISTINCT = {Kind.EMAIL, Kind.URL, Kind.PATH, Kind.IP, Kind.COLOR, Kind.TIMEZONE, Kind.FLIGHT,
             Kind.ISBN, Kind.PHONE, Kind.VERSION, Kind.DATE, Kind.TIME, Kind.ID, Kind.CURRENCY,
             Kind.TICKER, Kind.LANGUAGE, Kind.PLACE}  # fmt: skip


def kind_of_examples(examples: tuple[str, ...]) -> Kind | None:
    """The kind that every example value is, when it is a particular one ("e.g. ORD-1234")."""
    kinds = set()
    for example in examples[:4]:
        found = [c for c in extract(example, date(2026, 1, 15)) if Tag.FACET not in c.tags]
        whole = [c for c in found if c.start == 0 and c.end >= len(example.rstrip(". ")) - 1]
        if not whole or whole[0].kind not in _DISTINCT:
            return None
        kinds.add(whole[0].kind)
    return kinds.pop() if len(kinds) == 1 else None


def number_slot_kind(name: str, description: str) -> Kind:
    return numbers.number_slot_kind(name, description)


def described_unit(name: str, description: str) -> str:
    return units.described_unit(name, description)


def described_date_format(description: str, examples: tuple[str, ...], schema_format: str) -> str:
    return dates.described_date_format(description, examples, schema_format)


def term_words(name: str) -> tuple[str, ...]:
    return identifier_terms(name)
