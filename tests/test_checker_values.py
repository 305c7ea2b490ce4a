"""How the checker compares one value with an acceptable one, nested inside lists and dicts."""

from __future__ import annotations

from fcplayground.evals import ANY
from fcplayground.evals.cases import exactly
from fcplayground.evals.checker import matches


def test_an_exactly_value_holds_every_nested_string_to_its_written_form():
    wanted = exactly({"flights": ["LH 454", "BA 2490"], "note": {"by": "Ops"}})
    assert matches({"note": {"by": "Ops"}, "flights": ["LH 454", "BA 2490"]}, wanted)
    assert not matches({"note": {"by": "Ops"}, "flights": ["lh454", "BA 2490"]}, wanted)
    assert not matches({"note": {"by": "ops"}, "flights": ["LH 454", "BA 2490"]}, wanted)


def test_an_exactly_value_holds_every_nested_value_to_its_json_type():
    wanted = exactly([1, True, None, {"n": 2.5}])
    assert matches([1.0, True, None, {"n": 2.5}], wanted)  # an int and a float are numbers
    assert not matches([True, True, None, {"n": 2.5}], wanted)
    assert not matches([1, 1, None, {"n": 2.5}], wanted)
    assert not matches([1, True, None, {"n": "2.5"}], wanted)


def test_an_exactly_value_wants_the_same_keys_and_items_as_written():
    wanted = exactly({"a": [1, 2]})
    assert not matches({"a": [1, 2], "b": 3}, wanted)
    assert not matches({"a": [1]}, wanted)
    assert not matches({"a": 1}, exactly({"a": [1]}))  # no BFCL answer lists inside it


def test_bfcl_nested_values_fold_strings_and_take_answer_lists_at_every_depth():
    assert matches(["Paris, France", {"unit": "Celsius"}], ["paris france", {"unit": ["celsius"]}])
    assert matches([{"unit": "kelvin", "at": "noon"}], [{"unit": [ANY], "at": ["Noon", ""]}])
    assert matches([{"unit": "kelvin"}], [{"unit": [ANY], "at": ["Noon", ""]}])
    assert not matches([{"unit": "kelvin"}], [{"unit": [ANY], "at": ["Noon"]}])
    assert not matches([1, True], [True, 1])  # a bool is never a number


def test_exactly_inside_a_bfcl_list_compares_only_its_own_part_as_written():
    wanted = ["paris", exactly("LH 454")]
    assert matches(["Paris", "LH 454"], wanted)
    assert not matches(["Paris", "lh454"], wanted)
