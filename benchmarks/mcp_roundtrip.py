"""The per-call cost of a tool served over MCP, next to an in-process call, and the time a
server takes to start.

Per call: one support-desk tool (``get_order``) called ``--n`` times, after a warm-up, each
way: ``registry.call`` in this process; through a real ``mcp`` client session to
``fcplayground.mcp.server`` in this process (the SDK's in-memory transport, no process
boundary); to ``fcplayground mcp`` over stdio and ``fcplayground mcp --http`` over
streamable HTTP on 127.0.0.1 (subprocesses), both with the SDK's ``mcp.Client`` and with
the registry ``fcplayground.mcp.tools()`` gives (what the lessons use). Prints the median
and p95 per call in milliseconds and the median's ratio to the in-process call.

Startup: from starting the server process to having its tools listed through
``fcplayground.mcp.tools()``, over stdio and over HTTP, the median of ``--starts`` starts.

The stdio servers' stderr (a line saying what they serve) goes to the null device, so that
only the tables are printed.

    python benchmarks/mcp_roundtrip.py [--n 200] [--starts 3]
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import anyio
from mcp import Client, StdioServerParameters
from mcp.client._memory import InMemoryTransport
from mcp.client.stdio import stdio_client

import fcplayground.mcp
from fcplayground.scenarios import SupportDesk
from fcplayground.tools import ToolRegistry

TOOL, ARGS = "get_order", {"order_id": "ORD-1101"}
CLI = [sys.executable, "-m", "fcplayground.cli", "mcp", "--scenario", "support_desk"]


def summary(times: list[float]) -> tuple[float, float]:
    """(median, p95) of ``times`` in milliseconds."""
    ordered = sorted(t * 1000 for t in times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def registry_calls(tools: ToolRegistry, n: int) -> list[float]:
    """Times of ``n`` calls through ``tools.call``, after one warm-up."""
    tools.call(TOOL, ARGS)
    times = []
    for _ in range(n):
        start = time.perf_counter()
        result = tools.call(TOOL, ARGS)
        times.append(time.perf_counter() - start)
    assert not result.is_error, result.content
    return times


async def client_calls(target: Any, n: int) -> list[float]:
    """Times of ``n`` calls through one ``mcp.Client`` session to ``target``."""
    async with Client(target) as client:
        await client.call_tool(TOOL, ARGS)  # warm up
        times = []
        for _ in range(n):
            start = time.perf_counter()
            result = await client.call_tool(TOOL, ARGS)
            times.append(time.perf_counter() - start)
    assert not result.is_error, result.content[0]
    return times


async def stdio_client_calls(n: int) -> list[float]:
    """:func:`client_calls` to ``fcplayground mcp`` over stdio, its stderr discarded."""
    params = StdioServerParameters(command=CLI[0], args=CLI[1:], env=dict(os.environ))
    with open(os.devnull, "w") as devnull:
        return await client_calls(stdio_client(params, errlog=devnull), n)


@contextmanager
def http_server() -> Iterator[str]:
    """``fcplayground mcp --http`` in a subprocess, for the length of the block: its URL."""
    server = subprocess.Popen([*CLI, "--http"], stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline() if server.stdout else ""
        match = re.search(r"at (http://\S+)", line)
        if not match:
            raise SystemExit(f"fcplayground mcp --http did not start: {line!r}")
        yield match.group(1)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def through_tools(server: str | list[str], n: int) -> list[float]:
    with fcplayground.mcp.tools(server) as tools:
        return registry_calls(tools, n)


def over_http(n: int, calls: Callable[[str, int], list[float]]) -> list[float]:
    with http_server() as url:
        return calls(url, n)


def startup(starts: int, http: bool) -> list[float]:
    """Seconds from starting the server to its tools listed by ``fcplayground.mcp.tools``."""
    times = []
    for _ in range(starts):
        start = time.perf_counter()
        if http:
            with http_server() as url, fcplayground.mcp.tools(url):
                times.append(time.perf_counter() - start)
        else:
            with fcplayground.mcp.tools(CLI):
                times.append(time.perf_counter() - start)
    return times


def per_call_rows(n: int) -> dict[str, Callable[[], list[float]]]:
    memory = InMemoryTransport(fcplayground.mcp.server(SupportDesk().tools))
    return {
        "registry.call (in process)": lambda: registry_calls(SupportDesk().tools, n),
        "mcp.Client in memory (same process)": lambda: anyio.run(client_calls, memory, n),
        "mcp.Client over stdio": lambda: anyio.run(stdio_client_calls, n),
        "mcp.tools() over stdio": lambda: through_tools(CLI, n),
        "mcp.Client over HTTP": lambda: over_http(
            n, lambda url, k: anyio.run(client_calls, url, k)
        ),
        "mcp.tools() over HTTP": lambda: over_http(n, through_tools),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200, help="calls per row")
    parser.add_argument("--starts", type=int, default=3, help="server starts per startup row")
    args = parser.parse_args()
    print(f"{TOOL} on the support desk, n={args.n} calls per row, after one warm-up")
    print(f"{'way':<38}{'median ms':>11}{'p95 ms':>9}{'x in-process':>14}")
    base = None
    for name, run in per_call_rows(args.n).items():
        median, p95 = summary(run())
        base = base or median
        print(f"{name:<38}{median:>11.3f}{p95:>9.3f}{median / base:>14.1f}")
    print(f"\nstartup: server started to tools listed by mcp.tools(), {args.starts} starts")
    print(f"{'way':<38}{'median s':>11}{'max s':>9}")
    for name, http in (("over stdio", False), ("over HTTP", True)):
        times = startup(args.starts, http)
        print(f"{name:<38}{statistics.median(times):>11.2f}{max(times):>9.2f}")


if __name__ == "__main__":
    main()
