"""Tests for fcplayground.tools: schemas from functions, exports, and running calls."""

import asyncio
import enum
import json
import threading
import time
import warnings
from typing import Annotated, Literal, Optional

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, Field

from fcplayground.chat import ToolCall, ToolResult, ToolSpec
from fcplayground.tools import Tool, ToolRegistry, UndocumentedParameterWarning

pytestmark = pytest.mark.filterwarnings("ignore::fcplayground.tools.UndocumentedParameterWarning")


class Address(BaseModel):
    street: str
    zip_code: str = "00000"


class Color(enum.Enum):
    RED = "red"
    GREEN = "green"


def lookup_customer(email: str) -> dict:
    """Searches for a customer record by email address.

    Returns name, plan and billing status.

    Args:
        email: The customer's email address, e.g. jane@example.com.
    """
    if email == "missing@example.com":
        raise ValueError("no customer with that email")
    return {"email": email, "plan": "pro"}


def create_ticket(subject: str, priority: int = 3) -> str:
    """Opens a support ticket.

    Args:
        subject: One-line summary of the problem.
        priority: 1 (urgent) to 5 (whenever).
    """
    return f"ticket {subject!r} at priority {priority}"


def registry(*funcs) -> ToolRegistry:
    tools = ToolRegistry()
    for func in funcs:
        tools.add(func)
    return tools


def schema_of(func) -> dict:
    return registry(func)[func.__name__].parameters


# --- Schemas from signatures --------------------------------------------------------------


def test_basic_types_become_json_schema_types():
    def f(a: str, b: int, c: float, d: bool): ...

    assert schema_of(f) == {
        "type": "object",
        "properties": {
            "a": {"type": "string"},
            "b": {"type": "integer"},
            "c": {"type": "number"},
            "d": {"type": "boolean"},
        },
        "required": ["a", "b", "c", "d"],
    }


def test_literal_becomes_enum():
    def f(plan: Literal["free", "pro"]): ...

    assert schema_of(f)["properties"]["plan"] == {"type": "string", "enum": ["free", "pro"]}


def test_optional_and_defaulted_parameters_are_not_required():
    def f(a: str, b: Optional[int] = None, c: "int | None" = None, d: int = 3): ...  # noqa: UP045

    schema = schema_of(f)
    assert schema["required"] == ["a"]
    assert schema["properties"]["b"]["anyOf"] == [{"type": "integer"}, {"type": "null"}]
    assert schema["properties"]["c"]["anyOf"] == [{"type": "integer"}, {"type": "null"}]
    assert schema["properties"]["d"] == {"type": "integer", "default": 3}


def test_required_is_omitted_when_nothing_is_required():
    def f(limit: int = 10): ...

    def g(): ...

    assert "required" not in schema_of(f)
    assert schema_of(g) == {"type": "object", "properties": {}}


def test_list_and_dict_parameters():
    def f(tags: list[str], meta: dict): ...

    props = schema_of(f)["properties"]
    assert props["tags"] == {"type": "array", "items": {"type": "string"}}
    assert props["meta"]["type"] == "object"


def test_nested_model_becomes_defs_and_ref():
    def f(address: Address): ...

    schema = schema_of(f)
    assert schema["properties"]["address"] == {"$ref": "#/$defs/Address"}
    assert schema["$defs"]["Address"] == {
        "type": "object",
        "properties": {
            "street": {"type": "string"},
            "zip_code": {"type": "string", "default": "00000"},
        },
        "required": ["street"],
    }


def test_enum_parameter_becomes_enum_definition():
    def f(color: Color): ...

    schema = schema_of(f)
    assert schema["properties"]["color"] == {"$ref": "#/$defs/Color"}
    assert schema["$defs"]["Color"]["enum"] == ["red", "green"]


def test_titles_removed_but_property_named_title_kept():
    def f(title: str, address: Address): ...

    text = json.dumps(schema_of(f))
    assert schema_of(f)["properties"]["title"] == {"type": "string"}
    assert text.count('"title":') == 1  # the property survives, every schema title is gone


def test_schema_has_no_additional_properties_unless_strict():
    assert "additionalProperties" not in schema_of(lookup_customer)


