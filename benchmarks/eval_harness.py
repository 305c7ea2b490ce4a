"""How fast ``fcplayground.evals.evaluate`` gets through a test set, and what helps.

Three tables:

1. Throughput on BFCL ``simple_python`` (400 cases): the simulated model asked directly,
   through the real OpenAI SDK offline (what ``fcplayground eval`` does), and a second run
   answered from the on-disk cache.
2. Concurrency against a slow provider: a model that takes ``--latency`` seconds per answer
   (standing in for a live API), run with 1, 4 and 8 cases in flight.
3. Rate limits: the same slow model behind a provider that answers 429 to every fifth request
   (``retry-after`` 0.05 s); the run still scores every case, retrying as told.

    python benchmarks/eval_harness.py [--latency 0.05] [--cases 40]
"""

from __future__ import annotations

import argparse
import tempfile
import time

from fcplayground import ModelClient, ModelTurn, Request, SimulatedModel, offline
from fcplayground.evals import evaluate, load, travel_cases
from fcplayground.evals.report import percent, table
from fcplayground.models.faulty import FaultyModel


class Slow:
    """The simulated model, ``latency`` seconds slower per answer, as a remote API is."""

    name = "slow-simulated"

    def __init__(self, latency: float) -> None:
        self.latency = latency
        self.model = SimulatedModel()

    def respond(self, request: Request) -> ModelTurn:
        time.sleep(self.latency)
        return self.model.respond(request)


def row(label: str, run, n: int) -> tuple[str, ...]:
    return (
        label,
        str(n),
        f"{run.seconds:.2f}",
        f"{n / run.seconds:.0f}",
        percent(run.accuracy),
    )


def throughput() -> None:
    cases = load("simple_python")
    with tempfile.TemporaryDirectory() as cache:
        runs = [
            ("model asked directly", evaluate(cases, model=SimulatedModel())),
            ("through the openai SDK", evaluate(cases, ModelClient.offline())),
            ("through the SDK, cache filled", evaluate(cases, ModelClient.offline(), cache=cache)),
            ("answered from the cache", evaluate(cases, ModelClient.offline(), cache=cache)),
        ]
    print("BFCL simple_python, simulated model\n")
    headers = ("how", "cases", "seconds", "cases/s", "accuracy")
    print(table(headers, [row(label, run, len(cases)) for label, run in runs]))


def concurrency(latency: float, count: int) -> None:
    cases = (travel_cases() * (count // 16 + 1))[:count]
    rows = []
    for workers in (1, 4, 8):
        client = ModelClient("openai", offline.openai_client(Slow(latency)))
        run = evaluate(cases, client, concurrency=workers, cache=False)
        rows.append(row(f"{workers} in flight", run, count))
    print(f"\nA provider taking {latency * 1000:.0f} ms per answer, {count} travel cases\n")
    print(table(("concurrency", "cases", "seconds", "cases/s", "accuracy"), rows))


def rate_limits(latency: float, count: int) -> None:
    cases = (travel_cases() * (count // 16 + 1))[:count]
    faults = ([None] * 4 + ["rate_limit"]) * count
    model = FaultyModel(Slow(latency), faults, retry_after="0.05")
    client = ModelClient("openai", offline.openai_client(model, max_retries=0))
    run = evaluate(cases, client, concurrency=4, cache=False)
    retried = sum(r.retries for r in run.results)
    failed = sum(r.error is not None for r in run.results)
    print("\nThe same provider answering 429 to every fifth request, 4 in flight\n")
    print(
        table(
            ("cases", "429s answered", "retries", "failed", "seconds", "accuracy"),
            [
                (
                    str(count),
                    str(len(model.log)),
                    str(retried),
                    str(failed),
                    f"{run.seconds:.2f}",
                    percent(run.accuracy),
                )
            ],
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.05, help="seconds per slow answer")
    parser.add_argument("--cases", type=int, default=40, help="cases for tables 2 and 3")
    args = parser.parse_args()
    throughput()
    concurrency(args.latency, args.cases)
    rate_limits(args.latency, args.cases)


if __name__ == "__main__":
    main()
