"""The providers' tool search offline: what deferring tools saves, and what it costs.

For 50, 200 and 1,000 tools (OpenAI: namespaces of 10 functions, within its 128-entry
limit; Anthropic: flat custom tools), one request whose right tool is among them, sent
through the real SDK with every tool loaded and with every tool deferred behind the
provider's tool search (OpenAI ``tool_search``; Anthropic's regex and BM25 tools). Each
row prints the response's ``usage.input_tokens``, the warm median milliseconds of one SDK
call, and whether the right tool was called. A last table times the regex search alone.

    python benchmarks/tool_search.py [--n 15] [--tools 50,200,1000]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from fcplayground import offline
from fcplayground.chat import ToolSpec
from fcplayground.offline import tool_search

QUESTION = "What's the weather forecast for Lisbon this weekend?"
RIGHT = "get_forecast"
NOUNS = ["invoice", "order", "parcel", "ticket", "meeting", "playlist", "recipe", "workout", "account", "flight", "room", "document", "contact", "lead", "payslip", "course", "plant", "camera", "supplier", "post"]  # fmt: skip
VERBS = ("get", "list", "create", "update", "delete")


def _params(name: str, about: str) -> dict[str, Any]:
    prop = {name: {"type": "string", "description": about}}
    return {"type": "object", "properties": prop, "required": [name]}


def groups(total: int) -> list[tuple[str, str, list[tuple[str, str, dict[str, Any]]]]]:
    """``total`` tools in groups of 10: one weather group, the rest made from templates."""
    weather = [
        (RIGHT, "Returns the weather forecast for a city for the coming days.", _params("city", "The city.")),
        *[(f"get_weather_{k}", f"Returns weather statistic number {k} for a region.", _params("region", "The region.")) for k in range(9)],
    ]  # fmt: skip
    out = [("weather", "Weather forecasts for cities.", weather)]
    for g in range(total // 10 - 1):
        noun = NOUNS[g % len(NOUNS)]
        tools = [
            (f"{verb}_{noun}_{g}_{k}", f"{verb.title()}s a {noun} record (set {g}, kind {k}).", _params(f"{noun}_id", f"The {noun} id."))
            for k, verb in enumerate(VERBS * 2)
        ]  # fmt: skip
        out.append((f"{noun}s_{g}", f"Tools for {noun}s, set {g}.", tools))
    return out


def openai_tools(total: int, deferred: bool) -> list[dict[str, Any]]:
    def fn(name: str, about: str, params: dict[str, Any]) -> dict[str, Any]:
        tool = {"type": "function", "name": name, "description": about, "parameters": params}
        return tool | ({"defer_loading": True} if deferred else {})

    spaces = [
        {"type": "namespace", "name": g, "description": d, "tools": [fn(*t) for t in tools]}
        for g, d, tools in groups(total)
    ]
    return ([{"type": "tool_search"}] if deferred else []) + spaces


def anthropic_tools(total: int, search: str | None) -> list[dict[str, Any]]:
    tools = [
        {"name": name, "description": about, "input_schema": params}
        | ({"defer_loading": True} if search else {})
        for _, _, members in groups(total)
        for name, about, params in members
    ]
    clock = {
        "name": "get_time",
        "description": "Returns the time.",
        "input_schema": {"type": "object"},
    }
    head = [{"type": f"{search}_20251119", "name": search}] if search else []
    return head + [clock, *tools]


def timed(call: Callable[[], Any], n: int) -> tuple[float, Any]:
    result = call()  # warm: memos filled, as on every turn after the first
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        result = call()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), result


def openai_rows(total: int, n: int) -> list[tuple[str, ...]]:
    client, rows = offline.openai_client(), []
    for deferred in (False, True):
        tools = openai_tools(total, deferred)
        create = partial(client.responses.create, model="gpt-5.4", input=QUESTION, tools=tools)
        ms, response = timed(create, n)
        called = [i.name for i in response.output if i.type == "function_call"]
        how = "tool_search (hosted)" if deferred else "all loaded"
        rows.append(
            (
                "Responses",
                how,
                str(total),
                str(response.usage.input_tokens),
                f"{ms:.1f}",
                str(called == [RIGHT]),
            )
        )
    return rows


def anthropic_rows(total: int, n: int) -> list[tuple[str, ...]]:
    client, rows = offline.anthropic_client(), []
    for search in (None, "tool_search_tool_regex", "tool_search_tool_bm25"):
        tools = anthropic_tools(total, search)
        body = {"model": "claude-sonnet-4-5", "max_tokens": 512, "tools": tools}
        messages = [{"role": "user", "content": QUESTION}]
        ms, message = timed(partial(client.messages.create, messages=messages, **body), n)
        called = [b.name for b in message.content if b.type == "tool_use"]
        rows.append(
            (
                "Messages",
                search or "all loaded",
                str(total),
                str(message.usage.input_tokens),
                f"{ms:.1f}",
                str(called == [RIGHT]),
            )
        )
    return rows


def search_rows(sizes: list[int], n: int) -> list[tuple[str, ...]]:
    rows = []
    for total in sizes:
        entries = [
            tool_search.entry(ToolSpec(name, about, params))
            for _, _, members in groups(total)
            for name, about, params in members
        ]
        for pattern in ("(?i)weather|forecast|lisbon", "get_.*_data"):
            ms, _ = timed(partial(tool_search.regex, pattern, entries), n)
            rows.append((str(total), pattern, f"{ms:.2f}"))
        ms, _ = timed(partial(tool_search.bm25, "weather forecast lisbon", entries), n)
        rows.append((str(total), "bm25: weather forecast lisbon", f"{ms:.2f}"))
    return rows


def table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=15, help="timed calls per cell")
    parser.add_argument("--tools", default="50,200,1000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.tools.split(",")]
    rows = [
        row for total in sizes for row in openai_rows(total, args.n) + anthropic_rows(total, args.n)
    ]
    print(table(("API", "tools", "n", "input_tokens", "median ms", "right tool"), rows))
    print()
    print(table(("tools", "search", "median ms"), search_rows(sizes, args.n)))


if __name__ == "__main__":
    main()
