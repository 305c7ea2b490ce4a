"""A registry served over MCP keeps its tools as they are: a real ``mcp`` client lists the
same names, descriptions and schemas, and every call comes back as ``registry.call``
gives it, errors included. Over the SDK's in-memory transport; tests/test_mcp_stdio.py
does the same over a real pipe, tests/test_mcp_cli.py over HTTP."""

from __future__ import annotations

import asyncio
import datetime
import enum
import json
import socket
import subprocess
import sys
import threading
from typing import Any, Literal

import anyio
import mcp_types
import pydantic
import pytest
from mcp import Client
from mcp.client._memory import InMemoryTransport

import fcplayground.mcp
from fcplayground.tools import ToolRegistry

MODES = ["auto", "legacy"]  # the 2026-07-28 protocol, and the 2025-11-25 handshake


class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


class Address(pydantic.BaseModel):
    street: str
    number: int
    tags: list[str] = []


def echo(
    text: str,
    count: int,
    ratio: float,
    flag: bool,
    names: list[str],
    extra: dict[str, Any],
    mode: Literal["fast", "slow"],
    colour: Colour,
    address: Address,
    day: datetime.date,
    at: datetime.datetime,
    note: str | None = None,
    limit: int | None = None,
) -> dict[str, Any]:
    """Give back every argument, as the function received it.

    Args:
        text: Some text.
        count: A whole number.
        ratio: A number.
        flag: Yes or no.
        names: Some names.
        extra: Anything.
        mode: How.
        colour: Which colour.
        address: Where.
        day: Which day.
        at: When.
        note: An optional note.
        limit: An optional limit.
    """
    kinds = {k: type(v).__name__ for k, v in locals().items()}
    return {"kinds": kinds, "values": {k: v for k, v in locals().items() if k != "kinds"}}


def boom(reason: str) -> str:
    """Fail on purpose.

    Args:
        reason: What to say.
    """
    raise RuntimeError(reason)


def chatty(word: str) -> list[str]:
    """Print to stdout, then answer.

    Args:
        word: What to print.
    """
    print(f"printed by a tool: {word}")
    return [word, word]


def not_a_number() -> dict[str, float]:
    """A result holding NaN, which JSON-RPC cannot carry as a number."""
    return {"x": float("nan")}


def write(line: str) -> str:
    """Write a line somewhere.

    Args:
        line: The line.
    """
    return "written"


def every_type() -> ToolRegistry:
    """A registry whose ``echo`` takes one parameter of every type a registry supports,
    plus tools that fail, print, give NaN and change data."""
    tools = ToolRegistry()
    for func in (echo, boom, chatty, not_a_number):
        tools.add(func)
    tools.add(write, side_effect=True)
    return tools


FULL = {
    "text": "héllo",
    "count": 3,
    "ratio": 0.5,
    "flag": True,
    "names": ["a", "b"],
    "extra": {"k": [1, {"n": None}]},
    "mode": "slow",
    "colour": "blue",
    "address": {"street": "Main", "number": 7, "tags": ["x"]},
    "day": "2026-03-01",
    "at": "2026-03-01T12:30:00Z",
}
ROUND_TRIPS = {
    "every parameter": FULL,
    "optional ones given": FULL | {"note": "n", "limit": 2},
    "optional ones null": FULL | {"note": None, "limit": None},
}
BAD_CALLS = {
    "a string for an int": ("echo", FULL | {"count": "3"}),
    "a value outside the enum": ("echo", FULL | {"colour": "green"}),
    "a nested field missing": ("echo", FULL | {"address": {"street": "Main"}}),
    "an unexpected argument": ("echo", FULL | {"colr": "red"}),
    "no arguments at all": ("echo", None),
    "an unknown tool": ("ecko", FULL),
}


