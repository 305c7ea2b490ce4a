"""The everyday battery with the simulated model, through the OpenAI and Anthropic SDKs.

Every case of :func:`fcplayground.evals.everyday_cases` (plain requests against 26 first
tools, with the calls a hosted model makes) is asked of the simulated model through an
offline OpenAI client (Chat Completions) and an offline Anthropic client (Messages), and
scored by the BFCL checker. Prints accuracy overall and per category for each SDK (full
call, and right tools only), the failures by kind, and with ``--show-failures N`` the
first N failing cases of each category: request, expected, got.

    python benchmarks/everyday_battery.py [--show-failures N] [--categories maths,units]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sdk_tables import failure_table, score_table  # noqa: E402

from fcplayground import ModelClient  # noqa: E402
from fcplayground.evals import EvalRun, evaluate, everyday_cases  # noqa: E402
from fcplayground.models import Model, SimulatedModel  # noqa: E402

SDKS = (("openai", "openai"), ("anthropic", "anthropic"))


def make_model() -> Model:
    """A fresh simulated model: no turns remembered from another SDK's run."""
    return SimulatedModel()


def run_sdk(provider: str, categories: set[str] | None) -> EvalRun:
    """The battery asked through one provider's SDK, offline."""
    cases = [c for c in everyday_cases() if categories is None or c.category in categories]
    client = ModelClient.offline(make_model(), provider=provider)  # type: ignore[arg-type]
    return evaluate(cases, client, cache=False, progress=False, suite="everyday")


def show_failures(label: str, run: EvalRun, count: int) -> None:
    """The first ``count`` failing cases of each category: request, expected, got."""
    by_category: dict[str, list] = {}
    for result in run.results:
        if not result.ok:
            by_category.setdefault(result.category, []).append(result)
    for category, failed in by_category.items():
        print(f"\n== {label}, {category}: {len(failed)} failing, first {min(count, len(failed))}")
        for r in failed[:count]:
            print(f"{r.id}: {r.request!r}")
            print(f"  expected: {r.expected_text}")
            print(f"  got:      {r.calls_text}" + ("" if r.calls else f"  text: {r.text[:80]!r}"))
            for reason in r.reasons[:2]:
                print(f"  - {reason}")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line: ``--show-failures N`` and ``--categories``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--show-failures",
        type=int,
        default=0,
        metavar="N",
        help="list the first N failing cases of each category, per SDK",
    )
    parser.add_argument("--categories", default="", help="comma-separated, e.g. maths,units")
    return parser.parse_args(argv)  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    """Run the battery through both SDKs and print the tables."""
    args = parse_args(argv)
    chosen = {c.strip() for c in args.categories.split(",") if c.strip()} or None
    start = time.perf_counter()
    runs = {label: run_sdk(provider, chosen) for provider, label in SDKS}
    elapsed = time.perf_counter() - start
    model = next(iter(runs.values())).model.split(" ")[0]
    print(f"Everyday battery: {model} through the SDKs offline (hosted-model answers)\n")
    print(score_table(runs))
    print("\nacc.: full call right (tools and arguments); tools: the right tools called.\n")
    print(failure_table(runs))
    cases = sum(r.score.cases for r in runs.values())
    print(f"\n{cases} cases asked in {elapsed:.1f} s.")
    if args.show_failures:
        for label, run in runs.items():
            show_failures(label, run, args.show_failures)


if __name__ == "__main__":
    main()
