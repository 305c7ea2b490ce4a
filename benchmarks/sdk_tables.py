"""The tables the battery benchmarks print for a run through each SDK: accuracy per
category (full call and right tools), and how many cases failed each way."""

from __future__ import annotations

from collections import Counter

from fcplayground.evals import EvalRun
from fcplayground.evals.report import percent, table


def score_table(runs: dict[str, EvalRun]) -> str:
    """One row per category (and one for all), two columns per SDK."""
    first = next(iter(runs.values()))
    headers = ("category", "cases") + tuple(
        f"{label} {what}" for label in runs for what in ("acc.", "tools")
    )
    rows = []
    for name in ["all", *first.categories()]:
        cells: list[str] = []
        for run in runs.values():
            score = run.score if name == "all" else run.categories()[name]
            cells += [percent(score.accuracy), percent(score.name_accuracy)]
        cases = first.score.cases if name == "all" else first.categories()[name].cases
        rows.append((name, str(cases), *cells))
    return table(headers, rows)


def failure_table(runs: dict[str, EvalRun]) -> str:
    """How many cases failed each way, per SDK."""
    counts = {
        label: Counter({k: len(v) for k, v in r.failures().items()}) for label, r in runs.items()
    }
    kinds = sorted(
        {k for c in counts.values() for k in c}, key=lambda k: -sum(c[k] for c in counts.values())
    )
    rows = [(kind, *(str(counts[label][kind]) for label in runs)) for kind in kinds]
    return table(("failure kind", *runs), rows) if rows else "No failures."
