"""Place hierarchies: "Naples, Florida", "El Gastor, Andalusia", "Berkeley, CA, USA",
"2020 Addison Street, Berkeley, CA": one place written from the smallest part to the
largest, commas between, read as one place (its parts stay readable for parameters of
their own).

Commas alone join the parts; a list of places says "and" or "or" ("Paris, London and
Tokyo"), and its items are places of one size, so a city after a city starts a list.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..vocabulary import Kind, Tag
from .base import Candidate
from .places import folded, gazetteer, regions

_BIG_CITY = 500_000  # a city this big is meant before a state or province of its name
_COMMA = re.compile(r",\s?")
_STREET = re.compile(
    r"(?<![\w-])\d{1,6}[A-Za-z]?\s(?:[A-Z][\w'-]*\s){0,3}"
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Place|Pl|Court|Ct)\.?$"
)


@lru_cache(maxsize=1)
def _subdivisions() -> frozenset[str]:
    """The folded names of every country's states and provinces (pycountry)."""
    import pycountry

    return frozenset(folded(s.name) for s in pycountry.subdivisions)


def _level(c: Candidate) -> int:
    """How large a place is: 2 a country, 1 a state or province, 0 anything smaller."""
    name = folded(str(c.value).strip())
    place = gazetteer().get(name)
    if place is not None and place.kind == "country":
        return 2
    if place is not None and place.kind == "city" and place.population >= _BIG_CITY:
        return 0  # "London, New York and Sydney": the city, not the state
    if name in regions() or name in _subdivisions() or (place and place.kind != "city"):
        return 1
    return 0


def _known(c: Candidate) -> bool:
    return Tag.KNOWN in c.tags or gazetteer().get(folded(str(c.value))) is not None


def _joins(text: str, a: Candidate, b: Candidate) -> bool:
    """Does ``b`` after "a, " name the larger place ``a`` lies in?"""
    if b.kind not in (Kind.PLACE, Kind.NAME) or a.kind not in (Kind.PLACE, Kind.NAME):
        return False
    if _street(text, a):
        return b.kind == Kind.PLACE
    if a.kind == Kind.NAME and b.kind == Kind.NAME:
        return False
    return _level(a) < _level(b) or not (_known(a) or _known(b))


def join_places(text: str, found: list[Candidate]) -> list[Candidate]:
    """The places of ``found`` joined into hierarchies; the parts kept as facets."""
    whole = sorted(
        (c for c in found if c.kind in (Kind.PLACE, Kind.NAME) and Tag.FACET not in c.tags),
        key=lambda c: c.start,
    )
    chains: list[list[Candidate]] = []
    for c in whole:
        last = chains[-1][-1] if chains else None
        if last and _COMMA.fullmatch(text[last.end : c.start]) and _joins(text, last, c):
            chains[-1].append(c)
        else:
            chains.append([c])
    parts: set[int] = set()
    joined: list[Candidate] = []
    for chain in chains:
        if len(chain) < 2 or (chain[0].kind != Kind.PLACE and not _street(text, chain[0])):
            continue
        start = _street_start(text, chain[0])
        value = text[start : chain[-1].end]
        tags = frozenset({Tag.KNOWN} | (chain[0].tags & {Tag.PLACE_CUE}))
        strength = max(c.strength for c in chain)
        joined.append(Candidate(Kind.PLACE, value, start, chain[-1].end, value, strength, tags=tags,
                                evidence="one place, its parts from the smallest"))  # fmt: skip
        parts |= {id(c) for c in chain}
    spans = [(j.start, j.end) for j in joined]
    out = [c.tagged(Tag.FACET) if id(c) in parts else c for c in found if not _covered(c, spans)]
    return out + joined


def _street(text: str, c: Candidate) -> bool:
    return _street_start(text, c) < c.start


def _street_start(text: str, c: Candidate) -> int:
    """Where a street address that ends with ``c`` starts ("2020 Addison Street")."""
    m = _STREET.search(text[max(0, c.start - 12) : c.end])
    return max(0, c.start - 12) + m.start() if m else c.start


def _covered(c: Candidate, spans: list[tuple[int, int]]) -> bool:
    """A number inside a joined address ("2020" of "2020 Addison Street") is no value of
    its own."""
    return c.kind == Kind.NUMBER and any(s <= c.start and c.end <= e for s, e in spans)
