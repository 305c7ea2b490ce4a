"""Named test sets, as the ``fcplayground eval --suite`` option knows them.

- ``bfcl:<category>``: one BFCL category, e.g. ``bfcl:multiple`` or ``bfcl:live_simple``;
- ``bfcl``: every non-live BFCL category; ``bfcl:live``: every live one (unseen data);
- ``support_desk`` and ``travel``: the scenario test sets;
- ``everyday``: the behaviour battery, plain requests against 26 first tools a learner
  writes (:mod:`fcplayground.evals.everyday`);
- ``examples``: requests whose right call depends on the tools' example inputs
  (:mod:`fcplayground.evals.examples`).

Several names may be joined with commas: ``bfcl:simple_python,support_desk``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from . import bfcl
from .cases import Case

# Each scenario set's module and function, imported when the set is loaded: the scenarios build
# databases, and ``fcplayground eval --help`` only needs the names.
SCENARIOS: dict[str, tuple[str, str]] = {
    "support_desk": (".batteries", "support_desk_cases"),
    "travel": (".batteries", "travel_cases"),
    "everyday": (".everyday", "everyday_cases"),
    "examples": (".examples", "examples_cases"),
}
SUITES = (
    *(f"bfcl:{c}" for c in bfcl.CATEGORIES + bfcl.LIVE_CATEGORIES),
    "bfcl",
    "bfcl:live",
    *SCENARIOS,
)


def load_suite(name: str, limit: int | None = None) -> list[Case]:
    """The cases of a suite (comma-separated names allowed); ``limit`` caps each part
    (each BFCL category, each scenario set)."""
    cases: list[Case] = []
    for part in (p.strip() for p in name.split(",")):
        if not part:
            continue
        if part in SCENARIOS:
            cases += scenario_cases(part)[:limit]
        elif part in ("bfcl", "bfcl:live"):
            categories = bfcl.CATEGORIES if part == "bfcl" else bfcl.LIVE_CATEGORIES
            cases += [c for category in categories for c in bfcl.load(category, limit)]
        elif part.startswith("bfcl:") and part[5:] in bfcl.CATEGORIES + bfcl.LIVE_CATEGORIES:
            cases += bfcl.load(part[5:], limit)
        else:
            raise ValueError(f"Unknown suite {part!r}. Known suites: {', '.join(SUITES)}.")
    if not cases:
        raise ValueError(f"No cases in suite {name!r}; name one of: {', '.join(SUITES)}.")
    return cases


def scenario_cases(name: str) -> list[Case]:
    """The cases of the scenario set ``name`` (a key of :data:`SCENARIOS`)."""
    module, function = SCENARIOS[name]
    make: Callable[[], list[Case]] = getattr(importlib.import_module(module, __package__), function)
    return make()
