"""Requests per second through ``fcplayground serve`` over a real socket.

Starts a :class:`~fcplayground.offline.server.Server` on a free port with the simulated model
and prints a table: requests per second and median wall time per request, plain and streamed,
for each API through its real SDK, and for Chat Completions over a bare keep-alive
``http.client`` connection (the server's own cost, without an SDK's), one client at a time
and with several at once.

    python benchmarks/serve_roundtrip.py [--n 200] [--clients 4]
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import threading
import time
from collections.abc import Callable

import anthropic
import openai

from fcplayground import ToolRegistry
from fcplayground.offline.server import Server

tools = ToolRegistry()


@tools.tool
def get_weather(city: str) -> dict:
    """Returns the current weather for a city.

    Args:
        city: The city name, e.g. Paris.
    """
    return {"city": city}


ASK = [{"role": "user", "content": "Weather in Paris and Tokyo?"}]


def sdk_cases(server: Server) -> dict[str, Callable[[], object]]:
    oa = openai.OpenAI(base_url=server.openai_base_url, api_key="anything")
    an = anthropic.Anthropic(base_url=server.anthropic_base_url, api_key="anything")
    chat = {"model": "gpt-5.4-mini", "messages": ASK, "tools": tools.to_openai()}
    resp = {"model": "gpt-5.4-mini", "input": ASK, "tools": tools.to_openai(api="responses")}
    msgs = {
        "model": "claude-haiku-4-5",
        "max_tokens": 256,
        "messages": ASK,
        "tools": tools.to_anthropic(),
    }
    return {
        "SDK chat.completions": lambda: oa.chat.completions.create(**chat),
        "SDK chat.completions stream": lambda: list(
            oa.chat.completions.create(**chat, stream=True)
        ),
        "SDK responses": lambda: oa.responses.create(**resp),
        "SDK responses stream": lambda: list(oa.responses.create(**resp, stream=True)),
        "SDK messages": lambda: an.messages.create(**msgs),
        "SDK messages stream": lambda: list(an.messages.create(**msgs, stream=True)),
    }


def raw_client(server: Server, stream: bool) -> Callable[[], object]:
    """One keep-alive connection posting Chat Completions requests."""
    connection = http.client.HTTPConnection(server.host, server.port, timeout=30)
    body = json.dumps(
        {"model": "gpt-5.4-mini", "messages": ASK, "tools": tools.to_openai(), "stream": stream}
    )
    headers = {"Content-Type": "application/json"}

    def call() -> bytes:
        connection.request("POST", "/v1/chat/completions", body, headers)
        return connection.getresponse().read()

    return call


def measure(fn: Callable[[], object], n: int) -> tuple[float, float]:
    """(requests per second, median ms) over ``n`` calls, after one warm-up call."""
    fn()
    times = []
    start = time.perf_counter()
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return n / (time.perf_counter() - start), statistics.median(times)


def measure_concurrent(make: Callable[[], Callable[[], object]], clients: int, n: int) -> float:
    """Requests per second with ``clients`` threads, each with its own connection."""
    calls = [make() for _ in range(clients)]
    for call in calls:
        call()  # warm up, and open each connection
    threads = [threading.Thread(target=lambda c=call: [c() for _ in range(n)]) for call in calls]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return clients * n / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200, help="requests per row")
    parser.add_argument("--clients", type=int, default=4, help="threads in the concurrent rows")
    args = parser.parse_args()
    with Server() as server:
        print(f"fcplayground serve on {server.url}, simulated model, n={args.n} per row")
        print(f"{'client':<38}{'req/s':>8}{'median ms':>11}")
        rows = {
            **sdk_cases(server),
            "http.client chat.completions": raw_client(server, stream=False),
            "http.client chat.completions stream": raw_client(server, stream=True),
        }
        for name, fn in rows.items():
            rate, median = measure(fn, args.n)
            print(f"{name:<38}{rate:>8.0f}{median:>11.2f}")
        for stream in (False, True):
            name = f"http.client x{args.clients}" + (" stream" if stream else "")
            rate = measure_concurrent(
                lambda s=stream: raw_client(server, s), args.clients, args.n // args.clients
            )
            print(f"{name:<38}{rate:>8.0f}{'':>11}")


if __name__ == "__main__":
    main()
