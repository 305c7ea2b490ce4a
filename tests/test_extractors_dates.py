"""The simulated model's date and time extractors: absolute and relative dates (read against
a fixed Thursday, so no test depends on the clock), times of day and the time said with a
date, the year or today a request states, and dates written as a description asks."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from extractor_reads import TODAY, found, slot, table, values

from fcplayground.models.simulated import extractors as ex
from fcplayground.models.simulated.extractors.base import Request
from fcplayground.models.simulated.vocabulary import Kind


@pytest.mark.parametrize(("text", "day"), [
    ("Book it for 2026-03-03", date(2026, 3, 3)), ("Book it for 03/04/2026", date(2026, 3, 4)),
    ("Book it for 13/04/2026", date(2026, 4, 13)), ("Since Jan 28, 2021", date(2021, 1, 28)),
    ("Remind me about the 5th of May", date(2026, 5, 5)), ("Dinner on the 28th", date(2026, 1, 28)),
    ("Dinner on the 3rd", date(2026, 2, 3)),
    ("Christmas is Dec 25", date(2026, 12, 25))])  # fmt: skip
def test_an_absolute_date_is_read_in_its_common_forms(text, day):
    assert values(ex.dates, text) == [day]


def test_on_the_5th_of_may_is_the_fifth_of_may():
    assert values(ex.dates, "Party on the 5th of May") == [date(2026, 5, 5)]


@pytest.mark.parametrize(("text", "day"), [
    ("Call me tomorrow", date(2026, 1, 16)), ("the day after tomorrow", date(2026, 1, 17)),
    ("Remind me in 3 days", date(2026, 1, 18)), ("What did I do last Monday", date(2026, 1, 12)),
    ("Meet next Monday", date(2026, 1, 19)), ("Meet on Sunday", date(2026, 1, 18)),
    ("It was 3 days ago", date(2026, 1, 12))])  # fmt: skip
def test_a_relative_date_is_read_against_the_reference_date(text, day):
    assert values(ex.dates, text, Kind.DATE) == [day]


@pytest.mark.parametrize("text", ["Cook a sunday roast", "Book it for 02/30/2026"])
def test_a_lowercase_weekday_alone_or_an_impossible_date_is_not_a_date(text):
    assert values(ex.dates, text) == []


def test_next_friday_is_a_friday_in_the_coming_week():
    [day] = values(ex.dates, "Meet next Friday")
    assert day.weekday() == 4 and TODAY < day <= TODAY + timedelta(days=8)


def test_a_time_said_with_a_date_joins_it():
    assert values(ex.dates, "Tomorrow at 2pm works") == [datetime(2026, 1, 16, 14, 0)]


def test_a_date_is_written_in_the_format_the_description_asks():
    tomorrow = found(ex.dates, "Call me tomorrow")[0]
    assert ex.convert(tomorrow, slot("date", "The date, MM-DD-YYYY")) == "01-16-2026"
    assert ex.convert(tomorrow, slot("date", "The date")) == "2026-01-16"


@pytest.mark.parametrize(("text", "written"), [
    ("Wake me at 9:30", "09:30"), ("at 2pm", "14:00"), ("Lunch at noon", "12:00"),
    ("by midnight", "00:00"), ("Meet at 2:30 p.m.", "14:30"),
    ("It is 14:00 now", "14:00")])  # fmt: skip
def test_a_time_of_day_is_written_hh_mm(text, written):
    [candidate] = found(ex.times, text)
    assert ex.convert(candidate, slot("time", "Time of day")) == written


def test_a_time_written_with_p_m_survives_the_table():
    assert [c.value for c in table("Meet at 2:30 p.m.", Kind.TIME)] == [time(14, 30)]


def test_a_year_after_a_comma_without_a_space_belongs_to_the_date():
    assert [c.value for c in table("starting from 15th October,2023.", Kind.DATE)] == [
        date(2023, 10, 15)
    ]


def test_a_year_written_with_one_date_applies_to_the_other_dates():
    days = [c.value for c in table("from April 22 at 10:00 AM until April 27, 2023", Kind.DATE)]
    assert days == [datetime(2023, 4, 22, 10, 0), date(2023, 4, 27)]  # the time said comes along


def test_a_year_the_request_states_is_the_year_of_its_dates():
    assert [c.value for c in table("the weather on the 12th of March. it's 2023 right now", Kind.DATE)] == [date(2023, 3, 12)]  # fmt: skip


def test_a_today_the_request_states_is_the_reference_date_and_no_value():
    days = [c.value for c in table("any shows next Monday? today is monday April 25th 2023", Kind.DATE)]  # fmt: skip
    assert days == [date(2023, 5, 1)]


def test_an_exact_date_next_to_a_relative_one_says_which_day():
    assert [c.value for c in table("a play next Monday 2023.10.2 in Chicago", Kind.DATE)] == [date(2023, 10, 2)]  # fmt: skip


def test_a_date_takes_the_time_said_right_after_it():
    got = [
        c.value for c in table("Reschedule it to November 1, 2023 at 4pm London time", Kind.DATE)
    ]
    assert got == [datetime(2023, 11, 1, 16, 0)]


def test_a_time_is_written_the_way_the_described_example_writes_it():
    s = slot("time", "The local time you want to convert, e.g. 3pm")
    value = ex.times.find(Request("convert 3pm to London", TODAY))[0]
    assert ex.times.write_time(value, s) == "3pm"
