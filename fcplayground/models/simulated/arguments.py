"""Arguments: fill a tool's parameters from the words of a request and earlier results.

Each parameter gets a *kind* from its JSON type, name, format and description (a
number, an email, a place, a unit, free text, ...). Values of that kind found in the
text compete for it; a value right after the parameter's own words ("radius of 10",
"a=2") wins, the rest go in order of appearance. Several values for one parameter,
joined by "and" or commas ("Paris and Tokyo"), mean several calls. A required value
that cannot be found is never made up: it is reported missing, unless a call is forced.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from ...chat import ToolSpec
from .values import UNITS, Mention
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
LIST_JOINS = re.compile(
    r"^\s*(?:,|and|or|&|vs\.?|versus|,\s*and|,\s*or|as well as)\s*(?:in|of|for|at|to|from|the)?\s*$",
    re.I,
)
CUES_BEFORE_TEXT = [  # the words after these describe a free-text value; strongest first
    re.compile(
        r"\b(?:about|regarding|saying|that says|titled|named|called|concerning)\s+(.+)$", re.I
    ),
    re.compile(r"\b(?:for|on|of|with)\s+(.+)$", re.I),
]


@dataclass
class Argument:
    """One argument: its value, where it came from, and whether it is a guess."""

    value: Any
    source: str
    guessed: bool = False
    from_value: bool = False  # taken from a value found in the text (not a default)


@dataclass
class Filled:
    """The arguments found for one call, and the required parameters still missing."""

    arguments: dict[str, Argument] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    # Missing parameters the request points at a result for ("email her the answer").
    refers: dict[str, str] = field(default_factory=dict)

    def values(self) -> dict[str, Any]:
        return {k: a.value for k, a in self.arguments.items()}


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


def _cue_terms(name: str, prop: dict[str, Any]) -> set[str]:
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


def _affinity(text: str, m: Mention, name: str, cues: set[str]) -> float:
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


def _enum_value(text: str, options: list[Any]) -> tuple[Any, str] | None:
    low = text.lower()
    for option in options:
        o = str(option).lower()
        if re.search(rf"(?<![a-z0-9]){re.escape(o)}(?![a-z0-9])", low):
            return option, f"the word {option!r} in the request is one of the allowed values"
    words = set(terms(text))
    for option in options:
        option_terms = terms(str(option))
        if option_terms and all(t in words for t in option_terms):
            return (
                option,
                f"the request mentions {option!r} (allowed values: {', '.join(map(str, options))})",
            )
        for w in re.findall(r"[a-z]+", low):  # "descending" for "desc"
            o = str(option).lower()
            if len(o) >= 3 and w.startswith(o) and len(w) > len(o):
                return option, f"{w!r} in the request reads as the allowed value {option!r}"
    return None


def _unit_value(name: str, text: str, mentions: list[Mention]) -> str | None:
    """A unit for a unit parameter. One that converts ("to_unit") wants the unit the
    request asks the answer in ("in km/h"); others the unit the numbers came in."""
    asked = re.search(r"\b(?:in|into|to|as)\s+(km/h|m/s|[A-Za-z°/³²]+)", text)
    asked_unit = asked.group(1) if asked and asked.group(1).lower() in UNITS else None
    if asked_unit and set(split_identifier(name)) & {"to", "target", "output", "result", "desired"}:
        return asked_unit
    for m in mentions:
        if m.kind == "number" and m.unit:
            return m.text[len(re.match(r"[-+]?\$?[\d,.]+\s?", m.text).group(0)) :] or m.unit  # type: ignore[union-attr]
    if asked_unit:
        return asked_unit
    for w in re.findall(r"[A-Za-z/°]+", text):
        if (
            w.lower() in UNITS
            and len(w) > 2
            and w.lower() not in ("in", "day", "days", "year", "years")
        ):
            return w
    return None


def _bool_value(text: str, name: str) -> tuple[bool, str] | None:
    own = [
        t
        for t in terms(" ".join(split_identifier(name)))
        if t not in ("include", "is", "use", "get", "show", "with")
    ]
    words = terms(text)
    if own and any(t in words for t in own):
        negated = re.search(
            r"\b(?:no|not|without|exclude|don't|do not|never)\b[^.,;]{0,30}"
            + re.escape(split_identifier(name)[-1][:4]),
            text,
            re.I,
        )
        value = not negated
        return (
            value,
            f"the request {'rules out' if negated else 'asks for'} {name.replace('_', ' ')}",
        )
    return None


def _value(m: Mention, name: str, prop: dict[str, Any]) -> Any:
    """A mention's value for a parameter: "5%" is 0.05 unless the parameter counts percent."""
    value = m.value
    if m.unit == "percent" and isinstance(value, (int, float)):
        said = f"{name} {prop.get('description', '')}".lower()
        if "percent" not in said:
            value = round(value / 100, 10)
    return _coerce(value, prop)


