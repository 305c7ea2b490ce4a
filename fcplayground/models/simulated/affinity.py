"""Affinity: how strongly one value of the request belongs to one parameter.

A value fits a parameter by kind (a place for a ``city``, a number for a ``height``), and
belongs to it by the words around it: the parameter's own words just before it ("a
radius of 10", "a=2", "height 5"), the noun just after it ("3 bedrooms"), a unit that
measures what the parameter measures ("45 kg" for a ``mass``), a direction word that puts
it on the parameter's side ("from EUR" for ``from_currency``), and its place among the
values of its kind (the second number for the second numeric parameter). Binding sums
these into one score per pair and then picks the best pairs overall.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cues import cue_strength
from .extractors import Candidate, convert, example_forms, places, slot_fill, units
from .levels import level_fit
from .slots import Slot
from .vocabulary import Kind, Source, Tag
from .words import split_identifier, stem, terms

# What a parameter measures, by the words of its name: a value's unit must measure it too.
CONCEPTS = {
    "[length]": {"distance", "length", "height", "width", "radius", "depth", "diameter", "altitude",
                 "elevation", "perimeter", "circumference", "wavelength", "displacement", "side", "base", "tall", "far"},
    "[mass]": {"weight", "mass", "heavy"},
    "[time]": {"time", "duration", "period", "age", "years", "year", "months", "days", "hours",
               "minutes", "seconds", "interval", "delay", "timeout", "lifetime", "halflife", "term"},
    "[length] / [time]": {"speed", "velocity"},
    "[length] / [time] ** 2": {"acceleration", "gravity"},
    "[temperature]": {"temperature", "temp"},
    "[length] ** 3": {"volume", "capacity"},
    "[length] ** 2": {"area", "surface"},
}  # fmt: skip
_CONCEPT_STEMS = {dim: {stem(w) for w in words} for dim, words in CONCEPTS.items()}
_PRODUCED_BY = re.compile(r"\breturned by\s+\w|\bfrom (?:the result of\s+)?\w+_\w+", re.I)
_DATE_WORDS = re.compile(r"date|\bday|\bwhen\b|time", re.I)
_JUST_TODAY = re.compile(r"(?:for\s|on\s)?(?:today|tonight)", re.I)
_TODAY_ASSUMED = re.compile(
    r"\b(?:current|today'?s?) date\b[^.]{0,30}\b(?:assumed|used|default)|\bdefaults? to (?:the )?(?:current date|today)\b",
    re.I,
)


def _today_by_default(slot: Slot, c: Candidate) -> bool:
    """ "Movies playing today" for an optional date that is null or today when left out:
    a hosted model leaves the date out rather than write today's date."""
    if c.kind != Kind.DATE or not _JUST_TODAY.fullmatch(c.text.strip()):
        return False
    if slot.kind != Kind.DATE:  # nor does "today" name a cinema or a category
        return not slot.required and not _DATE_WORDS.search(f"{slot.name} {slot.description}")
    if slot.required:
        return False
    unset = "default" in slot.schema and str(slot.default).lower() in ("none", "null", "")
    return unset or bool(_TODAY_ASSUMED.search(slot.description))


@dataclass(frozen=True)
class Fit:
    """How well a value fits a parameter, and the strongest reason."""

    score: float
    source: Source
    detail: str


NO_FIT = Fit(0.0, Source.ORDER, "")
EXAMPLE_FIT = 0.5  # a value with the form of the parameter's example inputs ("PO-99120")


def unit_fit(slot: Slot, c: Candidate) -> tuple[float, str]:
    """+ when the value's unit measures what the slot measures, - when it measures another
    thing ("45 kg" for a volume)."""
    if not c.unit or c.unit == "percent" or c.kind != Kind.NUMBER:
        return 0.0, ""
    dim = units.dimension(c.unit)
    if not dim:
        money = c.unit.isupper() and re.search(
            r"amount|price|cost|salary|budget|income|money|fee|value|payment|principal|investment|balance|total|revenue|loan",
            f"{slot.name} {slot.description}",
            re.I,
        )
        return (0.8, f"an amount of money for {slot.name!r}") if money else (0.0, "")
    wanted = units.dimension(slot.unit) if slot.unit else ""
    if wanted:
        if dim.startswith(wanted + " / "):
            return 0.0, ""  # "12,000 miles per year" for a distance in miles
        return (0.9, f"{c.unit} measures what {slot.unit} does") if wanted == dim else (-1.0, "")
    named = {stem(w) for w in re.findall(r"[a-z]+", slot.name.lower())}
    for concept, stems in _CONCEPT_STEMS.items():
        if named & stems:
            if dim.startswith(concept + " / "):
                return 0.0, ""
            return (0.8, f"{c.unit} measures {slot.label}") if concept == dim else (-0.8, "")
    return 0.0, ""


