"""Messages an MCP server cannot read, sent to ``fcplayground mcp`` over a real pipe and
over real HTTP: each gets a JSON-RPC error naming what was wrong (too large, nested too
deeply, not JSON, not a JSON-RPC message), at once, and the server answers on. Over stdio
the error carries the request's id when the message's first bytes show it, so the
client's waiting call ends."""

from __future__ import annotations

import http.client
import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from typing import Any

import anyio
import pytest
from mcp import Client, MCPError

from fcplayground import mcp as fcp_mcp
from fcplayground.mcp.stdin_lines import MAX_LINE
from fcplayground.mcp.unreadable import request_id

CLI = [sys.executable, "-m", "fcplayground.cli", "mcp", "--scenario", "support_desk"]
GUARD = 60  # seconds: against a hang only, never a timing
DEEP = '{"a": ' * 5000 + "1" + "}" * 5000
HTTP_LIMIT = 4 * 1024 * 1024  # the SDK's request body limit over HTTP


def request(id_: Any, method: str, params: dict[str, Any]) -> str:
    return json.dumps({"jsonrpc": "2.0", "id": id_, "method": method, "params": params})


def lookup(id_: int, email_json: str) -> str:
    """A tools/call line whose email argument is the JSON text ``email_json``."""
    return (
        f'{{"jsonrpc": "2.0", "id": {id_}, "method": "tools/call", "params": '
        f'{{"name": "lookup_customer", "arguments": {{"email": {email_json}}}}}}}'
    )


GET_ORDER = request(20, "tools/call", {"name": "get_order", "arguments": {"order_id": "ORD-1234"}})
TOO_LARGE = lookup(4, '"' + "x" * MAX_LINE + '"')
# Lines sent one after another, each with what it is called here. None: no reply expected.
LINES = {
    "not json": "this is not JSON",
    "nested too deeply": lookup(2, DEEP),
    "too large": TOO_LARGE,
    "blank": "   ",
    "not a message": '{"jsonrpc": "2.0", "id": 5, "method": 7}',
    "an array": "[1, 2]",
    # The only "id" in its first bytes is an argument's; its own comes after them.
    "an argument named id": (
        '{"jsonrpc": "2.0", "method": "tools/call", "params": {"name": "get_order", '
        f'"arguments": {{"id": 9, "deep": {DEEP}}}}}, "id": 10}}'
    ),
    # A response (no method) too large to read: its id is not one of the client's.
    "a response": '{"jsonrpc": "2.0", "id": 11, "result": {"x": "' + "y" * MAX_LINE + '"}}',
    "a good call after": GET_ORDER,
}


@pytest.fixture(scope="module")
def stdio_replies() -> Iterator[dict[str, Any]]:
    """``fcplayground mcp`` over stdio, initialized, then sent each of LINES and given
    up to GUARD seconds for its reply (a blank line is followed by a good call, whose
    reply comes next). The reply to each (None: none came), and the exit code."""
    server = subprocess.Popen(CLI, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    replies: queue.Queue[bytes] = queue.Queue()
    threading.Thread(target=lambda: [replies.put(x) for x in server.stdout], daemon=True).start()

    def send(line: str) -> Any:
        server.stdin.write(line.encode() + b"\n")
        server.stdin.flush()
        try:
            return json.loads(replies.get(timeout=GUARD))
        except queue.Empty:
            return None

    hello = {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "t"}}
    send(request(1, "initialize", hello))
    server.stdin.write(b'{"jsonrpc": "2.0", "method": "notifications/initialized"}\n')
    got = {
        name: send(line + ("\n" + GET_ORDER if name == "blank" else ""))
        for name, line in LINES.items()
    }
    server.stdin.close()
    got["exit code"] = server.wait(timeout=GUARD)
    yield got
    if server.poll() is None:
        server.kill()


