"""The simulated model reads argument values out of a request as a model would: numbers go to
the parameters their words name, currencies become codes, a list of cities is all places, a
date's comma does not split the request, snake_case names and short codes stay whole, and
a stay of some nights ends that many days after it starts.

Every tool and prompt here is written for the test.
"""

from __future__ import annotations

from simulated_tools import ask, support_tools

from fcplayground import ToolRegistry


def test_numbers_go_to_the_parameters_their_words_name():
    tools = ToolRegistry()

    @tools.tool
    def triangle_area(base: float, height: float) -> float:
        """Calculates the area of a triangle from its base and height.

        Args:
            base: The base length.
            height: The height.
        """

    calls = ask(tools, "Area of a triangle with height 5 and base 12?")[1]
    assert calls == [("triangle_area", {"base": 12, "height": 5})]


def test_currencies_are_read_as_codes_and_go_from_and_to():
    tools = ToolRegistry()

    @tools.tool
    def convert_currency(amount: float, from_currency: str, to_currency: str) -> dict:
        """Converts an amount of money from one currency to another and returns the result.

        Args:
            amount: How much money to convert.
            from_currency: The currency to convert from, e.g. USD.
            to_currency: The currency to convert to, e.g. EUR.
        """

    expected = [("convert_currency", {"amount": 100, "from_currency": "USD", "to_currency": "EUR"})]
    assert ask(tools, "Convert 100 US dollars to euros")[1] == expected
    assert ask(tools, "Convert 100 USD to EUR")[1] == expected


def test_a_list_of_cities_after_one_place_word_is_all_places():
    calls = ask(support_tools(), "What's the weather in Paris and London?")[1]
    assert calls == [("get_weather", {"city": "Paris"}), ("get_weather", {"city": "London"})]


def test_a_comma_inside_a_date_does_not_split_the_request():
    tools = ToolRegistry()

    @tools.tool
    def game_winner(teams: list[str], date: str) -> dict:
        """Returns the winner of a basketball game between two teams on a date.

        Args:
            teams: The two teams.
            date: The game's date.
        """

    calls = ask(tools, "Who won the basketball game between Lakers and Clippers on Jan 28, 2021?")[
        1
    ]
    assert calls == [("game_winner", {"teams": ["Lakers", "Clippers"], "date": "2021-01-28"})]


def test_place_names_in_the_request_do_not_pull_in_other_tools():
    from fcplayground.scenarios import Travel

    calls = ask(
        Travel(latency=0).tools,
        "Find hotels in Rome, Lisbon and Barcelona for 2 nights from 2025-07-01",
    )[1]
    assert [(name, args["city"]) for name, args in calls] == [
        ("search_hotels", "Rome"),
        ("search_hotels", "Lisbon"),
        ("search_hotels", "Barcelona"),
    ]


def test_a_snake_case_name_in_the_request_is_one_value():
    tools = ToolRegistry()

    @tools.tool
    def train_model(dataset: str, epochs: int) -> dict:
        """Trains a model on a dataset.

        Args:
            dataset: The dataset to train on.
            epochs: How many passes over the data.
        """

    calls = ask(tools, "Train the model on dataset my_sales_data for 3 epochs.")[1]
    assert calls == [("train_model", {"dataset": "my_sales_data", "epochs": 3})]


def test_a_short_code_shaped_like_the_described_example_is_taken_whole():
    tools = ToolRegistry()

    @tools.tool
    def generate_melody(key: str, start_note: str, length: int) -> dict:
        """Generates a melody.

        Args:
            key: The key of the melody. E.g., 'C' for C major.
            start_note: The first note of the melody, in scientific pitch notation. E.g., 'C4'.
            length: The number of measures in the melody.
        """
        return {}

    _, calls = ask(
        tools, "Generate a melody in C major, starting with the note C4, 16 measures long."
    )
    assert calls and calls[0][1]["start_note"] == "C4"


def test_a_stay_of_some_nights_ends_that_many_days_after_it_starts():
    tools = ToolRegistry()

    @tools.tool
    def hotel_booking(hotel_name: str, start_date: str, end_date: str) -> dict:
        """Books a hotel room.

        Args:
            hotel_name: The name of the hotel.
            start_date: The start date of the reservation. Use format 'YYYY-MM-DD'.
            end_date: The end date of the reservation. Use format 'YYYY-MM-DD'.
        """
        return {}

    _, calls = ask(tools, "Book a room at the Plaza Hotel for 3 nights starting from 1st June 2022")
    assert calls and calls[0][1]["end_date"] == "2022-06-04"
