"""Everyday cases for travellers: the local time in a time zone, and flight status.

Rows are ``(category, request, expected calls[, TODAY])``; see :mod:`.common`. A hosted
model turns a city into its IANA zone ("LA" is ``America/Los_Angeles``) and keeps a zone
or a flight number whole ("LH 454" is one argument, not an airline and a number).
"""

from __future__ import annotations

from ..cases import OMITTED, expect, one_of
from .common import NOT_GIVEN, TODAY, Row


def _time(zone: object) -> dict:
    return expect("get_local_time", timezone=zone)


def _flight(number: object, date: object = NOT_GIVEN) -> dict:
    return expect("get_flight_status", flight_number=number, date=date)


ROWS: list[Row] = [
    # -- local time -------------------------------------------------------------------
    ("travel", "what time is it in Tokyo?", [_time("Asia/Tokyo")]),
    ("travel", "time in LA right now?", [_time("America/Los_Angeles")]),
    ("travel", "current time in new york", [_time("America/New_York")]),
    ("travel", "Is it night in Sydney?", [_time("Australia/Sydney")]),
    ("travel", "what time is it in Mumbai", [_time(one_of("Asia/Kolkata", "Asia/Calcutta"))]),
    ("travel", "local time in America/Argentina/Buenos_Aires",
     [_time("America/Argentina/Buenos_Aires")]),
    ("travel", "Local time in Sao Paulo, please.", [_time("America/Sao_Paulo")]),
    ("travel", "What time is it in Paris?", [_time("Europe/Paris")]),
    ("travel", "is it too late to call someone in Dubai?", [_time("Asia/Dubai")]),
    ("travel", "what's the time in the Europe/Berlin zone", [_time("Europe/Berlin")]),
    # -- flight status ----------------------------------------------------------------
    ("travel", "is LH 454 on time?", [_flight("LH 454")]),
    ("travel", "status of flight BA117", [_flight("BA117")]),
    ("travel", "Has UA 901 landed yet?", [_flight("UA 901")]),
    ("travel", "where's flight AF 1234 tomorrow", [_flight("AF 1234", "2026-01-16")], TODAY),
    ("travel", "my flight is lufthansa 454, is it delayed?", [_flight("LH 454")]),
    ("travel", "check flight DL 0047 for 2026-02-02",
     [_flight(one_of("DL 0047", "DL 47"), "2026-02-02")]),
    ("travel", "EK 202 status today",
     [_flight("EK 202", one_of(OMITTED, None, "2026-01-15"))], TODAY),
    # -- several at once, and what no tool here does ----------------------------------
    ("parallel", "time in Tokyo and in Paris", [_time("Asia/Tokyo"), _time("Europe/Paris")]),
    ("parallel", "What time is it in London, New York and Sydney?",
     [_time("Europe/London"), _time("America/New_York"), _time("Australia/Sydney")]),
    ("parallel", "check BA 117 and AA 100", [_flight("BA 117"), _flight("AA 100")]),
    ("parallel", "time in Berlin and the status of flight LH 454",
     [_time("Europe/Berlin"), _flight("LH 454")]),
    ("parallel", "what time is it in Chicago and Denver",
     [_time("America/Chicago"), _time("America/Denver")]),
    ("asks", "what's the status of my flight to Berlin?", []),
    ("asks", "is my flight on time?", []),
    ("asks", "Track my flight for tomorrow.", [], TODAY),
    ("no tool", "what a time to be alive", []),
    ("no tool", "give me a fun fact about time zones", []),
    ("no tool", "What's the weather like in Berlin?", []),
    ("no tool", "find me a cheap flight to Rome", []),
    ("no tool", "Book me a hotel in Lisbon for next weekend.", [], TODAY),
]  # fmt: skip
"""The travel cases, as rows for :func:`fcplayground.evals.everyday.everyday_cases`."""
