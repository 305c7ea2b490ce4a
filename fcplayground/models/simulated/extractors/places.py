"""Places: cities, countries and US states, recognised by a gazetteer.

Cities (``data/cities.tsv.gz``: an extract of the GeoNames gazetteer, see
``data/SOURCES.md``) and countries (from :mod:`pycountry`) are known. A known place is found in any letter case after a place
word ("weather in paris"), and written back capitalised; a capitalised name after a place
word that the gazetteer does not know is a place too (the names extractor proposes it).

The gazetteer also lets a place fill what a hosted model would derive from it: the IANA
time zone of a city ("Tokyo" -> ``Asia/Tokyo``) and, when a parameter asks for
"City, State", the state ("San Francisco" -> ``San Francisco, CA``).
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..vocabulary import Kind, Tag
from .base import Candidate, Extractor, Request, coerce
from .names import NOT_NAMES, PLACE_CUES

_TOKEN = re.compile(r"[A-Za-z][A-Za-z.'’-]*")
_CITY_STATE = re.compile(
    r"city,\s?state|(?:e\.g\.|eg\.?|such as|for example|example|like)[,:]?\s\(?['\"]?[A-Z][a-z]+(?: [A-Z][a-z]+)*, [A-Z]{2}\b|\bCity, ST\b",
    re.I,
)
_CITY_ST = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+)*, [A-Z]{2}")
_CITY_COUNTRY = re.compile(
    r"city,\s?country|e\.g\.,?\s['\"]?[A-Z][a-z]+(?: [A-Z][a-z]+)*, [A-Z][a-z]{3,}", re.I
)
# Place names that are everyday words when not capitalised, or names of other things.
_COMMON = {"nice", "reading", "mobile", "bath", "split", "orange", "independence", "hope",
           "university", "mission", "victoria", "florence", "eugene", "jackson", "lincoln",
           "washington", "cork", "sale", "most", "ede", "of", "as", "is", "la", "man", "deal",
           "march", "may", "june", "york", "best", "gay", "bar", "van", "zug", "ur", "asia",
           "ocean", "bend", "carrot", "nazareth", "paradise", "chicken"}  # fmt: skip


@dataclass(frozen=True)
class Place:
    """A gazetteer entry."""

    name: str
    country: str  # ISO 3166 alpha-2
    region: str  # a US state's two-letter code, else the GeoNames admin1 code
    timezone: str
    population: int
    kind: str  # "city", "country" or "state"


CITY_TABLE = Path(__file__).parents[1] / "data" / "cities.tsv.gz"
US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa",
    "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire",
    "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee",
    "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming", "DC": "District of Columbia",
}  # fmt: skip
_COUNTRY_ALIASES = {"usa": "US", "uk": "GB", "britain": "GB", "great britain": "GB",
                    "england": "GB", "scotland": "GB", "wales": "GB", "america": "US",
                    "russia": "RU", "south korea": "KR", "turkey": "TR", "holland": "NL",
                    "iran": "IR", "vietnam": "VN", "taiwan": "TW", "bolivia": "BO", "u.s": "US",
                    "u.s.": "US", "u.s.a": "US", "u.s.a.": "US", "u.k": "GB", "u.k.": "GB",
                    "uae": "AE", "czech republic": "CZ", "ivory coast": "CI"}  # fmt: skip


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, Place]:
    """Every known place by its lower-case name; a city with more people wins a name."""
    import pycountry

    places: dict[str, Place] = {}
    with gzip.open(CITY_TABLE, "rt", encoding="utf-8") as f:
        for line in f:  # most populous first
            name, country, region, zone, population, _ = line.rstrip("\n").split("\t")
            place = Place(name, country, region, zone, int(population), "city")
            for key in {name.lower(), folded(name), folded(name).removesuffix(" city")}:
                places.setdefault(
                    key, place
                )  # "São Paulo" is "sao paulo", "New York City" "new york"
    for code, name in US_STATES.items():
        places.setdefault(name.lower(), Place(name, "US", code, "", 0, "state"))
    for country in pycountry.countries:
        for name in {country.name, getattr(country, "common_name", country.name)}:
            places[name.lower()] = Place(name, country.alpha_2, "", "", 10**8, "country")
    for alias, code in _COUNTRY_ALIASES.items():
        written = alias.upper() if len(alias) <= 5 else alias.title()
        places[alias] = Place(written, code, "", "", 10**8, "country")
    return places


@lru_cache(maxsize=1)
def short_names() -> dict[str, Place]:
    """Big cities' short names as written in capitals: "LA", "NYC", "SFO"."""
    out: dict[str, Place] = {}
    with gzip.open(CITY_TABLE, "rt", encoding="utf-8") as f:
        for line in f:
            name, *_, aliases = line.rstrip("\n").split("\t")
            for alias in filter(None, aliases.split(",")):
                out.setdefault(alias, gazetteer()[folded(name)])
    return out


