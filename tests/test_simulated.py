"""The simulated model behaves like a model for the reasons a model would, and says why.

Every tool and prompt here is written for the test.
"""

from __future__ import annotations

import json

from fcplayground import Message, NamedTool, Request, ToolRegistry, ToolResult, offline
from fcplayground.models import SimulatedModel


def support_tools() -> ToolRegistry:
    tools = ToolRegistry()

    @tools.tool
    def lookup_customer(email: str) -> dict:
        """Searches for a customer record by email address and returns their account details
        including name, plan type, and billing status.

        Args:
            email: The customer's email address, e.g. jane@example.com.
        """
        return {"name": "Jane Doe", "plan": "Pro", "billing_status": "active"}

    @tools.tool
    def lookup_order(order_id: str) -> dict:
        """Looks up an order by its id and returns its status, items and delivery date.

        Args:
            order_id: The order id, like ORD-1234.
        """
        return {"order_id": order_id, "status": "shipped"}

    @tools.tool
    def get_weather(city: str) -> dict:
        """Returns the current weather forecast for a city: sky and temperature.

        Args:
            city: The city name, e.g. Paris.
        """
        return {"city": city, "sky": "sunny", "celsius": 21}

    return tools


def dataflow_tools() -> ToolRegistry:
    tools = ToolRegistry()

    @tools.tool
    def find_customer(name: str) -> dict:
        """Finds a customer account by the customer's name and returns their customer id.

        Args:
            name: The customer's full name, e.g. Jane Doe.
        """
        return {"customer_id": "C-42", "email": "jane@example.com"}

    @tools.tool
    def create_ticket(customer_id: str, subject: str) -> dict:
        """Opens a support ticket for a customer and returns the ticket number.

        Args:
            customer_id: The customer's id, as returned by find_customer.
            subject: A short summary of the problem.
        """
        return {"ticket": "T-7"}

    return tools


def ask(tools: ToolRegistry, text: str, **options) -> tuple:
    model = SimulatedModel()
    turn = model.respond(Request([Message.user(text)], tools=tools.specs(), **options))
    return turn, [(c.name, c.arguments) for c in turn.tool_calls]


def run(tools: ToolRegistry, text: str, max_turns: int = 6, **options) -> list:
    """Drive the model like an agent loop: returns the turns."""
    model, messages, turns = SimulatedModel(), [Message.user(text)], []
    for step in range(max_turns):
        turn = model.respond(Request(messages, tools=tools.specs(), **options))
        turns.append(turn)
        if not turn.tool_calls:
            break
        for i, call in enumerate(turn.tool_calls):
            call.id = f"call_{step}_{i}"
        messages += [
            turn.message,
            Message.tool([tools.call(c.name, c.arguments, call_id=c.id) for c in turn.tool_calls]),
        ]
    return turns


def test_specific_description_wins_over_a_vague_one():
    tools = support_tools()
    request = "What plan is jane@example.com on?"
    assert ask(tools, request)[1] == [("lookup_customer", {"email": "jane@example.com"})]
    tools.describe("lookup_customer", "does CRM stuff")
    tools.describe("lookup_customer", "the value", param="email")
    turn, calls = ask(tools, "What plan is Jane on?")
    assert calls == []
    assert "lookup_customer" in str(turn.explanation)


def test_vague_and_specific_description_flip_the_choice_between_two_tools():
    tools = ToolRegistry()

    @tools.tool
    def crm_tool(query: str) -> dict:
        """Does CRM stuff.

        Args:
            query: Input.
        """

    @tools.tool
    def account_search(query: str) -> dict:
        """Searches customer accounts and returns the subscription plan and billing status.

        Args:
            query: A customer name or email.
        """

    text = "Which subscription plan is the customer 'Jane Doe' on?"
    assert [c[0] for c in ask(tools, text)[1]] == ["account_search"]
    tools.describe(
        "crm_tool", "Looks up a customer's subscription plan, plan price and billing status."
    )
    tools.describe("account_search", "Does search stuff.")
    assert [c[0] for c in ask(tools, text)[1]] == ["crm_tool"]


def test_request_no_tool_fits_gets_no_call_and_says_so():
    turn, calls = ask(support_tools(), "Write me a haiku about autumn leaves.")
    assert calls == []
    assert "None of my tools fits" in turn.text
    assert "no call" in turn.explanation.decision


def test_missing_required_value_gets_a_question_not_an_invented_value():
    turn, calls = ask(support_tools(), "What's the weather like today?")
    assert calls == []
    assert "city" in turn.text and turn.text.endswith("?")
    assert "asks" in turn.explanation.decision


def test_answer_to_the_question_completes_the_call():
    tools = support_tools()
    first = SimulatedModel().respond(
        Request([Message.user("What's the weather like?")], tools=tools.specs())
    )
    messages = [Message.user("What's the weather like?"), first.message, Message.user("In Lisbon.")]
    turn = SimulatedModel().respond(Request(messages, tools=tools.specs()))
    assert [(c.name, c.arguments) for c in turn.tool_calls] == [("get_weather", {"city": "Lisbon"})]


