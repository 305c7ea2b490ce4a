"""The matching stage on its own: ``matching.assign`` gives the values of one stretch of a
request to one tool's parameters.

Each test builds a tiny tool spec, reads its profile, extracts the request's values and
asks for the assignment over the whole request; what is asserted is which words went to
which parameter (conversion to the parameter's unit is checked through
``extractors.convert``, the step binding applies to what matching chose).
"""

from __future__ import annotations

from stages import TODAY, spec

from fcplayground.chat import ToolSpec
from fcplayground.models.simulated import extractors, matching, profiles


def assigned(tool: ToolSpec, text: str, span: tuple[int, int] | None = None) -> dict:
    """Parameter -> the chosen unit (one value or a run of values)."""
    scope = matching.Scope(text, TODAY, extractors.extract(text, TODAY))
    slots = profiles.profile(tool).slots
    return {
        name: unit
        for name, (unit, _fit) in matching.assign(scope, slots, span or (0, len(text))).items()
    }


def words(tool: ToolSpec, text: str, span: tuple[int, int] | None = None) -> dict:
    """Parameter -> the words of the request it took (a list for a run)."""
    return {
        name: [c.text for c in unit.run.items] if unit.run else unit.candidate.text
        for name, unit in assigned(tool, text, span).items()
    }


def converted(tool: ToolSpec, text: str) -> dict:
    """Parameter -> the chosen value written for the parameter."""
    profile = profiles.profile(tool)
    return {
        name: extractors.convert(unit.candidate, profile.slot(name))
        for name, unit in assigned(tool, text).items()
        if unit.candidate is not None
    }


DENSITY = spec(
    "calculate_density",
    "Calculate the density of an object from its mass and volume.",
    {
        "mass": {"type": "number", "description": "The mass in kilograms"},
        "volume": {"type": "number", "description": "The volume in litres"},
    },
    ["mass", "volume"],
)
INDUCTOR = spec(
    "inductor_energy",
    "Energy stored in an inductor.",
    {
        "inductance": {"type": "number", "description": "The inductance in henries"},
        "current": {"type": "number", "description": "The current in amperes"},
    },
    ["inductance", "current"],
)
TRIANGLE = spec(
    "triangle_area",
    "Area of a triangle.",
    {
        "base": {"type": "number", "description": "The base"},
        "height": {"type": "number", "description": "The height"},
    },
    ["base", "height"],
)
FORECAST = spec(
    "get_forecast",
    "Get the weather forecast for a city.",
    {
        "city": {"type": "string", "description": "The city"},
        "days": {"type": "integer", "description": "Number of days to forecast"},
    },
    ["city"],
)
WEATHER = spec(
    "get_weather",
    "Get the current weather for a city.",
    {
        "city": {"type": "string", "description": "The city, e.g. Paris"},
        "units": {
            "type": "string",
            "enum": ["celsius", "fahrenheit"],
            "description": "Temperature units",
        },
    },
    ["city"],
)
CURRENCY = spec(
    "convert_currency",
    "Convert money between currencies.",
    {
        "amount": {"type": "number"},
        "from_currency": {"type": "string", "description": "Source currency code"},
        "to_currency": {"type": "string", "description": "Target currency code"},
    },
    ["amount", "from_currency", "to_currency"],
)
EMAIL = spec(
    "send_email",
    "Send an email.",
    {
        "to": {"type": "string", "description": "Recipient email"},
        "cc": {"type": "string", "description": "CC email address"},
    },
    ["to", "cc"],
)


def test_cue_words_place_each_number_on_its_parameter():
    text = "What is the density of an object with a mass of 45 kg and a volume of 2 litres?"
    assert converted(DENSITY, text) == {"mass": 45, "volume": 2}


def test_cue_words_win_over_the_order_of_the_parameters():
    text = "What is the density of an object with a volume of 2 litres and a mass of 45 kg?"
    assert converted(DENSITY, text) == {"mass": 45, "volume": 2}


def test_a_value_in_another_unit_goes_to_the_parameter_that_measures_it_and_is_converted():
    text = "Energy stored in a 50 mH inductor carrying 2 A"
    assert words(INDUCTOR, text)["inductance"] == "50 mH"
    assert converted(INDUCTOR, text)["inductance"] == 0.05
    assert converted(INDUCTOR, text)["current"] == 2


def test_parameters_named_before_a_list_take_its_items_in_the_named_order():
    assert converted(TRIANGLE, "Area of a triangle with base and height as 6 and 10") == {
        "base": 6,
        "height": 10,
    }
    assert converted(TRIANGLE, "Area of a triangle with height and base as 6 and 10") == {
        "height": 6,
        "base": 10,
    }


def test_an_optional_parameter_is_left_empty_when_nothing_points_at_it():
    assert words(FORECAST, "forecast for Paris") == {"city": "Paris"}
    assert "days" not in words(FORECAST, "forecast for Paris, I have 3 kids")
    assert "days" not in words(FORECAST, "forecast for Paris on 2026-01-20")


def test_an_optional_parameter_takes_a_value_that_points_at_it():
    assert converted(FORECAST, "forecast for Paris for 5 days") == {"city": "Paris", "days": 5}