def _coerce(value: Any, prop: dict[str, Any]) -> Any:
    kind = prop.get("type")
    if kind == "integer" and isinstance(value, float) and value.is_integer():
        return int(value)
    if kind == "number" and isinstance(value, int):
        return value
    if kind == "string" and not isinstance(value, str):
        return str(value)
    return value


def _array_value(
    prop: dict[str, Any], name: str, text: str, mentions: list[Mention], used: set[int], loose: bool
) -> tuple[list[Any], str] | None:
    """A list for an array parameter: a written list, a pair in brackets, a run of numbers
    after the parameter's words, named allowed values; with ``loose``, any listed values."""
    item = prop.get("items", {}) if isinstance(prop.get("items"), dict) else {}
    cues = _cue_terms(name, prop)
    lists = [m for m in mentions if m.kind == "list" and id(m) not in used]
    lists.sort(key=lambda m: -_affinity(text, m, name, cues))
    if lists:
        used.add(id(lists[0]))
        value = lists[0].value
        items = list(value) if isinstance(value, (list, tuple)) else [value]
        return [_coerce(v, item) for v in items], f"the list {lists[0].text}"
    if "enum" in item:
        found = [
            o
            for o in item["enum"]
            if re.search(rf"(?<![a-z0-9]){re.escape(str(o).lower())}(?![a-z0-9])", text.lower())
        ]
        return (found, "allowed values named in the request") if found else None
    kind = param_kind("item", item)
    for run in _runs(
        text, mentions, used, FITS.get(kind, []) if kind != "string" else ["quoted", "proper"]
    ):
        if (loose and len(run) >= 1) or (
            len(run) >= 2 and _affinity(text, run[0], name, cues) >= 2
        ):
            used.update(id(m) for m in run)
            return [_value(m, "item", item) for m in run], "the values listed in the request"
    return None