@lru_cache(maxsize=1)
def regions() -> frozenset[str]:
    """The lower-case names of US states and of countries: what may follow "City, "."""
    import pycountry

    names = {n.lower() for n in US_STATES.values()} | set(_COUNTRY_ALIASES)
    for country in pycountry.countries:
        names |= {country.name.lower(), getattr(country, "common_name", country.name).lower()}
    return frozenset(names)


def folded(name: str) -> str:
    """A name in lower case without accents: how people type it."""
    import unicodedata

    return "".join(
        c for c in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(c)
    )


def lookup(name: str) -> Place | None:
    """The gazetteer entry for a place name, if it has one."""
    return gazetteer().get(folded(name.strip(" .,")))


def find(request: Request) -> list[Candidate]:
    text = request.text
    tokens = list(_TOKEN.finditer(text))
    out: list[Candidate] = []
    i = 0
    while i < len(tokens):
        listed = (
            bool(out) and _LIST_GAP.fullmatch(text[out[-1].end : tokens[i].start()]) is not None
        )
        match = _place_at(text, tokens, i, listed)
        if match is None:
            i += 1
            continue
        n, place, written = match
        if _inside_name(text, tokens, i, i + n):
            i += 1  # "Chicago Bulls", "Isaac Newton": part of a longer name
            continue
        start = tokens[i].start()
        found, end = _readings(text, start, start + len(written), written, place, listed)
        out += found
        i = _index_at(tokens, end) + 1 if end > tokens[i + n - 1].end() else i + n
    return out


_LIST_GAP = re.compile(r",?\s(?:and|or|&)\s|,\s")


def _place_at(
    text: str, tokens: list[re.Match[str]], i: int, listed: bool
) -> tuple[int, Place, str] | None:
    """The longest place name (up to four words) starting at token i: (words, place, as written)."""
    for n in (4, 3, 2, 1):
        if i + n > len(tokens) or not _adjacent(text, tokens[i : i + n]):
            continue
        written = text[tokens[i].start() : tokens[i + n - 1].end()]
        before = text[max(0, tokens[i].start() - 20) : tokens[i].start()].rstrip()
        short = n == 1 and written in short_names() and not before.endswith(",")
        place = short_names()[written] if short else gazetteer().get(folded(written))
        if place is None and written.endswith("."):  # "the history of Rome.": a full stop
            written = written[:-1]
            place = gazetteer().get(folded(written))
        if place and _plausible(text, tokens[i].start(), written, place, listed):
            return n, place, written
    return None


