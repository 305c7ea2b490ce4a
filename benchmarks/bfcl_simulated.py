"""BFCL accuracy of an offline model, asked through the real OpenAI SDK.

Every Berkeley Function Calling Leaderboard case goes through ``client.chat.completions
.create(...)`` of an offline client, the tool calls come back from the SDK's response and
the AST checker scores them. The model's decision is also timed on its own (no SDK, no
HTTP). Prints one row per category: cases, name accuracy (the right functions), full-call
accuracy (right functions and arguments: the leaderboard's figure), median decision time.
The live categories come last, as unseen data.

    python benchmarks/bfcl_simulated.py [--categories simple_python,parallel] [--limit N]
        [--model simulated|plain] [--show-failures N] [--markdown]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass, field

import openai

from fcplayground import offline
from fcplayground.chat import ToolCall
from fcplayground.evals import CATEGORIES, LIVE_CATEGORIES, Case, Verdict, check, load
from fcplayground.models import Model
from fcplayground.wire import openai_chat

# BFCL v4 leaderboard, 2025-12-16 (checkpoint f7cf735, the data in ../shared/data/bfcl/).
REFERENCE_DATE = "2025-12-16"
REFERENCE_COLUMNS = ("simple", "multiple", "parallel", "parallel_multiple", "irrelevance")
REFERENCE = {
    "Llama-3.2-1B": (75.0, 50.5, 44.0, 15.0, 35.8),
    "median model": (92.0, 92.0, 88.0, 82.5, 84.6),
}
HEADERS = ("category", "n", "name acc. %", "full-call acc. %", "median decision ms")
UNSEEN = " *"


@dataclass
class Outcome:
    """One case's calls (as the SDK returned them) and the checker's verdict."""

    case: Case
    calls: list[ToolCall]
    text: str
    verdict: Verdict


@dataclass
class Row:
    """The results for one category."""

    category: str
    outcomes: list[Outcome] = field(default_factory=list)
    decision_ms: list[float] = field(default_factory=list)

    def percent(self, attribute: str) -> float:
        hits = sum(getattr(o.verdict, attribute) for o in self.outcomes)
        return 100 * hits / max(1, len(self.outcomes))

    def cells(self) -> tuple[str, ...]:
        label = self.category + (UNSEEN if self.category in LIVE_CATEGORIES else "")
        median = statistics.median(self.decision_ms) if self.decision_ms else 0.0
        return (
            label,
            str(len(self.outcomes)),
            f"{self.percent('name_ok'):.1f}",
            f"{self.percent('ok'):.1f}",
            f"{median:.2f}",
        )


def make_model(kind: str) -> Model:
    """The model to benchmark: ``simulated`` (the default) or ``plain``."""
    from fcplayground.models import PlainTextModel

    if kind == "plain":
        return PlainTextModel()
    try:  # imported here: the simulated model is newer than this script
        from fcplayground.models import SimulatedModel
    except ImportError as error:
        sys.exit(f"SimulatedModel is not available ({error}); run with --model plain instead.")
    return SimulatedModel()


def ask(client: openai.OpenAI, case: Case) -> tuple[list[ToolCall], str, list[str]]:
    """The calls and text the model returns through the SDK, or why the request failed."""
    body = openai_chat.request_to_wire(case.request(model_name="simulated"))
    try:
        response = client.chat.completions.create(**body)
    except openai.APIError as error:  # a rejected request scores as a wrong answer
        return [], "", [f"request failed: {error}"]
    turn = openai_chat.turn_from_wire(response.model_dump())
    return turn.tool_calls, turn.text, []


def decision_ms(model: Model, case: Case) -> float:
    """How long the model alone takes to decide, in milliseconds: a model of the same
    kind, made for it, so that the turn the SDK's model kept for this very request does
    not answer it."""
    request = case.request(model_name="simulated")
    deciding = type(model)()
    start = time.perf_counter()
    deciding.respond(request)
    return (time.perf_counter() - start) * 1000


def run_category(model: Model, client: openai.OpenAI, category: str, limit: int | None) -> Row:
    row = Row(category)
    for case in load(category, limit):
        calls, text, errors = ask(client, case)
        verdict = Verdict(False, False, errors) if errors else check(case, calls)
        row.outcomes.append(Outcome(case, calls, text, verdict))
        row.decision_ms.append(decision_ms(model, case))
    return row


def table(rows: list[list[str]] | list[tuple[str, ...]], headers: tuple[str, ...], md: bool) -> str:
    """Rows as an aligned text table, or as a Markdown table."""
    if md:
        lines = [
            "| " + " | ".join(headers) + " |",
            "|" + "|".join(["---"] + ["---:"] * (len(headers) - 1)) + "|",
        ]
        return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows])
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows, strict=True)]
    fmt = "  ".join([f"{{:<{widths[0]}}}"] + [f"{{:>{w}}}" for w in widths[1:]])
    return "\n".join(fmt.format(*r) for r in [headers, *rows])


def reference_table(md: bool) -> str:
    rows = [(name, *(f"{v:.1f}" for v in values)) for name, values in REFERENCE.items()]
    return table(rows, ("model", *REFERENCE_COLUMNS), md)


def show_failures(rows: list[Row], count: int) -> None:
    for row in rows:
        failed = [o for o in row.outcomes if not o.verdict.ok][:count]
        if not failed:
            continue
        print(f"\n== {row.category}: first {len(failed)} failing cases")
        for o in failed:
            asked = o.case.messages[-1].content if o.case.messages else ""
            print(f"{o.case.id}: {asked[:110]!r}")
            made = ", ".join(f"{c.name}({c.arguments_json})" for c in o.calls)
            print(f"  calls: {made or '(none) text: ' + repr(o.text[:90])}")
            print(
                f"  expected: {o.case.expected or ('any call' if o.case.any_call else 'no call')}"
            )
            for reason in o.verdict.reasons:
                print(f"  - {reason}")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--categories",
        default=",".join(CATEGORIES + LIVE_CATEGORIES),
        help="comma-separated BFCL categories (default: all, non-live first)",
    )
    parser.add_argument("--limit", type=int, default=None, help="at most N cases a category")
    parser.add_argument("--model", choices=("simulated", "plain"), default="simulated")
    parser.add_argument("--show-failures", type=int, default=0, metavar="N")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    categories = [c.strip() for c in args.categories.split(",") if c.strip()]
    model = make_model(args.model)
    client = offline.openai_client(model)
    start = time.perf_counter()
    rows = [run_category(model, client, c, args.limit) for c in categories]
    elapsed = time.perf_counter() - start

    print(f"BFCL v4 AST accuracy of {model.name}, asked through the openai SDK offline\n")
    print(table([r.cells() for r in rows], HEADERS, args.markdown))
    if any(c in LIVE_CATEGORIES for c in categories):
        print(f"\n{UNSEEN.strip()} unseen data: live categories (user-contributed questions).")
    cases = sum(len(r.outcomes) for r in rows)
    print(f"{cases} cases in {elapsed:.1f} s.")
    print(f"\nReference, full-call accuracy % (BFCL v4 leaderboard, {REFERENCE_DATE}):\n")
    print(reference_table(args.markdown))
    if args.show_failures:
        show_failures(rows, args.show_failures)


if __name__ == "__main__":
    main()