def error_of(reply: Any) -> dict[str, Any]:
    assert reply is not None, "no reply came"
    assert "result" not in reply, reply
    return reply["error"]


@pytest.mark.fault(
    "server",
    "a line on the MCP server's stdin that is not JSON, is nested too deeply, or is over 16 MiB",
    "a JSON-RPC -32700 Parse error naming what was wrong (the size and the limit), with the "
    "request's id when its first bytes show it (else null); the server answers on",
)
def test_stdio_answers_an_unreadable_line_with_a_parse_error_naming_what_was_wrong(stdio_replies):
    not_json = error_of(stdio_replies["not json"])
    assert not_json["code"] == -32700 and stdio_replies["not json"]["id"] is None
    assert "not JSON" in not_json["message"] and "expected ident" in not_json["message"]
    deep = error_of(stdio_replies["nested too deeply"])
    assert deep["code"] == -32700 and "nested too deeply" in deep["message"]
    large = error_of(stdio_replies["too large"])
    assert large["code"] == -32700
    assert f"{len(TOO_LARGE)} bytes" in large["message"] and f"{MAX_LINE} bytes" in large["message"]


def test_stdio_answers_an_unreadable_request_with_its_own_id_so_its_call_ends(stdio_replies):
    assert stdio_replies["nested too deeply"]["id"] == 2
    assert stdio_replies["too large"]["id"] == 4


def test_stdio_never_answers_with_an_id_that_is_not_the_requests_own(stdio_replies):
    assert error_of(stdio_replies["an argument named id"])["code"] == -32700
    assert stdio_replies["an argument named id"]["id"] is None  # not the argument's 9
    assert error_of(stdio_replies["a response"])["code"] == -32700
    assert stdio_replies["a response"]["id"] is None  # 11 is not the client's request


@pytest.mark.fault(
    "server",
    "a line on the MCP server's stdin that is JSON but not a JSON-RPC message",
    "a JSON-RPC -32600 Invalid Request saying what a message needs; the server answers on",
)
def test_stdio_answers_json_that_is_not_a_message_with_invalid_request(stdio_replies):
    wrong = error_of(stdio_replies["not a message"])
    assert wrong["code"] == -32600 and stdio_replies["not a message"]["id"] == 5
    assert '"jsonrpc": "2.0"' in wrong["message"] and '"method"' in wrong["message"]
    assert error_of(stdio_replies["an array"])["code"] == -32600
    assert stdio_replies["an array"]["id"] is None


def test_stdio_skips_a_blank_line_and_answers_every_good_call_after_a_bad_one(stdio_replies):
    for name in ("blank", "a good call after"):
        assert stdio_replies[name]["id"] == 20
        assert stdio_replies[name]["result"]["isError"] is False
    assert stdio_replies["exit code"] == 0


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'{"jsonrpc": "2.0", "id": 7, "method": "tools/call", "params": {', 7),
        (b'{"method":"x","id":"a-\\"b\\"","params":[', 'a-"b"'),
        (b'{"jsonrpc": "2.0", "method": "x", "params": {"id": 3}, "id": 4', 4),
        (b'{"jsonrpc": "2.0", "method": "x", "params": {"id": 3, "more": [', None),
        (b'{"jsonrpc": "2.0", "id": 11, "result": {"x": "y', None),
        (b'{"jsonrpc": "2.0", "id": 1.5, "method": "x"', None),
        (b'{"jsonrpc": "2.0", "id": {"n": 1}, "method": "x"', None),
        (b'{"jsonrpc": "2.0", "id": "unterminated, "method": "x"', None),
        (b'[{"jsonrpc": "2.0", "id": 1, "method": "x"}]', None),
        (b"", None),
    ],
)
def test_a_requests_id_is_read_only_from_its_own_top_level(head, expected):
    assert request_id(head) == expected


