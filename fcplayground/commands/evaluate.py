"""``fcplayground eval``: run a test set against a model and print the report.

fcplayground eval --suite bfcl:multiple --provider offline --limit 200
fcplayground eval --suite support_desk --save before.json
fcplayground eval --suite support_desk --against before.json
fcplayground eval --suite travel --provider openai --json
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

PROVIDERS = ("offline", "openai", "anthropic")


def register(sub: Any) -> None:
    from ..evals.suites import SUITES

    parser = sub.add_parser(
        "eval",
        help="evaluate a model on a test set (BFCL or a scenario)",
        description="Ask a model every case of a test set, check its tool calls with BFCL's "
        "rules and print a report: accuracy per category, failures by kind, confused tools.",
        epilog="Suites: " + ", ".join(SUITES) + ". Join several with commas.",
    )
    parser.add_argument("--suite", required=True, help="which cases, e.g. bfcl:multiple")
    parser.add_argument("--provider", choices=PROVIDERS, default="offline")
    parser.add_argument("--api", choices=("chat", "responses"), default="chat", help="OpenAI API")
    parser.add_argument("--model", help="model id for a live provider (default: the settings')")
    parser.add_argument("--limit", type=int, help="at most N cases of each part of the suite")
    parser.add_argument(
        "--concurrency", type=int, help="cases in flight (default 4 live, 1 offline)"
    )
    parser.add_argument("--cache", help="folder for cached answers (default: live runs only)")
    parser.add_argument("--no-cache", action="store_true", help="ask again, store nothing")
    parser.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    parser.add_argument("--save", metavar="FILE", help="save the run, every case, as JSON")
    parser.add_argument("--against", metavar="FILE", help="compare with a run saved earlier")
    parser.add_argument("--failures", type=int, default=3, metavar="N", help="examples per kind")
    parser.add_argument(
        "--min-accuracy", type=float, metavar="X", help="exit 1 if accuracy is below X (0-1)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..evals import EvalError, EvalRun, evaluate, load_suite
    from ..evals.report import comparison_text, report_text

    try:
        cases = load_suite(args.suite, args.limit)
        before = EvalRun.load(args.against) if args.against else None
        client = make_client(args.provider, args.api, args.model)
    except (ValueError, FileNotFoundError, OSError) as error:
        print(f"fcplayground eval: {error}", file=sys.stderr)
        return 2
    cache: Any = False if args.no_cache else args.cache
    try:
        result = evaluate(
            cases, client, concurrency=args.concurrency, cache=cache, suite=args.suite
        )
    except EvalError as error:
        print(f"fcplayground eval: {error}", file=sys.stderr)
        return 2
    if args.save:
        result.save(args.save)
    if args.json:
        data = result.to_json()
        if before is not None:
            data["comparison"] = before.compare(result).to_json()
        print(json.dumps(data, indent=1, ensure_ascii=False))
    else:
        print(report_text(result, examples=args.failures))
        print(
            f"\nTook {result.seconds:.1f} s ({len(cases) / max(result.seconds, 1e-9):.0f} cases/s)."
        )
        if before is not None:
            print("\n" + comparison_text(before.compare(result)))
    if args.min_accuracy is not None and result.accuracy < args.min_accuracy:
        print(
            f"fcplayground eval: accuracy {result.accuracy:.3f} is below {args.min_accuracy}.",
            file=sys.stderr,
        )
        return 1
    return 0


def make_client(provider: str, api: str, model: str | None) -> Any:
    """The client for ``--provider``; a live one needs its key (or an OpenAI base URL).

    Unlike the lessons, an evaluation never falls back offline: a report that says
    "openai" must come from OpenAI.
    """
    from ..client import ModelClient
    from ..providers import connect
    from ..settings import KEY_ENV, can_go_live

    if provider == "offline":
        return ModelClient.offline(api=api)
    if not can_go_live(provider):
        raise ValueError(
            f"{KEY_ENV[provider]} is not set, so {provider} cannot be asked. Set it in the "
            f"environment (export {KEY_ENV[provider]}=...) or use --provider offline."
        )
    return connect(provider, api="messages" if provider == "anthropic" else api, model_id=model)
