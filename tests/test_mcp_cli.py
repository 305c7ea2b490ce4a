"""``fcplayground mcp``: a scenario's tools served over stdio and HTTP to a real ``mcp``
client, and stopped by pid with SIGTERM or SIGINT: exit code 0, the port closed."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import anyio
import pytest
from mcp import Client, StdioServerParameters

from fcplayground.cli import main
from fcplayground.commands.mcp_serve import Scenario, registry
from fcplayground.mcp.serving import warn_if_exposed
from fcplayground.scenarios import SupportDesk, Travel

CLI = [sys.executable, "-m", "fcplayground.cli", "mcp"]
# What the command prints once it accepts connections (the one line a caller parses).
READY = re.compile(r"fcplayground mcp: serving (\w+) at (http://127\.0\.0\.1:(\d+)/mcp)")
HANG_GUARD = 60  # seconds; only against a hang, never a timing


@dataclass
class Served:
    """A running ``fcplayground mcp`` subprocess and what it printed first."""

    process: subprocess.Popen[str]
    first_line: str

    @property
    def url(self) -> str:
        match = READY.fullmatch(self.first_line)
        assert match, self.first_line
        return match.group(2)

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1].split("/")[0])

    def stop(self, sig: signal.Signals) -> int:
        """Send ``sig`` to its pid; its exit code."""
        self.process.send_signal(sig)
        return self.process.wait(timeout=HANG_GUARD)


def start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*CLI, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ | {"PYTHONUNBUFFERED": "1"},
    )


@pytest.fixture(scope="module")
def servers() -> Iterator[dict[str, Served]]:
    """Two HTTP servers and one stdio server, started together (they load at once)."""
    started = {
        "http_term": (start("--http", "--port", "0"), "stdout"),
        "http_int": (start("--scenario", "support_desk", "--http"), "stdout"),
        "stdio": (start("--scenario", "support_desk"), "stderr"),
    }
    served = {
        key: Served(p, getattr(p, stream).readline().strip())
        for key, (p, stream) in started.items()
    }
    yield served
    for item in served.values():  # whatever a failing test left running
        if item.process.poll() is None:
            item.process.kill()
            item.process.wait(timeout=HANG_GUARD)


def port_is_closed(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.connect(("127.0.0.1", port))
        except ConnectionRefusedError:
            return True
    return False


async def over(target: Any) -> tuple[Any, Any, Any]:
    """List the tools and make one good and one bad call, in a real client session."""
    async with Client(target) as client:
        listed = await client.list_tools()
        good = await client.call_tool("get_order", {"order_id": "ORD-1101"})
        bad = await client.call_tool("search_knowledge_base", {"query": "refund", "limit": "2"})
        return listed, good, bad


def assert_same_as_in_process(listed: Any, good: Any, bad: Any) -> None:
    desk = SupportDesk()
    assert [(t.name, t.description, t.input_schema) for t in listed.tools] == [
        (t["name"], t["description"], t["input_schema"]) for t in desk.tools.to_anthropic()
    ]
    expected = desk.tools.call("get_order", {"order_id": "ORD-1101"})
    assert good.content[0].text == expected.content and good.is_error == expected.is_error
    assert good.structured_content == json.loads(expected.content)
    wrong = desk.tools.call("search_knowledge_base", {"query": "refund", "limit": "2"})
    assert bad.is_error and bad.content[0].text == wrong.content


def test_http_prints_one_line_with_the_url_of_the_port_it_chose(servers):
    for key in ("http_term", "http_int"):
        assert READY.fullmatch(servers[key].first_line), servers[key].first_line
        assert servers[key].port > 0
    assert servers["http_term"].port != servers["http_int"].port


def test_http_client_sees_the_support_desk_as_in_process(servers):
    assert_same_as_in_process(*anyio.run(over, servers["http_term"].url))


@pytest.mark.fault(
    "server",
    "a web page's request to `fcplayground mcp --http` (another Host or Origin: DNS rebinding)",
    "refused with 421 or 403; the tools do not run",
)
def test_http_refuses_requests_naming_another_host_or_origin(servers):
    hello = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "initialize",
        "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {}},
    }
    port = servers["http_term"].port
    statuses = []
    for extra in ({"Host": "evil.example"}, {"Origin": "http://evil.example"}):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=HANG_GUARD)
        headers = {
            "Content-Type": "application/json",
            "Accept": "application/json, text/event-stream",
        }
        connection.request("POST", "/mcp", json.dumps(hello), headers | extra)
        statuses.append(connection.getresponse().status)
        connection.close()
    assert statuses == [421, 403]


def test_stdio_client_sees_the_support_desk_as_in_process():
    params = StdioServerParameters(
        command=CLI[0], args=[*CLI[1:], "--scenario", "support_desk"], env=dict(os.environ)
    )
    assert_same_as_in_process(*anyio.run(over, params))


@pytest.mark.fault(
    "server",
    "`fcplayground mcp --http` stopped by SIGTERM or SIGINT (Ctrl-C)",
    "it exits with code 0 and its port is closed",
)
@pytest.mark.parametrize(
    ("key", "sig"), [("http_term", signal.SIGTERM), ("http_int", signal.SIGINT)]
)
def test_http_server_stops_on_a_signal_with_code_0_and_frees_its_port(servers, key, sig):
    served = servers[key]
    assert served.stop(sig) == 0
    assert port_is_closed(served.port)
    assert "Traceback" not in served.process.stderr.read()


@pytest.mark.fault(
    "server",
    "`fcplayground mcp` (stdio) stopped by SIGTERM while waiting for its client",
    "it exits with code 0 at once, without waiting for the client's next line",
)
def test_stdio_server_stops_on_sigterm_with_code_0_and_a_clean_stdout(servers):
    served = servers["stdio"]
    assert served.first_line == "fcplayground mcp: serving support_desk over stdio"
    assert served.stop(signal.SIGTERM) == 0
    assert served.process.stdout.read() == ""
    assert "Traceback" not in served.process.stderr.read()


# A stand-in for a notebook kernel: it starts the HTTP server, says its pid and URL, and
# waits to be killed.
KERNEL = """
import subprocess, sys, time
server = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, text=True)
print(server.pid, server.stdout.readline().split()[-1], flush=True)
time.sleep(300)
"""
# Starts the kernel, kills it (the kernel dying), then reports how its orphaned server
# ended, as JSON: whether it was still running after the wait (then it is stopped with
# SIGTERM), and its exit code. The orphan becomes this
# process's child (PR_SET_CHILD_SUBREAPER), so its exit code can be read.
REAPER = """
import ctypes, json, os, signal, subprocess, sys, time
ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
wait = float(sys.argv[1])
kernel = subprocess.Popen([sys.executable, "-c", sys.argv[2], *sys.argv[3:]],
                          stdout=subprocess.PIPE, text=True)
