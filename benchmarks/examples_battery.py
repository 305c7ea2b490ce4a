"""What example inputs in tool definitions are worth to the simulated model.

The examples battery (:mod:`fcplayground.evals.examples`: 19 first tools whose descriptions
leave a value's form open, with the example inputs that settle it, and 41 plain requests)
is asked three ways through the real SDKs offline: the tools without examples (Messages),
with them as ``input_examples`` (Messages), and with them written into the description
(Chat Completions, the way OpenAI takes them). The category ``held out`` holds requests for
tools the model was not tuned on (two of its misses since read for general rules).

Then the everyday battery (264 requests against 26 tools) without examples and with, each
tool given up to three example inputs taken from the right calls of the *other* requests
(never the one asked): examples must never make things worse.

    python benchmarks/examples_battery.py [--show-failures N]
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace

from fcplayground import ModelClient
from fcplayground.evals import EvalRun, evaluate, everyday_cases, examples_cases, examples_tools
from fcplayground.evals.cases import ANY, Case, Exactly
from fcplayground.evals.report import percent, table
from fcplayground.models import SimulatedModel
from fcplayground.tools.examples import example_problem

PER_TOOL = 3  # examples given to each everyday tool


def ask(cases: list[Case], provider: str) -> EvalRun:
    """The cases through one provider's SDK, offline, by a fresh simulated model."""
    client = ModelClient.offline(SimulatedModel(), provider=provider)  # type: ignore[arg-type]
    return evaluate(cases, client, cache=False, progress=False, suite="examples")


def battery_runs() -> dict[str, EvalRun]:
    """The examples battery asked the three ways."""
    return {
        "no examples": ask(examples_cases(examples_tools(examples=False)), "anthropic"),
        "input_examples": ask(examples_cases(), "anthropic"),
        "in the description": ask(examples_cases(), "openai"),
    }


def by_category(runs: dict[str, EvalRun]) -> str:
    """One row per category (and all, and all but the held-out ones), one column per way."""
    first = next(iter(runs.values()))
    names = ["all", "tuned on", *first.categories()]
    rows = []
    for name in names:
        cells = []
        for run in runs.values():
            results = [r for r in run.results if _in(r.category, name)]
            cells.append(percent(sum(r.ok for r in results) / len(results)))
        count = sum(_in(r.category, name) for r in first.results)
        rows.append((name, str(count), *cells))
    return table(("category", "cases", *runs), rows)


def _in(category: str, name: str) -> bool:
    return name == "all" or category == name or (name == "tuned on" and category != "held out")


def leave_one_out(cases: list[Case]) -> list[Case]:
    """Each case with every tool given examples from the right calls of the other cases."""
    found: dict[str, list[tuple[str, dict]]] = {}  # tool -> (case id, a valid example)
    specs = {spec.name: spec for case in cases for spec in case.tools}
    for case in cases:
        for expected in case.expected:
            ((tool, answer),) = expected.items()
            example = _example(answer)
            if (
                example is not None
                and example_problem(specs[tool].parameters, example, closed=True) is None
            ):
                found.setdefault(tool, []).append((case.id, example))
    out = []
    for case in cases:
        tools = []
        for spec in case.tools:
            mine = [e for other, e in found.get(spec.name, []) if other != case.id]
            unique = [e for i, e in enumerate(mine) if e not in mine[:i]][:PER_TOOL]
            tools.append(replace(spec, input_examples=unique))
        out.append(replace(case, tools=tools))
    return out


def _example(answer: dict[str, list]) -> dict | None:
    """One example input from an expected call: each argument's first acceptable value (an
    argument only ANY accepts is left out)."""
    example = {}
    for name, values in answer.items():
        value = next((v for v in values if v is not ANY and v != ""), None)
        if value is not None:
            example[name] = value.value if isinstance(value, Exactly) else value
    return example or None


def everyday_table() -> str:
    """The everyday battery without and with examples, overall and per category."""
    bare = everyday_cases()
    runs = {
        "no examples": ask(bare, "anthropic"),
        "examples": ask(leave_one_out(bare), "anthropic"),
    }
    first = runs["no examples"]
    rows = []
    for name in ["all", *first.categories()]:
        cells = [percent(r.score.accuracy if name == "all" else r.categories()[name].accuracy)
                 for r in runs.values()]  # fmt: skip
        cases = first.score.cases if name == "all" else first.categories()[name].cases
        rows.append((name, str(cases), *cells))
    changed = [(a.id, a.ok, b.ok) for a, b in zip(first.results, runs["examples"].results, strict=True)
               if a.ok != b.ok]  # fmt: skip
    note = f"{sum(b for _, _, b in changed)} cases fixed, {sum(a for _, a, _ in changed)} broken"
    return table(("category", "cases", *runs), rows) + f"\n\nWith examples: {note}."


def show_failures(runs: dict[str, EvalRun], count: int) -> None:
    """The first ``count`` failing cases of each way: request, expected, got."""
    for label, run in runs.items():
        failed = [r for r in run.results if not r.ok]
        print(f"\n== {label}: {len(failed)} failing, first {min(count, len(failed))}")
        for r in failed[:count]:
            print(f"{r.id} ({r.category}): {r.request!r}")
            print(f"  expected: {r.expected_text}")
            print(f"  got:      {r.calls_text}")


def main(argv: list[str] | None = None) -> None:
    """Print both tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-failures", type=int, default=0, metavar="N")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    runs = battery_runs()
    print("Examples battery: the simulated model through the SDKs offline (full call right)\n")
    print(by_category(runs))
    print("\nheld out: requests for tools the model was not tuned on (two misses since read).\n")
    print("Everyday battery, tools without examples and with examples from the other requests:\n")
    print(everyday_table())
    print(f"\nAsked in {time.perf_counter() - start:.1f} s.")
    if args.show_failures:
        show_failures(runs, args.show_failures)


if __name__ == "__main__":
    main()