def direction_fit(slot: Slot, c: Candidate) -> float:
    if slot.direction is None or not c.tags & {Tag.SOURCE, Tag.TARGET}:
        return 0.0
    return 0.9 if slot.direction in c.tags else -0.9


_CLOCK_WORDS = frozenset(t for w in ("hour", "minute", "time", "clock") for t in terms(w))


def fit(
    slot: Slot,
    c: Candidate,
    text: str,
    floor: int,
    same_kind: list[Candidate],
    rank: int,
    slot_rank: int,
) -> Fit:
    """The affinity of value ``c`` for ``slot``."""
    target = slot.items if slot.kind == Kind.ARRAY and slot.items and c.kind != Kind.LIST else slot
    base = slot_fill(c, target, target.kind) * c.strength
    if base <= 0:
        return NO_FIT
    own = set(terms(str(c.value)))
    if c.kind == Kind.PHRASE and own and own <= slot.purpose_terms:
        return NO_FIT  # "boiling point" for a tool about boiling points says what, not which
    if (
        slot.kind == Kind.ID
        and c.kind not in (Kind.ID, Kind.NUMBER)
        and _PRODUCED_BY.search(slot.description)
    ):
        return NO_FIT  # "the customer id, as returned by lookup_customer": the email goes there
    if _today_by_default(slot, c):
        return NO_FIT
    if Tag.OPENER in c.tags and set(terms(str(c.value))) <= slot.purpose_terms:
        return NO_FIT  # "Prices of the kettle": a tool word opening the request, not a name
    if Tag.CLOCK in c.tags and not _CLOCK_WORDS & (slot.cues | slot.hints):
        return NO_FIT  # the 1 of "1pm" is an hour: only for a parameter of hours or minutes
    words_about = Tag.WORD in c.tags and any(Tag.WORD not in o.tags for o in same_kind)
    cue, cue_why = cue_strength(slot, c, text, floor, same_kind)
    named = slot.cues | (slot.hints if len(slot.name) <= 2 else frozenset())
    if (
        c.kind == Kind.NUMBER
        and Tag.FACET in c.tags
        and c.evidence
        and not set(terms(c.evidence)) & named
    ):
        return NO_FIT  # "monthly", "next week": a number only for a parameter they name
    if words_about and cue <= 0:
        return NO_FIT  # with digits about, "two numbers" counts things rather than gives a value
    if target.kind == Kind.ID and not _an_id_for(target, c, cue):
        return NO_FIT
    unit, unit_why = unit_fit(slot, c)
    direction = direction_fit(slot, c)
    order = 0.3 if rank == slot_rank and rank >= 0 else 0.0
    extra = _particular(slot, c) + _count_of(slot, c, text) + level_fit(slot, c, same_kind)
    extra += _stars(slot, c, text) + _part_of_whole(slot, c, text)
    extra += EXAMPLE_FIT if slot.shown and example_forms.resembles(slot, c) else 0.0
    score = base + cue + unit + direction + order + extra + (0.2 if slot.required else 0.0)
    if not slot.required and max(cue, unit, direction, extra) <= 0 and not _named_for(slot, c):
        return NO_FIT  # an optional parameter takes a value only when something points at it
    source, detail = _reason(slot, c, cue, cue_why, unit, unit_why, direction, extra)
    return Fit(round(score, 3), source, detail)


def _reason(
    slot: Slot,
    c: Candidate,
    cue: float,
    cue_why: str,
    unit: float,
    unit_why: str,
    direction: float,
    extra: float,
) -> tuple[Source, str]:
    """Which piece of evidence placed ``c`` in ``slot``, for the explanation."""
    if c.kind in (Kind.ENUM, Kind.BOOL) and c.evidence not in ("", "named"):
        return Source.MENTIONED, f"{c.text!r}: {c.evidence}"  # read for this very slot
    if direction > 0:
        return Source.DIRECTION, f"{c.text!r} is on the {slot.direction.value} side"
    if cue >= max(unit, 0.01):
        return Source.CUE, f"{c.text!r}: {cue_why}"
    if unit > 0:
        return Source.UNIT, f"{c.text!r}: {unit_why}"
    if extra > 0 and not c.evidence and slot.shown and example_forms.resembles(slot, c):
        return Source.MENTIONED, f"{c.text!r} has the form of its examples"
    if extra > 0:
        told = f"{c.text!r}: {c.evidence}" if c.evidence else f"{c.text!r} is named in the request"
        return Source.MENTIONED, told
    return Source.ORDER, f"{c.text!r} is the next {c.kind.value} in the request"


