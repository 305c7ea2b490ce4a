"""The simulated model's number extractors: separators, scales, number words and signs,
percentages, units and currencies (with the quantity converted to the unit a slot asks
for), direction words that tell source from target, and arithmetic as one expression."""

from __future__ import annotations

import pytest
from extractor_reads import TODAY, found, slot, table, values

from fcplayground.models.simulated import extractors as ex
from fcplayground.models.simulated.extractors.base import Request
from fcplayground.models.simulated.vocabulary import Kind, Tag


def first_number(text):
    return next(c for c in found(ex.numbers, text) if c.kind == Kind.NUMBER)


# --- numbers ------------------------------------------------------------------------------


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


# --- currencies and units -----------------------------------------------------------------


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


def test_a_unit_at_the_end_of_a_sentence_leaves_the_full_stop():
    assert [c.value for c in table("What is the distance in miles.", Kind.UNIT)] == ["miles"]


# --- directions ---------------------------------------------------------------------------


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


# --- formulas and arithmetic --------------------------------------------------------------


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
