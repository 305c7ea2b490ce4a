"""Kinds: what value a parameter wants, and which words of a request point at it.

A parameter's *kind* (a number, an email, a place, a unit, free text, ...) comes from
its JSON type, name, format and description; :data:`FITS` says which kinds of value
found in the text can fill it. Its cue words ("radius", "height") and the units that
measure it tell how strongly a value in the text belongs to it.
"""

from __future__ import annotations

import re
from typing import Any

from .values import Mention
from .words import split_identifier, stem, terms

KIND_WORDS = {
    "email": {"email", "mail"},
    "date": {"date", "day", "birthday", "deadline", "dob", "when", "datetime"},
    "month": {"month"},
    "url": {"url", "link", "website", "site", "uri", "domain"},
    "id": {"id", "code", "sku", "ref", "reference", "identifier", "isbn", "ticker", "symbol"},
    "place": {"city", "location", "place", "country", "destination", "origin", "address",
              "venue", "region", "state", "area", "town", "where", "loc", "province", "county"},
    "currency": {"currency", "currencies"},
    "unit": {"unit", "units", "scale", "measurement"},
    "name": {"name", "artist", "person", "author", "player", "company", "team", "title", "brand",
             "product", "actor", "director", "band", "species", "character", "celebrity",
             "singer", "composer", "painter", "organization", "restaurant", "hotel", "movie",
             "song", "album", "book", "game", "user", "username", "customer", "who"},
    "text": {"query", "text", "message", "description", "subject", "content", "body",
             "question", "keyword", "keywords", "term", "topic", "prompt", "note", "comment",
             "reason", "condition", "expression", "function", "formula", "equation",
             "sentence", "phrase", "summary", "details", "instruction", "search"},
}  # fmt: skip
FITS = {  # which mention kinds can fill which parameter kinds, best first
    "number": ["number"],
    "email": ["email"],
    "date": ["date", "weekday", "month", "quoted"],
    "month": ["month", "date"],
    "url": ["url", "quoted"],
    "id": ["id", "code", "quoted", "number"],
    "place": ["proper", "quoted"],
    "name": ["proper", "quoted", "code", "id"],
    "text": ["math", "quoted"],
    "string": ["quoted", "proper", "code", "id", "email", "url", "date"],
    "unit": [],
    "currency": ["currency"],
    "enum": [],
    "bool": ["bool"],
    "array": ["list"],
    "object": [],
}


def param_kind(name: str, prop: dict[str, Any]) -> str:
    """What kind of value a parameter wants, from its type, format, name and description."""
    kind = prop.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "string")
    if kind is None and "anyOf" in prop:
        kind = next(
            (p.get("type") for p in prop["anyOf"] if p.get("type") not in (None, "null")), None
        )
    if "enum" in prop:
        return "enum"
    if kind in ("integer", "number"):
        return "number"
    if kind == "boolean":
        return "bool"
    if kind in ("array", "object"):
        return kind
    words = set(split_identifier(name))
    if prop.get("format") == "email":
        return "email"
    if prop.get("format") in ("date", "date-time"):
        return "date"
    if {"check", "in"} <= words or {"check", "out"} <= words or words & {"checkin", "checkout"}:
        return "date"  # check_in / check_out are dates, not places
    for k in ("email", "url", "date", "month", "currency", "id", "unit", "place", "text", "name"):
        if words & KIND_WORDS[k]:
            return k
    return "string"


def cue_terms(name: str, prop: dict[str, Any]) -> set[str]:
    """Words that announce this parameter's value in a request ("radius", "height")."""
    words = split_identifier(name)
    own = set(terms(" ".join(words))) | ({name.lower()} if len(name) <= 2 else set())
    if set(words) & {"start", "origin", "source", "from", "departure", "begin"}:
        own.add("from")
    if set(words) & {"end", "destination", "target", "to", "arrival"}:
        own.add("to")
    return own


