"""How many calls a request makes for one tool, and with which values: the requests that
ask for the same tool several times ("for 10, 20 and 30 years", "the first triangle ...,
the second triangle ...") and those that only look as if they did ("Hi, I am Karan")."""

from __future__ import annotations

from fcplayground.chat import Message, Request, ToolSpec
from fcplayground.models import SimulatedModel


def spec(name: str, description: str, properties: dict, required: list[str]) -> ToolSpec:
    return ToolSpec(
        name, description, {"type": "object", "properties": properties, "required": required}
    )


def called(tool: ToolSpec, text: str) -> list[dict]:
    turn = SimulatedModel().respond(Request([Message.user(text)], tools=[tool]))
    return [c.arguments for c in turn.tool_calls]


def number(description: str) -> dict:
    return {"type": "integer", "description": description}


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