# The words of a parameter that takes an email address: its name's or its description's.
_SAYS_EMAIL = re.compile(r"\be-?mails?\b|\bmail\b|\brecipients?\b|\bsenders?\b|\bb?cc\b", re.I)
# The capitals a code starts with, up to its first digit or separator: "ORD" of ORD-1234,
# "" of 2025-Q2 and of 2025-05. One pass, no backtracking.
_CODE_HEAD = re.compile(r"[A-Z]*+(?=[\d_/-])")


def _an_id_for(slot: Slot, c: Candidate, cue: float) -> bool:
    """Can ``c`` be the id ``slot`` asks for? An email address only when the parameter says
    it takes one ("the customer's email or id", "the identifier of the recipient"); a code of another family than every one
    of the parameter's examples (ORD-1234 for "e.g. 2025-Q2" or "e.g. E-0451") only when
    the words before it name the parameter ("ticket ZD-2201")."""
    if c.kind == Kind.EMAIL:
        said = f"{' '.join(split_identifier(slot.name))} {slot.description}"
        return Kind.EMAIL in slot.accepts or bool(_SAYS_EMAIL.search(said))
    if c.kind != Kind.ID or cue > 0:
        return True
    heads = {h for e in slot.examples if (h := _code_head(e)) is not None}
    head = _code_head(str(c.value))
    return head is None or not heads or head in heads


def _code_head(token: str) -> str | None:
    """The family a code's capitals name ("" for digits first: 2025-05, 2025-Q2), or None
    for a token of no family: a word, a plain number, lower-case letters first ("user123")."""
    if token.isdigit() or not any(ch.isdigit() for ch in token):
        return None
    m = _CODE_HEAD.match(token)
    return m.group(0) if m else None


_DISTINCT_KINDS = frozenset({Kind.LANGUAGE, Kind.CURRENCY, Kind.UNIT, Kind.TIMEZONE, Kind.PLACE})


def _named_for(slot: Slot, c: Candidate) -> bool:
    """Is the value one this slot asks for by its kind alone (an option it offers, a flag,
    an address for an email parameter)?"""
    if c.kind in (Kind.ENUM, Kind.BOOL):
        return True
    if slot.enum and c.kind in _DISTINCT_KINDS and convert(c, slot) in slot.enum:
        return True  # "in Chinese" for the locales en-US, zh-CN: one of its options
    if c.kind == slot.kind == Kind.PLACE:
        return Tag.PLACE_CUE in c.tags  # "in Rome", "in California"
    if c.kind == slot.kind == Kind.UNIT:  # "a radius of 4 inches", default 'cm': the unit of
        said = units.parse_unit(str(slot.default)) if slot.default else None  # the radius
        return bool(said and c.unit and units.dimension(c.unit) == units.dimension(said[0]))
    if (
        c.kind == Kind.NUMBER
        and isinstance(c.value, int)
        and 1900 <= c.value <= 2100
        and re.search(r"year", slot.name, re.I)
    ):
        return True  # "in 2020" for a year
    return (
        c.kind == slot.kind
        and c.kind not in (Kind.NUMBER, Kind.NAME, Kind.PHRASE, Kind.QUOTED, Kind.UNIT)
        and Tag.FACET not in c.tags
    )


_THINGS = frozenset({"product", "item", "game", "book", "song", "movie", "film", "album", "dish",
                     "species", "show", "series", "plant", "animal", "drink", "food", "model"})  # fmt: skip
_COUNT_NAMES = frozenset(
    {"quantity", "qty", "count", "copies", "units", "items", "pieces", "number"}
)
# "three of P-1180", "2 x P-3307", "2x", "3 pcs": a count of the thing that follows
_COUNT_OF = re.compile(r"\s?(?:x|×|of|pcs|pieces|units|items|copies)\b", re.I)


def _count_of(slot: Slot, c: Candidate, text: str) -> float:
    """A whole number for a quantity or a limit: just before "of", "x" or "pieces" ("three
    of P-1180"), or just after "top" or "first" ("the top 5 articles")."""
    if c.kind != Kind.NUMBER or c.unit or not isinstance(c.value, int) or c.value <= 0:
        return 0.0
    named = set(re.findall(r"[a-z]+", slot.name.lower()))
    if named & _COUNT_NAMES and _COUNT_OF.match(text, c.end):
        return 0.6
    if named & _LIMIT_NAMES and _TOP_N.search(text[max(0, c.start - 12) : c.start]):
        return 0.6
    return 0.0


