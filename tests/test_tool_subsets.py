"""subset(): a registry with only some of another's tools, for offering fewer per request."""

from __future__ import annotations

import pytest

from fcplayground.tools import ToolRegistry, subset


def desk(**settings: object) -> ToolRegistry:
    tools = ToolRegistry(**settings)

    @tools.tool
    def lookup_customer(email: str) -> dict:
        """Looks up a customer by email address.

        Args:
            email: The customer's email address.
        """
        return {"email": email}

    @tools.tool
    def get_order(order_id: str) -> dict:
        """Gets one order by its id.

        Args:
            order_id: The order id, e.g. ORD-1234.
        """
        return {"order_id": order_id}

    @tools.tool(side_effect=True)
    def send_response(to: str, body: str) -> str:
        """Emails a customer.

        Args:
            to: The address.
            body: The text.
        """
        return "sent"

    return tools


def test_the_subset_holds_the_named_tools_in_the_order_given():
    picked = subset(desk(), ["send_response", "lookup_customer", "send_response"])
    assert picked.names == ["send_response", "lookup_customer"]
    assert [t["function"]["name"] for t in picked.to_openai()] == picked.names
    assert picked["send_response"].side_effect


def test_the_subset_runs_calls_and_keeps_the_registrys_settings():
    picked = subset(desk(max_result_chars=40, strict=False), ["get_order"])
    assert picked.max_result_chars == 40 and picked.strict is False
    assert '"order_id": "ORD-1"' in picked.call("get_order", {"order_id": "ORD-1"}).content
    assert picked.call("lookup_customer", {"email": "a@b.c"}).is_error


def test_editing_the_subset_leaves_the_original_alone():
    tools = desk()
    picked = subset(tools, ["get_order"])
    picked.describe("get_order", "Changed.", param="order_id")
    picked.describe("get_order", "Changed.")
    assert tools["get_order"].description == "Gets one order by its id."
    assert tools["get_order"].parameters["properties"]["order_id"]["description"].startswith("The")


def test_an_empty_list_gives_an_empty_registry():
    assert len(subset(desk(), [])) == 0


def test_unknown_names_are_named_with_the_closest_registered_one():
    with pytest.raises(KeyError) as caught:
        subset(desk(), ["get_ordr", "lookup_customer", "nope"])
    message = str(caught.value)
    assert "'get_ordr', 'nope'" in message and "did you mean 'get_order'?" in message
    assert "3 tools" in message


def test_many_or_long_unknown_names_keep_the_error_short():
    with pytest.raises(KeyError) as caught:
        subset(desk(), [f"tool_{i}" for i in range(50)] + ["x" * 10_000])
    message = str(caught.value)
    assert "(and 46 more)" in message and len(message) < 400


def test_a_single_string_or_other_values_are_refused_with_what_to_pass():
    with pytest.raises(TypeError, match=r"a list of tool names, e.g. \['get_order'\]"):
        subset(desk(), "get_order")
    with pytest.raises(TypeError, match="got 3 \\(int\\)"):
        subset(desk(), ["get_order", 3])
    with pytest.raises(TypeError, match="must be a ToolRegistry"):
        subset([], ["get_order"])
