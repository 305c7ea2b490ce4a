"""How many calls a request makes for one tool, and with which values: the requests that
ask for the same tool several times ("for 10, 20 and 30 years", "the first triangle ...,
the second triangle ...") and those that only look as if they did ("Hi, I am Karan")."""

from __future__ import annotations

from stages import called, number, spec

GCD = spec("gcd", "Greatest common divisor of two numbers.",
           {"a": number("The first number."), "b": number("The second number.")}, ["a", "b"])  # fmt: skip


def test_a_second_bare_pair_of_values_is_a_second_call():
    assert called(GCD, "Find the GCD of (45, 60) and (81, 27)") == [
        {"a": 45, "b": 60},
        {"a": 81, "b": 27},
    ]


TRIANGLE = spec("triangle_area", "Area of a triangle.",
                {"base": number("The base."), "height": number("The height.")}, ["base", "height"])  # fmt: skip


def test_ordinals_that_label_items_are_not_values_and_each_item_is_a_call():
    text = "The first triangle has a base of 10 and a height of 5, the second triangle has a base of 8 and a height of 6."
    assert called(TRIANGLE, text) == [{"base": 10, "height": 5}, {"base": 8, "height": 6}]


INTEREST = spec("interest", "Compound interest of a principal.",
                {"principal": number("The principal."), "rate": {"type": "number", "description": "The rate as a decimal."},
                 "years": number("The number of years.")}, ["principal", "rate", "years"])  # fmt: skip


def test_a_listed_run_in_its_own_unit_makes_one_call_per_item():
    text = "Compound interest on $5000 at a rate of 5% for 10, 20 and 30 years"
    assert called(INTEREST, text) == [
        {"principal": 5000, "rate": 0.05, "years": 10},
        {"principal": 5000, "rate": 0.05, "years": 20},
        {"principal": 5000, "rate": 0.05, "years": 30},
    ]


STATS = spec("team_stats", "Statistics of a basketball team in a season.",
             {"team": {"type": "string", "description": "The team."}, "season": number("The season year.")},
             ["team", "season"])  # fmt: skip


def test_two_lists_combine_into_every_pair_unless_respectively_is_said():
    both = called(STATS, "Stats of the Lakers and the Bulls in seasons 2018 and 2020")
    assert sorted((c["team"], c["season"]) for c in both) == [
        ("Bulls", 2018), ("Bulls", 2020), ("Lakers", 2018), ("Lakers", 2020)
    ]  # fmt: skip
    paired = called(
        STATS, "Stats of the Lakers and the Bulls in seasons 2018 and 2020 respectively"
    )
    assert sorted((c["team"], c["season"]) for c in paired) == [("Bulls", 2020), ("Lakers", 2018)]


FLIGHT = spec("flight_status", "Check the status of a flight.",
              {"flight_id": {"type": "string", "description": "The flight number."},
               "passenger_name": {"type": "string", "description": "The passenger's name."}},
              ["flight_id", "passenger_name"])  # fmt: skip


def test_a_greeting_that_gives_a_name_does_not_make_a_second_call():
    text = "Hi, I am Karan. Could you tell me the current status of my Indigo flight 6E123?"
    assert called(FLIGHT, text) == [{"flight_id": "6E123", "passenger_name": "Karan"}]


CHARGE = spec("electric_field", "Electric field of a point charge.",
              {"charge": {"type": "number", "description": "The charge in coulombs."},
               "distance": {"type": "number", "description": "The distance in meters."}},
              ["charge", "distance"])  # fmt: skip


def test_a_count_of_things_is_not_a_value_for_a_parameter_that_does_not_count():
    text = "Two charges: 5 coulombs at 2 meters, and 3 coulombs at 4 meters."
    got = called(CHARGE, text)
    assert {"charge": 2, "distance": 2} not in got
    assert got == [{"charge": 5, "distance": 2}, {"charge": 3, "distance": 4}]


ROUTE = spec("route_time", "Travel time of a route between two cities.",
             {"origin": {"type": "string", "description": "The city to start from."},
              "destination": {"type": "string", "description": "The city to go to."},
              "mode": {"type": "string", "enum": ["fastest", "cheapest"], "description": "Which route."}},
             ["origin", "destination", "mode"])  # fmt: skip


def test_a_list_of_options_said_once_at_the_end_serves_every_call():
    text = "Plan a trip from Berlin to Vienna, and then from Vienna to Rome, for both the fastest and cheapest route."
    got = called(ROUTE, text)
    assert len(got) == 4
    assert {(c["origin"], c["mode"]) for c in got} == {
        ("Berlin", "fastest"), ("Berlin", "cheapest"), ("Vienna", "fastest"), ("Vienna", "cheapest")
    }  # fmt: skip


