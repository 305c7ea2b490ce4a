"""The simulated model reads a shop's requests the same with vague or precise descriptions,
and follows what a description adds: the thing named is the value (a tracking number, "the
kettle and the toaster"), "how much" counts only when the description says it, a parameter
description's word-to-code map is followed, and an example in it is a value, not a tool word.

Every tool and prompt here is written for the test.
"""

from __future__ import annotations

from simulated_tools import ask, support_tools

from fcplayground import ToolRegistry


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
