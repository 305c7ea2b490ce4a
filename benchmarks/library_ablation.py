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

    python benchmarks/library_ablation.py [--limit N] [--show-changed N] [--repeat 3]
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import importlib.metadata as metadata
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path
from typing import Any

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
LIBRARIES = ("dateparser", "pint", "pycountry")
HERE = Path(__file__).resolve()
TODAY = "2026-03-03"  # for the probes and the dateparser timing


# -- the patches ------------------------------------------------------------------------


class _NoDates:
    """A dateparser parser that finds no date."""

    def get_date_data(self, text: str) -> Any:
        return types.SimpleNamespace(date_obj=None)


class _NoUnits:
    """A pint registry that knows no unit."""

    def parse_units(self, text: str) -> Any:
        raise LookupError(f"no pint: {text!r} is not a unit")

    def Quantity(self, *args: Any) -> Any:  # noqa: N802 - pint's name
        raise LookupError("no pint: no quantities")


class _NoCountries(list):
    """pycountry's countries, empty: iterates over nothing and finds nothing."""

    def get(self, **kwargs: Any) -> None:
        return None


def without_dateparser() -> None:
    from fcplayground.models.simulated.extractors import dates

    dates._parser = lambda today: _NoDates()


def without_pint() -> None:
    from fcplayground.models.simulated.extractors import units

    units.registry = lambda: _NoUnits()


def without_pycountry() -> None:
    stand_in = types.ModuleType("pycountry", "pycountry taken away by library_ablation.py")
    stand_in.currencies = []  # type: ignore[attr-defined]
    stand_in.languages = []  # type: ignore[attr-defined]
    stand_in.countries = _NoCountries()  # type: ignore[attr-defined]
    sys.modules["pycountry"] = stand_in


def without_gazetteer() -> None:
    from fcplayground.models.simulated.extractors import places

    empty = Path(tempfile.mkdtemp(prefix="ablation-")) / "cities.tsv.gz"
    with gzip.open(empty, "wt", encoding="utf-8"):
        pass
    places.CITY_TABLE = empty


PATCHES = {
    "all": None,
    "without dateparser": without_dateparser,
    "without pint": without_pint,
    "without pycountry": without_pycountry,
    "without the gazetteer": without_gazetteer,
}


def clear_caches() -> int:
    """Empty every lru_cache of fcplayground's modules and the tool profiles; how many."""
    from fcplayground.models.simulated import profiles

    cleared = 0
    for name, module in list(sys.modules.items()):
        if name.startswith("fcplayground") and module is not None:
            for value in list(vars(module).values()):
                if hasattr(value, "cache_clear") and hasattr(value, "cache_info"):
                    value.cache_clear()
                    cleared += 1
    profiles._TOOLS.clear()
    return cleared


# -- the probes: what each patch changes, seen through the model's own functions ---------


def _place(name: str) -> str:
    from fcplayground.models.simulated.extractors import places

    found = places.lookup(name)
    return f"{found.kind} {found.country}" if found else "None"


def _probes() -> dict[str, dict[str, Any]]:
    from datetime import date

    from fcplayground.models.simulated.extractors import currencies, dates, languages, units

    today = date.fromisoformat(TODAY)

    def day(phrase: str) -> str:
        found = dates.relative(phrase, today)
        return found.isoformat() if found else "None"

    return {
        "without dateparser": {
            "relative('next Friday')": lambda: day("next Friday"),
            "relative('in 3 days')": lambda: day("in 3 days"),
            "relative('tonight')": lambda: day("tonight"),
        },
        "without pint": {
            "parse_unit('km/h')": lambda: str(units.parse_unit("km/h")),
            "parse_unit('celsius')": lambda: str(units.parse_unit("celsius")),
            "convert(5, 'kilometer', 'mile')": lambda: str(units.convert(5, "kilometer", "mile")),
        },
        "without pycountry": {
            "currency 'swedish krona'": lambda: str(currencies._table().get("swedish krona")),
            "currency 'euros'": lambda: str(currencies._table().get("euros")),
            "language 'french'": lambda: str(languages.table().get("french")),
            "place 'France'": lambda: _place("France"),
        },
        "without the gazetteer": {
            "place 'Paris'": lambda: _place("Paris"),
            "place 'California'": lambda: _place("California"),
            "place 'USA'": lambda: _place("USA"),
        },
    }


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
    probes = _probes()
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


