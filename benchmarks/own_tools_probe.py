"""The simulated model on tools and requests no battery holds: a learner's own first tools.

Twenty-nine tools in domains the everyday and examples batteries leave out
(:mod:`own_tools_kit`) and about eighty requests in a learner's words
(:mod:`own_tools_cases`), each offered five to eight tools with the right one among near
neighbours, asked through the real OpenAI and Anthropic SDKs offline and scored by the
BFCL checker. Prints full-call and right-tool accuracy per category for each SDK, and the
misses by kind; ``--show-failures`` lists every miss: request, expected, got.

    python benchmarks/own_tools_probe.py [--show-failures]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from own_tools_cases import DATED, FOLLOW_UPS, ROWS, TODAY  # noqa: E402
from own_tools_kit import kit  # noqa: E402
from sdk_tables import failure_table, score_table  # noqa: E402

from fcplayground import ModelClient, SimulatedModel  # noqa: E402
from fcplayground.evals import Case, EvalRun, evaluate  # noqa: E402

SDKS = ("openai", "anthropic")


def probe_cases() -> list[Case]:
    """Every row as a case, offered its kit's tools."""
    cases = []
    for i, (kit_name, category, request, calls) in enumerate([*ROWS, *FOLLOW_UPS]):
        system = TODAY if category in DATED else None
        cases.append(
            Case.ask(
                request, kit(kit_name), *calls, id=f"own_{i}", category=category, system=system
            )
        )
    return cases


def run_sdk(provider: str) -> EvalRun:
    """The probe asked through one provider's SDK, offline, of a fresh simulated model."""
    client = ModelClient.offline(SimulatedModel(), provider=provider)  # type: ignore[arg-type]
    return evaluate(probe_cases(), client, cache=False, progress=False, suite="own tools")


def show_failures(label: str, run: EvalRun) -> None:
    """Every miss of one SDK's run: request, expected, got, the checker's first reason."""
    for r in run.results:
        if not r.ok:
            print(f"[{label}] {r.id} ({r.category}): {r.request!r}")
            print(f"  expected: {r.expected_text}")
            print(f"  got:      {r.calls_text}" + ("" if r.calls else f"  text: {r.text[:80]!r}"))
            print(f"  - {r.reasons[0] if r.reasons else ''}")


def main(argv: list[str] | None = None) -> None:
    """Ask the probe through both SDKs and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-failures", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    runs = {provider: run_sdk(provider) for provider in SDKS}
    print("Own-tools probe: the simulated model through the SDKs offline\n")
    print(score_table(runs))
    print("\nacc.: full call right (tools and arguments); tools: the right tools called.\n")
    print(failure_table(runs))
    if args.show_failures:
        for label, run in runs.items():
            show_failures(label, run)


if __name__ == "__main__":
    main()