def _window_before(text: str, start: int, words: int = 4) -> list[str]:
    return re.findall(r"[A-Za-z]+|=|:", text[:start])[-words:]


UNIT_CONCEPTS = {  # what a unit measures, so "5 seconds" can find a parameter called time
    "seconds": {"time", "duration"}, "minutes": {"time", "duration"},
    "hours": {"time", "duration", "hour"}, "days": {"day", "duration", "time"},
    "years": {"year", "duration", "time", "age"}, "months": {"month", "duration"},
    "weeks": {"week", "duration"}, "m": {"distanc", "length", "height", "width"},
    "km": {"distanc", "length"}, "miles": {"distanc", "length"}, "meters": {"distanc", "length", "height"},
    "feet": {"height", "length", "distanc", "width"}, "cm": {"length", "height", "width"},
    "kg": {"weight", "mass"}, "lbs": {"weight", "mass"}, "g": {"mass", "weight"},
    "USD": {"price", "amount", "cost", "budget", "salary", "incom", "valu", "investment"},
    "celsius": {"temperatur", "temp"}, "fahrenheit": {"temperatur", "temp"},
    "percent": {"rate", "percentag", "percent"},
}  # fmt: skip


def _similar(word: str, cues: set[str]) -> bool:
    """A request word that names a cue: same term, or one word the other's prefix
    ("accelerated" / "acceleration", "temp" / "temperature")."""
    w = word.lower()
    if w in cues or stem(w) in cues or (w.isalpha() and (t := terms(w)) and t[0] in cues):
        return True
    return len(w) >= 4 and any(
        len(c) >= 4 and (c.startswith(w[:6]) if len(w) >= 6 else c.startswith(w)) for c in cues
    )


def affinity(text: str, m: Mention, name: str, cues: set[str]) -> float:
    """How strongly the words around a value point at this parameter: the words just
    before it ("radius of 10", "a=2"), the noun just after it ("3 bedrooms"), its unit."""
    after = re.match(r"\s*([A-Za-z]+)", text[m.end :])
    if after and not m.unit and _similar(after.group(1), cues):
        return 3.2
    before = _window_before(text, m.start)
    raw = [w.lower() for w in before]
    if len(raw) > 1 and raw[-1] in ("=", ":") and _similar(raw[-2], cues):
        return 4.0
    hits = [i for i, w in enumerate(raw) if w not in ("=", ":") and _similar(w, cues)]
    near = 2.0 + 0.5 * (hits[-1] - len(raw) + 4) if hits else 0.0
    if m.unit and (set(terms(m.unit)) | UNIT_CONCEPTS.get(m.unit, set())) & cues:
        near = max(near, 2.6)  # "10 years" for number_of_years, "5 seconds" for time
    return near


def mention_value(m: Mention, name: str, prop: dict[str, Any]) -> Any:
    """A mention's value for a parameter: "5%" is 0.05 unless the parameter counts percent."""
    value = m.value
    if m.unit == "percent" and isinstance(value, (int, float)):
        said = f"{name} {prop.get('description', '')}".lower()
        if "percent" not in said:
            value = round(value / 100, 10)
    return coerce(value, prop)


def coerce(value: Any, prop: dict[str, Any]) -> Any:
    kind = prop.get("type")
    if kind == "integer" and isinstance(value, float) and value.is_integer():
        return int(value)
    if kind == "number" and isinstance(value, int):
        return value
    if kind == "string" and not isinstance(value, str):
        return str(value)
    return value


def described_options(prop: dict[str, Any]) -> list[str]:
    """Values a description lists in quotes ("'real' or 'all'"), read as allowed values."""
    return re.findall(r"['\"]([A-Za-z][\w /-]{0,30})['\"]", str(prop.get("description", "")))


def described_default(prop: dict[str, Any]) -> Any:
    m = re.search(
        r"default(?:s)?(?: value)?(?: is| to|:)?\s*['\"]?(true|false)\b",
        str(prop.get("description", "")),
        re.I,
    )
    return (m.group(1).lower() == "true") if m else None