def _readings(
    text: str, start: int, end: int, written: str, place: Place, listed: bool
) -> tuple[list[Candidate], int]:
    """The candidates for one place name, and where they end: "Miami, Florida" as written,
    and its parts for parameters of their own."""
    cue = listed or _cue(text, start)
    tags = frozenset({Tag.KNOWN} | ({Tag.PLACE_CUE} if cue else set()))
    value = place.name if written in short_names() or not written[0].isupper() else written
    strength = 1.0 if cue else 0.9
    region = _region_after(text, end, place)
    if not region:
        return [Candidate(Kind.PLACE, value, start, end, written, strength, tags=tags)], end
    after = _SPACE.match(text, text.index(",", end) + 1).end()
    whole = text[start:region]
    return [
        Candidate(Kind.PLACE, whole, start, region, whole, strength, tags=tags),
        Candidate(Kind.PLACE, value, start, end, written, strength - 0.05, tags=tags | {Tag.FACET}),
        Candidate(
            Kind.PLACE,
            text[after:region],
            after,
            region,
            text[after:region],
            0.6,
            tags=frozenset({Tag.KNOWN, Tag.FACET}),
        ),
    ], region


_STATE_CODE = re.compile(
    r",\s?([A-Z]\.?[A-Z]\.?)(?![A-Za-z])"
)  # "Portland, OR", "Washington, D.C."
_REGION_NAME = re.compile(r",\s?([A-Z][a-z]+(?: [A-Z][a-z]+)?)")
_SPACE = re.compile(r"\s*")


def _region_after(text: str, end: int, place: Place) -> int:
    """Where "Miami, Florida" or "Portland, OR" ends: a city, then its state or country."""
    if place.kind != "city":
        return 0
    city = text[max(0, end - 80) : end].split(",")[-1].strip()
    if m := _STATE_CODE.match(text, end):
        code = m.group(1).replace(".", "")
        return m.end() if code in US_STATES and _in_state(city, place, code) or code == "UK" else 0
    m = _REGION_NAME.match(text, end)
    if m:
        for length in (len(m.group(1)), len(m.group(1).split()[0])):
            name = m.group(1)[:length]
            if name.lower() in regions() and _within(city, place, name):
                return m.start(1) + length
    return 0


def _within(city: str, place: Place, region: str) -> bool:
    """Is ``region`` the city's state or country ("Miami, Florida"), not the next item of a
    list ("London, New York and Sydney")?"""
    code = next((c for c, n in US_STATES.items() if n.lower() == region.lower()), None)
    if code is not None:
        return _in_state(city, place, code)
    other = gazetteer().get(folded(region))
    return other is not None and other.kind == "country" and other.country == place.country


def _in_state(city: str, place: Place, code: str) -> bool:
    return place.country == "US" and (place.region == code or (folded(city), code) in us_cities())


@lru_cache(maxsize=1)
def _us_rows() -> tuple[tuple[str, str, int], ...]:
    """Every US (city, state, population) of the table, the most populous city of a name
    first."""
    with gzip.open(CITY_TABLE, "rt", encoding="utf-8") as f:
        rows = [line.split("\t") for line in f]
    return tuple((folded(r[0]), r[2], int(r[4] or 0)) for r in rows if r[1] == "US")


@lru_cache(maxsize=1)
def us_cities() -> frozenset[tuple[str, str]]:
    """Every (city, state) pair of the table: Springfield is in Illinois too."""
    return frozenset((city, state) for city, state, _ in _us_rows())


@lru_cache(maxsize=1)
def us_states_of() -> dict[str, tuple[str, int]]:
    """The state and population of the most populous US city of each name."""
    out: dict[str, tuple[str, int]] = {}
    for city, state, population in _us_rows():
        out.setdefault(city, (state, population))
    return out


def _index_at(tokens: list[re.Match[str]], position: int) -> int:
    """The index of the last token that ends at or before ``position``."""
    return max(i for i, t in enumerate(tokens) if t.end() <= position)


def _inside_name(text: str, tokens: list[re.Match[str]], i: int, j: int) -> bool:
    """Is the place at tokens i..j-1 part of a longer capitalised name?"""

    def capital(k: int) -> bool:
        word = tokens[k].group(0)
        return word[0].isupper() and word.lower() not in NOT_NAMES

    after = j < len(tokens) and text[tokens[j - 1].end() : tokens[j].start()] == " " and capital(j)
    before = i > 0 and text[tokens[i - 1].end() : tokens[i].start()] == " " and capital(i - 1)
    return after or before