def over_mcp(registry: ToolRegistry, calls: list[tuple[str, Any]], **options: Any) -> Any:
    """List the tools and run ``calls`` through a real MCP client session, in memory."""
    mode = options.pop("mode", "auto")

    async def session() -> tuple[mcp_types.ListToolsResult, list[mcp_types.CallToolResult]]:
        app = fcplayground.mcp.server(registry, **options)
        async with Client(InMemoryTransport(app), mode=mode) as client:
            listed = await client.list_tools()
            return listed, [await client.call_tool(n, a) for n, a in calls]

    return anyio.run(session)


def text_of(result: mcp_types.CallToolResult) -> str:
    (block,) = result.content
    assert block.type == "text"
    return block.text


@pytest.mark.parametrize("mode", MODES)
def test_list_tools_gives_the_registrys_names_descriptions_and_schemas_untouched(mode):
    registry = every_type()
    listed, _ = over_mcp(registry, [], mode=mode)
    assert [(t.name, t.description, t.input_schema) for t in listed.tools] == [
        (t["name"], t["description"], t["input_schema"]) for t in registry.to_anthropic()
    ]
    echo = listed.tools[0].input_schema
    assert "$defs" in echo and echo["properties"]["mode"]["enum"] == ["fast", "slow"]


def test_side_effect_tools_are_listed_as_not_read_only_and_possibly_destructive():
    listed, _ = over_mcp(every_type(), [])
    hints = {t.name: t.annotations for t in listed.tools}
    assert hints["write"].read_only_hint is False and hints["write"].destructive_hint is True
    assert all(hints[n].read_only_hint is True for n in ("echo", "boom", "chatty"))


def test_every_parameter_type_round_trips_as_an_in_process_call_gives_it():
    registry = every_type()
    _, results = over_mcp(registry, [("echo", args) for args in ROUND_TRIPS.values()])
    for args, result in zip(ROUND_TRIPS.values(), results, strict=True):
        expected = registry.call("echo", args)
        assert not result.is_error and not expected.is_error
        assert text_of(result) == expected.content
        assert result.structured_content == json.loads(expected.content)
    kinds = results[0].structured_content["kinds"]
    assert kinds["address"] == "Address" and kinds["colour"] == "Colour"
    assert kinds["day"] == "date" and kinds["at"] == "datetime"


@pytest.mark.fault(
    "tool arguments",
    "invalid arguments or an unknown tool, sent by an MCP client (`fcplayground.mcp.server`)",
    "an `isError` result with the same text as an in-process call",
)
@pytest.mark.parametrize("case", BAD_CALLS)
def test_bad_calls_give_error_results_with_the_registrys_own_texts(case):
    registry = every_type()
    name, args = BAD_CALLS[case]
    _, (result,) = over_mcp(registry, [(name, args)])
    expected = registry.call(name, args)
    assert expected.is_error and result.is_error
    assert text_of(result) == expected.content
    assert result.structured_content is None


def test_arguments_are_checked_strictly_unless_the_registry_is_lax():
    lax = every_type()
    lax.strict = False
    _, (result,) = over_mcp(lax, [("echo", FULL | {"count": "3"})])
    assert not result.is_error
    assert result.structured_content["values"]["count"] == 3


@pytest.mark.fault(
    "tool execution",
    "a tool that raises, behind an MCP server",
    "an `isError` result naming the tool and the exception; the server answers on",
)
def test_a_tool_that_raises_gives_an_error_result_and_the_server_answers_on():
    registry = every_type()
    _, (failed, after) = over_mcp(
        registry, [("boom", {"reason": "disk full"}), ("write", {"line": "x"})]
    )
    assert failed.is_error
    assert text_of(failed) == "boom failed: RuntimeError: disk full"
    assert not after.is_error and text_of(after) == "written"


def test_only_a_json_object_result_is_sent_as_structured_content():
    _, (listed, nan) = over_mcp(every_type(), [("chatty", {"word": "hi"}), ("not_a_number", {})])
    assert text_of(listed) == '["hi", "hi"]' and listed.structured_content is None
    assert text_of(nan) == '{"x": NaN}' and nan.structured_content is None