_WHOLE_NAMES = frozenset({"trials", "total", "n", "attempts", "tosses", "draws", "tries"})
_PART_NAMES = frozenset({"successes", "hits", "wins", "k", "heads"})
_IN_WHOLE = re.compile(r"\s(?:[a-z]+\s){0,2}(?:in|out\sof)\s(?:[a-z]+\s){0,2}\d")
_AFTER_PART = re.compile(r"\d\s(?:[a-z]+\s){0,2}(?:in|out\sof)\s(?:[a-z]+\s){0,2}$")


def _part_of_whole(slot: Slot, c: Candidate, text: str) -> float:
    """ "5 heads in 10 tosses", "3 out of 8": the number after "in" is the whole (the
    trials), the one before it the part (the successes)."""
    if c.kind != Kind.NUMBER or not isinstance(c.value, int):
        return 0.0
    named = set(re.findall(r"[a-z]+", slot.name.lower()))
    if named & _PART_NAMES and _IN_WHOLE.match(text, c.end):
        return 0.6
    if named & _WHOLE_NAMES and _AFTER_PART.search(text[max(0, c.start - 40) : c.start]):
        return 0.6
    return 0.0


_LIMIT_NAMES = frozenset({"limit", "top", "max", "results", "count", "n", "k", "size", "number"})
_TOP_N = re.compile(r"\b(?:top|first|best|last|latest)\s$", re.I)


_STARS = re.compile(r"\s?(?:-\s?)?stars?\b", re.I)
_RATED = re.compile(r"\b(?:ratings?|rated|stars?|reviews?)\b", re.I)


def _stars(slot: Slot, c: Candidate, text: str) -> float:
    """ "4.5 stars" is a rating: it fits a parameter about ratings or reviews."""
    if c.kind != Kind.NUMBER or not _STARS.match(text, c.end):
        return 0.0
    return (
        1.0 if _RATED.search(f"{' '.join(split_identifier(slot.name))} {slot.description}") else 0.0
    )


def _region_slot(slot: Slot) -> bool:
    return bool(
        set(re.findall(r"[a-z]+", slot.name.lower()))
        & {"country", "state", "province", "region", "nation"}
    )


def _particular(slot: Slot, c: Candidate) -> float:
    """Readings made for this very slot (an enum's option, a flag) and years for years."""
    if c.kind in (Kind.ENUM, Kind.BOOL):
        return 1.0  # read for this very slot
    if Tag.EXAMPLE in c.tags:
        return 0.6  # "spin" for "the class, e.g. spin, yoga": the description names it
    if (
        c.kind == slot.kind
        and c.kind not in (Kind.NUMBER, Kind.NAME, Kind.PHRASE, Kind.QUOTED, Kind.PLACE, Kind.UNIT)
        and Tag.FACET not in c.tags
    ):
        return 0.6  # a value of a particular kind for a slot of that kind
    if c.kind == Kind.PLACE and slot.kind == Kind.PLACE:
        region = _region_slot(slot)
        if region:  # a country or state parameter wants a country or state, not a city
            place = places.lookup(str(c.value).split(",")[0])
            kind = place.kind if place else ""
            return (
                0.5
                if kind in ("country", "state") and "," not in str(c.value)
                else -0.5
                if kind == "city"
                else 0.0
            )
        return 0.4 if Tag.PLACE_CUE in c.tags and Tag.FACET not in c.tags else 0.0
    if (
        c.kind == Kind.NUMBER
        and isinstance(c.value, int)
        and 1900 <= c.value <= 2100
        and not c.unit
    ):
        if re.search(
            r"year|date|season|century|decade|since|until|from|to|start|end|period", slot.name, re.I
        ):
            return 0.8
        return -0.5  # "2023" is a year, not a count of adults
    if (
        c.kind == Kind.PHRASE
        and slot.kind == Kind.NAME
        and set(split_identifier(slot.name)) & _THINGS
    ):
        return 0.3  # "the blue kettle" names a product, as a person's name would not be
    if Tag.PERCENT in c.tags:
        rate = re.search(
            r"rate|percent|ratio|yield|discount|tax|interest|probability|fraction|share",
            f"{slot.name} {slot.description}",
            re.I,
        )
        return (
            0.6 if rate else -0.6 if slot.unit or slot.json_type == "integer" else 0.0
        )  # 7% is no count of years
    return 0.0