def test_an_enum_parameter_takes_only_one_of_its_own_options():
    assert words(WEATHER, "weather in Paris in fahrenheit") == {
        "city": "Paris",
        "units": "fahrenheit",
    }
    assert "units" not in words(WEATHER, "weather in Paris in kelvin")


def test_direction_words_put_currencies_on_their_side():
    assert converted(CURRENCY, "Convert 60 euros to dollars") == {
        "amount": 60,
        "from_currency": "EUR",
        "to_currency": "USD",
    }


def test_a_short_parameter_name_is_its_own_cue():
    assert words(EMAIL, "email sam@example.com and cc lee@example.com") == {
        "to": "sam@example.com",
        "cc": "lee@example.com",
    }


def test_a_listed_run_is_kept_together_for_a_one_value_parameter():
    # binding makes one call per item; matching hands the run over whole
    assert words(WEATHER, "What's the weather in Paris and Tokyo?") == {"city": ["Paris", "Tokyo"]}


def test_two_chosen_values_never_share_words():
    # "Boston, MA" and its part "Boston" both fit a place parameter: only one may be used.
    hotels = spec(
        "find_hotels",
        "Find hotels.",
        {
            "location": {
                "type": "string",
                "description": "The city and state, e.g. San Francisco, CA",
            },
            "city": {"type": "string", "description": "The city"},
        },
        ["location", "city"],
    )
    chosen = assigned(hotels, "hotels in Boston, MA")
    assert chosen
    spans = [(c.start, c.end) for unit in chosen.values() for c in unit.members]
    for i, (a_start, a_end) in enumerate(spans):
        for b_start, b_end in spans[i + 1 :]:
            assert a_end <= b_start or b_end <= a_start


def test_only_values_inside_the_span_are_assigned():
    factorial = spec(
        "factorial",
        "Compute the factorial of a number.",
        {"n": {"type": "integer", "description": "The number"}},
        ["n"],
    )
    text = "factorial of 5, also the factorial of 7"
    comma = text.index(",")
    assert words(factorial, text, (0, comma)) == {"n": "5"}
    assert words(factorial, text, (comma, len(text))) == {"n": "7"}


def test_nothing_is_assigned_without_values_or_without_slots():
    assert assigned(FORECAST, "what is the forecast?") == {}
    text = "forecast for Paris"
    scope = matching.Scope(text, TODAY, extractors.extract(text, TODAY))
    assert matching.assign(scope, (), (0, len(text))) == {}


HISTOGRAM = spec(
    "make_histogram",
    "Plot a histogram of some numbers.",
    {
        "data": {"type": "array", "items": {"type": "integer"}, "description": "The numbers."},
        "bins": {"type": "integer", "description": "How many bins."},
    },
    ["data", "bins"],
)


def test_a_long_run_of_numbers_stays_whole_rather_than_lose_most_of_its_items():
    got = words(HISTOGRAM, "Plot a histogram with the following data: 85, 90, 88, 92, 86, 89, 91")
    assert got == {"data": ["85", "90", "88", "92", "86", "89", "91"]}


COMPARE = spec(
    "compare_groups",
    "Compare the means of two groups of measurements.",
    {
        "group_a": {"type": "array", "items": {"type": "number"}, "description": "First group."},
        "group_b": {"type": "array", "items": {"type": "number"}, "description": "Second group."},
        "alpha": {"type": "number", "description": "The significance level."},
    },
    ["group_a", "group_b"],
)


def test_bracketed_lists_fill_list_parameters_whole_and_their_numbers_are_not_reused():
    got = words(COMPARE, "Compare [10, 15, 12] and [18, 16, 17] with alpha 0.05")
    assert got == {"group_a": "[10, 15, 12]", "group_b": "[18, 16, 17]", "alpha": "0.05"}


ROUTE = spec(
    "route_distance",
    "Distance by road between two places.",
    {
        "start": {"type": "string", "description": "Where the trip starts."},
        "end": {"type": "string", "description": "Where the trip ends."},
    },
    ["start", "end"],
)


def test_a_city_with_a_dotted_state_code_is_one_place():
    got = words(ROUTE, "How far is it between Boston, MA, and Washington, D.C. by road?")
    assert got == {"start": "Boston, MA", "end": "Washington, D.C."}


DISTANCE = spec(
    "geo_distance",
    "Distance between two coordinates.",
    {
        "a": {"type": "array", "items": {"type": "number"}, "description": "First point."},
        "b": {"type": "array", "items": {"type": "number"}, "description": "Second point."},
    },
    ["a", "b"],
)


def test_coordinate_pairs_fill_list_parameters_with_west_as_negative():
    text = "Distance between two points (33.4 N, 112.1 W) and (34.1 N, 118.2 W)"
    scope = matching.Scope(text, TODAY, extractors.extract(text, TODAY))
    got = matching.assign(scope, profiles.profile(DISTANCE).slots, (0, len(text)))
    assert {name: unit.candidate.value for name, (unit, _) in got.items()} == {
        "a": [33.4, -112.1],
        "b": [34.1, -118.2],
    }


def test_two_city_country_places_fill_start_and_end_whole_rather_than_their_parts():
    got = words(ROUTE, "The driving distance between New York, USA and Miami, USA.")
    assert got == {"start": "New York, USA", "end": "Miami, USA"}