def test_bytes_full_of_quotes_backslashes_or_brackets_give_no_id_in_one_pass():
    # 256 KB of each, far more than the 4 KB looked at: a pattern that backtracks would
    # take hours over them (this test would hang), one pass takes milliseconds.
    size = 256 * 1024
    for head in (b'{"' + b'\\"' * size, b'{"id": ' + b'"' * size, b"{" * size, b'{"a":' * size):
        assert request_id(head) is None


@pytest.fixture(scope="module")
def http_url() -> Iterator[str]:
    server = subprocess.Popen(
        [*CLI, "--http"],
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ | {"PYTHONUNBUFFERED": "1"},
    )
    match = re.search(r"at (http://\S+)", server.stdout.readline())
    assert match
    yield match.group(1)
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=GUARD)


def post(url: str, body: Any, **headers: str) -> tuple[int, str, Any]:
    """POST ``body`` (bytes, or an iterable of chunks sent chunked) to ``url``: the status,
    the content type and the JSON body."""
    port = int(url.rsplit(":", 1)[1].split("/")[0])
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=GUARD)
    accept = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}
    connection.request(
        "POST", "/mcp", body, accept | headers, encode_chunked=not isinstance(body, bytes)
    )
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, response.getheader("content-type", ""), json.loads(data)


@pytest.mark.fault(
    "server",
    "a request body over 4 MiB posted to `fcplayground mcp --http` (with Content-Length or chunked)",
    "413 with a JSON-RPC -32700 error naming the size and the limit, read no further; an MCP "
    "client's call fails at once with that text",
)
def test_http_refuses_a_body_over_the_limit_with_a_json_rpc_error_naming_it(http_url):
    body = lookup(4, '"' + "x" * HTTP_LIMIT + '"').encode()
    status, kind, reply = post(http_url, body)
    assert (status, kind) == (413, "application/json")
    assert reply["id"] is None and reply["error"]["code"] == -32700
    assert f"{len(body)} bytes" in reply["error"]["message"]
    assert f"{HTTP_LIMIT} bytes" in reply["error"]["message"]
    status, kind, reply = post(http_url, iter([body[:HTTP_LIMIT], body[HTTP_LIMIT:]]))
    assert (status, kind) == (413, "application/json")
    assert f"over this server's limit of {HTTP_LIMIT} bytes" in reply["error"]["message"]


def test_an_mcp_clients_call_too_large_for_http_fails_with_the_servers_reason(http_url):
    async def call() -> str:
        async with Client(http_url) as client:
            with pytest.raises(MCPError) as refused:
                await client.call_tool("lookup_customer", {"email": "x" * HTTP_LIMIT})
            after = await client.call_tool("get_order", {"order_id": "ORD-1234"})
            assert not after.is_error
            return str(refused.value)

    assert f"over this server's limit of {HTTP_LIMIT} bytes" in anyio.run(call)


def test_a_registry_call_too_large_for_http_says_to_send_less_not_to_check_the_name(http_url):
    with fcp_mcp.tools(http_url) as tools:
        result = tools.call("lookup_customer", {"email": "x" * HTTP_LIMIT})
        assert result.is_error
        assert f"over this server's limit of {HTTP_LIMIT} bytes" in result.content
        assert "smaller" in result.content and "tool name" not in result.content
        assert not tools.call("get_order", {"order_id": "ORD-1234"}).is_error


@pytest.mark.fault(
    "server",
    "a body nested too deeply, or not JSON, posted to `fcplayground mcp --http`",
    "400 with a JSON-RPC -32700 Parse error quoting the parser",
)
def test_http_answers_a_body_it_cannot_parse_with_a_parse_error(http_url):
    for body, reason in (
        (lookup(2, DEEP), "recursion limit exceeded"),
        ("not JSON", "expected ident"),
    ):
        status, kind, reply = post(http_url, body.encode())
        assert (status, kind) == (400, "application/json")
        assert reply["error"]["code"] == -32700 and reason in reply["error"]["message"]