def _adjacent(text: str, tokens: list[re.Match[str]]) -> bool:
    return all(text[a.end() : b.start()] == " " for a, b in zip(tokens, tokens[1:], strict=False))


def _cue(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start].split()
    return bool(before) and before[-1].lower().strip(",") in PLACE_CUES


def _plausible(text: str, start: int, written: str, place: Place, listed: bool) -> bool:
    low = written.lower()
    cued = listed or _cue(text, start)
    if low in NOT_NAMES or (low in _COMMON and not cued):
        return False
    if written[0].isupper():  # a small town without "in" is more likely a name ("John and Alice")
        return place.kind != "city" or place.population >= 100_000 or cued
    # lower case: only after a place word (or in a list of places), and only a sizeable place
    return cued and (place.kind != "city" or place.population >= 100_000)


def derive(slot_words: set[str], place_name: str) -> str | None:
    """The country, or US state, of a known city, for a parameter that asks for it."""
    place = lookup(place_name)
    if place is None or place.kind != "city":
        return None
    if slot_words & {"state", "province"} and place.country == "US":
        return US_STATES.get(place.region)
    if slot_words & {"country", "nation"}:
        return country_name(place.country)
    return None


def write_place(candidate: Candidate, slot) -> Any:
    """A place as the parameter asks: a city's time zone, "City, ST", or as written."""
    place = lookup(str(candidate.value))
    if slot.kind == Kind.TIMEZONE:
        return place.timezone if place and place.timezone else candidate.value
    said = f"{slot.description} {' '.join(slot.examples)}"
    if place and place.kind == "city" and "," not in str(candidate.value):
        us_format = _CITY_STATE.search(said) or any(_CITY_ST.fullmatch(e) for e in slot.examples)
        if us_format and place.country != "US":
            # "Santa Rosa" for a "City, ST" parameter: the US city of that name, if as big
            state, population = us_states_of().get(folded(str(candidate.value)), ("", 0))
            if state and population * 4 >= place.population:  # never Paris, TX for Paris
                return f"{_short_city(str(candidate.value), said)}, {state}"
        if place.country == "US" and us_format:
            return f"{_short_city(str(candidate.value), said)}, {place.region}"
        if _CITY_COUNTRY.search(said):
            return f"{candidate.value}, {country_name(place.country)}"
    return coerce(candidate.value, slot.json_type)


def _short_city(name: str, said: str) -> str:
    """ "New York City" is written "New York" before its state, as people write it (unless
    the parameter's own example keeps "City")."""
    if name.lower().endswith(" city") and not re.search(r"[A-Z][a-z]+ City, [A-Z]{2}", said):
        shorter = name[:-5]
        if gazetteer().get(folded(shorter)) is gazetteer().get(folded(name)):
            return shorter
    return name


def country_name(code: str) -> str:
    """A country's everyday name from its ISO 3166 alpha-2 code ("FR": "France")."""
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or (country.name if country else code)


EXTRACTOR = Extractor(
    Kind.PLACE,
    find,
    slot_words=frozenset(
        {
            "city",
            "location",
            "place",
            "country",
            "destination",
            "origin",
            "address",
            "venue",
            "region",
            "state",
            "area",
            "town",
            "where",
            "loc",
            "province",
            "county",
            "locale",
            "departure",
            "arrival",
            "airport",
            "near",
            "neighborhood",
            "district",
        }
    ),  # fmt: skip
    describes=re.compile(r"\b(?:city|location|country|place|region|town)\b", re.I),
    fills={Kind.NAME: 0.7, Kind.STRING: 0.6, Kind.TIMEZONE: 0.8, Kind.PHRASE: 0.6},
    convert=write_place,
)
