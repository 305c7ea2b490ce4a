"""``fcplayground.mcp.serving_in_background``: a registry served over streamable HTTP from a
thread of this process, for a ``with`` block, and nothing left behind after it."""

from __future__ import annotations

import socket
import threading
from urllib.parse import urlsplit

import pytest

import fcplayground.mcp
from fcplayground import ToolRegistry
from fcplayground.mcp.background import ServedCall


def registry() -> ToolRegistry:
    tools = ToolRegistry()

    @tools.tool
    def add(a: int, b: int) -> int:
        """Adds two whole numbers and returns their sum.

        Args:
            a: The first number, e.g. 2.
            b: The second number, e.g. 3.
        """
        return a + b

    return tools


def port_of(url: str) -> int:
    port = urlsplit(url).port
    assert port is not None
    return port


def accepts_connections(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def server_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "fcplayground-mcp-background"]


def test_a_real_client_lists_and_calls_the_tools_and_the_server_logs_the_call():
    with fcplayground.mcp.serving_in_background(registry()) as server:
        assert server.url.startswith("http://127.0.0.1:") and server.url.endswith("/mcp")
        with fcplayground.mcp.tools(server.url) as remote:
            assert remote.names == ["add"]
            result = remote.call("add", {"a": 2, "b": 3})
        assert (result.content, result.is_error) == ("5", False)
        assert server.served == [ServedCall("add", {"a": 2, "b": 3}, "5", False)]


def test_on_exit_the_server_stops_and_releases_its_port():
    with fcplayground.mcp.serving_in_background(registry()) as server:
        port = port_of(server.url)
        assert accepts_connections(port)
    assert not accepts_connections(port)
    assert server_threads() == []


def test_a_second_server_in_the_same_process_works_after_the_first():
    for _ in range(2):
        with (
            fcplayground.mcp.serving_in_background(registry()) as server,
            fcplayground.mcp.tools(server.url) as remote,
        ):
            assert remote.call("add", {"a": 1, "b": 1}).content == "2"
    assert server_threads() == []


@pytest.mark.fault(
    "mcp",
    "an exception inside `serving_in_background`'s with block",
    "the exception goes on up; the server stops and its port is released first",
)
def test_an_exception_in_the_block_still_stops_the_server():
    with (
        pytest.raises(ZeroDivisionError),
        fcplayground.mcp.serving_in_background(registry()) as server,
    ):
        port = port_of(server.url)
        1 / 0  # noqa: B018
    assert not accepts_connections(port)
    assert server_threads() == []


@pytest.mark.fault(
    "mcp",
    "arguments a background server's tool rejects, sent past the client's own check",
    "an error result naming the argument, logged by the server as an error",
)
def test_a_call_with_wrong_arguments_is_an_error_result_and_logged_as_one():
    with (
        fcplayground.mcp.serving_in_background(registry()) as server,
        fcplayground.mcp.tools(server.url) as remote,
    ):
        remote.session.call("add", {"a": "two", "b": 3}).result(timeout=30)
    [served] = server.served
    assert served.is_error and "a" in served.content and served.name == "add"


def test_an_mcp_registry_remembers_each_call_it_sent_with_its_call_id():
    with (
        fcplayground.mcp.serving_in_background(registry()) as server,
        fcplayground.mcp.tools(server.url) as remote,
    ):
        remote.call("add", {"a": 2, "b": 3}, call_id="call_1")
        remote.call_many([("add", {"a": 1, "b": "x"})], parallel=True)

    first, second = remote.sent
    assert (first.call_id, first.name, first.arguments, first.content) == (
        "call_1",
        "add",
        {"a": 2, "b": 3},
        "5",
    )
    assert not first.is_error and second.is_error and second.call_id == ""
    assert [c.arguments for c in server.served] == [{"a": 2, "b": 3}]  # the bad one never left
