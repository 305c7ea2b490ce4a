"""Error results: what a call that cannot run sends back to the model (an unknown tool, JSON
that is malformed or not an object, wrong, missing or extra arguments, a tool that raises,
returns what JSON cannot hold, or runs past its timeout)."""

import asyncio
import threading
import time

import pytest
from customer_tools import Address, create_ticket, lookup_customer, registry

pytestmark = pytest.mark.filterwarnings("ignore::fcplayground.tools.UndocumentedParameterWarning")


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