def test_description_is_docstring_without_args_section():
    tool = registry(lookup_customer)["lookup_customer"]
    assert tool.description == (
        "Searches for a customer record by email address.\n\nReturns name, plan and billing status."
    )


def test_explicit_description_wins_over_docstring():
    tools = ToolRegistry()
    tools.add(lookup_customer, description="Find a customer.")
    assert tools["lookup_customer"].description == "Find a customer."


def test_google_docstring_describes_parameters():
    props = schema_of(create_ticket)["properties"]
    assert props["subject"]["description"] == "One-line summary of the problem."
    assert props["priority"]["description"] == "1 (urgent) to 5 (whenever)."


def test_numpy_docstring_describes_parameters():
    def f(city: str, days: int):
        """Forecast the weather.

        Parameters
        ----------
        city : str
            City name.
        days : int
            How many days ahead.
        """

    props = schema_of(f)["properties"]
    assert props["city"]["description"] == "City name."
    assert props["days"]["description"] == "How many days ahead."
    assert registry(f)["f"].description == "Forecast the weather."


def test_rest_docstring_describes_parameters():
    def f(city: str, days: int):
        """Forecast the weather.

        :param city: City name.
        :param days: How many days ahead.
        """

    props = schema_of(f)["properties"]
    assert props["city"]["description"] == "City name."
    assert props["days"]["description"] == "How many days ahead."


def test_annotated_field_description_wins_over_docstring():
    def f(city: Annotated[str, Field(description="From Annotated.")], days: int = 1):
        """Forecast.

        Args:
            city: From the docstring.
            days: Days ahead.
        """

    props = schema_of(f)["properties"]
    assert props["city"] == {"type": "string", "description": "From Annotated."}
    assert props["days"]["description"] == "Days ahead."


# --- Registration --------------------------------------------------------------------------


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


# --- Warnings ------------------------------------------------------------------------------


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


# --- Export formats -----------------------------------------------------------------------

EMAIL_SCHEMA = {
    "type": "object",
    "properties": {
        "email": {
            "type": "string",
            "description": "The customer's email address, e.g. jane@example.com.",
        }
    },
    "required": ["email"],
}


def test_to_openai_chat_completions_shape():
    tools = registry(lookup_customer)
    description = tools["lookup_customer"].description
    assert tools.to_openai() == [
        {
            "type": "function",
            "function": {
                "name": "lookup_customer",
                "description": description,
                "parameters": EMAIL_SCHEMA,
            },
        }
    ]
    assert tools.to_openai(strict=True)[0]["function"]["strict"] is True


def test_to_openai_responses_shape_always_says_strict():
    tools = registry(lookup_customer)
    assert tools.to_openai(api="responses") == [
        {
            "type": "function",
            "name": "lookup_customer",
            "description": tools["lookup_customer"].description,
            "parameters": EMAIL_SCHEMA,
            "strict": False,
        }
    ]
    assert tools.to_openai(api="responses", strict=True)[0]["strict"] is True


def test_to_openai_rejects_unknown_api():
    with pytest.raises(ValueError, match="responses"):
        registry(lookup_customer).to_openai(api="completions")


def test_to_anthropic_shape():
    tools = registry(lookup_customer)
    assert tools.to_anthropic() == [
        {
            "name": "lookup_customer",
            "description": tools["lookup_customer"].description,
            "input_schema": EMAIL_SCHEMA,
        }
    ]
    assert tools.to_anthropic(strict=True)[0]["strict"] is True


def test_specs_are_toolspecs_in_registration_order():
    specs = registry(create_ticket, lookup_customer).specs()
    assert [s.name for s in specs] == ["create_ticket", "lookup_customer"]
    assert all(isinstance(s, ToolSpec) for s in specs)
    assert specs[1].parameters == EMAIL_SCHEMA and specs[1].strict is False