def _runs(
    text: str, mentions: list[Mention], used: set[int], kinds: list[str]
) -> list[list[Mention]]:
    """Runs of values of the given kinds joined by list words ("12, 24 and 36")."""
    runs: list[list[Mention]] = []
    for m in mentions:
        if m.kind not in kinds or id(m) in used or "word" in m.tags:
            continue
        if runs and _listed(text, mentions, runs[-1][-1], m):
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def fill(
    spec: ToolSpec, text: str, mentions: list[Mention], results: list[tuple[str, Any]]
) -> list[Filled]:
    """Arguments for calling ``spec`` about ``text``: one :class:`Filled` per call.

    ``results`` are earlier tool results, newest first, as (tool name, parsed JSON).
    """
    props: dict[str, Any] = spec.parameters.get("properties", {})
    required = set(spec.parameters.get("required", []))
    kinds = {name: param_kind(name, prop) for name, prop in props.items()}
    if "array" not in kinds.values():  # "(45, 60)" gives two numbers to a tool without lists
        mentions = _spread_lists(text, mentions)
    first = Filled()
    used: set[int] = set()
    taken_by: dict[str, Mention] = {}

    # 1. Values a parameter's own words point at ("radius of 10", "a=2"), best first.
    candidates = []
    digits = any(m.kind == "number" and "word" not in m.tags for m in mentions)
    for name, prop in props.items():
        fits = FITS.get(kinds[name], [])
        cues = _cue_terms(name, prop)
        for order, m in enumerate(mentions):
            if m.kind in fits and not (digits and "word" in m.tags):  # "two numbers: 36, 48"
                rank = fits.index(m.kind)
                candidates.append((_affinity(text, m, name, cues), -rank, -order, name, m))
    for affinity, _, _, name, m in sorted(candidates, key=lambda c: (-c[0], -c[1], -c[2])):
        if affinity >= 2.0 and name not in first.arguments and id(m) not in used:
            if (
                kinds[name] == "place"
                and m.kind == "proper"
                and not m.place
                and any(x.place and id(x) not in used for x in mentions)
            ):
                continue
            first.arguments[name] = Argument(
                _value(m, name, props[name]),
                f"{m.text!r} follows the words for {name!r}",
                from_value=True,
            )
            used.add(id(m))
            taken_by[name] = m

    # 2. Kinds that are read from the whole text: enums, units, booleans, arrays.
    for name, prop in props.items():
        if name not in first.arguments and (
            hit := _whole_text(name, prop, kinds[name], text, mentions, used)
        ):
            first.arguments[name] = hit

    # 3. Required parameters take the remaining values of their kind in order of appearance,
    #    the most particular kinds first: a place goes to "location" before "genre" sees it.
    for name, prop in sorted(props.items(), key=lambda kv: _GENERAL.get(kinds[kv[0]], 0)):
        if name in first.arguments or name not in required:
            continue
        if m := _next_value(kinds[name], mentions, used):
            first.arguments[name] = Argument(
                _value(m, name, prop),
                f"{m.text!r} is the next {kinds[name]} value in the request",
                from_value=True,
            )
            used.add(id(m))
            taken_by[name] = m

    # 4. Earlier results can supply what the text does not ("her customer id").
    for name in [n for n in props if n not in first.arguments]:
        if hit4 := _from_results(name, props[name], results):
            first.arguments[name] = hit4

    # 5. Last resorts from the text itself: free text, the words the tool does not explain,
    #    and booleans the request does not ask for.
    for name, prop in props.items():
        if name in first.arguments or name not in required:
            continue
        if kinds[name] == "text" and (phrase := _free_text(text, spec)) and _refers(phrase):
            first.refers[name] = phrase  # a result will say it: wait for one
        elif hit5 := _fallback(name, prop, kinds[name], text, spec, used, mentions):
            first.arguments[name] = hit5

    first.missing = [n for n in props if n in required and n not in first.arguments]
    calls = [first, *_repeats(first, props, text, mentions, used, taken_by, kinds)]
    return calls + _option_repeats(first, props, kinds, text)


def _option_repeats(
    first: Filled, props: dict[str, Any], kinds: dict[str, str], text: str
) -> list[Filled]:
    """More calls for allowed values listed together ("copper and aluminum")."""
    for name, prop in props.items():
        options = prop.get("enum") or _described_options(prop)
        if name not in first.arguments or not options or kinds[name] not in ("enum", "string"):
            continue
        found = sorted(
            (m.start(), o)
            for o in options
            if (
                m := re.search(
                    rf"(?<![a-z0-9]){re.escape(str(o).lower())}(?![a-z0-9])", text.lower()
                )
            )
        )
        chain = [found[0]] if found else []
        for pos, option in found[1:]:
            gap = text[chain[-1][0] + len(str(chain[-1][1])) : pos]
            if re.fullmatch(r"\s*(?:,|and|or|,\s*and|,\s*or)\s*", gap, re.I):
                chain.append((pos, option))
        if len(chain) > 1 and first.arguments[name].value == chain[0][1]:
            extra = []
            for _, option in chain[1:]:
                call = Filled(dict(first.arguments), list(first.missing))
                call.arguments[name] = Argument(
                    option, f"{option!r} is another allowed value in the same list"
                )
                extra.append(call)
            return extra
    return []


_GENERAL = {"string": 2, "text": 2, "name": 1, "id": 1}


