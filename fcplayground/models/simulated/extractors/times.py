"""Times of day: ``9:30``, ``09:30``, ``2pm``, ``2:30 p.m.``, ``14:00``, ``noon``,
``midnight``; written as the parameter asks (``HH:MM`` by default).
"""

from __future__ import annotations

import re
from datetime import time
from typing import Any

from ..vocabulary import Kind, Tag
from .base import Candidate, Extractor, Request

PATTERN = re.compile(
    r"(?<![\w:.])(?:([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?(?:\s?([ap])\.?m\.?)?|(1[0-2]|0?[1-9])\s?([ap])\.?m\.?|(noon|midday|midnight))(?![\w]|:\d)",
    re.I,
)


def _value(m: re.Match[str]) -> time | None:
    hour, minute, second, half, short_hour, short_half, word = m.groups()
    if word:
        return time(0, 0) if word.lower() == "midnight" else time(12, 0)
    if short_hour:
        hour, minute, half = short_hour, "0", short_half
    h = int(hour)
    if half:
        if h > 12:
            return None
        h = h % 12 + (12 if half.lower() == "p" else 0)
    return time(h, int(minute), int(second or 0))


_HOURS = {
    w: i
    for i, w in enumerate(
        [
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ],
        1,
    )
}
_SPOKEN = re.compile(
    r"\b(?:(half|quarter)\s(past|to)\s(\d{1,2}|"
    + "|".join(_HOURS)
    + r")|(\d{1,2}|"
    + "|".join(_HOURS)
    + r")\so'?clock"
    r"|(?<=\bat\s)(\d{1,2})(?![\d:.,])(?!\s?(?:%|percent|[a-z°$€£]|-\d)))\b",
    re.I,
)


def _spoken(text: str) -> list[Candidate]:
    """ "half past nine", "quarter to ten", "six o'clock", "at 10"."""
    out = []
    for m in _SPOKEN.finditer(text):
        part, side, hour_word, clock, bare = m.groups()
        written = hour_word or clock or bare
        hour = _HOURS.get(written.lower()) or int(written)
        if not 0 <= hour <= 23:
            continue
        minute = 0
        if part:
            minute = 30 if part.lower() == "half" else 15
            if side.lower() == "to":
                hour, minute = (hour - 1) % 24, 60 - minute
        strength = 0.7 if bare else 1.0
        out.append(
            Candidate(Kind.TIME, time(hour, minute), m.start(), m.end(), m.group(0), strength)
        )
    return out


def find(request: Request) -> list[Candidate]:
    """Times, and the hour and minute written in each as numbers of their own, only for
    parameters that name them (``hours``, ``minutes``)."""
    out = []
    for m in PATTERN.finditer(request.text):
        value = _value(m)
        if value is None:
            continue
        out.append(Candidate(Kind.TIME, value, m.start(), m.end(), m.group(0)))
        for group in (1, 2, 5):
            if m.group(group):
                number = int(m.group(group))
                out.append(
                    Candidate(
                        Kind.NUMBER,
                        number,
                        m.start(group),
                        m.end(group),
                        m.group(group),
                        0.9,
                        tags=frozenset({Tag.FACET, Tag.CLOCK}),
                    )
                )
    out += [c for c in _spoken(request.text) if not any(c.overlaps(o) for o in out)]
    return [_after_noon(request.text, c) for c in out]


# "6:30 in the evening", "eight at night": a time said without am or pm, then which half
_LATER_HALF = re.compile(r"\s(?:in\sthe\s(?:evening|afternoon)|at\snight|tonight)\b", re.I)
_HALF_SAID = re.compile(r"[ap]\.?m\.?|noon|midday|midnight", re.I)


def _after_noon(text: str, c: Candidate) -> Candidate:
    """A morning hour said to be in the evening or afternoon is that hour after noon."""
    if c.kind != Kind.TIME or not 1 <= c.value.hour <= 11 or _HALF_SAID.search(c.text):
        return c
    if not _LATER_HALF.match(text, c.end):
        return c
    later = c.value.replace(hour=c.value.hour + 12)
    return Candidate(Kind.TIME, later, c.start, c.end, c.text, c.strength, c.evidence, c.unit,
                     c.tags, c.items)  # fmt: skip


_CLOCK_EXAMPLE = re.compile(r"\d{1,2}(:\d{2})?(\s?)([ap]\.?m\.?)", re.I)


def _like_example(value: time, examples: tuple[str, ...]) -> str | None:
    """ "e.g. 3pm": the time written the way the example writes it ("3pm", "9:30 AM")."""
    for example in examples:
        if m := _CLOCK_EXAMPLE.fullmatch(example.strip()):
            hour = value.hour % 12 or 12
            minutes = f":{value.minute:02d}" if m.group(1) or value.minute else ""
            suffix = m.group(3)
            half = ("pm" if value.hour >= 12 else "am").replace("m", "." + "m" + ".")
            half = half if "." in suffix else half.replace(".", "")
            return f"{hour}{minutes}{m.group(2)}{half.upper() if suffix.isupper() else half}"
    return None


def write_time(candidate: Candidate, slot) -> Any:
    if written := _like_example(candidate.value, slot.examples):
        return written
    fmt = (
        slot.date_format
        if slot.date_format and "%H" in slot.date_format or "%I" in slot.date_format
        else "%H:%M"
    )
    if "%Y" in fmt or "%d" in fmt:
        fmt = "%H:%M"
    return candidate.value.strftime(fmt)


EXTRACTOR = Extractor(
    Kind.TIME,
    find,
    slot_words=frozenset({"time", "hour", "clock", "at"}),
    slot_formats=frozenset({"time"}),
    describes=re.compile(r"\bHH:MM\b|\btime of day\b|\b24-hour\b", re.I),
    fills={Kind.STRING: 0.6, Kind.DATE: 0.3},
    convert=write_time,
)
