"""A registry served over a real stdio pipe (``fcplayground.mcp.serve_stdio`` in a
subprocess): stdout carries only protocol messages while tools print, calls and schemas
cross the wire as the registry gives them, and the server exits when stdin closes."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from test_mcp_server import FULL, every_type

TESTS = Path(__file__).resolve().parent

SERVE_EVERY_TYPE = (
    f"import sys; sys.path.insert(0, {str(TESTS)!r}); "
    "import test_mcp_server as t, fcplayground.mcp as m; m.serve_stdio(t.every_type())"
)


def rpc(id_: int, method: str, params: dict[str, Any]) -> str:
    return json.dumps({"jsonrpc": "2.0", "id": id_, "method": method, "params": params}) + "\n"


@pytest.fixture(scope="module")
def stdio_session() -> dict[str, Any]:
    """One stdio server for this module: initialize, a round trip, a printing tool,
    then stdin closed. Its stdout lines, stderr and exit code."""
    hello = {
        "protocolVersion": "2025-11-25",
        "capabilities": {},
        "clientInfo": {"name": "test", "version": "0"},
    }
    lines = [
        "this line is not JSON\n",  # answered with a parse error: the session goes on
        rpc(1, "initialize", hello),
        json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}) + "\n",
        rpc(2, "tools/call", {"name": "echo", "arguments": FULL}),
        rpc(3, "tools/call", {"name": "chatty", "arguments": {"word": "psst"}}),
        rpc(4, "tools/list", {}),
    ]
    server = subprocess.Popen(
        [sys.executable, "-c", SERVE_EVERY_TYPE],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    replies: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [replies.put(x) for x in server.stdout], daemon=True)
    reader.start()
    server.stdin.write("".join(lines))
    server.stdin.flush()
    # Stdin stays open until every reply is in: closing it ends the session (and the
    # SDK cancels calls still running). 60 s guards against a hang, never a timing.
    out = [replies.get(timeout=60) for _ in range(5)]
    server.stdin.close()
    code = server.wait(timeout=30)
    reader.join(timeout=10)
    out += [replies.get() for _ in range(replies.qsize())]  # anything more it wrote
    return {"out": out, "err": server.stderr.read(), "code": code}


def test_stdio_stdout_carries_only_protocol_messages_while_tools_print(stdio_session):
    replies = [json.loads(line) for line in stdio_session["out"]]  # each line: JSON
    answered = [r for r in replies if "result" in r]
    assert sorted(r["id"] for r in answered) == [1, 2, 3, 4]  # calls run concurrently
    assert all(r["jsonrpc"] == "2.0" for r in replies)
    assert "printed by a tool: psst" in stdio_session["err"]
    (chatty,) = (r["result"] for r in replies if r["id"] == 3)
    assert chatty["content"][0]["text"] == '["psst", "psst"]'


def test_stdio_answers_a_line_that_is_not_json_with_a_parse_error_and_answers_on(stdio_session):
    assert len(stdio_session["out"]) == 5 and stdio_session["code"] == 0
    (refused,) = (r for r in map(json.loads, stdio_session["out"]) if "error" in r)
    assert refused["id"] is None and refused["error"]["code"] == -32700
    assert json.loads(stdio_session["out"][1])["id"] == 1


def test_stdio_round_trip_and_schemas_match_the_registry_over_the_wire(stdio_session):
    registry = every_type()
    by_id = {r["id"]: r["result"] for r in map(json.loads, stdio_session["out"]) if "result" in r}
    assert by_id[2]["content"][0]["text"] == registry.call("echo", FULL).content
    assert by_id[2]["isError"] is False
    listed = {t["name"]: t["inputSchema"] for t in by_id[4]["tools"]}
    assert listed == {t["name"]: t["input_schema"] for t in registry.to_anthropic()}


def test_stdio_server_exits_cleanly_when_the_client_closes_stdin(stdio_session):
    assert stdio_session["code"] == 0
    assert "Traceback" not in stdio_session["err"]
