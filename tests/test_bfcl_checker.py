"""The BFCL AST checker on tiny hand-written cases: every scoring rule both ways (strings,
numbers, booleans, lists, dicts, omitted, unexpected and required parameters, the number
of calls, parallel calls, irrelevance and relevance)."""

from __future__ import annotations

from typing import Any

from fcplayground.chat import Message, ToolCall, ToolSpec
from fcplayground.evals import Case, check
from fcplayground.evals.checker import normalize

# --- tiny hand-written cases --------------------------------------------------------------


WEATHER = ToolSpec(
    "get_weather",
    "Current weather for a city.",
    {
        "type": "object",
        "properties": {
            "city": {"type": "string"},
            "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
            "days": {"type": "integer"},
            "threshold": {"type": "number"},
            "alerts": {"type": "boolean"},
            "hours": {"type": "array", "items": {"type": "integer"}},
            "filters": {"type": "object"},
        },
        "required": ["city"],
    },
)


CUSTOMER = ToolSpec(
    "lookup_customer",
    "Finds a customer by email.",
    {"type": "object", "properties": {"email": {"type": "string"}}, "required": ["email"]},
)


def weather_case(answer: dict[str, list[Any]], required: list[str] | None = None) -> Case:
    """A one-call case expecting get_weather with ``answer``."""
    tool = WEATHER
    if required is not None:
        tool = ToolSpec(tool.name, tool.description, {**tool.parameters, "required": required})
    return Case(
        "t",
        "simple_python",
        [Message.user("weather?")],
        tools=[tool, CUSTOMER],
        expected=[{"get_weather": answer}],
    )


def weather(**arguments: Any) -> list[ToolCall]:
    return [ToolCall("get_weather", arguments)]


PARIS = {"city": ["Paris, France", "Paris"]}


def test_normalize_drops_case_spaces_and_punctuation():
    assert normalize("San-Francisco, CA. a/b_c*d^e") == "sanfranciscocaabcde"


def test_string_matches_after_normalisation():
    assert check(weather_case(PARIS), weather(city="paris, france")).ok
    assert check(weather_case(PARIS), weather(city="PARIS-FRANCE")).ok


def test_string_outside_the_acceptable_values_fails_with_the_options():
    verdict = check(weather_case(PARIS), weather(city="Lyon"))
    assert not verdict.ok and verdict.name_ok
    assert verdict.reasons == ["argument 'city': value 'Lyon' not in ['Paris, France', 'Paris']"]


def test_long_option_lists_are_shortened_in_reasons():
    case = weather_case({"city": ["a", "b", "c", "d"]})
    assert check(case, weather(city="z")).reasons == [
        "argument 'city': value 'z' not in ['a', 'b', 'c', ...]"
    ]


def test_int_is_accepted_for_a_number():
    assert check(weather_case({**PARIS, "threshold": [5.0]}), weather(city="Paris", threshold=5)).ok


def test_float_is_refused_for_an_integer():
    verdict = check(weather_case({**PARIS, "days": [3]}), weather(city="Paris", days=3.0))
    assert not verdict.ok
    assert verdict.reasons == ["argument 'days': expected integer, got number 3.0"]


def test_bool_matches_bool():
    assert check(weather_case({**PARIS, "alerts": [True]}), weather(city="Paris", alerts=True)).ok


def test_bool_is_not_an_integer_and_an_integer_is_not_a_bool():
    days = check(weather_case({**PARIS, "days": [1]}), weather(city="Paris", days=True))
    alerts = check(weather_case({**PARIS, "alerts": [True]}), weather(city="Paris", alerts=1))
    assert days.reasons == ["argument 'days': expected integer, got boolean True"]
    assert alerts.reasons == ["argument 'alerts': expected boolean, got integer 1"]


def test_list_matches_element_by_element_in_order():
    case = weather_case({**PARIS, "hours": [[9, 12], [12, 9, 18]]})
    assert check(case, weather(city="Paris", hours=[9, 12])).ok
    assert not check(case, weather(city="Paris", hours=[12, 9])).ok
    assert not check(case, weather(city="Paris", hours=[9, 12, 18])).ok