def _spread_lists(text: str, mentions: list[Mention]) -> list[Mention]:
    """Numbers written as a pair or list, one mention each (for tools that take no list)."""
    out: list[Mention] = []
    for m in mentions:
        items = m.value if m.kind == "list" and isinstance(m.value, list) else None
        numeric = items and all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in items
        )
        spots = list(re.finditer(r"[-+]?\d+(?:\.\d+)?", text[m.start : m.end])) if numeric else []
        if not numeric or len(spots) != len(items):
            out.append(m)
            continue
        for value, spot in zip(items, spots, strict=True):
            out.append(
                Mention(
                    "number", value, m.start + spot.start(), m.start + spot.end(), spot.group(0)
                )
            )
    return out


def _next_value(kind: str, mentions: list[Mention], used: set[int]) -> Mention | None:
    """The first unused value of a kind; spelled-out numbers ("two sides") come last."""
    fits = FITS.get(kind, [])
    pool = [m for m in mentions if m.kind in fits and id(m) not in used]
    if kind == "id":  # an id is written, never spelled out ("twice" is no order number)
        pool = [m for m in pool if "word" not in m.tags]
    if any("word" not in m.tags for m in pool if m.kind == "number"):  # "two sides as 4 and 5"
        pool = [m for m in pool if "word" not in m.tags]
    if kind == "place":
        pool.sort(key=lambda m: (not m.place, "opener" in m.tags))
    elif fits:  # names and strings: a place ("in Paris") is the least likely to be meant
        pool.sort(
            key=lambda m: (m.place, fits.index(m.kind), "word" in m.tags or "opener" in m.tags)
        )
    return pool[0] if pool else None


def _whole_text(
    name: str, prop: dict[str, Any], kind: str, text: str, mentions: list[Mention], used: set[int]
) -> Argument | None:
    options = prop.get("enum") or _described_options(prop)
    if (
        options
        and kind in ("enum", "string", "text", "unit")
        and (hit := _enum_value(text, options))
    ):
        return Argument(hit[0], hit[1])
    if kind == "unit" and (unit := _unit_value(name, text, mentions)):
        return Argument(unit, f"the unit {unit!r} in the request")
    if kind == "bool" and (hit2 := _bool_value(text, name)):
        return Argument(hit2[0], hit2[1])
    if kind == "array" and (hit3 := _array_value(prop, name, text, mentions, used, False)):
        return Argument(hit3[0], hit3[1], from_value=True)
    return None


def _described_options(prop: dict[str, Any]) -> list[str]:
    """Values a description lists in quotes ("'real' or 'all'"), read as allowed values."""
    return re.findall(r"['\"]([A-Za-z][\w /-]{0,30})['\"]", str(prop.get("description", "")))


def _fallback(
    name: str,
    prop: dict[str, Any],
    kind: str,
    text: str,
    spec: ToolSpec,
    used: set[int],
    mentions: list[Mention],
) -> Argument | None:
    if kind == "array" and (hit := _array_value(prop, name, text, mentions, used, True)):
        return Argument(hit[0], hit[1], from_value=True)
    if kind == "bool":
        default = prop.get("default", _described_default(prop))
        value = bool(default) if default is not None else False
        return Argument(
            value,
            "the request does not say; "
            + ("the described default" if default is not None else "so false"),
        )
    if kind in ("text", "string", "name"):
        if kind == "text" and (phrase := _free_text(text, spec)):
            return Argument(phrase, "the words of the request that describe it")
        if (
            kind == "text"
            and set(split_identifier(name)) & _SEARCHES
            and (q := _the_question(text))
        ):
            return Argument(q, "the request itself is what to search for")
        if phrase := _modifier(text, spec, mentions, used) or _unexplained_words(
            name, text, spec, mentions, used
        ):
            return Argument(
                phrase,
                f"{phrase!r}: words of the request that the tool's own description does not explain",
            )
    return None


def _described_default(prop: dict[str, Any]) -> Any:
    m = re.search(
        r"default(?:s)?(?: value)?(?: is| to|:)?\s*['\"]?(true|false)\b",
        str(prop.get("description", "")),
        re.I,
    )
    return (m.group(1).lower() == "true") if m else None


