"""Registering tools: the decorator in both forms and add(), what is refused (varargs, self,
duplicates, bad names), the warnings for undocumented tools and parameters, describe(),
copy() and rename()."""

import warnings

import pytest
from customer_tools import EMAIL_SCHEMA, create_ticket, lookup_customer, registry

from fcplayground.tools import Tool, ToolRegistry, UndocumentedParameterWarning

pytestmark = pytest.mark.filterwarnings("ignore::fcplayground.tools.UndocumentedParameterWarning")


def test_decorator_returns_the_function_unchanged_in_both_forms():
    tools = ToolRegistry()
    bare = tools.tool(lookup_customer)

    @tools.tool(name="ticket", description="Open a ticket.", side_effect=True)
    def opened(subject: str) -> str:
        return subject

    assert bare is lookup_customer
    assert opened("x") == "x" and opened.__name__ == "opened"
    assert tools.names == ["lookup_customer", "ticket"]
    assert tools["ticket"].side_effect is True and tools["lookup_customer"].side_effect is False


def test_registry_is_a_collection_of_tools():
    tools = registry(lookup_customer, create_ticket)
    assert len(tools) == 2 and "create_ticket" in tools and "nope" not in tools
    assert [t.name for t in tools] == ["lookup_customer", "create_ticket"]
    assert isinstance(tools["create_ticket"], Tool)
    with pytest.raises(KeyError, match="lookup_customer, create_ticket"):
        tools["nope"]


def test_add_accepts_a_ready_made_tool_under_a_new_name():
    tool = registry(lookup_customer)["lookup_customer"]
    tools = ToolRegistry()
    tools.add(tool, name="find")
    tools.describe("find", "Finds.", param="email")
    assert tools.call("find", {"email": "a@b.c"}).content == '{"email": "a@b.c", "plan": "pro"}'
    assert "description" in tool.parameters["properties"]["email"]
    assert tool.parameters["properties"]["email"]["description"] != "Finds."


def test_args_and_kwargs_are_rejected_by_name():
    def f(a: int, *rest: int): ...

    def g(a: int, **options: str): ...

    with pytest.raises(TypeError, match=r"rest"):
        ToolRegistry().add(f)
    with pytest.raises(TypeError, match=r"options.*named arguments"):
        ToolRegistry().add(g)


def test_unbound_method_with_self_is_rejected():
    class Shop:
        def price(self, item: str) -> int:
            return 3

    with pytest.raises(TypeError, match="self.*bound method"):
        ToolRegistry().add(Shop.price)
    tools = ToolRegistry()
    tools.add(Shop().price)
    assert list(tools["price"].parameters["properties"]) == ["item"]


def test_non_callable_is_rejected():
    with pytest.raises(TypeError, match="must be a function"):
        ToolRegistry().add("lookup_customer")


def test_duplicate_name_is_rejected():
    tools = registry(lookup_customer)
    with pytest.raises(ValueError, match="already registered"):
        tools.add(lookup_customer)


def test_a_name_with_a_trailing_newline_is_rejected():
    with pytest.raises(ValueError):
        ToolRegistry().add(lookup_customer, name="get_weather\n")


def test_lambda_needs_a_valid_name():
    with pytest.raises(ValueError, match="name="):
        ToolRegistry().add(lambda x: x)


# --- Warnings -----------------------------------------------------------------------------


@pytest.mark.filterwarnings("default")
def test_undocumented_parameters_warning_names_tool_and_parameters():
    def search_orders(customer_id: str, status: str, limit: int = 10):
        """Search orders.

        Args:
            limit: Maximum number of orders.
        """

    with pytest.warns(UndocumentedParameterWarning) as record:
        ToolRegistry().add(search_orders)
    message = str(record[0].message)
    assert "search_orders" in message
    assert "'customer_id'" in message and "'status'" in message and "'limit'" not in message
    assert "Args:" in message and "Field(description=" in message
    assert record[0].filename == __file__


@pytest.mark.filterwarnings("default")
def test_missing_tool_description_warns():
    def ping(): ...

    with pytest.warns(UndocumentedParameterWarning, match="ping has no description"):
        ToolRegistry().add(ping)


@pytest.mark.filterwarnings("default")
def test_no_warning_when_fully_documented():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        registry(lookup_customer, create_ticket)


# --- describe(), copy() and rename() ------------------------------------------------------


def test_describe_edits_tool_and_parameter_descriptions():
    tools = registry(lookup_customer)
    tools.describe("lookup_customer", "does CRM stuff")
    tools.describe("lookup_customer", "an email", param="email")
    exported = tools.to_openai()[0]["function"]
    assert exported["description"] == "does CRM stuff"
    assert exported["parameters"]["properties"]["email"]["description"] == "an email"


def test_describe_unknown_tool_or_parameter_raises_key_error():
    tools = registry(lookup_customer)
    with pytest.raises(KeyError, match="lookup_customer"):
        tools.describe("lookup", "x")
    with pytest.raises(KeyError, match="its parameters are: email"):
        tools.describe("lookup_customer", "x", param="mail")


def test_copy_is_independent():
    tools = registry(lookup_customer)
    other = tools.copy()
    other.describe("lookup_customer", "edited")
    other.describe("lookup_customer", "edited", param="email")
    other.add(create_ticket)
    assert tools["lookup_customer"].description.startswith("Searches")
    assert tools.to_anthropic()[0]["input_schema"] == EMAIL_SCHEMA
    assert tools.names == ["lookup_customer"]


def test_rename_keeps_the_order_and_drops_the_old_name():
    tools = ToolRegistry()
    for name in ("first", "second", "third"):
        tools.add(lambda: None, name=name, description=name)
    tool = tools.rename("second", "middle")
    assert tools.names == ["first", "middle", "third"]
    assert tool.name == "middle" and tools["middle"] is tool and "second" not in tools
    assert tools.to_openai()[1]["function"]["name"] == "middle"
    assert tools.rename("middle", "middle") is tool


def test_rename_rejects_bad_and_duplicate_names():
    tools = ToolRegistry()
    tools.add(lambda: None, name="a", description="A.")
    tools.add(lambda: None, name="b", description="B.")
    for bad in ("", "has space", "x" * 65, "a\n"):
        with pytest.raises(ValueError, match="cannot be a tool name"):
            tools.rename("a", bad)
    with pytest.raises(ValueError, match="already registered"):
        tools.rename("a", "b")
    with pytest.raises(KeyError, match="No tool named"):
        tools.rename("zzz", "c")
    assert tools.names == ["a", "b"]


def test_renaming_a_copy_leaves_the_original_alone():
    tools = ToolRegistry()
    tools.add(lambda: None, name="a", description="A.")
    other = tools.copy()
    other.rename("a", "z")
    assert tools.names == ["a"] and tools["a"].name == "a"