def test_list_items_are_type_checked():
    case = weather_case({**PARIS, "hours": [[9, 12]]})
    verdict = check(case, weather(city="Paris", hours=[9, "12"]))
    assert verdict.reasons == ["argument 'hours': item 1: expected integer, got string '12'"]


def test_list_of_strings_is_normalised_element_wise():
    case = Case(
        "t",
        "simple_python",
        [Message.user("x")],
        tools=[ToolSpec("f", "", {"type": "object", "properties": {"tags": {"type": "array"}}})],
        expected=[{"f": {"tags": [["New York", "Los Angeles"]]}}],
    )
    assert check(case, [ToolCall("f", {"tags": ["new york", "los-angeles"]})]).ok
    assert not check(case, [ToolCall("f", {"tags": ["los angeles", "new york"]})]).ok


def test_dict_matches_key_by_key_in_any_order():
    case = weather_case({**PARIS, "filters": [{"min": [1, 2], "max": [10], "note": ["", "x"]}]})
    assert check(case, weather(city="Paris", filters={"max": 10, "min": 2})).ok
    assert check(case, weather(city="Paris", filters={"note": "X", "max": 10, "min": 1})).ok


def test_dict_with_a_wrong_missing_or_extra_key_fails():
    case = weather_case({**PARIS, "filters": [{"min": [1], "max": [10]}]})
    assert not check(case, weather(city="Paris", filters={"min": 1, "max": 11})).ok
    assert not check(case, weather(city="Paris", filters={"min": 1})).ok
    assert not check(case, weather(city="Paris", filters={"min": 1, "max": 10, "x": 0})).ok


def test_dict_given_as_a_literal_value_matches_exactly():
    case = weather_case({**PARIS, "filters": [{"lat": 1.5, "lon": 2}]})
    assert check(case, weather(city="Paris", filters={"lon": 2, "lat": 1.5})).ok
    assert not check(case, weather(city="Paris", filters={"lon": 2})).ok


def test_empty_string_in_the_answer_lets_a_parameter_be_omitted():
    case = weather_case({**PARIS, "unit": ["celsius", ""]})
    assert check(case, weather(city="Paris")).ok
    assert check(case, weather(city="Paris", unit="celsius")).ok


def test_answer_parameter_without_empty_string_must_be_passed():
    verdict = check(weather_case({**PARIS, "unit": ["celsius"]}), weather(city="Paris"))
    assert verdict.reasons == ["missing argument 'unit' (the answer does not allow omitting it)"]


def test_empty_string_is_not_itself_an_acceptable_value():
    case = weather_case({**PARIS, "unit": ["celsius", ""]})
    assert not check(case, weather(city="Paris", unit="")).ok


def test_parameter_absent_from_the_answer_must_not_be_passed():
    verdict = check(weather_case(PARIS), weather(city="Paris", unit="celsius"))
    assert not verdict.ok and verdict.name_ok
    assert verdict.reasons == ["unexpected argument 'unit'"]


def test_parameter_absent_from_the_schema_must_not_be_passed():
    case = weather_case({**PARIS, "foo": ["bar", ""]})
    verdict = check(case, weather(city="Paris", foo="bar"))
    assert verdict.reasons == ["unexpected argument 'foo' (not in the tool's schema)"]


def test_required_parameter_must_be_present():
    case = weather_case({**PARIS, "unit": ["celsius", ""]}, required=["city", "unit"])
    assert check(case, weather(city="Paris", unit="celsius")).ok
    assert check(case, weather(city="Paris")).reasons == ["missing required argument 'unit'"]


def test_answer_of_another_type_than_the_schema_sets_the_type():
    # Upstream answers sometimes name a variable ("data['sales']") where an array is due.
    case = weather_case({**PARIS, "hours": ["data['hours']"]})
    assert check(case, weather(city="Paris", hours="data['hours']")).ok
    assert not check(case, weather(city="Paris", hours=[9])).ok


def test_wrong_function_name_is_reported():
    verdict = check(weather_case(PARIS), [ToolCall("lookup_customer", {"email": "a@b.c"})])
    assert not verdict.ok and not verdict.name_ok
    assert verdict.reasons == ["wrong function: got lookup_customer, expected get_weather"]


