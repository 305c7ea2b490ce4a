"""Numbers and quantities: ``42``, ``-3.5``, ``250,000``, ``2.5 million``, ``10k``, ``twelve``,
``two hundred fifty``, ``5%``, ``$200``, ``60 euros``, ``6cm``, ``9.8 m/s^2``, ``14th``.

Each number keeps the unit written after it (read by :mod:`.units`, or a currency by
:mod:`.currencies`); the unit and the currency are also proposed on their own (tagged
:attr:`Tag.FACET`) for parameters such as ``from_unit`` or ``from_currency``. Converting
into the unit a parameter asks for, and percent into a fraction, happens in
:func:`convert`.
"""

from __future__ import annotations

import math
import re
from typing import Any

from ..vocabulary import Kind, Tag
from . import currencies, durations, markers, units
from .base import Candidate, Extractor, Request, coerce

_DIGITS = r"(?:\d{1,3}(?:,\d{3}){1,8}|\d{1,24})(?:\.\d{1,24})?|\.\d{1,24}"
_NUMBER = re.compile(
    rf"(?<![\w./:])(?<![A-Za-z],)([$€£¥₹])?\s?({_DIGITS})(?:[eE]([-+]?\d{{1,3}}))?"
    r"(?:\s?(thousand|million|billion|trillion|bn|mn|k|m|K|M|B)(?![\w/^²³*-]))?"
    r"(?:(st|nd|rd|th)\b)?"
    r"(?:\s?(%|percent\b|per\scent\b|°\s?[CFcf]\b|(?i:degrees?\s(?:celsius|fahrenheit|c|f))\b"
    r"|[A-Za-zµμ°Ω][A-Za-z0-9µμ°Ω/^²³·*-]{0,24}(?:\sper\s[a-z]{1,10})?))?",
)
_MULTIPLIERS = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "billion": 1e9,
    "trillion": 1e12,
}
_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "half": 0.5,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "twice": 2, "thrice": 3, "once": 1,
}  # fmt: skip
_ORDINAL_WORDS = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
                  "tenth", "half", "once", "twice", "thrice"}  # fmt: skip


def spelled_count(word: str) -> bool:
    """ "three", "dozen": a count spelled out (not "first", "half", "once")."""
    return word in _SMALL and word not in _ORDINAL_WORDS


_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}


def number_word(word: str) -> bool:
    """ "half", "three", "hundred": a word that is (part of) a number."""
    return word in _SMALL or word in _SCALES


_WORDS = re.compile(
    r"\b(?:(?:a|an)\s)?(?:" + "|".join(sorted({*_SMALL, *_SCALES}, key=len, reverse=True)) + r")"
    r"(?:(?:[\s-]|\sand\s)(?:"
    + "|".join(sorted({*_SMALL, *_SCALES}, key=len, reverse=True))
    + r")){0,6}\b",
    re.I,
)
# Words after a number that are not its unit but what it counts ("3 bedrooms").
_ORDINALS = {
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
}


def _word_value(phrase: str) -> float | None:
    """The value of spelled-out numbers: "two hundred fifty" is 250, "a dozen" 12."""
    total, current = 0.0, 0.0
    tokens = [t for t in re.split(r"[\s-]+", phrase.lower()) if t not in ("and", "a", "an")]
    if not tokens:
        return None
    for token in tokens:
        if token in _SCALES:
            current = (current or 1) * _SCALES[token]
            if _SCALES[token] >= 1000:
                total, current = total + current, 0.0
        elif token in _SMALL:
            current += _SMALL[token]
        else:
            return None
    return total + current


def _tail(raw_unit: str | None, text: str, end: int) -> tuple[str, str, int]:
    """(unit as written, canonical unit, characters of it kept) for what follows a number."""
    if not raw_unit:
        return "", "", 0
    low = raw_unit.lower()
    if low in ("%", "percent", "per cent"):
        return raw_unit, "percent", len(raw_unit)
    code = currencies.code_at(text, end - len(raw_unit))
    if code:
        return code[1], code[0], len(code[1])
    parsed = units.parse_unit(raw_unit)
    if parsed:
        return raw_unit, parsed[0], len(raw_unit)
    first = raw_unit.split("/")[0].split("-")[0]
    parsed = units.parse_unit(first) if first != raw_unit else None
    return (first, parsed[0], len(first)) if parsed else ("", "", 0)


