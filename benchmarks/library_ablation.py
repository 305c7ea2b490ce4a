"""What each field resource of the simulated model is worth in accuracy, and what it costs.

The simulated model reads values from request text with four outside resources: dateparser
(relative dates), pint (units and their conversion), pycountry (currency codes and names,
languages, countries) and the GeoNames city table (``data/cities.tsv.gz``). Each
configuration below takes exactly one of them away and runs the same evaluations, all
through the real OpenAI SDK offline: the everyday battery (as ``everyday_battery.py`` asks
it) and the BFCL categories simple_python, multiple, parallel and irrelevance (asked and
scored by ``bfcl_simulated.py``'s own ``ask`` and the AST checker). Prints full-call
accuracy per configuration and suite with its difference from "all", the cases lost and
gained, a check that each patch took effect, and what each resource costs: size on disk,
import time and first use.

Each configuration runs in a fresh Python (the script runs itself with ``--child``), so no
cache (``functools.lru_cache`` on the extractors, ``profiles._TOOLS``) carries a value over
from another configuration; the child also clears them all once its patch is in place, in
case anything was filled while importing. Nothing is edited on disk. The patches, each the
narrowest that removes its resource and nothing else:

- without dateparser: ``extractors.dates._parser`` (the only place dateparser is used)
  returns a parser that finds no date in any phrase, so ``dates.relative`` gives None for
  "tomorrow", "next Friday", "in 3 days". The phrase regexes, absolute dates ("2026-03-03",
  "May 5th", read by the module's own code) and "tonight" (answered before dateparser is
  asked) stay.
- without pint: ``extractors.units.registry`` returns a registry that knows no unit (its
  ``parse_units`` and ``Quantity`` raise, as pint does for a word that is no unit), so
  ``parse_unit`` knows only the module's hand-written temperature table ("C", "°F",
  "kelvin"), ``convert`` gives None and ``dimension`` "". Every caller (numbers, options,
  names, affinity, described units) sees that through the same functions.
- without pycountry: ``sys.modules["pycountry"]`` is a stand-in with no currencies, no
  languages and no countries (and ``countries.get`` gives None); every user imports it at
  call time, so the tables built from it lose its entries and keep their own: the everyday
  currency names and symbols ("dollars", "quid", "€"), the added language names
  ("Mandarin", "Farsi"), the country aliases ("USA", "UK") and the US states. Tickers lose
  the ISO 4217 codes they tell apart from stock symbols.
- without the gazetteer: ``extractors.places.CITY_TABLE`` points at an empty gzip file, so
  the gazetteer has no cities (nor their short names "NYC", time zones, states, or the
  US (city, state) pairs) but keeps the countries from pycountry, the aliases and the US
  states: those belong to the pycountry row and the module. Capitalised names after a place
  word are still proposed as places by the names extractor.

Timings run in fresh Pythons too: the import is timed with ``time.perf_counter`` around
``import X`` (median of ``--repeat`` runs), and first use is what the model pays on its first
request: dateparser's English parser and one relative date, pint's ``UnitRegistry`` (as
``units.registry()`` builds it), pycountry's three databases and the model's tables made
from them, the city table read into the gazetteer. Sizes are the files under each package's
directory (``__pycache__`` included); "brings along" is the dependencies installed only
because of that library (not needed by any other requirement of fcplayground), sized from
their installed file lists (``importlib.metadata``).

The patches and their probes are in ``ablation_patches.py``, the costs in ``ablation_costs.py``.

    python benchmarks/library_ablation.py [--limit N] [--show-changed N] [--repeat 3]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path
from typing import Any

from ablation_costs import cost_rows
from ablation_patches import PATCHES, clear_caches, patch_probes

from fcplayground.evals.report import table

CONFIGS = (
    "all",
    "without dateparser",
    "without pint",
    "without pycountry",
    "without the gazetteer",
)
BFCL_SUITES = ("simple_python", "multiple", "parallel", "irrelevance")
SUITES = ("everyday", *BFCL_SUITES)
HERE = Path(__file__).resolve()


# -- one configuration, in its own Python -------------------------------------------------


def _bfcl_module() -> types.ModuleType:
    """benchmarks/bfcl_simulated.py as a module (as tests/test_readme.py loads it)."""
    spec = importlib.util.spec_from_file_location(
        "bfcl_simulated", HERE.parent / "bfcl_simulated.py"
    )
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[spec.name] = module  # type: ignore[union-attr]  # for its dataclasses
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def run_config(config: str, limit: int | None) -> dict[str, Any]:
    """Every suite under one configuration: per suite, each case's id, verdict and request."""
    from fcplayground import ModelClient, offline
    from fcplayground.evals import Verdict, check, evaluate, everyday_cases, load
    from fcplayground.models import SimulatedModel

    bench = _bfcl_module()
    patch = PATCHES[config]
    if patch is not None:
        patch()
    clear_caches()
    probes = patch_probes()
    chosen = [p for name, group in probes.items() if config in ("all", name) for p in group.items()]
    seen = {label: probe() for label, probe in chosen}
    clear_caches()  # the probes filled some caches; every configuration starts empty

    start = time.perf_counter()
    suites: dict[str, list[tuple[str, bool, str]]] = {}
    cases = everyday_cases()[:limit] if limit else everyday_cases()
    client = ModelClient.offline(SimulatedModel(), provider="openai")
    run = evaluate(cases, client, cache=False, progress=False, suite="everyday")
    suites["everyday"] = [(r.id, bool(r.ok), r.request) for r in run.results]
    sdk = offline.openai_client(SimulatedModel())
    for category in BFCL_SUITES:
        outcomes = []
        for case in load(category, limit):
            calls, _text, errors = bench.ask(sdk, case)
            verdict = Verdict(False, False, errors) if errors else check(case, calls)
            asked = case.messages[-1].content if case.messages else ""
            outcomes.append((case.id, bool(verdict.ok), str(asked)))
        suites[category] = outcomes
    return {"suites": suites, "probes": seen, "seconds": time.perf_counter() - start}


