"""The simulated model's extractors on places, languages, names and quoted text: known cities
in any case, a place with its region, lists of places, a city's time zone and its
city-state form for a slot; language names and codes; capitalised names, written as the
parameter wants them; quotations."""

from __future__ import annotations

from datetime import date

import pytest
from extractor_reads import TODAY, found, slot, table, values

from fcplayground.models.simulated import extractors as ex
from fcplayground.models.simulated.extractors.base import Request
from fcplayground.models.simulated.profiles import read_slot
from fcplayground.models.simulated.vocabulary import Kind, Tag

# --- places -------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "place"), [
    ("What's the weather in paris", "Paris"), ("time in london", "London"),
    ("Weather in Paris", "Paris"), ("I love the weather in nice", "Nice")])  # fmt: skip
def test_a_known_city_is_read_in_any_case_after_in(text, place):
    [candidate] = found(ex.places, text)
    assert candidate.value == place and Tag.PLACE_CUE in candidate.tags


def test_every_place_of_a_list_is_read():
    assert values(ex.places, "Compare the weather in paris and tokyo") == ["Paris", "Tokyo"]


def test_a_city_and_its_state_are_read_whole_and_in_parts():
    read = ex.places.find(Request("Flights to Miami, Florida", TODAY))
    assert {(c.value, Tag.FACET in c.tags) for c in read} == {
        ("Miami, Florida", False), ("Miami", True), ("Florida", True)}  # fmt: skip


@pytest.mark.parametrize("text", [
    "Tickets for the Chicago Bulls game", "Tell me about Isaac Newton",
    "Have a nice day"])  # fmt: skip
def test_a_place_name_inside_a_longer_name_or_as_a_word_is_no_place(text):
    assert found(ex.places, text) == []


@pytest.mark.parametrize(("text", "zone"), [
    ("What time is it in Tokyo", "Asia/Tokyo"), ("time in london", "Europe/London"),
    ("time in new york", "America/New_York")])  # fmt: skip
def test_a_city_gives_its_time_zone_to_a_time_zone_slot(text, zone):
    zone_slot = slot("timezone", "IANA time zone name")
    assert zone_slot.kind == Kind.TIMEZONE
    assert ex.convert(found(ex.places, text)[0], zone_slot) == zone


@pytest.mark.parametrize(("text", "description", "written"), [
    ("weather in san francisco", "City and state, e.g. San Francisco, CA", "San Francisco, CA"),
    ("weather in Boston", "City, ST", "Boston, MA"), ("weather in Paris", "City, ST", "Paris"),
    ("weather in Boston", "The city", "Boston")])  # fmt: skip
def test_a_city_is_written_city_comma_state_when_the_slot_asks(text, description, written):
    assert ex.convert(found(ex.places, text)[0], slot("location", description)) == written


def test_a_place_and_the_region_it_lies_in_are_one_place():
    assert [c.value for c in table("weather in Naples, Florida?", Kind.PLACE) if Tag.FACET not in c.tags] == ["Naples, Florida"]  # fmt: skip
    assert [c.value for c in table("weather in El Gastor, Andalusia?", Kind.PLACE) if Tag.FACET not in c.tags] == ["El Gastor, Andalusia"]  # fmt: skip


def test_places_of_one_size_after_commas_stay_a_list():
    countries = [c.value for c in table("prime ministers of Australia, Canada, and India", Kind.PLACE) if Tag.FACET not in c.tags]  # fmt: skip
    assert countries == ["Australia", "Canada", "India"]


def test_a_street_address_with_its_city_is_one_place():
    got = [c.value for c in table("a ride from 2020 Addison Street, Berkeley, CA, USA now", Kind.PLACE) if Tag.FACET not in c.tags]  # fmt: skip
    assert got == ["2020 Addison Street, Berkeley, CA, USA"]


def test_a_city_named_like_a_state_after_a_city_stays_a_list():
    cities = [c.value for c in table("What time is it in London, New York and Sydney?", Kind.PLACE) if Tag.FACET not in c.tags]  # fmt: skip
    assert cities == ["London", "New York", "Sydney"]


# --- languages, names, quotations ---------------------------------------------------------