def test_strict_mode_closes_objects_requires_all_and_makes_optional_nullable():
    def f(
        name: str,
        count: int = 1,
        note: str | None = None,
        address: Address | None = None,
        color: Color = Color.RED,
    ): ...

    schema = registry(f)["f"].to_spec(strict=True).parameters
    assert schema["additionalProperties"] is False
    assert schema["required"] == ["name", "count", "note", "address", "color"]
    props = schema["properties"]
    assert props["count"] == {"type": ["integer", "null"]}
    assert props["note"] == {"anyOf": [{"type": "string"}, {"type": "null"}]}
    assert props["address"] == {"anyOf": [{"$ref": "#/$defs/Address"}, {"type": "null"}]}
    assert props["color"] == {"anyOf": [{"$ref": "#/$defs/Color"}, {"type": "null"}]}
    address = schema["$defs"]["Address"]
    assert address["additionalProperties"] is False
    assert address["required"] == ["street", "zip_code"]
    assert address["properties"]["zip_code"] == {"type": ["string", "null"]}
    assert "default" not in json.dumps(schema)


def test_strict_export_leaves_the_stored_schema_alone():
    tools = registry(create_ticket)
    tools.to_openai(strict=True)
    assert tools["create_ticket"].parameters["required"] == ["subject"]


def test_null_for_a_defaulted_parameter_means_use_the_default():
    result = registry(create_ticket).call("create_ticket", {"subject": "x", "priority": None})
    assert result.content == "ticket 'x' at priority 3"


# --- describe() and copy() -----------------------------------------------------------------


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


# --- Running calls -------------------------------------------------------------------------


def test_call_with_dict_returns_json_result():
    result = registry(lookup_customer).call("lookup_customer", {"email": "jane@example.com"})
    assert isinstance(result, ToolResult)
    assert not result.is_error
    assert json.loads(result.content) == {"email": "jane@example.com", "plan": "pro"}
    assert result.name == "lookup_customer" and result.call_id == ""
    assert result.duration is not None and result.duration >= 0


def test_call_with_json_string_and_string_result_as_is():
    result = registry(create_ticket).call("create_ticket", '{"subject": "Login", "priority": 2}')
    assert result.content == "ticket 'Login' at priority 2"


def test_lax_registry_accepts_a_number_sent_as_text():
    tools = ToolRegistry(strict=False)
    tools.add(create_ticket)
    result = tools.call("create_ticket", '{"subject": "Login", "priority": "2"}')
    assert result.content == "ticket 'Login' at priority 2"  # "2" accepted as 2 (lax mode)


def test_call_without_arguments_accepts_none_and_empty_string():
    def ping() -> None:
        """Check the service is up."""

    tools = registry(ping)
    assert tools.call("ping").content == "null"
    assert tools.call("ping", "").content == "null"
    assert tools.call("ping", {}).content == "null"


def test_call_passes_nested_models_as_instances():
    def ship(address: Address) -> str:
        """Ship.

        Args:
            address: Where to.
        """
        assert isinstance(address, Address)
        return address.zip_code

    assert registry(ship).call("ship", {"address": {"street": "Main"}}).content == "00000"


def test_call_serialises_models_and_non_ascii():
    def who() -> Address:
        """Who."""
        return Address(street="Hauptstraße")

    assert registry(who).call("who").content == '{"street": "Hauptstraße", "zip_code": "00000"}'


def test_async_tool_runs_through_call():
    async def slow_double(x: int) -> int:
        """Double.

        Args:
            x: A number.
        """
        await asyncio.sleep(0.01)
        return 2 * x

    assert registry(slow_double).call("slow_double", {"x": 21}).content == "42"


def test_call_works_inside_a_running_event_loop():
    async def add(a: int, b: int) -> int:
        """Add.

        Args:
            a: First.
            b: Second.
        """
        return a + b

    tools = registry(add, create_ticket)

    async def notebook_cell():
        return tools.call("add", {"a": 1, "b": 2}), tools.call_many([("add", {"a": 2, "b": 2})])

    single, many = asyncio.run(notebook_cell())
    assert single.content == "3" and many[0].content == "4"


def test_acall_runs_sync_and_async_tools():
    tools = registry(create_ticket)
    result = asyncio.run(tools.acall("create_ticket", {"subject": "a"}))
    assert result.content == "ticket 'a' at priority 3"


# --- Error results -------------------------------------------------------------------------


def test_unknown_tool_error_suggests_close_name():
    result = registry(lookup_customer, create_ticket).call("lookup_custmer", {})
    assert result.is_error
    assert result.content == (
        "Unknown tool 'lookup_custmer'. Did you mean 'lookup_customer'? "
        "Available tools: lookup_customer, create_ticket. Call one of these by its exact name."
    )