RATIO = spec("odds", "Probability of an event.",
             {"wins": number("Number of favourable outcomes."), "total": number("Number of possible outcomes."),
              "as_ratio": {"type": "boolean", "description": "Give the answer as a ratio."}},
             ["wins", "total"])  # fmt: skip


def test_a_detail_said_this_time_belongs_to_its_own_call_only():
    text = (
        "1. What are the odds of 4 wins out of 52 outcomes? "
        "2. Then, what are the odds of 26 wins out of 52 outcomes? But this time, give it as a ratio."
    )
    got = called(RATIO, text)
    assert [c.get("as_ratio") for c in got] == [None, True]


LEGS = spec("hypotenuse", "Hypotenuse of a right triangle from its two legs.",
            {"x": number("One leg."), "y": number("The other leg.")}, ["x", "y"])  # fmt: skip


def test_a_flat_run_grouped_by_commas_is_one_call_per_group():
    text = "Compute the hypotenuse for legs 6 and 8, 9 and 40."
    assert called(LEGS, text) == [{"x": 6, "y": 8}, {"x": 9, "y": 40}]


QUOTES = spec("fx_rate", "Exchange rate data for a currency.",
              {"currency": {"type": "string", "description": "The currency code."},
               "field": {"type": "string", "description": "Which figure to return (e.g., 'Bid', 'Ask', 'Mid')."}},
              ["currency"])  # fmt: skip


def test_quoted_options_listed_together_are_one_call_each_and_not_other_values():
    got = called(QUOTES, "Show me the 'Bid' and 'Ask' rates for EUR.")
    assert sorted(c["field"] for c in got) == ["Ask", "Bid"]
    assert all(c["currency"] == "EUR" for c in got)


PARCEL = spec("parcel_info", "Information about a parcel.",
              {"tracking_id": {"type": "string", "description": "The tracking number."},
               "detail": {"type": "string", "enum": ["status", "delivery_date"], "description": "Which detail to return."}},
              ["tracking_id"])  # fmt: skip


def test_options_listed_with_a_word_qualifying_the_second_are_one_call_each():
    got = called(PARCEL, "What is the status and expected delivery date of parcel ZX9981?")
    assert sorted(c["detail"] for c in got) == ["delivery_date", "status"]


DIVISORS = spec("divisors", "Divisors of a number.",
                {"n": number("The number."),
                 "as_text": {"type": "boolean", "description": "Return a sentence if true, a list if false."}},
                ["n", "as_text"])  # fmt: skip


def test_a_flag_whose_both_values_are_asked_for_is_one_call_each():
    got = called(DIVISORS, "Give me the divisors of 36 as a sentence as well as a list.")
    assert sorted(c["as_text"] for c in got) == [False, True]


BLOOD = spec("blood_match", "Compatibility of a blood group.",
             {"level": {"type": "number", "description": "The antibody level."},
              "group": {"type": "string", "enum": ["AB", "Ab", "ab"], "description": "The group code."}},
             ["level", "group"])  # fmt: skip


def test_options_that_differ_only_in_letter_case_are_read_as_written():
    text = "At a level of 0.4, check the group (AB), the group (Ab), and the group (ab)."
    assert sorted(c["group"] for c in called(BLOOD, text)) == ["AB", "Ab", "ab"]


FORECAST = spec("forecast_growth", "Forecast the growth of a city's population.",
                {"city": {"type": "string", "description": "The city."},
                 "years": number("How many years ahead."),
                 "method": {"type": "string", "description": "The method: 'Logistic' or 'Linear'."}},
                ["city", "years"])  # fmt: skip


def test_an_option_word_is_not_also_the_value_of_another_parameter():
    text = "Forecast the growth of Lyon over 20 years with the Logistic method, and how would it change with the Linear method instead?"
    got = called(FORECAST, text)
    assert [(c["city"], c.get("method")) for c in got] == [("Lyon", "Logistic"), ("Lyon", "Linear")]


TRIP = spec("train_time", "Fastest train time between two cities.",
            {"origin": {"type": "string", "description": "The city to start from."},
             "destination": {"type": "string", "description": "The city to go to."},
             "allow_changes": {"type": "boolean", "description": "Allow changing trains on the way."}},
            ["origin", "destination"])  # fmt: skip


def test_a_question_asked_again_with_one_change_is_a_second_call_of_its_own():
    text = "What is the fastest train time from Paris to Madrid, and then what is the fastest train time if we allow changes?"
    got = called(TRIP, text)
    assert [c.get("allow_changes") for c in got] == [None, True]
    assert all((c["origin"], c["destination"]) == ("Paris", "Madrid") for c in got)
