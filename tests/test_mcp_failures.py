"""What goes wrong with an MCP server's tools, and what the model (or the user) is told:
each failure is an error result in the registry, or a clear exception from tools(...)
when there is no registry yet; nothing hangs, no server process is left behind."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from mcp_servers.launch import HttpServer, command, gone, http_server

from fcplayground.mcp import client
from fcplayground.mcp.client import MCPConnectionError, MCPToolRegistry, tools
from fcplayground.tools import Tool, ToolRegistry

TIMEOUT = 0.5
ROOT = Path(__file__).resolve().parent.parent
PYTHON = Path(sys.executable).name  # how error results name the interpreter: no folders


@dataclass
class Servers:
    """A server for the gentler failures, and two to kill: one over stdio, one over HTTP."""

    basic: MCPToolRegistry
    doomed: MCPToolRegistry
    doomed_http: MCPToolRegistry
    web: HttpServer


@pytest.fixture(scope="module")
def servers() -> Iterator[Servers]:
    # Started side by side: each takes a few seconds to import the MCP SDK.
    with http_server() as web, ThreadPoolExecutor(3) as pool:
        basic = pool.submit(tools, command("basic"), timeout=TIMEOUT)
        doomed = pool.submit(tools, command("basic"))
        doomed_http = pool.submit(tools, web.url)
        found = Servers(basic.result(), doomed.result(), doomed_http.result(), web)
        with found.basic, found.doomed, found.doomed_http:
            yield found


@pytest.fixture
def basic(servers: Servers) -> MCPToolRegistry:
    return servers.basic


@pytest.mark.fault(
    "mcp",
    "a call to an MCP tool outlasts its timeout",
    "an error result saying no answer came within `timeout` s and the call was cancelled; "
    "the session goes on",
)
def test_a_call_past_its_timeout_is_an_error_result_and_the_session_goes_on(basic):
    result = basic.call("sleep", {"seconds": 30})
    assert result.is_error
    assert result.content == (
        f"No answer from the MCP server {PYTHON} basic.py within 0.5 s for sleep, so the call "
        "was cancelled (the tool may or may not have run). Try again later, or carry on "
        "without this result."
    )
    assert basic.call("echo", {"text": "still here"}).content == "still here"


def test_error_results_name_a_url_server_without_its_credentials_or_query(servers):
    port = servers.web.port
    secret_url = f"http://learner:s3cret@127.0.0.1:{port}/mcp?api_key=k-123#top"
    with tools(secret_url, timeout=TIMEOUT) as registry:
        result = registry.call("sleep", {"seconds": 30})
    assert result.is_error
    assert f"No answer from the MCP server http://127.0.0.1:{port}/mcp within" in result.content
    assert "s3cret" not in result.content and "k-123" not in result.content


@pytest.mark.fault(
    "mcp",
    "the model calls a tool the MCP server does not have",
    "an error result naming the close match and the tools there are",
)
def test_an_unknown_tool_is_an_error_result_naming_the_tools_there_are(basic):
    result = basic.call("ecko", {"text": "x"})
    assert result.is_error
    assert "Unknown tool 'ecko'. Did you mean 'echo'?" in result.content
    assert "Available tools: echo, add" in result.content


@pytest.mark.fault(
    "mcp",
    "arguments that break an MCP tool's schema",
    "an error result naming each wrong argument and what the tool takes, before anything is sent",
)
def test_invalid_arguments_are_an_error_result_naming_each_problem(basic):
    result = basic.call("add", {"a": "two", "c": 1})
    assert result.is_error
    lines = result.content.splitlines()
    assert lines[0] == "The arguments for add are invalid:"
    assert "- missing required argument 'b'" in lines
    assert "- argument 'a' should be an integer, got \"two\"" in lines
    assert (
        "- unexpected argument 'c' (this tool takes: a, b)" not in lines
    )  # the server allows extras
    assert lines[-1] == (
        "add takes: a (integer, required), b (integer, required). "
        "Call it again with corrected arguments."
    )
    nested = basic.call("every_type", {"mode": "quick", "point": {"x": 1.5}}).content
    assert "- argument 'mode' should be 'fast' or 'slow', got \"quick\"" in nested
    assert "- argument 'point.x' should be an integer, got 1.5" in nested
    assert "- missing required argument 'point.y'" in nested
    assert basic.call("echo", {"text": True}).is_error  # a bool is not a string, strictly


@pytest.mark.fault(
    "mcp",
    "arguments that are not JSON, or not an object",
    "an error result saying so, with an example to send; nothing is sent",
)
def test_unreadable_arguments_are_an_error_result_with_an_example(basic):
    broken = basic.call("echo", '{"text": ')
    assert broken.is_error and "are not valid JSON" in broken.content
    assert 'Send one JSON object, for example {"text": "..."}' in broken.content
    listed = basic.call("echo", "[1, 2]")
    assert listed.is_error and "must be a JSON object, not an array" in listed.content


@pytest.mark.fault(
    "mcp",
    "a server's schema with a `pattern` that backtracks for ever",
    "matched in linear time (pydantic-core's engine, as a function's tool); a pattern that "
    "engine cannot compile is left to the server",
)
def test_a_hostile_pattern_in_a_servers_schema_is_matched_in_linear_time():
    schema = {
        "type": "object",
        "properties": {
            "code": {"type": "string", "pattern": "^(a+)+$"},
            "n": {"type": "integer"},
            "word": {"type": "string", "pattern": "^(?=x)x+$"},  # look-ahead: not compiled
        },
        "required": ["code"],
    }
    registry = ToolRegistry()
    registry.add(Tool.from_schema("lookup", "Look a code up.", schema, lambda code, **_: code))
    results = []
    hostile = {"code": "a" * 100_000 + "!", "n": "1", "word": "y"}
    worker = threading.Thread(target=lambda: results.append(registry.call("lookup", hostile)))
    worker.start()
    worker.join(timeout=10)  # a hang guard: backtracking on this text would take for ever
    assert not worker.is_alive() and results[0].is_error
    lines = results[0].content.splitlines()
    assert lines[1].startswith("- argument 'code' should match pattern '^(a+)+$', got \"aaa")
    assert lines[2] == "- argument 'n' should be an integer, got \"1\""
    assert len(lines) == 4  # the look-ahead pattern is the server's to check
    assert registry.call("lookup", {"code": "a" * 40}).content == "a" * 40


LOOPING = {"$defs": {"A": {"$ref": "#/$defs/B"}, "B": {"$ref": "#/$defs/A"}}}


@pytest.mark.fault(
    "mcp",
    "a server's schema whose `$ref`s refer to each other in a loop",
    "the call runs and its arguments are left to the server to check, as for a `$ref` to "
    "elsewhere (no RecursionError)",
)
def test_a_servers_schema_whose_refs_loop_gets_its_call_run_not_a_crash():
    schema = {
        "type": "object",
        "properties": {"code": {"$ref": "#/$defs/A"}, "n": {"type": "integer"}},
        "required": ["code"],
        **LOOPING,
    }
    registry = ToolRegistry()
    tool = Tool.from_schema(
        "lookup", "Look a code up.", schema, lambda code, **_: code, input_examples=[{"code": "x"}]
    )
    registry.add(tool)
    assert registry.call("lookup", {"code": "X-1"}).content == "X-1"
    assert not registry.call("lookup", {"code": ["not", "checked"]}).is_error


@pytest.mark.fault(
    "mcp",
    "the MCP server dies in the middle of a call (stdio)",
    "an error result saying it exited; later calls fail at once with the same text",
)
def test_a_server_that_dies_mid_call_gives_an_error_and_later_calls_fail_fast(servers):
    registry = servers.doomed
    pid = int(registry.call("pid").content)
    died = registry.call("die")
    later = registry.call("echo", {"text": "anyone?"})
    assert died.is_error and died.content.startswith(f"The MCP server {PYTHON} basic.py closed")
    assert "closed the connection during the call to die" in died.content
    assert "no tool of this server can run any more" in died.content
    assert later.is_error and later.content == died.content
    registry.close()
    assert gone(pid)


@pytest.mark.fault(
    "mcp",
    "the MCP server dies in the middle of a call (streamable HTTP)",
    "an error result saying the connection closed; later calls fail at once",
)
def test_an_http_server_killed_mid_call_gives_an_error_result(servers):
    registry = servers.doomed_http
    assert registry.call("echo", {"text": "up"}).content == "up"
    timer = threading.Timer(1.0, servers.web.process.kill)  # by its pid, no goodbye
    timer.start()
    died = registry.call("sleep", {"seconds": 30})
    later = registry.call("echo", {"text": "anyone?"})
    timer.join()
    assert died.is_error and "closed the connection during the call to sleep" in died.content
    assert later.is_error and later.content == died.content


@pytest.mark.fault(
    "mcp",
    "the MCP server's command is not found",
    "`tools(...)` raises MCPConnectionError naming the command",
)
def test_a_command_that_is_not_found_raises_a_clear_error_naming_it():
    with pytest.raises(MCPConnectionError) as caught:
        tools(["no-such-mcp-server", "--stdio"])
    assert "the command 'no-such-mcp-server' was not found" in str(caught.value)
    assert "Check its spelling, install it, or give its full path" in str(caught.value)


@pytest.mark.fault(
    "mcp",
    "the MCP server exits before it answers",
    "`tools(...)` raises MCPConnectionError quoting the end of the server's stderr",
)
def test_a_server_that_exits_at_once_raises_an_error_quoting_its_stderr():
    crash = "import sys; sys.stderr.write('missing config file settings.toml'); sys.exit(2)"
    with pytest.raises(MCPConnectionError) as caught:
        tools([sys.executable, "-c", crash])
    assert "Cannot connect to the MCP server" in str(caught.value)
    assert "Its stderr ends with: missing config file settings.toml" in str(caught.value)


@pytest.mark.fault(
    "mcp",
    "an MCP server URL nobody answers",
    "`tools(...)` raises MCPConnectionError naming the URL",
)
def test_a_url_nobody_answers_raises_an_error_naming_it():
    with socket.socket() as sock:  # a port that was free a moment ago, and nobody listens on
        sock.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}/mcp"
    with pytest.raises(MCPConnectionError) as caught:
        tools(url)
    assert f"Cannot connect to the MCP server at {url}" in str(caught.value)
    assert "Check that the server runs and speaks MCP at that URL" in str(caught.value)


@pytest.mark.fault(
    "mcp",
    "an MCP server URL that takes the connection and never answers",
    "`tools(...)` raises MCPConnectionError saying it did not answer within 10 s "
    "(a URL's default; a command's is 60 s)",
)
def test_a_url_that_never_answers_fails_after_the_url_default_saying_so(monkeypatch):
    monkeypatch.setattr(client, "URL_CONNECT_TIMEOUT", 0.5)  # stdio's stays CONNECT_TIMEOUT
    with socket.socket() as sock:  # the system takes connections; nobody reads or answers
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        url = f"http://127.0.0.1:{sock.getsockname()[1]}/mcp"
        with pytest.raises(MCPConnectionError) as caught:
            tools(url)
    assert str(caught.value) == (
        f"The MCP server {url} did not answer within 0.5 s. Check that an MCP server runs "
        "at that URL, or raise connect_timeout."
    )


@pytest.mark.fault(
    "mcp",
    "a server that never answers the MCP handshake",
    "`tools(...)` raises MCPConnectionError after `connect_timeout` s; its process is stopped",
)
def test_a_server_that_never_answers_is_given_up_and_stopped(tmp_path):
    pid_file = tmp_path / "pid"
    # It reads what it is sent and never answers; it ends when its stdin closes.
    silent = "import os, sys; open(sys.argv[1], 'w').write(str(os.getpid())); sys.stdin.read()"
    with pytest.raises(MCPConnectionError) as caught:
        tools([sys.executable, "-c", silent, str(pid_file)], connect_timeout=1.0)
    assert "did not answer within 1 s" in str(caught.value)
    assert gone(int(pid_file.read_text()))


UNCLOSED = """
import sys
from fcplayground.mcp.client import tools
registry = tools(sys.argv[1:])
print(registry.call("pid").content, flush=True)
"""


@pytest.mark.fault(
    "mcp",
    "a registry of MCP tools that is never closed",
    "it is closed when Python exits, which does not hang; the server process is gone",
)
def test_a_registry_never_closed_is_closed_at_exit_without_hanging():
    done = subprocess.run(
        [sys.executable, "-c", UNCLOSED, *command("basic")],
        capture_output=True,
        text=True,
        timeout=120,  # a hang guard
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert gone(int(done.stdout.strip()))