def test_unknown_tool_error_without_close_name():
    result = registry(lookup_customer).call("weather", {})
    assert result.is_error and "Did you mean" not in result.content
    assert "Available tools: lookup_customer" in result.content


def test_malformed_json_error_says_where_and_shows_an_example():
    result = registry(lookup_customer).call("lookup_customer", '{"email" "jane@example.com"}')
    assert result.is_error
    assert result.content == (
        "The arguments for lookup_customer are not valid JSON (Expecting ':' delimiter: "
        'line 1 column 10). Send one JSON object, for example {"email": "..."}.'
    )


def test_json_that_is_not_an_object_is_an_error():
    tools = registry(lookup_customer)
    array = tools.call("lookup_customer", '["jane@example.com"]')
    number = tools.call("lookup_customer", "42")
    assert array.is_error and "must be a JSON object, not an array" in array.content
    assert number.is_error and "not a number (42)" in number.content


def test_wrong_type_error_names_argument_and_value():
    result = registry(create_ticket).call("create_ticket", {"subject": "x", "priority": "abc"})
    assert result.is_error
    assert "argument 'priority' should be an integer, got \"abc\"" in result.content
    assert "create_ticket takes: subject (string, required), priority (integer)" in result.content


def test_missing_argument_error():
    result = registry(lookup_customer).call("lookup_customer", {})
    assert result.is_error and "- missing required argument 'email'" in result.content


def test_extra_argument_error_lists_what_the_tool_takes():
    result = registry(create_ticket).call("create_ticket", {"subject": "x", "urgent": True})
    assert result.is_error
    assert "- unexpected argument 'urgent' (this tool takes: subject, priority)" in result.content


def test_nested_errors_give_a_path():
    def ship(address: Address, items: list[int]) -> None:
        """Ship."""

    result = registry(ship).call("ship", {"address": {}, "items": [1, "x"]})
    assert "missing required argument 'address.street'" in result.content
    assert "argument 'items[1]' should be an integer" in result.content


def test_tool_exception_becomes_error_without_traceback():
    result = registry(lookup_customer).call("lookup_customer", {"email": "missing@example.com"})
    assert result.is_error
    assert result.content == "lookup_customer failed: ValueError: no customer with that email"


@pytest.mark.fault(
    "tool execution",
    "a tool returns a value that is not JSON (a lock, a socket)",
    "an error result naming the type and saying to return a str or JSON-friendly data",
)
def test_non_serialisable_result_is_an_error():
    def handle() -> object:
        """Handle."""
        return threading.Lock()

    result = registry(handle).call("handle")
    assert result.is_error
    assert "returned a value of type lock that cannot be sent as JSON" in result.content
    assert "return a str" in result.content


@pytest.mark.fault(
    "tool execution",
    "a sync tool hangs past its timeout",
    "an error result after the timeout (30 s by default in run()); the thread is abandoned in the bounded pool",
)
def test_sync_timeout_abandons_the_tool():
    release = threading.Event()

    def hang() -> str:
        """Hang."""
        release.wait(5)
        return "late"

    started = time.perf_counter()
    result = registry(hang).call("hang", timeout=0.2)
    release.set()
    assert time.perf_counter() - started < 2
    assert result.is_error
    assert result.content.startswith("hang did not finish within 0.2 s and was abandoned.")


def test_async_timeout_cancels_the_tool():
    cancelled = threading.Event()

    async def hang() -> str:
        """Hang."""
        try:
            await asyncio.sleep(5)
        except asyncio.CancelledError:
            cancelled.set()
            raise
        return "late"

    result = registry(hang).call("hang", timeout=0.1)
    assert result.is_error and "did not finish within 0.1 s" in result.content
    assert cancelled.is_set()


def test_timeout_error_raised_by_the_tool_is_a_failure_not_a_timeout():
    def flaky() -> str:
        """Flaky."""
        raise TimeoutError("upstream timed out")

    result = registry(flaky).call("flaky", timeout=5)
    assert result.content == "flaky failed: TimeoutError: upstream timed out"