def _digits(request: Request) -> list[Candidate]:
    text = request.text
    out: list[Candidate] = []
    for m in _NUMBER.finditer(text):
        symbol, digits, exponent, scale, ordinal, raw_unit = m.groups()
        value = float(digits.replace(",", "") + (f"e{exponent}" if exponent else ""))
        if not math.isfinite(value) or (m.end(2) < len(text) and text[m.end(2)].isdigit()):
            continue  # "1e999", or a run of digits too long to be a quantity
        money = bool(symbol) or currencies.money_talk(text) if scale else False
        as_unit = scale == "m" and not money
        if scale in ("K", "M", "B") and not money:
            scale = None  # "10K", "5M": a multiplier only when money is talked of ("$1M")
        if scale and not as_unit:  # "5m" is five metres; 5 million only when money is talked of
            value *= _MULTIPLIERS[scale.lower()]
        start = m.start() if symbol else m.start(2)
        if start > 0 and text[start - 1] in "-−" and (start < 2 or not text[start - 2].isalnum()):
            value, start = -value, start - 1  # "-5", "(-3)"; the minus of "100 - 7" is an operator
        if as_unit:
            written, unit, end = "m", "meter", m.end(4)
        else:
            written, unit, kept = _tail(raw_unit, text, m.end())
            if kept:
                end = m.start(6) + kept
            else:
                end = max(m.end(i) for i in (2, 3, 4, 5) if m.group(i) is not None)
        if symbol:
            unit = currencies.SYMBOLS[symbol]
        number = (
            int(value)
            if value.is_integer() and (scale or not ("." in digits or exponent))
            else value
        )
        tags = {Tag.PERCENT} if unit == "percent" else set()
        # "19 degrees": of heat or of an angle, as the parameter it fills says
        degrees = not unit and (raw_unit or "").lower() in ("degree", "degrees")
        candidate = Candidate(
            Kind.NUMBER, number, start, end, text[start:end], unit=unit,
            evidence="degrees" if degrees else "", tags=frozenset(tags),
        )  # fmt: skip
        out.append(candidate)
        if written and unit not in ("percent", ""):
            facet_start = end - len(written)
            kind = Kind.CURRENCY if unit.isupper() and len(unit) == 3 else Kind.UNIT
            out.append(Candidate(kind, unit if kind == Kind.CURRENCY else written, facet_start, end,
                                 written, unit=unit, tags=frozenset({Tag.FACET})))  # fmt: skip
        elif symbol:
            out.append(
                Candidate(
                    Kind.CURRENCY,
                    unit,
                    m.start(),
                    m.start() + 1,
                    symbol,
                    unit=unit,
                    tags=frozenset({Tag.FACET}),
                )
            )
        del ordinal
    return out


def _spelled(request: Request, taken: list[Candidate]) -> list[Candidate]:
    out = []
    labels = markers.labels(request.text)
    for m in _WORDS.finditer(request.text):
        if any(c.start < m.end() and m.start() < c.end for c in taken):
            continue
        phrase, start = m.group(0), m.start()
        low = phrase.lower()
        if low.startswith(("a ", "an ")) and not re.search(
            r"dozen|hundred|thousand|million|half", low
        ):
            phrase = phrase.split(" ", 1)[1]  # "a two-hour hike": the article is no number
            low, start = phrase.lower(), m.end() - len(phrase)
        if low in ("a", "an", "second", "once", "half") or low in labels:
            continue  # "a second", "once": words, not numbers
        after = m.end()
        if low == "one" and (
            not _A_WORD.match(request.text, after) or _NOT_ONE.match(request.text, after)
        ):
            continue  # "one of", "one more": "one" counts something only before a noun
        if _NOT_A_COUNT.match(request.text, after):
            continue
        value = _word_value(phrase)
        if value is None:
            continue
        number = int(value) if float(value).is_integer() else value
        unit, end = _spelled_unit(request.text, m.end())
        text = request.text[start:end]
        out.append(
            Candidate(
                Kind.NUMBER, number, start, end, text, 0.8, unit=unit, tags=frozenset({Tag.WORD})
            )
        )
        if unit:
            word = request.text[m.end() : end].strip(" -")
            out.append(
                Candidate(
                    Kind.UNIT,
                    word,
                    end - len(word),
                    end,
                    word,
                    unit=unit,
                    tags=frozenset({Tag.FACET}),
                )
            )
    return out


_UNIT_WORD = re.compile(r"[\s-]([a-z]{3,12})\b")


def _spelled_unit(text: str, end: int) -> tuple[str, int]:
    """The unit a spelled number measures in ("two hours", "a two-hour workshop"): a whole
    word only, so "ten m" is no distance."""
    m = _UNIT_WORD.match(text, end)
    parsed = units.parse_unit(m.group(1)) if m else None
    if not parsed or not units.spelled_out(m.group(1), parsed[0]):
        return "", end
    return parsed[0], m.end()


_A_WORD = re.compile(r"\s[a-z]{3,}")
_NOT_ONE = re.compile(r"\s(?:of|more|another|day)\b")  # "one day": some day
_NOT_A_COUNT = re.compile(r"\s(?:by)\b")
_AT_REST = re.compile(
    r"\b(?:(?:starts?|started|starting|is|was)\s)?(?:from|at)\srest\b|\b(?:is|was|been|being)?\s?dropped\b|\bstationary\b",
    re.I,
)


def _at_rest(request: Request) -> list[Candidate]:
    """ "from rest", "dropped": an initial velocity of 0, said in words."""
    return [Candidate(Kind.NUMBER, 0, m.start(), m.end(), m.group(0), 0.9, evidence="at rest: an initial velocity or speed of 0", tags=frozenset({Tag.FACET}))
            for m in _AT_REST.finditer(request.text)]  # fmt: skip