def test_independent_requests_come_out_parallel():
    calls = ask(support_tools(), "What's the weather in Paris and in Tokyo?")[1]
    assert calls == [("get_weather", {"city": "Paris"}), ("get_weather", {"city": "Tokyo"})]
    calls = ask(support_tools(), "Look up jane@example.com and order ORD-1234.")[1]
    assert sorted(calls) == [
        ("lookup_customer", {"email": "jane@example.com"}),
        ("lookup_order", {"order_id": "ORD-1234"}),
    ]


def test_dependent_request_waits_for_the_result_it_needs():
    turns = run(
        dataflow_tools(), "Find Jane Doe's account and open a ticket for her about a refund."
    )
    assert [(c.name, c.arguments) for c in turns[0].tool_calls] == [
        ("find_customer", {"name": "Jane Doe"})
    ]
    assert "waits" in turns[0].explanation.decision
    assert [(c.name, c.arguments) for c in turns[1].tool_calls] == [
        ("create_ticket", {"customer_id": "C-42", "subject": "Refund"})
    ]
    assert "result of find_customer" in str(turns[1].explanation)
    assert not turns[2].tool_calls and "T-7" in turns[2].text


def test_parallel_disabled_gives_one_call_per_turn():
    turns = run(
        support_tools(), "What's the weather in Paris and in Tokyo?", parallel_tool_calls=False
    )
    assert [[c.arguments["city"] for c in t.tool_calls] for t in turns] == [
        ["Paris"],
        ["Tokyo"],
        [],
    ]
    assert "one call per turn" in str(turns[0].explanation)


def test_answer_is_built_from_the_results():
    turns = run(support_tools(), "What's the weather in Paris?")
    assert "sunny" in turns[-1].text and "21" in turns[-1].text


def test_tool_error_is_reported_in_the_answer():
    tools = support_tools()
    messages = [
        Message.user("Where is order ORD-9?"),
        Message.assistant(
            tool_calls=[
                __import__("fcplayground").ToolCall("lookup_order", {"order_id": "ORD-9"}, "c1")
            ]
        ),
        Message.tool(
            [ToolResult("c1", "lookup_order failed: KeyError: no order ORD-9", is_error=True)]
        ),
    ]
    turn = SimulatedModel().respond(Request(messages, tools=tools.specs()))
    assert not turn.tool_calls
    assert "failed" in turn.text and "no order ORD-9" in turn.text


def test_tool_choice_none_is_obeyed():
    turn, calls = ask(support_tools(), "What's the weather in Paris?", tool_choice="none")
    assert calls == []
    assert "get_weather" in turn.text


def test_tool_choice_required_forces_a_call_with_guesses_marked():
    turn, calls = ask(support_tools(), "Hello there!", tool_choice="required")
    assert len(calls) == 1
    assert turn.explanation.calls[-1].guessed
    assert "forced" in turn.explanation.decision


def test_tool_choice_named_tool_is_obeyed():
    turn, calls = ask(
        support_tools(), "What's the weather in Paris?", tool_choice=NamedTool("lookup_order")
    )
    assert [c[0] for c in calls] == ["lookup_order"]
    assert "a guess" in str(turn.explanation)


def test_tool_choice_auto_is_the_default_behaviour():
    assert ask(support_tools(), "Weather in Oslo?", tool_choice="auto")[1] == [
        ("get_weather", {"city": "Oslo"})
    ]


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


def test_explanation_never_goes_on_the_wire_but_explain_finds_it():
    model = SimulatedModel()
    client = offline.openai_client(model)
    reply = client.chat.completions.create(
        model="m",
        messages=[{"role": "user", "content": "What's the weather in Paris?"}],
        tools=support_tools().to_openai(),
    )
    assert "score" not in json.dumps(reply.model_dump())
    why = model.explain(reply)
    assert "get_weather" in str(why) and "Paris" in str(why)


def test_same_request_same_turn():
    a = ask(support_tools(), "Look up jane@example.com and order ORD-1234.")[0]
    b = ask(support_tools(), "Look up jane@example.com and order ORD-1234.")[0]
    assert a == b and str(a.explanation) == str(b.explanation)


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


def test_then_puts_a_call_after_the_ones_before_it():
    turns = run(support_tools(), "Look up jane@example.com, then check the weather in Paris.")
    assert [c.name for c in turns[0].tool_calls] == ["lookup_customer"]
    assert "after lookup_customer" in str(turns[0].explanation)
    assert [c.name for c in turns[1].tool_calls] == ["get_weather"]
    without_then = ask(support_tools(), "Look up jane@example.com and check the weather in Paris.")
    assert sorted(c[0] for c in without_then[1]) == ["get_weather", "lookup_customer"]


def test_a_request_can_name_another_calls_argument():
    from fcplayground.scenarios import Travel

    tools = Travel(latency=0).tools
    calls = ask(
        tools, "Find flights from Paris to Rome on 2025-07-01 and the weather at the destination"
    )[1]
    assert sorted(calls) == [
        ("get_weather", {"city": "Rome"}),
        ("search_flights", {"origin": "Paris", "destination": "Rome", "date": "2025-07-01"}),
    ]


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


