"""How long the simulated model takes to decide, as the number of offered tools grows.

Each case offers N tools: the support-desk tools a request is about, plus generated
distractor tools with realistic names and descriptions. Prints the median and 95th
percentile of ``SimulatedModel.respond`` (the decision alone, no HTTP). Each round of
repeats asks a model of its own, so that each time it decides: the turns a model keeps
for a request it was asked before do not answer (the tools' profiles and what a question
asked of them, kept for every model, do, as in a running session).

    python benchmarks/decision_latency.py
"""

from __future__ import annotations

import random
import statistics
import time

from fcplayground import Message, Request, ToolSpec
from fcplayground.models import SimulatedModel

VERBS = ["get", "list", "create", "update", "delete", "search", "calculate", "convert", "send"]
NOUNS = ["invoice", "shipment", "playlist", "reservation", "sensor", "recipe", "contract",
         "vehicle", "patient", "course", "warehouse", "campaign", "satellite", "library"]  # fmt: skip
FIELDS = ["id", "name", "date", "amount", "status", "city", "email", "limit", "category"]

REAL = [
    ToolSpec("lookup_customer", "Searches for a customer record by email address and returns "
             "name, plan and billing status.", {"type": "object", "properties": {"email": {
                 "type": "string", "description": "The customer's email address."}},
                 "required": ["email"]}),
    ToolSpec("lookup_order", "Looks up an order by its id and returns status and delivery date.",
             {"type": "object", "properties": {"order_id": {"type": "string", "description":
              "The order id, like ORD-1234."}}, "required": ["order_id"]}),
    ToolSpec("get_weather", "Returns the current weather forecast for a city.", {"type": "object",
             "properties": {"city": {"type": "string", "description": "The city name."}},
             "required": ["city"]}),
]  # fmt: skip
REQUESTS = [
    "What plan is jane@example.com on?",
    "Look up jane@example.com and order ORD-1234.",
    "What's the weather in Paris and in Tokyo?",
    "Write me a haiku about autumn.",
]


def distractors(n: int, rng: random.Random) -> list[ToolSpec]:
    tools = []
    for i in range(n):
        verb, noun = rng.choice(VERBS), rng.choice(NOUNS)
        fields = rng.sample(FIELDS, 3)
        tools.append(
            ToolSpec(
                f"{verb}_{noun}_{i}",
                f"{verb.capitalize()}s a {noun} record by {fields[0]} and returns its "
                f"{fields[1]} and {fields[2]}.",
                {
                    "type": "object",
                    "properties": {
                        f: {"type": "string", "description": f"The {noun}'s {f}."} for f in fields
                    },
                    "required": fields[:1],
                },
            )
        )
    return tools


def main() -> None:
    rng = random.Random(7)  # fixed: the same tools every run
    print("SimulatedModel.respond, median and p95 over the requests x 50 repeats")
    print(f"{'tools':>6}{'median ms':>11}{'p95 ms':>9}")
    for n in (3, 10, 100, 1000):
        tools = (REAL + distractors(max(0, n - len(REAL)), rng))[:n]
        model = SimulatedModel()
        requests = [Request([Message.user(text)], tools=tools) for text in REQUESTS]
        for request in requests:  # warm the per-tool caches, as a running session has them
            model.respond(request)
        times = []
        for _ in range(50):
            model = SimulatedModel()  # no turn kept from the round before
            for request in requests:
                start = time.perf_counter()
                model.respond(request)
                times.append((time.perf_counter() - start) * 1000)
        times.sort()
        print(f"{n:>6}{statistics.median(times):>11.2f}{times[int(len(times) * 0.95) - 1]:>9.2f}")


if __name__ == "__main__":
    main()