def _modifier(text: str, spec: ToolSpec, mentions: list[Mention], used: set[int]) -> str | None:
    """Words the tool does not know, right before one of its own words: the kind of thing
    asked for ("rock concerts", "a single room", "sushi restaurant")."""
    from .relevance import tool_words  # here, not at the top: relevance imports this module

    core = tool_words(spec).core
    known = set(tool_words(spec).weights)
    spans = [(m.start, m.end) for m in mentions if id(m) in used]
    words = [
        w
        for w in re.finditer(r"[A-Za-z][A-Za-z'-]*", text)
        if not any(a <= w.start() < b for a, b in spans)
    ]
    for i in range(1, len(words)):
        t = terms(words[i].group(0))
        if not t or t[0] not in core:
            continue
        run = []
        for w in reversed(words[max(0, i - 2) : i]):
            wt = terms(w.group(0))
            if (
                not wt
                or wt[0] in known
                or w.group(0).lower() in _FILLER
                or not w.group(0).islower()
            ):
                break
            run.insert(0, w.group(0))
        if run:
            return " ".join(run)
    return None


def _unexplained_words(
    name: str,
    text: str,
    spec: ToolSpec,
    mentions: list[Mention],
    used: set[int],
    anywhere: bool = False,
) -> str | None:
    """The first run of request words that neither the tool nor a used value accounts for."""
    from .relevance import tool_words  # here, not at the top: relevance imports this module

    known = set(tool_words(spec).weights)
    spans = [(m.start, m.end) for m in mentions if id(m) in used or m.kind == "weekday"]
    runs: list[list[str]] = []
    run: list[str] = []
    previous = ""  # the last word before the current run, skipping articles
    for w in re.finditer(r"[A-Za-z][A-Za-z'-]*", text):
        word = w.group(0)
        inside = any(a <= w.start() < b for a, b in spans)
        t = terms(word)
        if inside or not t or t[0] in known or word.lower() in _FILLER:
            if run:
                runs.append(run)
            run = []
            if word.lower() not in ("the", "a", "an", "my", "our", "their", "its"):
                previous = word.lower()
        elif run or previous in _VALUE_CUES or anywhere:  # a value follows "of", "for", ...
            run.append(word)
    if run:
        runs.append(run)
    return " ".join(runs[0]) if runs else None


_VALUE_CUES = {"of", "for", "in", "on", "about", "with", "from", "called", "named", "titled"}
_FILLER = {"find", "get", "calculate", "compute", "what", "whats", "give", "show", "tell", "me",
           "please", "determine", "retrieve", "fetch", "search", "look", "provide", "list",
           "information", "info", "details", "detail", "current", "latest", "some", "need",
           "want", "like", "know", "help", "check", "value", "result", "results"}  # fmt: skip


_SEARCHES = {"query", "q", "search", "keyword", "keywords", "question", "prompt", "term", "terms"}
_PRONOUNS = {"her", "him", "me", "them", "it", "us", "you", "this", "that", "one"}
_ASKING = re.compile(
    r"^(?:(?:please|hi|hello|hey)[, ]+)?(?:how (?:do|can|should) (?:i|we|you)|what(?:'s| is| are)"
    r"|can you|could you|would you|please|i (?:want|need|would like) to|help me)\s+",
    re.I,
)


def _free_text(text: str, spec: ToolSpec) -> str | None:
    """The words after a cue ("about a refund", "for password reset"), skipping a bare
    pronoun ("for her")."""
    for cue in CUES_BEFORE_TEXT:
        for m in cue.finditer(text):
            phrase = m.group(1).strip(" .?!,")
            words = phrase.split()
            if words and words[0].lower() in _PRONOUNS:
                phrase = " ".join(words[1:])
                phrase = (CUES_BEFORE_TEXT[0].search(phrase) or re.match(r"(.*)", phrase)).group(1)
            phrase = re.sub(r"^(?:the|a|an)\s+", "", phrase.strip(" .?!,"), flags=re.I)
            if phrase:
                return phrase
    return None