@pytest.mark.parametrize(("text", "language", "code"), [
    ("Translate this into french", "French", "fr"), ("Say hi in Japanese", "Japanese", "ja"),
    ("translate to mandarin", "Chinese", "zh"),
    ("reply in german please", "German", "de")])  # fmt: skip
def test_a_language_is_written_as_its_name_or_as_the_code_a_description_asks(text, language, code):
    [candidate] = found(ex.languages, text)
    assert ex.convert(candidate, slot("language", "The language to translate into")) == language
    assert ex.convert(candidate, slot("target_language", "ISO 639-1 code")) == code


@pytest.mark.parametrize(("text", "name"), [
    ("Schedule a meeting with Jane Doe tomorrow", "Jane Doe"),
    ("Find Jane Doe's account", "Jane Doe"),
    ("Search for Yellowstone National Park", "Yellowstone National Park"),
    ("Email Mr. Smith about it", "Mr. Smith"), ("Call Dr. Jane Doe", "Dr. Jane Doe"),
    ("Play songs by The Weeknd", "The Weeknd")])  # fmt: skip
def test_a_capitalised_phrase_is_one_name(text, name):
    assert values(ex.names, text, Kind.NAME) == [name]


@pytest.mark.parametrize("text", ["Book a table for two", "Find flights", "Remind me to call"])
def test_an_opening_verb_is_not_a_name(text):
    assert found(ex.names, text) == []


def test_a_capitalised_word_opening_a_sentence_is_marked_as_maybe_a_word():
    [weather] = [c for c in found(ex.names, "Weather in Paris") if c.value == "Weather"]
    assert Tag.OPENER in weather.tags


@pytest.mark.parametrize(("text", "inner"), [
    ("Send 'Let's meet at noon' to Bob", "Let's meet at noon"),
    ('Title it "Q3 review"', "Q3 review"), ("Say “Hello”", "Hello"), ("run `ls -la`", "ls -la"),
    ("Don't forget Jane's keys", None)])  # fmt: skip
def test_quoted_text_is_read_whole_and_an_apostrophe_alone_opens_none(text, inner):
    assert values(ex.quoted, text) == ([inner] if inner else [])


def test_a_quoted_date_is_read_as_the_date():
    assert [c.value for c in table("Book it for '2026-03-03'", Kind.DATE)] == [date(2026, 3, 3)]


def test_a_language_names_the_locale_option_it_converts_to():
    language = slot("language", "The language.", enum=["en-US", "zh-CN"])
    chinese = table("Say it in Chinese, please", Kind.LANGUAGE)[0]
    assert ex.convert(chinese, language) == "zh-CN"


def test_a_numbered_name_at_the_end_of_a_sentence_keeps_its_number():
    assert "Windows 10" in [c.value for c in table("It runs on Windows 10.", Kind.NAME)]


def test_a_proper_name_ending_in_the_parameter_word_stays_whole():
    park = found(ex.names, "What's the elevation of Yellowstone National Park?")[0]
    assert ex.names.write_name(park, slot("park_name")) == "Yellowstone National Park"
    recipe = found(ex.names, "Calories in the Beef Lasagna Recipe")[-1]
    assert ex.names.write_name(recipe, slot("recipe")) == "Beef Lasagna"


def test_a_title_that_names_the_tool_subject_is_left_out_of_a_name():
    name = found(ex.names, "How long has Lawyer John Doe practised?")[0]
    prop = {"type": "string", "description": "The name of the lawyer."}
    lawyer = read_slot("lawyer_get_experience", "name", prop, True, 0, frozenset({"lawyer"}))
    assert ex.names.write_name(name, lawyer) == "John Doe"


def test_a_dotted_abbreviation_ends_a_name_and_is_no_file():
    text = "The last game played by Liverpool F.C. Include its statistics."
    assert "Liverpool F.C." in [c.value for c in found(ex.names, text)]
    assert found(ex.paths, text) == []


def test_a_brand_for_a_kind_parameter_loses_the_kind_word_but_a_name_keeps_it():
    hilton = table("Is any Hilton Hotel free in Paris?", Kind.NAME)[0]
    assert ex.convert(hilton, slot("hotel_chain", "The hotel chain.")) == "Hilton"
    plaza = table("Book the Plaza Hotel in New York", Kind.NAME)[0]
    assert ex.convert(plaza, slot("hotel_name", "The hotel.")) == "Plaza Hotel"