def shop_tools(described: bool) -> ToolRegistry:
    """Three shop tools; ``described`` gives two of them descriptions that say when to use them."""
    tools = ToolRegistry()

    @tools.tool
    def check_stock(product: str) -> dict:
        """Product tool.

        Args:
            product: The product.
        """

    @tools.tool
    def get_price(product: str, currency: str = "EUR") -> dict:
        """Another product tool.

        Args:
            product: The product.
            currency: A currency.
        """

    @tools.tool
    def track_parcel(tracking_number: str) -> dict:
        """Tracks a parcel.

        Args:
            tracking_number: The tracking number.
        """

    if described:
        tools.describe(
            "check_stock",
            "Checks whether a product is in stock and how many are left in the warehouse. "
            "Use it for availability questions: in stock, available, any left.",
        )
        tools.describe(
            "get_price",
            "Gets the current price of a product, in euros unless another currency is asked "
            "for. Use it for questions about price, cost or how much something is.",
        )
        tools.describe(
            "get_price",
            "The currency code: EUR (the default), USD for dollars or GBP for pounds.",
            param="currency",
        )
    return tools


def test_a_long_tracking_number_of_digits_and_letters_is_one_value():
    for described in (False, True):
        calls = ask(shop_tools(described), "Where is parcel 1Z999AA10123456784?")[1]
        assert calls == [("track_parcel", {"tracking_number": "1Z999AA10123456784"})]
    calls = ask(support_tools(), "Where is my order ORD-1234?")[1]
    assert calls == [("lookup_order", {"order_id": "ORD-1234"})]


def test_no_tracking_number_gets_a_question():
    turn, calls = ask(shop_tools(True), "Is my parcel here yet?")
    assert calls == [] and "tracking number" in turn.text


def test_a_capitalised_tool_word_opening_the_request_is_not_a_name():
    for described in (False, True):
        calls = ask(shop_tools(described), "Prices of the kettle, please.")[1]
        assert calls == [("get_price", {"product": "kettle"})]


def test_things_listed_with_and_the_are_one_call_each():
    for described in (False, True):
        turn, calls = ask(shop_tools(described), "Prices of the kettle and the toaster, please.")
        assert calls == [
            ("get_price", {"product": "kettle"}),
            ("get_price", {"product": "toaster"}),
        ]
        assert "one of a list with kettle" in str(turn.explanation)


def test_the_thing_after_the_is_the_value_when_nothing_else_names_it():
    for described in (False, True):
        calls = ask(shop_tools(described), "Is the blue kettle in stock?")[1]
        assert calls == [("check_stock", {"product": "blue kettle"})]


def test_how_much_counts_only_when_the_description_says_it():
    assert ask(shop_tools(False), "How much is the blue kettle?")[1] == []
    turn, calls = ask(shop_tools(True), "How much is the blue kettle?")
    assert calls == [("get_price", {"product": "blue kettle"})]
    assert "how much" in str(turn.explanation)


def test_a_parameter_description_that_maps_words_to_codes_is_followed():
    # "dollars" is a currency, so even "A currency." gets USD, as a hosted model would send
    calls = ask(shop_tools(False), "What does the toaster cost in dollars?")[1]
    assert calls == [("get_price", {"product": "toaster", "currency": "USD"})]
    turn, calls = ask(shop_tools(True), "What does the toaster cost in dollars?")
    assert calls == [("get_price", {"product": "toaster", "currency": "USD"})]
    tools = ToolRegistry()

    @tools.tool
    def set_plan(account_id: str, plan: str) -> dict:
        """Moves an account to another subscription plan.

        Args:
            account_id: The account, e.g. AC-1001.
            plan: The plan code: F for free, P for pro, B for business.
        """

    turn, calls = ask(tools, "Move account AC-2044 to the business plan.")
    assert calls == [("set_plan", {"account_id": "AC-2044", "plan": "B"})]
    assert "'B' for business" in str(turn.explanation) or "B for business" in str(turn.explanation)


def test_a_joke_about_a_product_is_no_call():
    for described in (False, True):
        assert ask(shop_tools(described), "Tell me a joke about kettles.")[1] == []


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


def test_an_example_in_a_parameter_description_is_a_value_not_a_tool_word():
    tools = shop_tools(True)
    tools.describe("check_stock", "The product name, e.g. kettle.", param="product")
    tools.describe("get_price", "The product name, e.g. kettle.", param="product")
    assert ask(tools, "Is the blue kettle in stock?")[1] == [
        ("check_stock", {"product": "blue kettle"})
    ]
    assert ask(tools, "Prices of the kettle and the toaster, please.")[1] == [
        ("get_price", {"product": "kettle"}),
        ("get_price", {"product": "toaster"}),
    ]
    assert ask(tools, "Tell me a joke about kettles.")[1] == []


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
