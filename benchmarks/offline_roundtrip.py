"""One SDK request answered offline, next to the SDK's own floor, at 10, 100 and 1,000 tools.

For each API (Chat Completions, Responses, Messages) and each number of tools, the same
request (one question, N distinct tools, one of them the right one) goes through the same
real SDK client twice:

- **floor**: an ``httpx2.MockTransport`` that hands back a fixed reply (the bytes the offline
  provider gave for this very request, captured once), so only the SDK works: it builds
  and serialises the request and parses the reply into its objects;
- **offline**: the full offline round trip, ``offline.openai_client()`` /
  ``offline.anthropic_client()`` with the simulated model: the body is read and checked as
  the provider would, the model decides, the reply is written in the provider's format.

The ``model`` column is the simulated model deciding alone on the same request (part of
``offline``). The same request sent again finds what the provider read of its body and the
model's turn kept (a cell run again, a retry; every turn of an agent loop re-reads the same
question with the same tools, and finds what the model understood of it kept); ``new q``
is the full offline round trip with a question of its own on every call (same tools),
what nothing kept can spare. OpenAI's endpoints refuse more than 128 tools, as the real API does, so
their rows stop at 128; Messages takes the 1,000. Warm medians in ms, the three cells of
a row timed in turn (the first calls are run and not counted). Goals: offline under 1.5x
the floor at 10 tools, and under 30 ms at 1,000 tools.

    python benchmarks/offline_roundtrip.py [--n 60] [--tools 10,100,1000] [--apis chat]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from typing import Any

import anthropic
import httpx2
import openai

from fcplayground import offline, wire
from fcplayground.models import SimulatedModel
from fcplayground.offline.validation.openai_common import MAX_TOOLS

QUESTION = "What's the weather in Paris right now?"
WARMUP = 3
APIS = ("chat", "responses", "messages")


def tool_specs(n: int) -> list[tuple[str, str, dict[str, Any]]]:
    """``n`` distinct tools (name, description, parameters); ``get_weather`` among them."""
    specs = [
        (
            "get_weather",
            "Returns the current weather for a city.",
            {
                "type": "object",
                "properties": {"city": {"type": "string", "description": "The city, e.g. Paris."}},
                "required": ["city"],
            },
        )
    ]
    for i in range(n - 1):
        specs.append(
            (
                f"lookup_record_{i}",
                f"Looks up record {i} of ledger {i % 17} by its reference code.",
                {
                    "type": "object",
                    "properties": {
                        "reference": {"type": "string", "description": f"Code of kind {i}."},
                        "limit": {"type": "integer", "minimum": 1, "maximum": 100 + i},
                    },
                    "required": ["reference"],
                },
            )
        )
    return specs


def request(api: str, n: int) -> dict[str, Any]:
    """The keyword arguments of the SDK call for ``api`` with ``n`` tools."""
    specs = tool_specs(n)
    ask = [{"role": "user", "content": QUESTION}]
    if api == "chat":
        tools = [
            {"type": "function", "function": {"name": a, "description": d, "parameters": p}}
            for a, d, p in specs
        ]
        return {"model": "m", "messages": ask, "tools": tools}
    if api == "responses":
        tools = [
            {"type": "function", "name": a, "description": d, "parameters": p} for a, d, p in specs
        ]
        return {"model": "m", "input": ask, "tools": tools}
    tools = [{"name": a, "description": d, "input_schema": p} for a, d, p in specs]
    return {"model": "m", "max_tokens": 256, "messages": ask, "tools": tools}


def call(api: str, client: Any, kwargs: dict[str, Any]) -> Callable[[], object]:
    """The SDK call itself, bound to ``client``."""
    method = {
        "chat": lambda: client.chat.completions.create,
        "responses": lambda: client.responses.create,
        "messages": lambda: client.messages.create,
    }[api]()
    return lambda: method(**kwargs)


def clients(api: str, handler: Callable[[httpx2.Request], httpx2.Response] | None) -> Any:
    """An SDK client for ``api``: offline, or over ``handler`` (the floor)."""
    if handler is None:
        return offline.anthropic_client() if api == "messages" else offline.openai_client()
    http = httpx2.Client(transport=httpx2.MockTransport(handler))
    if api == "messages":
        return anthropic.Anthropic(api_key="k", base_url="http://floor", http_client=http)
    return openai.OpenAI(api_key="k", base_url="http://floor/v1", http_client=http)


def canned(api: str, kwargs: dict[str, Any]) -> Callable[[httpx2.Request], httpx2.Response]:
    """A handler that answers every request with the reply offline gave to this one."""
    raw = clients(api, None)
    method = {
        "chat": lambda: raw.chat.completions.with_raw_response.create,
        "responses": lambda: raw.responses.with_raw_response.create,
        "messages": lambda: raw.messages.with_raw_response.create,
    }[api]()
    body = method(**kwargs).http_response.content
    headers = {"content-type": "application/json"}
    return lambda _request: httpx2.Response(200, content=body, headers=headers)


def fresh(api: str, kwargs: dict[str, Any]) -> Callable[[], object]:
    """The offline round trip, each call with a question not asked before (same tools)."""
    method = call(api, clients(api, None), kwargs)
    asked = iter(range(1_000_000_000))
    key = "input" if api == "responses" else "messages"

    def ask() -> object:
        question = f"{QUESTION} It is question {next(asked)}."
        kwargs[key] = [{"role": "user", "content": question}]
        return method()

    return ask


def medians_ms(fns: list[Callable[[], object]], n: int) -> list[float]:
    """Warm median ms of each of ``fns``, called in turn so that a burst of load on the
    machine falls on all of them alike."""
    for fn in fns:
        for _ in range(WARMUP):
            fn()
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(n):
        for fn, kept in zip(fns, times, strict=True):
            start = time.perf_counter()
            fn()
            kept.append((time.perf_counter() - start) * 1000)
    return [statistics.median(t) for t in times]


def deciding(api: str, kwargs: dict[str, Any]) -> Callable[[], object]:
    """The simulated model deciding alone (no SDK, no HTTP, no checks), on this request."""
    fmt = wire.FORMATS["anthropic" if api == "messages" else api]
    request = fmt.request_from_wire(json.loads(json.dumps(kwargs)))
    model = SimulatedModel()
    return lambda: model.respond(request)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=60, help="timed calls per cell")
    parser.add_argument("--tools", default="10,100,1000", help="numbers of tools")
    parser.add_argument("--apis", default=",".join(APIS), help="of " + ", ".join(APIS))
    options = parser.parse_args()
    counts = [int(t) for t in options.tools.split(",")]
    print(f"one SDK call, warm median ms over n={options.n} (simulated model offline)")
    print(f"{'API':<11}{'tools':>6}{'floor':>9}{'offline':>9}{'ratio':>7}{'model':>9}{'new q':>9}")
    for api in options.apis.split(","):
        # OpenAI refuses more than 128 tools, as the real API does: its rows stop there.
        capped = counts if api == "messages" else [min(c, MAX_TOOLS) for c in counts]
        for count in dict.fromkeys(capped):
            kwargs = request(api, count)
            floor, full, model, new = medians_ms(
                [
                    call(api, clients(api, canned(api, kwargs)), kwargs),
                    call(api, clients(api, None), kwargs),
                    deciding(api, kwargs),
                    fresh(api, dict(kwargs)),
                ],
                options.n,
            )
            cells = f"{floor:>9.2f}{full:>9.2f}{full / floor:>7.2f}{model:>9.2f}{new:>9.2f}"
            print(f"{api:<11}{count:>6}{cells}")
    print(f"OpenAI's endpoints take at most {MAX_TOOLS} tools; Messages has no such cap.")
    print("goals: ratio < 1.5 at 10 tools; offline < 30 ms at 1,000 tools")


if __name__ == "__main__":
    main()
