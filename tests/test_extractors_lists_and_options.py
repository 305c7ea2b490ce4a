"""The simulated model's extractors on lists, options and flags: bracket lists and lists in
plain words, an enum option read by meaning or by a description's own mapping, and a
boolean set by what the request asks for or rules out."""

from __future__ import annotations

import pytest
from extractor_reads import TODAY, found, slot, values

from fcplayground.models.simulated import extractors as ex
from fcplayground.models.simulated.extractors.base import Request

# --- lists --------------------------------------------------------------------------------


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


# --- options and flags --------------------------------------------------------------------


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


def test_an_option_named_exactly_wins_over_another_reached_through_a_related_word():
    meal = slot("meal_type", "The type of meal, e.g., 'dinner', 'breakfast'.")
    got = ex.options.read(Request("gluten-free recipes for dinner", TODAY), meal)
    assert [c.value for c in got] == ["dinner"]


def test_a_number_code_is_read_by_the_meaning_the_request_names():
    description = "For example, 1 for cleaning service, 2 for ironing service, 3 for deep cleaning service."  # fmt: skip
    service = slot("service_id", description, "integer")
    pick = [c.value for c in ex.options.read(Request("a housekeeper who does ironing", TODAY), service)]  # fmt: skip
    deep = [c.value for c in ex.options.read(Request("book a deep cleaning", TODAY), service)]
    assert pick == [2] and deep == [3]


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


def test_a_flag_is_named_by_a_word_made_from_it():
    normalize = slot("normalize", "Whether to normalize the data.", json_type="boolean")
    got = ex.flags.read(Request("I need to apply normalization to them", TODAY), normalize)
    assert [c.value for c in got] == [True]