def test_arguments_that_are_not_a_json_object_fail():
    verdict = check(weather_case(PARIS), [ToolCall("get_weather", '{"city": "Paris"')])
    assert not verdict.ok and verdict.name_ok
    assert verdict.reasons == ['arguments are not a JSON object: \'{"city": "Paris"\'']


def test_single_call_case_wants_exactly_one_call():
    none = check(weather_case(PARIS), [])
    two = check(weather_case(PARIS), weather(city="Paris") + weather(city="Paris"))
    assert none.reasons == ["expected 1 call, got 0"] and not none.name_ok
    assert two.reasons == ["expected 1 call, got 2"] and not two.name_ok


def parallel_case() -> Case:
    return Case(
        "p",
        "parallel_multiple",
        [Message.user("weather in Paris and Rome, and find jane")],
        tools=[WEATHER, CUSTOMER],
        expected=[
            {"get_weather": {"city": ["Paris"]}},
            {"get_weather": {"city": ["Rome"]}},
            {"lookup_customer": {"email": ["jane@example.com"]}},
        ],
    )


def test_parallel_calls_match_in_any_order():
    calls = [
        ToolCall("lookup_customer", {"email": "jane@example.com"}),
        ToolCall("get_weather", {"city": "rome"}),
        ToolCall("get_weather", {"city": "Paris"}),
    ]
    verdict = check(parallel_case(), calls)
    assert verdict.ok and verdict.name_ok and verdict.reasons == []


def test_parallel_call_count_must_match():
    calls = [ToolCall("get_weather", {"city": "Paris"})]
    verdict = check(parallel_case(), calls)
    assert not verdict.ok and not verdict.name_ok
    assert verdict.reasons == ["expected 3 calls, got 1"]


def test_parallel_calls_pair_one_to_one():
    calls = [
        ToolCall("get_weather", {"city": "Paris"}),
        ToolCall("get_weather", {"city": "Paris"}),
        ToolCall("lookup_customer", {"email": "jane@example.com"}),
    ]
    verdict = check(parallel_case(), calls)
    assert not verdict.ok and verdict.name_ok
    assert verdict.reasons == [
        "call 2 (get_weather) matches no expected call: "
        "argument 'city': value 'Paris' not in ['Rome']"
    ]


def test_parallel_mismatch_explains_the_closest_expected_call():
    calls = [
        ToolCall("get_weather", {"city": "Paris"}),
        ToolCall("get_weather", {"city": "Roma"}),
        ToolCall("lookup_customer", {"email": "jane@example.com"}),
    ]
    verdict = check(parallel_case(), calls)
    assert not verdict.ok and verdict.name_ok
    assert verdict.reasons == [
        "call 2 (get_weather) matches no expected call: "
        "argument 'city': value 'Roma' not in ['Rome']"
    ]


def test_parallel_names_are_compared_as_a_multiset():
    calls = [
        ToolCall("get_weather", {"city": "Paris"}),
        ToolCall("lookup_customer", {"email": "jane@example.com"}),
        ToolCall("lookup_customer", {"email": "jane@example.com"}),
    ]
    verdict = check(parallel_case(), calls)
    assert not verdict.ok and not verdict.name_ok
    assert verdict.reasons == [
        "call 3 (lookup_customer) matches no expected call: "
        "wrong function: got lookup_customer, expected get_weather"
    ]


def test_irrelevance_is_right_only_without_a_call():
    case = Case("i", "irrelevance", [Message.user("tell me a joke")], tools=[WEATHER])
    assert check(case, []).ok and check(case, []).name_ok
    verdict = check(case, weather(city="Paris"))
    assert not verdict.ok and verdict.reasons == ["expected no call, got get_weather"]


def test_relevance_is_right_with_any_call_whatever_its_arguments():
    case = Case("r", "live_relevance", [Message.user("x")], tools=[WEATHER], any_call=True)
    assert check(case, weather(nonsense=True)).ok
    verdict = check(case, [])
    assert not verdict.ok and verdict.reasons == ["expected a call, got none"]
