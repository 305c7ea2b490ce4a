"""The per-call cost of a tool served over MCP, next to an in-process call.

One support-desk tool (``get_order``) called ``--n`` times, after a warm-up, each way:
``registry.call`` in this process; through a real ``mcp`` client session to
``fcplayground.mcp.server`` in this process (the SDK's in-memory transport, no process
boundary); to ``fcplayground mcp`` over stdio (a subprocess); and to
``fcplayground mcp --http`` over streamable HTTP on 127.0.0.1 (a subprocess). Prints the
median and p95 per call in milliseconds and the median's ratio to the in-process call.

    python benchmarks/mcp_roundtrip.py [--n 200]
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
from collections.abc import Callable
from typing import Any

import anyio
from mcp import Client, StdioServerParameters
from mcp.client._memory import InMemoryTransport

import fcplayground.mcp
from fcplayground.scenarios import SupportDesk

TOOL, ARGS = "get_order", {"order_id": "ORD-1101"}
CLI = [sys.executable, "-m", "fcplayground.cli", "mcp", "--scenario", "support_desk"]


def summary(times: list[float]) -> tuple[float, float]:
    """(median, p95) of ``times`` in milliseconds."""
    ordered = sorted(t * 1000 for t in times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def in_process(n: int) -> list[float]:
    tools = SupportDesk().tools
    tools.call(TOOL, ARGS)
    times = []
    for _ in range(n):
        start = time.perf_counter()
        result = tools.call(TOOL, ARGS)
        times.append(time.perf_counter() - start)
    assert not result.is_error, result.content
    return times


async def over_mcp(target: Any, n: int) -> list[float]:
    """Times of ``n`` calls through one client session to ``target``."""
    async with Client(target) as client:
        await client.call_tool(TOOL, ARGS)  # warm up
        times = []
        for _ in range(n):
            start = time.perf_counter()
            result = await client.call_tool(TOOL, ARGS)
            times.append(time.perf_counter() - start)
    assert not result.is_error, result.content[0]
    return times


def over_http(n: int) -> list[float]:
    server = subprocess.Popen([*CLI, "--http"], stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline() if server.stdout else ""
        match = re.search(r"at (http://\S+)", line)
        if not match:
            raise SystemExit(f"fcplayground mcp --http did not start: {line!r}")
        return anyio.run(over_mcp, match.group(1), n)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200, help="calls per row")
    args = parser.parse_args()
    stdio = StdioServerParameters(command=CLI[0], args=CLI[1:], env=dict(os.environ))
    memory = InMemoryTransport(fcplayground.mcp.server(SupportDesk().tools))
    rows: dict[str, Callable[[], list[float]]] = {
        "registry.call (in process)": lambda: in_process(args.n),
        "MCP in memory (same process)": lambda: anyio.run(over_mcp, memory, args.n),
        "MCP over stdio (subprocess)": lambda: anyio.run(over_mcp, stdio, args.n),
        "MCP over HTTP (subprocess)": lambda: over_http(args.n),
    }
    print(f"{TOOL} on the support desk, n={args.n} calls per row, after one warm-up")
    print(f"{'way':<32}{'median ms':>11}{'p95 ms':>9}{'x in-process':>14}")
    base = None
    for name, run in rows.items():
        median, p95 = summary(run())
        base = base or median
        print(f"{name:<32}{median:>11.3f}{p95:>9.3f}{median / base:>14.1f}")


if __name__ == "__main__":
    main()
