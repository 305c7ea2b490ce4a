"""Each extractor of the simulated model on its own, on short phrases a learner would type.

What is asserted is what a hosted model (GPT-4o / Claude class) gets right reading the same
request. Most tests call one module's ``find`` (or ``read``) alone; those that go through
``ex.extract`` check what the table adds (one reading per stretch of words, direction tags).
Relative dates are read against a fixed Thursday, so no test depends on the clock.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from fcplayground.models.simulated import extractors as ex
from fcplayground.models.simulated.extractors.base import Request
from fcplayground.models.simulated.profiles import read_slot
from fcplayground.models.simulated.vocabulary import Kind, Tag

TODAY = date(2026, 1, 15)  # a Thursday


def found(module, text):
    """What one extractor proposes for ``text``, less facets (the unit of "5 km", ...)."""
    return [c for c in module.find(Request(text, TODAY)) if Tag.FACET not in c.tags]


def values(module, text, kind=None):
    return [c.value for c in found(module, text) if kind is None or c.kind == kind]


def table(text, kind):
    """What the whole table keeps of ``kind`` for ``text``."""
    return [c for c in ex.extract(text, TODAY) if c.kind == kind]


def slot(name, description="", json_type="string", **schema):
    prop = {"type": json_type, "description": description, **schema}
    return read_slot("tool", name, prop, True, 0, frozenset())


def first_number(text):
    return next(c for c in found(ex.numbers, text) if c.kind == Kind.NUMBER)


# --- emails, links, paths, IP addresses, colours
@pytest.mark.parametrize(("text", "address"), [
    ("Email jane.doe@example.com please.", "jane.doe@example.com"),
    ("Mail bob@example.co.uk.", "bob@example.co.uk"),
    ("cc me, j.smith+news@mail.example.org", "j.smith+news@mail.example.org")])  # fmt: skip
def test_an_email_address_is_read_without_the_full_stop_after_it(text, address):
    assert values(ex.emails, text) == [address]


@pytest.mark.parametrize(("text", "link"), [
    ("Open https://example.com/a?b=c.", "https://example.com/a?b=c"),
    ("Check www.example.org, then reply", "www.example.org"), ("is openai.com up?", "openai.com"),
    ("Visit example.com/docs!", "example.com/docs"),
    ("See (https://foo.io/x).", "https://foo.io/x")])  # fmt: skip
def test_a_link_is_read_with_or_without_a_scheme_and_without_trailing_punctuation(text, link):
    assert values(ex.urls, text) == [link]


@pytest.mark.parametrize(("text", "path"), [
    ("Open reports/2025/q3.csv", "reports/2025/q3.csv"), ("show /etc/hosts.", "/etc/hosts"),
    ("load C:\\data\\x.txt", "C:\\data\\x.txt"), ("summarise notes.txt", "notes.txt")])  # fmt: skip
def test_a_file_path_is_read_whole(text, path):
    assert values(ex.paths, text) == [path]


def test_a_path_in_the_home_directory_is_read_whole():
    assert values(ex.paths, "Read ~/notes.txt") == ["~/notes.txt"]


@pytest.mark.parametrize("text", ["Speed in km/h", "Add 3/4 cup of flour", "you and/or me"])
def test_units_fractions_and_and_or_are_not_paths(text):
    assert values(ex.paths, text) == []


def test_an_ipv4_address_is_read_only_when_each_part_is_at_most_255():
    assert values(ex.addresses, "Ping 192.168.1.10 now") == ["192.168.1.10"]
    assert values(ex.addresses, "Ping 999.1.1.1 now") == []


def test_hex_colours_are_read_in_six_and_three_digit_forms():
    assert values(ex.colours, "Paint it #1e90ff or #FFF") == ["#1e90ff", "#FFF"]
    assert values(ex.colours, "Paint it #12345") == []


# --- time zones, flights, ISBNs, versions, ids
@pytest.mark.parametrize(("text", "zone"), [
    ("What time is it in America/Los_Angeles?", "America/Los_Angeles"),
    ("Schedule it for Europe/Paris", "Europe/Paris"),
    ("meeting in europe/paris time", "Europe/Paris"),
    ("convert 9am to asia/kolkata", "Asia/Kolkata"), ("Show it in UTC+2", "UTC+2")])  # fmt: skip
def test_a_timezone_is_kept_whole(text, zone):
    assert values(ex.timezones, text) == [zone]
    assert [c.value for c in table(text, Kind.TIMEZONE)] == [zone]
    assert table(text, Kind.PATH) == []


@pytest.mark.parametrize(("text", "flight"), [
    ("Status of flight LH 454", "LH 454"), ("Is BA2490 on time?", "BA2490"),
    ("Has U2 8012 landed?", "U2 8012")])  # fmt: skip
def test_a_flight_number_is_kept_whole(text, flight):
    assert values(ex.flights, text) == [flight]
    [whole] = table(text, Kind.FLIGHT)
    assert whole.value == flight
    assert [c for c in ex.extract(text, TODAY) if c.overlaps(whole)] == [whole]  # no "LH", 454


@pytest.mark.parametrize(("text", "isbn"), [
    ("Look up ISBN 978-0-14-103614-4", ["978-0-14-103614-4"]),
    ("Find 0-306-40615-2", ["0-306-40615-2"]), ("Find book 9780141036144", ["9780141036144"]),
    ("Look up 978-0-14-103614-5", [])])  # fmt: skip
def test_an_isbn_is_read_only_when_its_check_digit_adds_up(text, isbn):
    assert values(ex.isbns, text) == isbn


def test_an_isbn_after_the_word_isbn_survives_the_table():
    read = table("Look up ISBN 978-0-14-103614-4", Kind.ISBN)
    assert [c.value for c in read] == ["978-0-14-103614-4"]


@pytest.mark.parametrize(("text", "version"), [
    ("Upgrade to 1.2.3", "1.2.3"), ("Install v2.0", "v2.0"), ("Install Python 3.12", "3.12"),
    ("Roll back to version 4.1", "4.1"), ("Pin 2.0.0-rc1", "2.0.0-rc1")])  # fmt: skip
def test_a_version_is_kept_whole(text, version):
    assert values(ex.versions, text) == [version]


def test_a_number_with_one_dot_alone_is_a_number_not_a_version():
    assert values(ex.versions, "Set the ratio to 3.5") == []
    assert values(ex.numbers, "Set the ratio to 3.5") == [3.5]


@pytest.mark.parametrize("code", [
    "ORD-1234", "E-1042", "order-123", "rs6034464", "INV_2025_001", "my_sales_data", "2019-2020",
    "1Z999AA10123456784"])  # fmt: skip
def test_a_code_is_read_whole_as_an_id(code):
    assert values(ex.ids, f"Look up {code} please") == [code]


@pytest.mark.parametrize("text", ["the 3rd row", "at 2pm", "a 6cm cube", "a step of 1e-9"])
def test_ordinals_times_quantities_and_exponents_are_not_ids(text):
    assert values(ex.ids, text) == []


def test_a_season_stays_one_id_through_the_table():
    assert [c.value for c in table("Stats for the 2019-2020 season", Kind.ID)] == ["2019-2020"]
    assert table("Stats for the 2019-2020 season", Kind.DATE) == []


def test_an_id_for_an_integer_slot_keeps_only_its_digits():
    order = found(ex.ids, "refund order-123")[0]
    assert ex.convert(order, slot("order_id", json_type="integer")) == 123


# --- dates and times
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


# --- numbers
@pytest.mark.parametrize(("text", "number"), [
    ("The population is 1,234,567 people", 1234567), ("A city of 2.5 million people", 2500000),
    ("Add 10k to the total", 10000), ("I have twelve apples", 12),
    ("Buy two hundred fifty shares", 250), ("It fell to -3.5 overnight", -3.5),
    ("The temperature was -5 degrees", -5)])  # fmt: skip
def test_a_number_is_read_with_separators_scales_words_and_signs(text, number):
    assert first_number(text).value == number


def test_a_spelled_number_is_tagged_as_a_word():
    assert Tag.WORD in first_number("I have twelve apples").tags
    assert Tag.WORD not in first_number("I have 12 apples").tags


def test_a_minus_between_two_numbers_is_no_negative_sign():
    assert values(ex.numbers, "What's 100 - 7", Kind.NUMBER) == [100, 7]


def test_a_percentage_is_a_fraction_for_a_decimal_rate_and_whole_for_a_percentage():
    five = first_number("Interest at 5% per year")
    assert Tag.PERCENT in five.tags
    assert ex.convert(five, slot("rate", "Interest rate as a decimal", "number")) == 0.05
    assert ex.convert(five, slot("rate", "Interest rate as a percentage", "number")) == 5


@pytest.mark.parametrize(("text", "number", "unit"), [
    ("A 6cm cube", 6, "centimeter"), ("Gravity is 9.8 m/s^2", 9.8, "meter / second ** 2"),
    ("An inductor of 50mH", 50, "millihenry"), ("Run 5m today", 5, "meter"),
    ("Change 60 euros to dollars", 60, "EUR"), ("Spend $200 on food", 200, "USD"),
    ("a budget of $5m", 5000000, "USD")])  # fmt: skip
def test_a_number_keeps_the_unit_or_currency_written_with_it(text, number, unit):
    candidate = first_number(text)
    assert (candidate.value, candidate.unit) == (number, unit)


@pytest.mark.parametrize(("text", "description", "value"), [
    ("An inductor of 50mH", "Inductance in henries", 0.05),
    ("A 6cm cube", "Side length in meters", 0.06),
    ("Water boils at 100 °C", "Temperature in Fahrenheit", 212),
    ("Change 60 euros to dollars", "Amount to convert", 60)])  # fmt: skip
def test_a_quantity_is_converted_to_the_unit_the_slot_asks_for(text, description, value):
    assert ex.convert(first_number(text), slot("value", description, "number")) == value


def test_from_rest_is_a_speed_of_zero():
    # a facet: a speed of 0 only for a parameter that names a speed or velocity
    rest = [
        c
        for c in ex.numbers.find(Request("A car starts from rest and accelerates", TODAY))
        if c.text.endswith("rest")
    ]
    assert [(c.value, Tag.FACET in c.tags) for c in rest] == [(0, True)]


# --- currencies and units
@pytest.mark.parametrize(("text", "code", "written"), [
    ("exchange my euros", "EUR", "euros"), ("how many dollars is that", "USD", "dollars"),
    ("5000 yen", "JPY", "yen"), ("pay in Swiss francs", "CHF", "Swiss francs"),
    ("Send 50 bucks", "USD", "bucks"), ("price in GBP", "GBP", "GBP")])  # fmt: skip
def test_an_everyday_currency_name_becomes_its_iso_code(text, code, written):
    assert [(c.value, c.text) for c in found(ex.currencies, text)] == [(code, written)]


def test_three_letter_words_are_currency_codes_only_in_capitals():
    assert values(ex.currencies, "show all the top stories") == []


@pytest.mark.parametrize("text", ["How much are 20 pounds in euros", "pay me 20 pounds"])
def test_pounds_are_sterling_when_money_is_talked_about(text):
    assert values(ex.currencies, text)[:1] == ["GBP"]


@pytest.mark.parametrize("text", ["I want to lose 10 pounds", "Convert 10 kg to pounds"])
def test_pounds_weigh_when_weights_are_talked_about(text):
    assert "GBP" not in values(ex.currencies, text)
    assert [c.unit for c in table(text, Kind.UNIT) if c.text == "pounds"] == ["pound"]


def test_pounds_that_something_costs_are_sterling():
    assert values(ex.currencies, "The ticket costs 20 pounds") == ["GBP"]


@pytest.mark.parametrize(("text", "unit"), [
    ("convert it to miles", "mile"), ("what is that in celsius", "degree_Celsius"),
    ("how many grams is that", "gram"), ("5 km in m", "meter")])  # fmt: skip
def test_a_unit_alone_is_read_after_to_in_or_how_many(text, unit):
    assert [c.unit for c in found(ex.units, text)] == [unit]


@pytest.mark.parametrize("text", [
    "remind me to call mum", "go to bed", "switch to dark mode", "put it in the box",
    "in an hour"])  # fmt: skip
def test_ordinary_words_after_to_or_in_are_not_units(text):
    assert found(ex.units, text) == []


def test_c_after_a_fahrenheit_temperature_is_celsius():
    assert [c.unit for c in found(ex.units, "Convert 70 F to C")] == ["degree_Celsius"]


# --- directions
@pytest.mark.parametrize(("text", "kind", "source", "target"), [
    ("Change 60 euros to dollars", Kind.CURRENCY, "EUR", "USD"),
    ("300 euros in pounds", Kind.CURRENCY, "EUR", "GBP"),
    ("how many yen for 500 dollars", Kind.CURRENCY, "USD", "JPY"),
    ("How much is 5000 yen in Swiss francs", Kind.CURRENCY, "JPY", "CHF"),
    ("Drive from Paris to Rome", Kind.PLACE, "Paris", "Rome"),
    ("Convert 5 km to miles", Kind.UNIT, "km", "miles"),
    ("Translate from Spanish to English", Kind.LANGUAGE, "Spanish", "English")])  # fmt: skip
def test_direction_words_set_source_and_target(text, kind, source, target):
    tags = {c.value: c.tags for c in table(text, kind)}
    assert Tag.SOURCE in tags[source] and Tag.TARGET not in tags[source]
    assert Tag.TARGET in tags[target] and Tag.SOURCE not in tags[target]


# --- formulas and arithmetic
@pytest.mark.parametrize(("text", "expression", "operation"), [
    ("What is 19 times 23", "19*23", "multiply"), ("Compute 7*6", "7*6", "multiply"),
    ("What's 12 divided by 4", "12/4", "divide"), ("What is 5 squared", "5**2", "power"),
    ("What is 20% of 80", "20/100*80", "percentage"), ("Add 1,000 plus 250", "1000+250", "add"),
    ("What is twelve times three", "12*3", "multiply"), ("Multiply 6 by 3", "6*3", "multiply"),
    ("Square root of 16", "sqrt(16)", "square root")])  # fmt: skip
def test_arithmetic_is_one_expression_with_its_operation(text, expression, operation):
    [candidate] = found(ex.formulas, text)
    assert (candidate.value, candidate.evidence) == (expression, operation)


def test_the_numbers_of_a_sum_stay_available_beside_it():
    assert [c.value for c in table("What is 19 times 23", Kind.NUMBER)] == [19, 23]


def test_a_polynomial_is_one_formula_written_with_python_powers():
    [candidate] = found(ex.formulas, "Find the derivative of 3x^2 + 2x - 1")
    assert candidate.text == "3x^2 + 2x - 1"
    assert candidate.value in ("3x**2 + 2x - 1", "3*x**2 + 2*x - 1")


@pytest.mark.parametrize("text", [
    "Meet on 2026-03-03", "pages 10-20", "call 555-0199", "the 2019-2020 season",
    "a 12x18 print"])  # fmt: skip
def test_dates_ranges_and_codes_are_not_arithmetic(text):
    assert found(ex.formulas, text) == []


def test_a_range_with_spaces_is_not_a_subtraction():
    assert found(ex.formulas, "Book a room for 10 - 20 people") == []


# --- places
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


# --- languages, names, quotations
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


# --- lists
@pytest.mark.parametrize(("text", "items"), [
    ("Sort [3, 1, 2]", [3, 1, 2]), ("Tags ['a', 'b']", ["a", "b"]),
    ("Sum [1, [2, 3]]", [1, [2, 3]]), ("Buy [apples, pears]", ["apples", "pears"]),
    ("at (40.7, -74.0)", [40.7, -74.0]),
    ("Weather at (33.45 N, 112.07 W)", [33.45, -112.07])])  # fmt: skip
def test_a_bracket_list_or_a_coordinate_pair_is_one_list(text, items):
    assert values(ex.lists, text) == [items]


@pytest.mark.parametrize(("text", "items"), [
    ("Find recipes with tomatoes, basil and garlic", ["tomatoes", "basil", "garlic"]),
    ("I like jogging or swimming", ["jogging", "swimming"]),
    ("get milk, eggs, and bread", ["milk", "eggs", "bread"])])  # fmt: skip
def test_a_list_in_plain_words_gives_each_item(text, items):
    assert values(ex.phrases, text) == items


def test_two_commands_joined_by_and_are_not_a_list():
    assert found(ex.phrases, "Turn on the kitchen lights and set a timer") == []


def test_a_verb_before_the_first_item_is_no_part_of_it():
    assert values(ex.phrases, "can you buy milk, eggs and bread") == ["milk", "eggs", "bread"]


# --- options and flags
def chosen(text, choices, description=""):
    read = ex.options.read(Request(text, TODAY), slot("choice", description, enum=choices))
    return [c.value for c in read]


@pytest.mark.parametrize(("text", "choices", "option"), [
    ("two Large pizzas", ["small", "medium", "large"], "large"),
    ("weather in Celsius please", ["celsius", "fahrenheit"], "celsius"),
    ("recommend some books", ["book", "movie", "game"], "book"),
    ("turn the lights ON", ["on", "off"], "on"),
    ("Lights out in the kitchen", ["on", "off"], "off"),
    ("sort descending", ["asc", "desc"], "desc")])  # fmt: skip
def test_an_option_is_read_by_meaning(text, choices, option):
    assert chosen(text, choices) == [option]


def test_an_option_is_read_in_a_plural_ending_in_ies():
    assert chosen("any good movies?", ["book", "movie", "game"]) == ["movie"]


def test_a_description_own_mapping_picks_the_option():
    mapping = "'C' for Celsius, 'F' for Fahrenheit"
    assert chosen("temperature in fahrenheit please", ["C", "F"], mapping) == ["F"]


def test_a_description_mapping_currency_words_picks_only_the_one_said():
    mapping = "Currency code: USD for dollars, EUR for euros"
    assert chosen("price it in dollars", ["USD", "EUR", "GBP"], mapping) == ["USD"]


def flag(text, name):
    return [c.value for c in ex.flags.read(Request(text, TODAY), slot(name, json_type="boolean"))]


@pytest.mark.parametrize(("text", "name", "value"), [
    ("Predict the forest growth including human impact", "include_human_impact", True),
    ("Predict the forest growth without human impact", "include_human_impact", False),
    ("Route to Boston without tolls", "include_tolls", False),
    ("Route to Boston with tolls", "include_tolls", True),
    ("run it, verbose: no", "verbose", False)])  # fmt: skip
def test_a_flag_is_true_when_asked_for_and_false_when_ruled_out(text, name, value):
    assert flag(text, name) == [value]


def test_a_request_silent_about_a_flag_reads_nothing():
    assert flag("Route to Boston", "include_tolls") == []


def test_a_flag_that_avoids_something_is_true_when_the_request_rules_it_out():
    assert flag("Route to Boston without tolls", "avoid_tolls") == [True]


def test_a_written_no_after_a_two_word_flag_sets_it_false():
    assert flag("Predict the growth, human impact: no", "include_human_impact") == [False]


def test_a_year_after_a_comma_without_a_space_belongs_to_the_date():
    assert [c.value for c in table("starting from 15th October,2023.", Kind.DATE)] == [
        date(2023, 10, 15)
    ]


def test_a_code_joined_by_a_slash_is_kept_whole_but_paths_and_fractions_are_not_codes():
    assert [c.value for c in table("the docket numbered 2022/AL2562 please", Kind.ID)] == [
        "2022/AL2562"
    ]
    assert table("call v1/users now", Kind.ID) == []
    assert table("add 3/4 cup", Kind.ID) == []


def test_examples_after_i_e_are_the_parameters_examples_without_etc():
    s = slot("info_type", "The information needed, i.e., victim, accused, verdict etc")
    assert s.examples == ("victim", "accused", "verdict")


def test_a_unit_at_the_end_of_a_sentence_leaves_the_full_stop():
    assert [c.value for c in table("What is the distance in miles.", Kind.UNIT)] == ["miles"]


def test_a_numbered_name_at_the_end_of_a_sentence_keeps_its_number():
    assert "Windows 10" in [c.value for c in table("It runs on Windows 10.", Kind.NAME)]


def test_an_option_named_exactly_wins_over_another_reached_through_a_related_word():
    meal = slot("meal_type", "The type of meal, e.g., 'dinner', 'breakfast'.")
    got = ex.options.read(Request("gluten-free recipes for dinner", TODAY), meal)
    assert [c.value for c in got] == ["dinner"]


def test_a_description_offering_hostname_or_ip_address_accepts_a_hostname():
    host = slot("host", "The hostname or IP address of the PostgreSQL server.")
    assert host.kind == Kind.IP
    assert Kind.URL in host.accepts
    assert not slot("ip", "The IP address of the server.").accepts


def test_the_identifier_of_a_contact_accepts_the_contacts_name():
    offered = slot("receiver", "The identifier for the recipient, such as an account number or a contact name.")  # fmt: skip
    assert Kind.NAME in offered.accepts
    emailed = slot("receiver", "The identifier for the contact or account, such as an email or account number.")  # fmt: skip
    assert Kind.NAME in emailed.accepts
    assert not slot("order_id", "The unique identifier of the order.").accepts


def test_a_narrow_kind_whose_examples_are_plain_words_is_plain_text():
    assert slot("color", "The desired color of the beer, such as 'pale', 'amber', 'dark'.").kind != Kind.COLOR  # fmt: skip
    assert slot("color", "The colour as a hex code, e.g. #ff0000.").kind == Kind.COLOR


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


def test_number_codes_a_description_gives_are_the_options_of_an_integer():
    described = slot("province_id", "For example, 1 represents Bangkok, 2 for Chiang Mai, 3 for Chonburi.", "integer")  # fmt: skip
    assert described.kind == Kind.ENUM and described.enum == (1, 2, 3)


def test_a_number_code_is_read_by_the_meaning_the_request_names():
    description = "For example, 1 for cleaning service, 2 for ironing service, 3 for deep cleaning service."  # fmt: skip
    service = slot("service_id", description, "integer")
    pick = [c.value for c in ex.options.read(Request("a housekeeper who does ironing", TODAY), service)]  # fmt: skip
    deep = [c.value for c in ex.options.read(Request("book a deep cleaning", TODAY), service)]
    assert pick == [2] and deep == [3]


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


def test_a_command_is_copied_as_written_for_a_command_parameter():
    command = slot("command", "The system command to run.")
    assert command.kind == Kind.COMMAND
    read = ex.commands.read
    assert [c.value for c in read(Request("shutdown the pc, using the exact command shutdown /s /t 0", TODAY), command)] == ["shutdown /s /t 0"]  # fmt: skip
    assert [c.value for c in read(Request("open camera, using the start microsoft.windows.camera: command", TODAY), command)] == ["start microsoft.windows.camera:"]  # fmt: skip


def test_a_flag_is_named_by_a_word_made_from_it():
    normalize = slot("normalize", "Whether to normalize the data.", json_type="boolean")
    got = ex.flags.read(Request("I need to apply normalization to them", TODAY), normalize)
    assert [c.value for c in got] == [True]


def test_a_language_names_the_locale_option_it_converts_to():
    language = slot("language", "The language.", enum=["en-US", "zh-CN"])
    chinese = table("Say it in Chinese, please", Kind.LANGUAGE)[0]
    assert ex.convert(chinese, language) == "zh-CN"


def test_a_basic_colour_word_fills_a_colour_parameter():
    request = Request("Identify a small green bird in forest.", TODAY)
    assert [c.value for c in ex.colours.read(request, slot("color"))] == ["green"]


def test_a_colour_word_in_a_proper_name_is_no_colour():
    request = Request("Tickets for the Boston Red Sox game", TODAY)
    assert ex.colours.read(request, slot("color")) == []


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


def test_a_date_takes_the_time_said_right_after_it():
    got = [
        c.value for c in table("Reschedule it to November 1, 2023 at 4pm London time", Kind.DATE)
    ]
    assert got == [datetime(2023, 11, 1, 16, 0)]


def test_a_described_format_with_a_t_between_date_and_time_is_written_whole():
    s = slot("when", "The new date and time, in ISO-8601 format (e.g., 'YYYY-MM-DDTHH:MM:SSZ').")
    assert s.date_format == "%Y-%m-%dT%H:%M:%S"


def test_a_described_format_with_a_three_letter_year_still_means_the_year():
    s = slot("start_date", "Start of the date range, in the format of MM-DD-YYY.")
    assert s.date_format == "%m-%d-%Y"


def test_a_date_format_said_in_words_gives_the_order_of_the_parts():
    s = slot("date", "The date (month-day-year) you want to get the air quality index for.")
    assert s.date_format == "%m-%d-%Y"


def test_the_values_a_parameter_supports_are_its_examples():
    s = slot(
        "from_unit", "The unit to convert from. Supports 'teaspoon', 'tablespoon', 'cup', etc."
    )
    assert s.examples[:3] == ("teaspoon", "tablespoon", "cup")


def test_a_time_is_written_the_way_the_described_example_writes_it():
    s = slot("time", "The local time you want to convert, e.g. 3pm")
    value = ex.times.find(Request("convert 3pm to London", TODAY))[0]
    assert ex.times.write_time(value, s) == "3pm"


def test_a_brand_for_a_kind_parameter_loses_the_kind_word_but_a_name_keeps_it():
    hilton = table("Is any Hilton Hotel free in Paris?", Kind.NAME)[0]
    assert ex.convert(hilton, slot("hotel_chain", "The hotel chain.")) == "Hilton"
    plaza = table("Book the Plaza Hotel in New York", Kind.NAME)[0]
    assert ex.convert(plaza, slot("hotel_name", "The hotel.")) == "Plaza Hotel"
