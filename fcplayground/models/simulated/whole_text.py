"""Whole text: parameters read from the whole request (enums, units, booleans, arrays).

An allowed value named anywhere in the request, a value the parameter's description
gives for a word of the request ("USD for dollars"), the unit the numbers came in, a flag
the request asks for or rules out, a written list: these need no single value found
next to the parameter's own words.
"""

from __future__ import annotations

import re
from typing import Any

from .filled import Argument
from .kinds import FITS, affinity, coerce, cue_terms, described_options, mention_value, param_kind
from .repeats import listed_runs
from .values import UNITS, Mention
from .words import split_identifier, stem, terms


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


def array_value(
    prop: dict[str, Any], name: str, text: str, mentions: list[Mention], used: set[int], loose: bool
) -> tuple[list[Any], str] | None:
    """A list for an array parameter: a written list, a pair in brackets, a run of numbers
    after the parameter's words, named allowed values; with ``loose``, any listed values."""
    item = prop.get("items", {}) if isinstance(prop.get("items"), dict) else {}
    cues = cue_terms(name, prop)
    lists = [m for m in mentions if m.kind == "list" and id(m) not in used]
    lists.sort(key=lambda m: -affinity(text, m, name, cues))
    if lists:
        used.add(id(lists[0]))
        value = lists[0].value
        items = list(value) if isinstance(value, (list, tuple)) else [value]
        return [coerce(v, item) for v in items], f"the list {lists[0].text}"
    if "enum" in item:
        found = [
            o
            for o in item["enum"]
            if re.search(rf"(?<![a-z0-9]){re.escape(str(o).lower())}(?![a-z0-9])", text.lower())
        ]
        return (found, "allowed values named in the request") if found else None
    kind = param_kind("item", item)
    for run in listed_runs(
        text, mentions, used, FITS.get(kind, []) if kind != "string" else ["quoted", "proper"]
    ):
        if (loose and len(run) >= 1) or (len(run) >= 2 and affinity(text, run[0], name, cues) >= 2):
            used.update(id(m) for m in run)
            return [mention_value(m, "item", item) for m in run], "the values listed in the request"
    return None


# "USD for dollars", "'C' for Celsius": a description that says which value a word means.
_MEANS = re.compile(
    r"""(?<!\w)([A-Z][A-Z0-9_]{0,9}|'[^'\n]{1,20}'|"[^"\n]{1,20}")\s+for\s+([A-Za-z]+)"""
)


def _described_value(name: str, prop: dict[str, Any], text: str) -> Argument | None:
    """The value the parameter's description gives for a word of the request."""
    said = {stem(w.lower()) for w in re.findall(r"[A-Za-z]+", text)}
    for m in _MEANS.finditer(str(prop.get("description", ""))):
        value = m.group(1).strip("'\"")
        if stem(m.group(2).lower()) in said and value in prop.get("enum", [value]):
            return Argument(
                value,
                f"{m.group(2)!r} is in the request and the description of {name} says "
                f"{m.group(0)!r}",
            )
    return None


def whole_text(
    name: str, prop: dict[str, Any], kind: str, text: str, mentions: list[Mention], used: set[int]
) -> Argument | None:
    options = prop.get("enum") or described_options(prop)
    if (
        options
        and kind in ("enum", "string", "text", "unit")
        and (hit := _enum_value(text, options))
    ):
        return Argument(hit[0], hit[1])
    if kind in ("enum", "string", "text", "unit", "currency") and (
        hit1 := _described_value(name, prop, text)
    ):
        return hit1
    if kind == "unit" and (unit := _unit_value(name, text, mentions)):
        return Argument(unit, f"the unit {unit!r} in the request")
    if kind == "bool" and (hit2 := _bool_value(text, name)):
        return Argument(hit2[0], hit2[1])
    if kind == "array" and (hit3 := array_value(prop, name, text, mentions, used, False)):
        return Argument(hit3[0], hit3[1], from_value=True)
    return None