def test_a_long_result_is_cut_as_the_registry_cuts_it():
    registry = every_type()
    registry.max_result_chars = 20
    _, (result,) = over_mcp(registry, [("echo", FULL)])
    assert text_of(result) == registry.call("echo", FULL).content
    assert "[truncated:" in text_of(result) and result.structured_content is None


@pytest.mark.fault(
    "tool execution",
    "a tool that hangs, behind an MCP server with a timeout",
    "an `isError` result saying it did not finish in time; the server answers on",
)
def test_the_servers_timeout_bounds_each_call():
    registry = ToolRegistry()

    @registry.tool
    async def stall() -> str:
        """Never finish."""
        await asyncio.sleep(30)
        return "done"

    @registry.tool
    async def quick() -> str:
        """Finish at once."""
        return "quick"

    _, (late, after) = over_mcp(registry, [("stall", {}), ("quick", {})], timeout=0.2)
    assert late.is_error
    assert text_of(late) == "stall did not finish within 0.2 s and was cancelled. " + (
        "Try again later, or carry on without this result."
    )
    assert text_of(after) == "quick"


def test_a_slow_sync_tool_does_not_hold_up_the_servers_other_calls():
    released = threading.Event()
    registry = ToolRegistry()

    @registry.tool
    def wait_for_release() -> str:
        """Block this thread until release runs (or 10 s pass)."""
        return "released" if released.wait(10) else "never released"

    @registry.tool
    def release() -> str:
        """Let wait_for_release return."""
        released.set()
        return "done"

    async def both() -> list[str]:
        async with Client(InMemoryTransport(fcplayground.mcp.server(registry))) as client:
            out: dict[str, str] = {}

            async def call(name: str) -> None:
                out[name] = text_of(await client.call_tool(name, {}))

            async with anyio.create_task_group() as group:
                group.start_soon(call, "wait_for_release")
                await anyio.sleep(0.05)  # so the blocking call is in flight first
                group.start_soon(call, "release")
            return [out["wait_for_release"], out["release"]]

    assert anyio.run(both) == ["released", "done"]


def test_a_tool_interrupted_by_ctrl_c_gives_an_error_result_not_a_dead_server():
    registry = ToolRegistry()

    @registry.tool
    async def interrupted() -> str:
        """Raise KeyboardInterrupt."""
        raise KeyboardInterrupt

    @registry.tool
    async def fine() -> str:
        """Answer."""
        return "fine"

    _, (stopped, after) = over_mcp(registry, [("interrupted", {}), ("fine", {})])
    assert stopped.is_error and "interrupted (KeyboardInterrupt)" in text_of(stopped)
    assert text_of(after) == "fine"


def test_the_server_is_named_as_asked():
    async def info() -> str:
        app = fcplayground.mcp.server(every_type(), name="my_desk")
        async with Client(InMemoryTransport(app), mode="legacy") as client:
            return client.server_info.name

    assert anyio.run(info) == "my_desk"


def test_package_names_are_the_functions_even_after_their_modules_load():
    import fcplayground.mcp.serving  # noqa: F401  (loads the server module too)

    assert callable(fcplayground.mcp.server) and callable(fcplayground.mcp.serve_stdio)
    assert fcplayground.mcp.server.__name__ == "server"


def test_importing_fcplayground_mcp_loads_no_mcp_sdk():
    code = "import sys, fcplayground.mcp; print(sorted(m for m in sys.modules if m.split('.')[0] in ('mcp', 'mcp_types', 'uvicorn')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_http_connections_send_replies_without_waiting_for_the_clients_ack():
    # With Nagle's algorithm on, a reply written as headers then body waits out the
    # client's delayed ACK: 40 ms a call. Accepted connections inherit this option.
    from fcplayground.mcp import serving

    with serving._bound("127.0.0.1", 0) as sock:
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
        assert sock.proto == socket.IPPROTO_TCP  # which asyncio checks before its own
