"""Evaluation runs and comparisons as plain-text reports, for terminals and notebooks."""

from __future__ import annotations

from .battery import label_text
from .results import CaseResult, Comparison, EvalRun

MAX_MATRIX = 12  # more labels than this and the matrix is unreadable: list the pairs


def report_text(run: EvalRun, examples: int = 3) -> str:
    """The run as a report: totals, per category, failures by kind (with up to
    ``examples`` cases each), and which tools were confused. No timings, so the same
    run prints the same report (``run.seconds`` has the wall time)."""
    score = run.score
    head = f"Evaluation of {run.model or 'a model'}" + (f" on {run.suite}" if run.suite else "")
    cached = sum(r.cached for r in run.results)
    lines = [
        head,
        f"{score.cases} cases"
        + (f" ({cached} from the cache)" if cached else "")
        + f": {score.correct} right ({percent(score.accuracy)}), "
        f"right tools {score.name_correct} ({percent(score.name_accuracy)})",
        "",
        table(
            ("category", "cases", "accuracy", "right tools"),
            [
                (name, str(s.cases), percent(s.accuracy), percent(s.name_accuracy))
                for name, s in run.categories().items()
            ],
        ),
    ]
    failures = run.failures()
    if failures:
        lines += ["", "Failures by kind:"]
        for kind, rows in failures.items():
            lines.append(f"  {kind}: {len(rows)}")
            lines += ["    " + line for r in rows[:examples] for line in case_lines(r)]
            if len(rows) > examples:
                lines.append(f"    ... and {len(rows) - examples} more")
    lines += ["", *confusion_lines(run)]
    return "\n".join(lines).rstrip()


def case_lines(result: CaseResult) -> list[str]:
    """One result in a few lines: the request, what was expected, what came, and why."""
    mark = "✓" if result.ok else "✗"
    named = "" if result.id == result.request else f"{result.id}: "
    lines = [
        f"{mark} {named}{_short(result.request, 90)!r}",
        f"    expected: {_short(result.expected_text, 110)}",
        f"    got:      {_short(result.calls_text, 110)}",
    ]
    if result.error:
        lines.append(f"    error: {_short(result.error, 110)}")
    lines += [f"    - {_short(reason, 110)}" for reason in result.reasons[:3]]
    return lines


def confusion_lines(run: EvalRun) -> list[str]:
    """The confusion matrix when small enough to read, else the commonest mix-ups."""
    confusion = run.confusion()
    if 1 < len(confusion.labels) <= MAX_MATRIX:
        return ["Confusion (rows: expected tool, columns: called tool):", str(confusion)]
    pairs = run.confused_pairs()
    if not pairs:
        return ["No tool was mistaken for another."]
    return ["Most confused (expected -> called):"] + [
        f"  {label_text(e)} -> {label_text(c)}: {n}" for e, c, n in pairs
    ]


def comparison_text(comparison: Comparison, examples: int = 5) -> str:
    """Before and after: the scores, per category, and the cases that changed."""
    before, after = comparison.accuracy
    delta = (after - before) * 100
    lines = [
        f"Before: {percent(before)}  {comparison.before.model} {comparison.before.suite}".rstrip(),
        f"After:  {percent(after)}  {comparison.after.model} {comparison.after.suite}".rstrip(),
        f"Change: {delta:+.1f} points",
        "",
        table(
            ("category", "before", "after", "change"),
            [
                (
                    name,
                    percent(b.accuracy),
                    percent(a.accuracy),
                    f"{(a.accuracy - b.accuracy) * 100:+.1f}",
                )
                for name, (b, a) in comparison.categories().items()
            ],
        ),
    ]
    for title, pairs in (
        ("Fixed", comparison.fixed),
        ("Broken", comparison.broken),
        ("Still wrong, differently", comparison.changed),
    ):
        lines += ["", f"{title}: {len(pairs)}"]
        for b, a in pairs[:examples]:
            named = "" if b.id == b.request else f"{b.id}: "
            lines += [
                f"  {named}{_short(b.request, 90)!r}",
                f"      before: {_short(b.calls_text, 100)}" + _why(b),
                f"      after:  {_short(a.calls_text, 100)}" + _why(a),
            ]
        if len(pairs) > examples:
            lines.append(f"  ... and {len(pairs) - examples} more")
    if comparison.unpaired:
        lines += ["", f"{comparison.unpaired} cases are in only one of the runs (not compared)."]
    return "\n".join(lines)


def _why(result: CaseResult) -> str:
    return "  ✓" if result.ok else f"  ✗ {result.failure}"


def table(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    """Rows under headers, the first column left-aligned and the rest right-aligned."""
    widths = [max(len(x) for x in col) for col in zip(headers, *rows, strict=True)]
    fmt = "  ".join([f"{{:<{widths[0]}}}"] + [f"{{:>{w}}}" for w in widths[1:]])
    return "\n".join(fmt.format(*r) for r in [headers, *rows])


def percent(share: float) -> str:
    """A share in [0, 1] as a percentage with one decimal, e.g. ``50.8%``."""
    # round first: 0.5075 * 100 is 50.7499..., which would print as 50.7, not 50.8
    return f"{round(share * 100, 9):.1f}%"


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."
