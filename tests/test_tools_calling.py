"""Running calls: call() and acall() with dict or JSON arguments, sync and async tools, inside
a running event loop; call_many() keeping call order, at once or in sequence; and arbitrary
arguments never raising."""

import asyncio
import json
import threading
import time

import pytest
from customer_tools import Address, create_ticket, lookup_customer, registry
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fcplayground.chat import ToolCall, ToolResult
from fcplayground.tools import ToolRegistry

pytestmark = pytest.mark.filterwarnings("ignore::fcplayground.tools.UndocumentedParameterWarning")


def test_null_for_a_defaulted_parameter_means_use_the_default():
    result = registry(create_ticket).call("create_ticket", {"subject": "x", "priority": None})
    assert result.content == "ticket 'x' at priority 3"


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


# --- call_many ----------------------------------------------------------------------------


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


# --- Property: a model's arguments never crash the registry -------------------------------


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
