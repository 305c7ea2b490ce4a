"""What each field resource of the simulated model costs, for ``library_ablation.py``: its
size on disk, the dependencies installed only for it, its import time and its first use,
each timed in fresh Pythons (median of ``repeat`` runs).
"""

from __future__ import annotations

import contextlib
import gzip
import importlib
import importlib.metadata as metadata
import os
import statistics
import subprocess
import sys
from pathlib import Path

from ablation_patches import TODAY

LIBRARIES = ("dateparser", "pint", "pycountry")
ROOT = Path(__file__).resolve().parents[1]


def _python(code: str) -> float:
    """Run ``code`` in a fresh Python; the number (ms) it prints last."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
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
    """One row per resource: version, size, files, what it brings along, import and first use."""
    rows = []
    for library in (*LIBRARIES, "gazetteer"):
        what, setup, body = FIRST_USE[library]
        first = _median_ms(_timed(setup, body), repeat)
        if library == "gazetteer":
            table = ROOT / "fcplayground/models/simulated/data/cities.tsv.gz"
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
