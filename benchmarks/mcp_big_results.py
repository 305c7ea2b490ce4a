"""Big tool results over MCP: what one costs, and what it costs the calls beside it.

A registry with ``big(mb)`` (a text of ``mb`` MB) and ``ping()`` is served by this file
(``fcplayground.mcp.serve_stdio`` / ``serve_http``, in a subprocess). For each result
size, ``fcplayground.mcp.tools`` calls ``big`` over stdio and over streamable HTTP, and
for comparison the SDK's own stdio client (``mcp.Client`` with ``stdio_client``, whose
reader is quadratic in a line's length) does the same. Each row gives the median time of
the big call, and of a ``ping`` sent 50 ms after the big call started, while it runs
(one session: on stdio both answers share one pipe, so the ping waits for the big one).

    python benchmarks/mcp_big_results.py [--sizes 1 5 20] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import anyio
from mcp import Client, StdioServerParameters

import fcplayground.mcp
from fcplayground.tools import ToolRegistry

MB = 2**20
HEAD_START = 0.05  # how long after the big call the ping is sent
SERVE = [sys.executable, os.path.abspath(__file__), "--serve"]


def registry() -> ToolRegistry:
    """The served tools; results are never cut (the point is their size)."""
    tools = ToolRegistry(max_result_chars=None)

    @tools.tool
    def big(mb: int) -> str:
        """A text of ``mb`` megabytes.

        Args:
            mb: How many megabytes.
        """
        return "x" * (mb * MB)

    @tools.tool
    def ping() -> str:
        """Answer at once."""
        return "pong"

    return tools


@dataclass(frozen=True)
class Trial:
    """One big call and the ping sent while it ran, in seconds."""

    big: float
    ping: float


def beside(call_big: Callable[[], object], call_ping: Callable[[], object]) -> Trial:
    """Time ``call_big``, and ``call_ping`` started HEAD_START s into it (in threads)."""
    times: dict[str, float] = {}

    def timed(name: str, call: Callable[[], object]) -> None:
        start = time.perf_counter()
        call()
        times[name] = time.perf_counter() - start

    first = threading.Thread(target=timed, args=("big", call_big))
    first.start()
    time.sleep(HEAD_START)
    timed("ping", call_ping)
    first.join()
    return Trial(times["big"], times["ping"])


def ours(server: str | list[str], mb: int, repeat: int) -> list[Trial]:
    """Trials through ``fcplayground.mcp.tools`` (stdio for a command, HTTP for a URL)."""
    with fcplayground.mcp.tools(server, timeout=300, max_result_chars=None) as tools:
        tools.call("big", {"mb": 1})  # warm up

        def call_big() -> None:
            result = tools.call("big", {"mb": mb})
            assert not result.is_error and len(result.content) == mb * MB, result.content[:200]

        return [beside(call_big, lambda: tools.call("ping")) for _ in range(repeat)]


async def sdk_trial(client: Client, mb: int) -> Trial:
    """One big call and a ping beside it, on the SDK's client."""
    times: dict[str, float] = {}

    async def timed(name: str, tool: str, arguments: dict[str, int]) -> None:
        start = time.perf_counter()
        await client.call_tool(tool, arguments)
        times[name] = time.perf_counter() - start

    async with anyio.create_task_group() as group:
        group.start_soon(timed, "big", "big", {"mb": mb})
        await anyio.sleep(HEAD_START)
        await timed("ping", "ping", {})
    return Trial(times["big"], times["ping"])


def sdk_stdio(mb: int, repeat: int) -> list[Trial]:
    """Trials through the SDK's own stdio client, for comparison."""
    params = StdioServerParameters(
        command=SERVE[0], args=[*SERVE[1:], "stdio"], env=dict(os.environ)
    )

    async def trials() -> list[Trial]:
        async with Client(params, read_timeout_seconds=300) as client:
            await client.call_tool("big", {"mb": 1})  # warm up
            return [await sdk_trial(client, mb) for _ in range(repeat)]

    return anyio.run(trials)


def over_http(mb: int, repeat: int) -> list[Trial]:
    server = subprocess.Popen([*SERVE, "http"], stdout=subprocess.PIPE, text=True)
    try:
        url = server.stdout.readline().strip() if server.stdout else ""
        if not url.startswith("http://"):
            raise SystemExit(f"the HTTP server did not start: {url!r}")
        return ours(url, mb, repeat)
    finally:
        server.terminate()
        server.wait(timeout=30)


def serve(way: str) -> None:
    """Be the server (``--serve stdio`` or ``--serve http``, which prints its URL)."""
    if way == "stdio":
        fcplayground.mcp.serve_stdio(registry())
    else:
        fcplayground.mcp.serve_http(registry(), on_ready=lambda url: print(url, flush=True))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 5, 20], help="MB")
    parser.add_argument("--repeat", type=int, default=3, help="trials per row")
    parser.add_argument("--serve", choices=["stdio", "http"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        return serve(args.serve)
    ways: dict[str, Callable[[int, int], list[Trial]]] = {
        "stdio, fcplayground": lambda mb, n: ours([*SERVE, "stdio"], mb, n),
        "HTTP, fcplayground": over_http,
        "stdio, SDK's stdio_client": sdk_stdio,
    }
    print(f"big(mb) and a ping sent {HEAD_START * 1000:.0f} ms into it; medians of {args.repeat}")
    print(f"{'way':<28}{'result MB':>10}{'big call s':>12}{'ping s':>9}")
    for name, run in ways.items():
        for mb in args.sizes:
            trials = run(mb, args.repeat)
            big = statistics.median(t.big for t in trials)
            ping = statistics.median(t.ping for t in trials)
            print(f"{name:<28}{mb:>10}{big:>12.2f}{ping:>9.2f}", flush=True)


if __name__ == "__main__":
    main()