REFERENCES = {"answer", "result", "results", "information", "info", "details", "findings",
              "solution", "reply", "response", "it", "that", "this", "them", "what you find",
              "what you found"}  # fmt: skip


def _refers(phrase: str) -> bool:
    """Is a free-text phrase a pointer to a result ("the answer") rather than the text?"""
    return phrase.lower().strip(" .?!") in REFERENCES


def _the_question(text: str) -> str | None:
    """The request itself, without "how do I" or "please": what a search should look for."""
    question = _ASKING.sub("", text.strip()).strip(" .?!,")
    return question or None


# Result keys that answer a parameter under another name ("the answer" for an email body).
RESULT_ALIASES = {
    "body": {"snippet", "content", "answer", "summary", "text"},
    "message": {"snippet", "content", "answer", "summary", "text"},
    "subject": {"title"},
}


def _from_results(
    name: str, prop: dict[str, Any], results: list[tuple[str, Any]]
) -> Argument | None:
    wanted = set(terms(" ".join(split_identifier(name)))) or set(split_identifier(name))
    wanted |= RESULT_ALIASES.get(name, set())
    for tool, data in results:
        context = set(terms(" ".join(split_identifier(tool))))
        for key, value in _flatten(data):
            key_words = set(terms(" ".join(split_identifier(key)))) or set(split_identifier(key))
            alias = bool(RESULT_ALIASES.get(name, set()) & key_words)
            same = key == name or alias or (wanted <= key_words | context and key_words & wanted)
            if same and isinstance(value, (str, int, float, bool)):
                return Argument(_coerce(value, prop), f"the {key!r} in the result of {tool}")
    return None


def _flatten(data: Any, depth: int = 0) -> list[tuple[str, Any]]:
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except ValueError:
            return []
    if isinstance(data, list) and data and depth < 2:
        return _flatten(data[0], depth + 1)
    if not isinstance(data, dict) or depth > 2:
        return []
    out = [(k, v) for k, v in data.items()]
    for v in data.values():
        if isinstance(v, (dict, list)):
            out += _flatten(v, depth + 1)
    return out


def _repeats(
    first: Filled,
    props: dict[str, Any],
    text: str,
    mentions: list[Mention],
    used: set[int],
    taken_by: dict[str, Mention],
    kinds: dict[str, str],
) -> list[Filled]:
    """More calls for values listed together ("Paris and Tokyo", "3 and 4, 5 and 12")."""
    extra: list[Filled] = []
    last = dict(taken_by)
    while True:
        call = Filled(dict(first.arguments), list(first.missing))
        took = False
        for name, m in sorted(taken_by.items(), key=lambda kv: kv[1].start):
            nxt = next(
                (
                    o
                    for o in mentions
                    if id(o) not in used
                    and o.kind == m.kind
                    and o.start > last[name].start
                    and "word" not in o.tags
                    and _listed(text, mentions, last[name], o)
                ),
                None,
            )
            if nxt is not None:
                call.arguments[name] = Argument(
                    _value(nxt, name, props[name]),
                    f"{nxt.text!r} is another {name} in the same list",
                )
                used.add(id(nxt))
                last[name] = nxt
                took = True
        if not took:
            return extra
        extra.append(call)


def _listed(text: str, mentions: list[Mention], a: Mention, b: Mention) -> bool:
    """Are two values of one kind items of one list (only list words between them)?"""
    between = [m for m in mentions if a.end <= m.start and m.end <= b.start]
    gap = text[a.end : b.start]
    for m in sorted(between, key=lambda m: -m.start):  # other kinds may interleave
        gap = gap[: m.start - a.end] + "," + gap[m.end - a.end :]
    gap = re.sub(
        r"\b(?:respectively|minutes?|hours?|seconds?|another|also|the|for|in|of|at)\b", " ", gap
    )
    return bool(
        re.fullmatch(
            r"[\s,;&()]*(?:(?:and|or|vs\.?|versus|as well as)[\s,;&()]*)?"
            r"(?:,[\s,;&()]*(?:(?:and|or)[\s,;&()]*)?)*",
            gap,
        )
    )