def _python(code: str) -> float:
    """Run ``code`` in a fresh Python; the number (ms) it prints last."""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=HERE.parents[1]
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr)
    return float(done.stdout.split()[-1])


def _median_ms(code: str, repeat: int) -> float:
    return statistics.median(_python(code) for _ in range(repeat))


def _timed(setup: str, body: str) -> str:
    """Code that runs ``setup`` untimed, then prints the ms ``body`` takes."""
    return f"{setup}\nimport time\n_t = time.perf_counter()\n{body}\nprint((time.perf_counter() - _t) * 1000)"


_EXTRACTORS = "from fcplayground.models.simulated.extractors import currencies, dates, languages, places, units"
FIRST_USE = {
    "dateparser": (
        "parser + 1 relative date",
        f"import dateparser\nfrom datetime import date\n{_EXTRACTORS}",
        f"dates.relative('next Friday', date.fromisoformat({TODAY!r}))",
    ),
    "pint": ("UnitRegistry()", f"import pint\n{_EXTRACTORS}", "units.registry()"),
    "pycountry": (
        "3 databases + tables",
        f"import pycountry\n{_EXTRACTORS}",
        "currencies._pattern(); languages._pattern(); places.regions()",
    ),
    "gazetteer": (
        "read into gazetteer()",
        f"import pycountry\nlen(pycountry.countries)\n{_EXTRACTORS}",
        "places.gazetteer(); places.short_names(); places.us_cities()",
    ),
}


def _package_size(path: Path) -> tuple[int, int]:
    """(bytes, files) under a directory."""
    size = files = 0
    for folder, _dirs, names in os.walk(path):
        for name in names:
            size += os.path.getsize(os.path.join(folder, name))
            files += 1
    return size, files


def _requirements(dist: str) -> set[str]:
    """The distributions ``dist`` needs (no extras), by normalised name."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    out = set()
    for line in metadata.requires(dist) or []:
        req = Requirement(line)
        if req.marker is None or req.marker.evaluate({"extra": ""}):
            out.add(canonicalize_name(req.name))
    return out


def _closure(roots: set[str]) -> set[str]:
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        with contextlib.suppress(metadata.PackageNotFoundError):  # not installed: no size
            todo += _requirements(name)
    return seen


def _dist_size(dist: str) -> int:
    found = metadata.distribution(dist)
    total = 0
    for file in found.files or []:
        with contextlib.suppress(OSError):  # listed but not on disk
            total += os.path.getsize(found.locate_file(file))
    return total


def brings_along(library: str) -> list[tuple[str, int]]:
    """The distributions installed only for ``library``, with their sizes."""
    others = _requirements("fcplayground") - {library}
    needed_anyway = _closure(others)
    only = _closure({library}) - {library} - needed_anyway
    return sorted(((name, _dist_size(name)) for name in only), key=lambda x: -x[1])


def _mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def cost_rows(repeat: int) -> list[tuple[str, ...]]:
    rows = []
    for library in (*LIBRARIES, "gazetteer"):
        what, setup, body = FIRST_USE[library]
        first = _median_ms(_timed(setup, body), repeat)
        if library == "gazetteer":
            table = HERE.parents[1] / "fcplayground/models/simulated/data/cities.tsv.gz"
            with gzip.open(table, "rt", encoding="utf-8") as f:
                rows_in_table = sum(1 for _ in f)
            rows.append(
                ("GeoNames cities", f"{rows_in_table:,} rows", _mb(table.stat().st_size), "1",
                 "-", "-", f"{first:.0f}", what)
            )  # fmt: skip
            continue
        module = importlib.import_module(library)
        size, files = _package_size(Path(module.__file__).parent)  # type: ignore[arg-type]
        extra = brings_along(library)
        along = ", ".join(f"{n} {_mb(s)}" for n, s in extra) or "-"
        imported = _median_ms(_timed("", f"import {library}"), repeat)
        rows.append(
            (library, metadata.version(library), _mb(size), f"{files:,}", along,
             f"{imported:.0f}", f"{first:.0f}", what)
        )  # fmt: skip
    return rows


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
