"""How long one request takes through a real SDK client answered offline.

Prints a table: median and 95th-percentile wall time per call for each API, plain and
streamed, with a ScriptedModel answering a parallel pair of tool calls.

    python benchmarks/offline_roundtrip.py [--n 300]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from fcplayground import ScriptedModel, ToolRegistry, offline

tools = ToolRegistry()


@tools.tool
def get_weather(city: str) -> dict:
    """Returns the current weather for a city.

    Args:
        city: The city name, e.g. Paris.
    """
    return {"city": city}


ASK = [{"role": "user", "content": "Weather in Paris and Tokyo?"}]
PAIR = [("get_weather", {"city": "Paris"}), ("get_weather", {"city": "Tokyo"})]


def forever(step):
    """A model that gives the same turn to every request."""
    return ScriptedModel([step] * 100_000)


def cases() -> dict[str, Callable[[], object]]:
    oa = offline.openai_client(forever(PAIR))
    an = offline.anthropic_client(forever(PAIR))
    chat = {"model": "m", "messages": ASK, "tools": tools.to_openai()}
    resp = {"model": "m", "input": ASK, "tools": tools.to_openai(api="responses")}
    msgs = {"model": "m", "max_tokens": 256, "messages": ASK, "tools": tools.to_anthropic()}
    return {
        "chat.completions": lambda: oa.chat.completions.create(**chat),
        "chat.completions stream": lambda: list(oa.chat.completions.create(**chat, stream=True)),
        "responses": lambda: oa.responses.create(**resp),
        "responses stream": lambda: list(oa.responses.create(**resp, stream=True)),
        "messages": lambda: an.messages.create(**msgs),
        "messages stream": lambda: list(an.messages.create(**msgs, stream=True)),
    }


def measure(fn: Callable[[], object], n: int) -> list[float]:
    fn()  # warm up
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=300)
    n = parser.parse_args().n
    print(f"one SDK call answered offline (2 parallel tool calls), n={n}")
    print(f"{'API':<26}{'median ms':>10}{'p95 ms':>10}")
    for name, fn in cases().items():
        t = measure(fn, n)
        print(f"{name:<26}{statistics.median(t):>10.2f}{t[int(0.95 * len(t)) - 1]:>10.2f}")


if __name__ == "__main__":
    main()