# --- call_many -----------------------------------------------------------------------------


def test_call_many_keeps_call_order_and_ids():
    tools = registry(lookup_customer, create_ticket)
    results = tools.call_many(
        [
            ToolCall("create_ticket", {"subject": "a"}, id="call_1"),
            ("lookup_customer", '{"email": "b@example.com"}'),
            ToolCall("nope", {}, id="call_3"),
        ]
    )
    assert [r.call_id for r in results] == ["call_1", "", "call_3"]
    assert [r.name for r in results] == ["create_ticket", "lookup_customer", "nope"]
    assert [r.is_error for r in results] == [False, False, True]


def test_call_many_runs_sync_and_async_tools_concurrently():
    barrier = threading.Barrier(4, timeout=2)

    def sync_wait(n: int) -> int:
        """Wait.

        Args:
            n: Echoed.
        """
        barrier.wait()  # only passes when all four calls run at the same time
        return n

    async def async_wait(n: int) -> int:
        """Wait.

        Args:
            n: Echoed.
        """
        await asyncio.get_running_loop().run_in_executor(None, barrier.wait)
        return n

    tools = registry(sync_wait, async_wait)
    calls = [("sync_wait", {"n": 0}), ("async_wait", {"n": 1}), ("sync_wait", {"n": 2})]
    results = tools.call_many([*calls, ("sync_wait", {"n": 3})])
    assert [r.content for r in results] == ["0", "1", "2", "3"]
    assert not any(r.is_error for r in results)


def test_call_many_sequential_runs_in_order():
    order = []

    def record(n: int) -> int:
        """Record.

        Args:
            n: Position.
        """
        time.sleep(0.02 * (3 - n))  # later calls would finish first if run together
        order.append(n)
        return n

    results = registry(record).call_many([("record", {"n": i}) for i in range(3)], parallel=False)
    assert order == [0, 1, 2]
    assert [r.content for r in results] == ["0", "1", "2"]


def test_hung_tool_with_timeout_does_not_block_the_others():
    release = threading.Event()

    def hang() -> str:
        """Hang."""
        release.wait(5)
        return "late"

    tools = registry(hang, create_ticket)
    started = time.perf_counter()
    results = tools.call_many([("hang", {}), ("create_ticket", {"subject": "a"})], timeout=0.2)
    elapsed = time.perf_counter() - started
    release.set()
    assert elapsed < 2
    assert results[0].is_error and "abandoned" in results[0].content
    assert results[1].content == "ticket 'a' at priority 3"


def test_acall_many_and_bad_call_items():
    tools = registry(create_ticket)
    results = asyncio.run(tools.acall_many([("create_ticket", {"subject": "s"})]))
    assert results[0].content == "ticket 's' at priority 3"
    with pytest.raises(TypeError, match="ToolCall or a"):
        tools.call_many(["create_ticket"])


# --- Property: a model's arguments never crash the registry --------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)
argument_dicts = st.dictionaries(
    st.sampled_from(["count", "name", "flag", "items"]) | st.text(max_size=5),
    json_values,
    max_size=5,
)


def mixed(count: int, name: str, flag: bool = False, items: list[int] | None = None) -> dict:
    """Mixed parameter types.

    Args:
        count: A count.
        name: A name.
        flag: A flag.
        items: Some numbers.
    """
    return {"count": count, "name": name, "flag": flag, "items": items}


MIXED = registry(mixed)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(arguments=argument_dicts, as_json=st.booleans())
def test_arbitrary_arguments_never_raise(arguments, as_json):
    result = MIXED.call("mixed", json.dumps(arguments) if as_json else arguments)
    assert isinstance(result, ToolResult) and result.content
    if not result.is_error:
        assert set(json.loads(result.content)) == {"count", "name", "flag", "items"}


def test_a_first_docstring_line_that_wraps_stays_one_sentence():
    tools = ToolRegistry()

    @tools.tool
    def lookup(email: str) -> dict:
        """Searches for a customer record by email address and returns their account
        details including name and plan.

        Args:
            email: The customer's email address.
        """

    assert tools["lookup"].description == (
        "Searches for a customer record by email address and returns their account "
        "details including name and plan."
    )


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