def run_child(config: str, limit: int | None) -> dict[str, Any]:
    """Run one configuration in a fresh Python and read back what it found."""
    with tempfile.TemporaryDirectory(prefix="ablation-") as folder:
        out = Path(folder) / "result.json"
        command = [sys.executable, str(HERE), "--child", config, "--out", str(out)]
        if limit:
            command += ["--limit", str(limit)]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"{config!r} failed:\n{done.stderr}")
        return json.loads(out.read_text())


# -- what each library costs --------------------------------------------------------------


# -- the report ---------------------------------------------------------------------------


def accuracy(outcomes: list[list[Any]]) -> float:
    return 100 * sum(ok for _, ok, _ in outcomes) / max(1, len(outcomes))


def accuracy_table(results: dict[str, dict[str, Any]]) -> str:
    base = results["all"]["suites"]
    headers = ("configuration", *(f"{s} ({len(base[s])})" for s in SUITES), "s")
    rows = []
    for config, result in results.items():
        cells = []
        for suite in SUITES:
            score = accuracy(result["suites"][suite])
            delta = score - accuracy(base[suite])
            cells.append(f"{score:.1f}" if config == "all" else f"{score:.1f} ({delta:+.1f})")
        rows.append((config, *cells, f"{result['seconds']:.0f}"))
    return table(headers, rows)


def changed(base: list[list[Any]], other: list[list[Any]]) -> tuple[list, list]:
    """The cases ``other`` gets wrong that ``base`` got right (lost), and the reverse."""
    was = {case_id: ok for case_id, ok, _ in base}
    lost = [c for c in other if was[c[0]] and not c[1]]
    gained = [c for c in other if not was[c[0]] and c[1]]
    return lost, gained


def changed_table(results: dict[str, dict[str, Any]]) -> str:
    base = results["all"]["suites"]
    rows = []
    for config, result in list(results.items())[1:]:
        cells = []
        for suite in SUITES:
            lost, gained = changed(base[suite], result["suites"][suite])
            cells.append(f"-{len(lost)} +{len(gained)}" if lost or gained else "0")
        rows.append((config, *cells))
    return table(("configuration", *SUITES), rows)


def probe_table(results: dict[str, dict[str, Any]]) -> str:
    seen_all = results["all"]["probes"]
    rows = []
    for config, result in list(results.items())[1:]:
        for label, value in result["probes"].items():
            rows.append((config, label, seen_all[label], value))
    headers = ("configuration", "probe", "all", "patched")
    widths = [max(len(x) for x in col) for col in zip(headers, *rows, strict=True)]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip()
        for r in [headers, *rows]
    )


def show_changed(results: dict[str, dict[str, Any]], count: int) -> None:
    base = results["all"]["suites"]
    for config, result in list(results.items())[1:]:
        for suite in SUITES:
            lost, gained = changed(base[suite], result["suites"][suite])
            for word, cases in (("lost", lost), ("gained", gained)):
                if cases:
                    print(
                        f"\n== {config}, {suite}: {len(cases)} {word}, first {min(count, len(cases))}"
                    )
                    for case_id, _ok, asked in cases[:count]:
                        print(f"{case_id}: {' '.join(asked.split())[:110]!r}")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="at most N cases a suite")
    parser.add_argument(
        "--show-changed",
        type=int,
        default=0,
        metavar="N",
        help="list the first N cases each configuration loses (or gains) per suite",
    )
    parser.add_argument("--repeat", type=int, default=3, help="fresh Pythons per timing")
    parser.add_argument("--child", choices=CONFIGS, help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.child:
        Path(args.out).write_text(json.dumps(run_config(args.child, args.limit)))
        return
    start = time.perf_counter()
    results = {}
    for config in CONFIGS:
        results[config] = run_child(config, args.limit)
    print("Library ablation: the simulated model through the openai SDK offline\n")
    print("Full-call accuracy % (difference from all, in points):\n")
    print(accuracy_table(results))
    print("\ns: seconds to ask every suite in that configuration's Python.")
    print("\nCases lost (right with all, wrong without) and gained:\n")
    print(changed_table(results))
    print("\nEach patch, checked in its own Python:\n")
    print(probe_table(results))
    print(f"\n{len(CONFIGS)} configurations in {time.perf_counter() - start:.1f} s.")
    print(
        f"\nWhat each costs (ms: median of {args.repeat} fresh Pythons; the machine may be busy):\n"
    )
    headers = ("resource", "version", "on disk", "files", "brings along (only for it)",
               "import ms", "first use ms", "first use is")  # fmt: skip
    print(table(headers, cost_rows(args.repeat)))
    if args.show_changed:
        show_changed(results, args.show_changed)


if __name__ == "__main__":
    main()
