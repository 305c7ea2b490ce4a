"""Dates, in any common form, written the way a parameter's description asks.

Absolute dates ("2026-03-03", "03/04/2026", "Jan 28, 2021", "the 5th of May") are read
here; relative ones ("tomorrow", "next Friday", "in 3 days", "last Monday") by
:mod:`dateparser`, against the reference date of the request (a date in the system
prompt, else the simulated model's fixed clock), so the same request always gives the
same date. A time said with the date ("tomorrow at 2pm") joins it.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any

from ..vocabulary import Kind, Tag
from .base import Candidate, Extractor, Request

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]  # fmt: skip
_MON = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
MONTH_NAME = _MON
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
_TIME = r"(?:\s(?:at|@|by|around)\s(?:\d{1,2}(?::\d{2})?\s?(?:[ap]\.?m\.?)?|noon|midnight))?"
_ABSOLUTE = re.compile(
    rf"(?<![\w/-])(?:(?P<iy>\d{{4}})[-/.](?P<im>\d{{1,2}})[-/.](?P<id>\d{{1,2}})(?:[T ](?P<H>\d{{2}}):(?P<M>\d{{2}})(?::(?P<S>\d{{2}}))?)?"
    rf"|(?P<n1>\d{{1,2}})(?P<sep>[-/.])(?P<n2>\d{{1,2}})(?P=sep)(?P<ny>\d{{4}}|\d{{2}})"
    rf"|(?P<m1>{_MON})(?:\s|(?<=\.))(?P<d1>{_DAY})(?:,\s?(?P<y1>\d{{4}})|\s(?P<y1b>\d{{4}}))?"
    rf"|(?:the\s)?(?P<d2>{_DAY})\s(?:of\s)?(?P<m2>{_MON})(?:,\s?(?P<y2>\d{{4}})|\s(?P<y2b>\d{{4}}))?"
    rf"|(?P<y3>\d{{4}})\s(?P<m3>{_MON})\s(?P<d3>{_DAY})"
    rf"|(?:on|by|until|for)\sthe\s(?P<d4>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))(?=\s(?:at|in)\b|\s?[,.?!]|$))(?![\w/-])",
    re.I,
)
_RELATIVE = re.compile(
    rf"\b(?:(?:the\s)?day\safter\stomorrow|today|tomorrow|yesterday|tonight|this\s(?:morning|afternoon|evening)"
    rf"|(?:next|this|coming|last|past)\s(?:{_WEEKDAY}|week(?:end)?|month|year)"
    rf"|(?:on\s)?{_WEEKDAY}(?:\s(?:next|this)\sweek)?"
    rf"|in\s(?:\d{{1,3}}|a|an|one|two|three|four|five|six|seven|ten)\s(?:days?|weeks?|months?|years?)"
    rf"|\d{{1,3}}\s(?:days?|weeks?|months?)\s(?:from\snow|ago|later))\b{_TIME}",
    re.I,
)
_FORMAT_TOKENS = [("YYYY", "%Y"), ("yyyy", "%Y"), ("YYY", "%Y"), ("yyy", "%Y"), ("YY", "%y"), ("yy", "%y"), ("MM", "%m"),
                  ("mm", "%m"), ("DD", "%d"), ("dd", "%d"), ("HH", "%H"), ("hh", "%I"),
                  ("SS", "%S"), ("ss", "%S")]  # fmt: skip
_FORMAT = re.compile(
    r"\b(?:YYYY|yyyy|MM|mm|DD|dd)(?:[-/. ](?:YYYY|yyyy|YYY|yyy|YY|yy|MM|mm|DD|dd)){1,2}(?:[T ]HH:(?:MM|mm)(?::(?:SS|ss))?)?(?=Z\b|\b)|%[Ymd][-/. ]%[Ymd][-/. ]%[Ymd](?:[T ]%H:%M(?::%S)?)?"
)


def _month(name: str) -> int:
    low = name.lower()[:3]
    return next(i for i, m in enumerate(MONTHS, 1) if m.startswith(low))


def _year(text: str, default: int) -> int:
    if not text:
        return default
    year = int(text)
    return year + 2000 if year < 100 else year


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _absolute(m: re.Match[str], today: date) -> date | datetime | None:
    g = m.groupdict()
    try:
        if g["iy"]:
            day = date(int(g["iy"]), int(g["im"]), int(g["id"]))
            if g["H"]:
                return datetime.combine(day, time(int(g["H"]), int(g["M"]), int(g["S"] or 0)))
            return day
        if g["n1"]:  # month/day/year, as in the United States, unless the day comes first
            first, second = int(g["n1"]), int(g["n2"])
            month, day_ = (second, first) if first > 12 else (first, second)
            return date(_year(g["ny"], today.year), month, day_)
        if g["m1"]:
            return _upcoming(today, _month(g["m1"]), _day(g["d1"]), g["y1"] or g["y1b"])
        if g["d2"]:
            return _upcoming(today, _month(g["m2"]), _day(g["d2"]), g["y2"] or g["y2b"])
        if g["y3"]:  # "2023 April 4th"
            return date(int(g["y3"]), _month(g["m3"]), _day(g["d3"]))
        day_ = _day(g["d4"])  # "on the 28th": the next 28th
        month = today.month if day_ >= today.day else today.month % 12 + 1
        year = today.year + (1 if month < today.month else 0)
        return date(year, month, day_)
    except ValueError:  # "February 30"
        return None


def _upcoming(today: date, month: int, day: int, year: str | None) -> date:
    """A date without a year is the next one to come (or today)."""
    if year:
        return date(int(year), month, day)
    this_year = date(today.year, month, day)
    return this_year if this_year >= today else date(today.year + 1, month, day)


@lru_cache(maxsize=8)
def _parser(today: date) -> Any:
    """dateparser's parser for English, reading relative dates against ``today`` (so the
    wall clock and the local time zone never matter)."""
    from dateparser.date import DateDataParser

    settings = {
        "RELATIVE_BASE": datetime.combine(today, time(0, 0)),
        "PREFER_DATES_FROM": "future",
        "TIMEZONE": "UTC",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=4096)
def relative(phrase: str, today: date) -> date | datetime | None:
    """A relative date read against ``today`` (a date, or a datetime when a time is said)."""
    text = re.sub(r"^on\s", "", phrase.strip(), flags=re.I)
    if re.fullmatch(r"(?i)tonight", text):
        return today
    try:
        found = _parser(today).get_date_data(text).date_obj
    except Exception:  # dateparser raises on some odd inputs; the phrase is then no date
        return None
    if found is None:
        return None
    said_time = re.search(r"\d{1,2}(?::\d{2})?\s?[ap]\.?m|\d{1,2}:\d{2}|noon|midnight", text, re.I)
    return found if said_time else found.date()


# "today is 2023.3.1 monday", "today is monday April 25th 2023": the request's own today.
_TODAY_CUE = re.compile(
    rf"\b(?:today(?:'s date)?|the date today|current date|now)\s(?:is\s)?(?:{_WEEKDAY},?\s)?$", re.I
)
# "it's 2023 right now", "this year 2023", "currently is sep 2023": the current year.
_NOW_YEAR = re.compile(
    rf"\b(?:it's|it\sis|this\syear(?:\sis)?|current(?:ly)?(?:\syear)?(?:\sis)?|the\syear\sis|now\sis)"
    rf"\s(?:(?P<mon>{_MON})\s)?(?P<year>(?:19|20)\d{{2}})\b",
    re.I,
)
_YEAR_GROUPS = ("iy", "ny", "y1", "y1b", "y2", "y2b", "y3")
# What may stand between a relative date and the exact date that says which day it is:
# "next Monday 2023.10.2", "tonight 2023.10.02", "next Tuesday please 2023.3.1".
_BESIDE = re.compile(r"[\s,.;:?(-]{0,3}(?:please|i\.e\.|ie)?[\s,.;:?(-]{0,3}", re.I)


def _stated(text: str, matches: list[re.Match[str]], today: date) -> tuple[date, date | None]:
    """The request's own today, and the date its year-less dates are read from (January 1st
    of the year the request states or writes with its dates), else ``today`` and None."""
    for m in matches:
        if _TODAY_CUE.search(text[max(0, m.start() - 40) : m.start()]):
            value = _absolute(m, today)
            if value is not None:
                day = value.date() if isinstance(value, datetime) else value
                return day, None
    if now := _NOW_YEAR.search(text):
        year = int(now.group("year"))
        month = _month(now.group("mon")) if now.group("mon") else 1
        return today.replace(year=year), date(year, month, 1)
    years = {_year(m.group(g), 0) for m in matches for g in _YEAR_GROUPS if m.group(g)}
    if len(years) == 1:
        return today, date(years.pop(), 1, 1)  # "April 22 ... until April 27, 2023"
    return today, None


_AT_TIME = re.compile(
    r",?\s(?:at|@)\s(\d{1,2})(?::(\d{2}))?\s?([ap])\.?m\.?(?![\w])|,?\s(?:at|@)\s(\d{1,2}):(\d{2})(?![\w:])",
    re.I,
)


def _with_time(text: str, value: date | datetime, end: int) -> tuple[date | datetime, int]:
    """ "November 1, 2023 at 4pm": the date with the time said right after it."""
    m = _AT_TIME.match(text, end)
    if m is None or isinstance(value, datetime):
        return value, end
    hour, minute = int(m.group(1) or m.group(4)), int(m.group(2) or m.group(5) or 0)
    if m.group(3):
        hour = hour % 12 + (12 if m.group(3).lower() == "p" else 0)
    if hour > 23 or minute > 59:
        return value, end
    return datetime.combine(value, time(hour, minute)), m.end()


def find(request: Request) -> list[Candidate]:
    matches = list(_ABSOLUTE.finditer(request.text))
    today, base = _stated(request.text, matches, request.today)
    out: list[Candidate] = []
    for m in matches:
        if today != request.today and _TODAY_CUE.search(
            request.text[max(0, m.start() - 40) : m.start()]
        ):
            continue  # "today is 2023-10-01" says when the request is, not a value
        written = any(m.group(g) for g in _YEAR_GROUPS)
        value = _absolute(m, base if base and not written and not m.group("d4") else today)
        if value is not None:
            value, end = _with_time(request.text, value, m.end())
            out.append(Candidate(Kind.DATE, value, m.start(), end, request.text[m.start() : end]))
    exact = list(out)
    for m in _RELATIVE.finditer(request.text):
        if any(c.start < m.end() and m.start() < c.end for c in out):
            continue
        if re.match(_WEEKDAY, m.group(0)) and m.group(0)[0].islower():
            continue  # "a sunday roast": a weekday alone is a date when written as a name
        if today != request.today and _TODAY_CUE.search(request.text[: m.end() + 4]):
            continue  # the "today" of "today is 2023-10-01"
        if any(_beside(request.text, m.start(), m.end(), c) for c in exact):
            continue  # "next Monday 2023.10.2": the exact date says which day
        value = relative(m.group(0), today)
        if value is not None:
            out.append(
                Candidate(
                    Kind.DATE,
                    value,
                    m.start(),
                    m.end(),
                    m.group(0),
                    evidence=f"read against {today.isoformat()}",
                )
            )
            out += _duration(m)
    return out


def _beside(text: str, start: int, end: int, c: Candidate) -> bool:
    """Is the exact date ``c`` written right next to the phrase at ``start:end``?"""
    gap = text[end : c.start] if c.start >= end else text[c.end : start] if c.end <= start else "x"
    return bool(_BESIDE.fullmatch(gap))


def _duration(m: re.Match[str]) -> list[Candidate]:
    """ "in 3 years": also a number of years, for a parameter that counts them."""
    d = re.search(r"(\d{1,3})\s(days?|weeks?|months?|years?)", m.group(0))
    if not d:
        return []
    start = m.start() + d.start()
    unit = {"day": "day", "week": "week", "month": "month", "year": "year"}[d.group(2).rstrip("s")]
    return [
        Candidate(
            Kind.NUMBER,
            int(d.group(1)),
            start,
            m.start() + d.end(),
            d.group(0),
            unit=unit,
            tags=frozenset({Tag.FACET}),
        )
    ]


_WORDED_CODES = {"year": "%Y", "month": "%m", "day": "%d"}
_WORDED_FORMAT = re.compile(
    r"\b(year|month|day)([-/])(year|month|day)\2(year|month|day)\b", re.I
)  # "month-day-year": the order of a date's parts, in words


def described_date_format(description: str, examples: tuple[str, ...], schema_format: str) -> str:
    """The strftime format a parameter asks for: "YYYY-MM-DD", "%m/%d/%Y", an example
    date, or the JSON Schema ``format``; empty when none is said."""
    if m := _FORMAT.search(description):
        written = m.group(0)
        if "%" in written:
            return written
        written = re.sub(r"HH:(?:MM|mm)", "%H:%M", written)
        for token, code in _FORMAT_TOKENS:
            written = re.sub(rf"(?<![A-Za-z%]){token}(?!(?!T%)[A-Za-z])", code, written)
        return written
    m = _WORDED_FORMAT.search(description)
    if m and len({m.group(i).lower() for i in (1, 3, 4)}) == 3:  # "(month-day-year)"
        sep = m.group(2)
        return sep.join(_WORDED_CODES[m.group(i).lower()] for i in (1, 3, 4))
    for example in examples:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", example):
            return "%Y-%m-%d"
        if re.fullmatch(r"\d{2}/\d{2}/\d{4}", example):
            return "%d/%m/%Y" if int(example[:2]) > 12 else "%m/%d/%Y"
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}Z?", example):
            zone = "Z" if example.endswith("Z") else ""  # "2023-04-15T13:45:00Z": in UTC
            return ("%Y-%m-%dT%H:%M:%S" if "T" in example else "%Y-%m-%d %H:%M:%S") + zone
        if re.fullmatch(r"\d{1,2}:\d{2}", example):
            return "%H:%M"
    if re.search(r"\bISO[ -]?8601\b", description) and re.search(r"\btime\b", description, re.I):
        return "%Y-%m-%dT%H:%M:%S"
    return {"date": "%Y-%m-%d", "date-time": "%Y-%m-%dT%H:%M:%S", "time": "%H:%M:%S"}.get(
        schema_format, ""
    )


def write_date(candidate: Candidate, slot) -> Any:
    """The date in the slot's format (ISO by default), with its time when the format has one."""
    value = candidate.value
    fmt = slot.date_format or (
        "%Y-%m-%dT%H:%M:%S" if isinstance(value, datetime) and _wants_time(slot) else "%Y-%m-%d"
    )
    if isinstance(value, datetime) and not any(c in fmt for c in ("%H", "%I")):
        value = value.date()
    if not isinstance(value, datetime) and any(c in fmt for c in ("%H", "%I")):
        value = datetime.combine(value, time(0, 0))
    if slot.json_type == "integer":
        return value.year
    return value.strftime(fmt)


def _wants_time(slot) -> bool:
    return bool(re.search(r"\btime\b|datetime|timestamp", f"{slot.name} {slot.description}", re.I))


EXTRACTOR = Extractor(
    Kind.DATE,
    find,
    slot_words=frozenset(
        {
            "date",
            "day",
            "birthday",
            "deadline",
            "dob",
            "datetime",
            "checkin",
            "checkout",
            "when",
            "until",
            "since",
            "due",
        }
    ),  # fmt: skip
    slot_formats=frozenset({"date", "date-time"}),
    describes=re.compile(r"\bdate\b|YYYY|\bISO ?8601\b", re.I),
    fills={Kind.STRING: 0.7},
    convert=write_date,
    json_types=frozenset({"string", "integer"}),
)
