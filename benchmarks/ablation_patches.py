"""The patches of ``library_ablation.py``: each takes exactly one field resource away from the
simulated model (dateparser, pint, pycountry, the GeoNames city table), and the probes that
show, through the model's own functions, that it took effect. Each configuration applies
its patch in a fresh Python, then empties the caches with :func:`clear_caches`.
"""

from __future__ import annotations

import gzip
import sys
import tempfile
import types
from pathlib import Path
from typing import Any

TODAY = "2026-03-03"  # for the probes and the dateparser timing


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
    """Relative dates find no date: dateparser's parser is one that finds nothing."""
    from fcplayground.models.simulated.extractors import dates

    dates._parser = lambda today: _NoDates()


def without_pint() -> None:
    """No unit is known: the units registry is one that knows none."""
    from fcplayground.models.simulated.extractors import units

    units.registry = lambda: _NoUnits()


def without_pycountry() -> None:
    """pycountry is a stand-in with no currencies, languages or countries."""
    stand_in = types.ModuleType("pycountry", "pycountry taken away by library_ablation.py")
    stand_in.currencies = []  # type: ignore[attr-defined]
    stand_in.languages = []  # type: ignore[attr-defined]
    stand_in.countries = _NoCountries()  # type: ignore[attr-defined]
    sys.modules["pycountry"] = stand_in


def without_gazetteer() -> None:
    """The gazetteer reads an empty city table."""
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


def patch_probes() -> dict[str, dict[str, Any]]:
    """For each configuration, what to ask the model's functions to see its patch work."""
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
