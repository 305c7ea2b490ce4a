"""Parallel tool execution: the speed-up of call_many(parallel=True) over one by one.

Each tool waits 50 ms (as a network lookup would). Prints the wall time of running k
calls sequentially and in parallel, sync tools (threads) and async tools (asyncio).

    python benchmarks/call_many.py
"""

from __future__ import annotations

import asyncio
import time

from fcplayground import ToolRegistry

DELAY = 0.05
tools = ToolRegistry()


@tools.tool
def slow_lookup(key: str) -> str:
    """Looks up a key in a slow remote store and returns its value.

    Args:
        key: The key to look up.
    """
    time.sleep(DELAY)
    return key


@tools.tool
async def async_lookup(key: str) -> str:
    """Looks up a key in a slow remote store (async) and returns its value.

    Args:
        key: The key to look up.
    """
    await asyncio.sleep(DELAY)
    return key


def wall(name: str, k: int, parallel: bool) -> float:
    calls = [(name, {"key": str(i)}) for i in range(k)]
    start = time.perf_counter()
    results = tools.call_many(calls, parallel=parallel)
    assert [r.content for r in results] == [str(i) for i in range(k)]
    return (time.perf_counter() - start) * 1000


def main() -> None:
    print(f"call_many with tools that each wait {DELAY * 1000:.0f} ms")
    print(f"{'tool':<14}{'calls':>6}{'one by one ms':>15}{'parallel ms':>13}{'speed-up':>10}")
    for name in ("slow_lookup", "async_lookup"):
        for k in (1, 4, 16):
            seq, par = wall(name, k, False), wall(name, k, True)
            print(f"{name:<14}{k:>6}{seq:>15.1f}{par:>13.1f}{seq / par:>9.1f}x")


if __name__ == "__main__":
    main()