pid, url = kernel.stdout.readline().split()
kernel.kill()
kernel.wait()
code = None
for _ in range(int(wait / 0.1)):
    done, status = os.waitpid(int(pid), os.WNOHANG)
    if done:
        code = os.waitstatus_to_exitcode(status)
        break
    time.sleep(0.1)
serving = code is None
if serving:
    os.kill(int(pid), signal.SIGTERM)
    code = os.waitstatus_to_exitcode(os.waitpid(int(pid), 0)[1])
print(json.dumps({"url": url, "serving": serving, "code": code}))
"""


def orphaned(wait: float, *options: str) -> dict[str, Any]:
    """``fcplayground mcp --http`` started by a process that is then killed; how it ended."""
    out = subprocess.run(
        [sys.executable, "-c", REAPER, str(wait), KERNEL, *CLI, "--http", *options],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD + wait,
        check=True,
    )
    return json.loads(out.stdout)


@pytest.mark.fault(
    "server",
    "`fcplayground mcp --http` left running when the process that started it dies (a "
    "notebook kernel)",
    "it stops within a few seconds with exit code 0 and its port is closed (--keep-running "
    "keeps it serving)",
)
def test_http_server_stops_with_code_0_when_the_process_that_started_it_dies():
    ended = orphaned(HANG_GUARD)
    assert ended["serving"] is False and ended["code"] == 0
    assert port_is_closed(int(ended["url"].rsplit(":", 1)[1].split("/")[0]))


def test_http_server_with_keep_running_outlives_the_process_that_started_it():
    ended = orphaned(3.0, "--keep-running")  # three times the check's interval
    assert ended["serving"] is True and ended["code"] == 0


def test_keep_running_without_http_is_refused(capsys):
    assert main(["mcp", "--keep-running"]) == 2
    assert "--keep-running needs --http" in capsys.readouterr().err


def test_the_mcp_command_can_stop_quietly_before_it_loads_anything_heavy():
    # SIGTERM stops the command quietly (exit 0) from the moment its handler is set, at
    # the start of run(): all that comes before is the interpreter, the CLI and argparse.
    code = (
        "import sys, fcplayground.cli as cli; cli.parser(['mcp']).parse_args(['mcp']); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'mcp', "
        "'anyio', 'uvicorn') or m.startswith(('fcplayground.tools', 'fcplayground.mcp'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_each_scenario_serves_its_own_tools():
    assert registry(Scenario.SUPPORT_DESK).names == SupportDesk().tools.names
    assert registry(Scenario.TRAVEL).names == Travel().tools.names


def test_an_unknown_scenario_is_refused_naming_the_ones_there_are(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["mcp", "--scenario", "bank"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "no scenario 'bank'; choose one of: support_desk, travel" in err


def test_a_port_or_host_without_http_is_refused_saying_what_to_add(capsys):
    assert main(["mcp", "--port", "8123"]) == 2
    assert "--port and --host need --http" in capsys.readouterr().err


@pytest.mark.fault(
    "server",
    "`fcplayground mcp --http --port N` with the port taken",
    "exit code 1 and a message saying to choose another --port",
)
def test_a_taken_port_is_reported_with_what_to_do(capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        assert main(["mcp", "--http", "--port", str(taken.getsockname()[1])]) == 1
    err = capsys.readouterr().err
    assert "cannot listen on 127.0.0.1" in err and "Choose another --port" in err


def test_serving_beyond_this_machine_warns_and_says_how_not_to(capsys):
    for host in ("127.0.0.1", "localhost", "::1"):
        warn_if_exposed(host)
    assert capsys.readouterr().err == ""
    warn_if_exposed("0.0.0.0")
    err = capsys.readouterr().err
    assert "other machines can call these tools" in err and "--host 127.0.0.1" in err