_FEET_INCHES = re.compile(
    r"(?<![\w.])(\d{1,2})\s?(?:ft|feet|foot|')\s?(\d{1,2}(?:\.\d)?)\s?(?:in|inches|inch|\"|'')(?![\w])",
    re.I,
)
_PI = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)?\s?(?:pi|π)\b", re.I)


def _compound(request: Request) -> list[Candidate]:
    """ "5ft 10in" is 70 inches; "2 pi" is 6.2832."""
    out = []
    for m in _FEET_INCHES.finditer(request.text):
        inches = int(m.group(1)) * 12 + float(m.group(2))
        value = int(inches) if inches.is_integer() else inches
        out.append(Candidate(Kind.NUMBER, value, m.start(), m.end(), m.group(0), unit="inch"))
    for m in _PI.finditer(request.text):
        factor = float(m.group(1)) if m.group(1) else 1.0
        out.append(
            Candidate(Kind.NUMBER, round(factor * math.pi, 4), m.start(), m.end(), m.group(0))
        )
    return out


_FREQUENCY = {"daily": 365, "weekly": 52, "monthly": 12, "quarterly": 4, "annually": 1, "yearly": 1,
              "semiannually": 2, "semi-annually": 2, "biannually": 2, "hourly": 8760}  # fmt: skip
_FREQUENT = re.compile(
    r"\b(?:compounded\s|paid\s|billed\s)?(" + "|".join(_FREQUENCY) + r")\b", re.I
)
_SPAN_AHEAD = re.compile(
    r"\b(?:next|coming|upcoming|past|last|this)\s(week|month|year|fortnight|decade)\b", re.I
)


def _frequencies(request: Request) -> list[Candidate]:
    """ "compounded quarterly" is 4 times a year; "the next week" is one week."""
    # tagged as facets: the words stay topic words ("the monthly payment") and the value
    # goes only to a parameter they name (see affinity: a number with its own cue words)
    out = [
        Candidate(
            Kind.NUMBER,
            _FREQUENCY[m.group(1).lower()],
            m.start(1),
            m.end(1),
            m.group(1),
            0.9,
            evidence="compounding frequency n",  # never "times" or "years": not a duration
            tags=frozenset({Tag.FACET}),
        )  # fmt: skip
        for m in _FREQUENT.finditer(request.text)
    ]
    for m in _SPAN_AHEAD.finditer(request.text):
        word = m.group(1).lower()
        value, unit = (
            (2, "week") if word == "fortnight" else (10, "year") if word == "decade" else (1, word)
        )
        out.append(Candidate(Kind.NUMBER, value, m.start(1), m.end(1), m.group(1), 0.7, unit=unit,
                             evidence=f"{unit}s days duration timeframe", tags=frozenset({Tag.FACET})))  # fmt: skip
    return out


def find(request: Request) -> list[Candidate]:
    compound = _compound(request) + _frequencies(request)
    found = compound + [
        c
        for c in _digits(request)
        if not any(c.overlaps(o) for o in compound) and not markers.marker(request.text, c)
    ]
    found += durations.find(request, found)
    return found + _spelled(request, found) + _at_rest(request)


def convert(candidate: Candidate, slot) -> Any:
    """The number for ``slot``: in the unit it asks for, a percent as a fraction unless it
    counts in percent, an integer when the parameter is one."""
    value = candidate.value
    if slot.json_type == "string" and candidate.unit and candidate.unit != "percent":
        return candidate.text  # "2 weeks" for a duration written as text
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if Tag.PERCENT in candidate.tags and _wants_fraction(slot):
            value = round(value / 100, 10)
        elif (
            slot.percent is False
            and 1 < value <= 100
            and re.search(r"rate|interest|yield", slot.name, re.I)
        ):
            value = round(value / 100, 10)  # "rate 3.75" for a rate written as a decimal
        elif candidate.unit and slot.unit and candidate.unit != slot.unit:
            converted = units.convert(value, candidate.unit, slot.unit)
            if converted is not None:
                value = converted
        if slot.json_type == "integer" and isinstance(value, float):
            value = round(value) if abs(value - round(value)) < 1e-6 or candidate.unit else value
        if isinstance(value, float) and value.is_integer() and slot.json_type == "integer":
            value = int(value)
    return coerce(value, slot.json_type)


def _wants_fraction(slot) -> bool:
    """A percentage for a parameter that does not say "percent" is a fraction, unless the
    parameter is an integer (which cannot hold 0.05)."""
    if slot.percent is not None:
        return not slot.percent
    return slot.json_type == "number"


def number_slot_kind(name: str, description: str) -> Kind:
    """Numeric parameters want numbers."""
    return Kind.NUMBER


EXTRACTOR = Extractor(
    Kind.NUMBER,
    find,
    fills={Kind.ID: 0.45, Kind.STRING: 0.25, Kind.ENUM: 0.5},
    convert=convert,
    json_types=frozenset({"integer", "number"}),
)
