"""Allowed values (enums), matched by meaning: the option itself in any letter case, its
plural or other form ("kilometres" for "km" when the description says so), a synonym
("forecast" for "weather"), a longer word it abbreviates ("descending" for "desc"), or
the value a description gives for a word ("USD for dollars", "'C' for Celsius").

Options the description lists in quotes ("either 'summary' or 'full'") count as allowed
values of a plain string too.
"""

from __future__ import annotations

import re
from typing import Any

from ..vocabulary import Kind, Tag
from ..words import canonical, terms, words
from .base import Candidate, Extractor, Request
from .example_forms import signature

# "USD for dollars", "'C' for Celsius": a description that says which value a word means.
_MEANS = re.compile(
    r"""(?<!\w)([A-Z][A-Z0-9_]{0,9}|'[^'\n]{1,20}'|"[^"\n]{1,20}")\s(?:for|=|means)\s([A-Za-z]+)"""
)
# Words that put an option the other way round.
_SYNONYM_OPTIONS = {"on": {"on", "enable", "enabled", "start", "activate", "switch on", "turn on", "up", "dim", "brighten"},
                    "off": {"off", "disable", "disabled", "stop", "deactivate", "shut", "out", "kill", "switch off"}}  # fmt: skip


def _occurrence(text: str, low: str, option: str) -> tuple[int, int, str] | None:
    """Where ``option`` is named in ``text`` (positions), and how it was recognised."""
    o = option.lower().strip()
    if not o:
        return None
    m = re.search(rf"(?<![a-z0-9]){re.escape(o)}(?![a-z0-9])", low)
    if m:
        return m.start(), m.end(), "named"
    wanted = terms(option)
    if wanted:
        found = [w for w in words(text) if w.term in wanted]
        if found and {w.term for w in found} >= set(wanted):
            return found[0].start, found[-1].end, "the same word in another form"
    for alias in _SYNONYM_OPTIONS.get(o, ()):
        m = re.search(rf"\b{alias}\b", low)
        if m:
            return m.start(), m.end(), f"{alias!r} means {option!r}"
    if len(o) >= 4 and o.isalpha():
        m = re.search(rf"\b{re.escape(o)}[a-z]{{2,}}\b", low)
        if m:
            return m.start(), m.end(), f"{m.group(0)!r} is spelled out"
    return _same_unit(text, o)


# a unit as written after a number: "72°F", "10 km", "5 degrees C"
_UNIT_TOKEN = re.compile(
    r"(?<=\d)\s?(°\s?[CFcf]\b|degrees?\s(?:celsius|fahrenheit|[cf])\b|[A-Za-z]{1,15}\b)", re.I
)


def _same_unit(text: str, option: str) -> tuple[int, int, str] | None:
    """ "°F" for the option "fahrenheit", "kilometres" for "km": the unit the option names,
    written another way."""
    if not re.fullmatch(r"[a-z °_]{1,20}", option):
        return None
    from . import units

    wanted = units.parse_unit(option)
    if wanted is None:
        return None
    for m in _UNIT_TOKEN.finditer(text):
        if m.group(1).lower() != option and units.parse_unit(m.group(1)) == wanted:
            return m.start(1), m.end(1), f"{m.group(1)!r} is the unit {option!r}"
    return None


def _described(description: str, text: str, options: list[Any]) -> list[Candidate]:
    said = {canonical(w.lower()): w for w in re.findall(r"[A-Za-z]+", text)}
    out = []
    for m in _MEANS.finditer(description):
        value = m.group(1).strip("'\"")
        word = said.get(canonical(m.group(2).lower()))
        if word and (not options or value in options):
            pos = text.find(word)
            out.append(Candidate(Kind.ENUM, value, pos, pos + len(word), word,
                                 evidence=f"the description says {m.group(0)!r}"))  # fmt: skip
    return out


# "'1' represents cleaning service, and '2' ...", "1 for Bangkok, 2 for Chiang Mai": the
# number codes a description gives, each with what it stands for.
_CODE = re.compile(
    r"(?<![\w.'])'?(\d{1,3})'?\s(?:represents|stands for|means|is for|for|=|:|-)\s"
    r"(?:the\s|an?\s)?([A-Za-z][^,.;()\n'\"]{0,40})"
)
_CODE_END = re.compile(r"\s(?:and|or)\b.*$", re.I)


def coded_meanings(description: str) -> dict[int, str]:
    """The codes a description lists with their meanings (two or more), by code."""
    out: dict[int, str] = {}
    for m in _CODE.finditer(description):
        out.setdefault(int(m.group(1)), _CODE_END.sub("", m.group(2)).strip())
    return out if len(out) >= 2 else {}


def _coded(description: str, text: str, options: list[Any]) -> list[Candidate]:
    """The code whose meaning the request names ("ironing" for "2 represents ironing
    service"): the words that tell the meanings apart must all be there; a meaning with
    more of them named wins ("deep cleaning" over "cleaning")."""
    meanings = coded_meanings(description)
    if not meanings or (options and not set(meanings) <= set(options)):
        return []
    common = set.intersection(*(set(terms(m)) for m in meanings.values()))
    said = {w.term: w for w in words(text)}
    hits = []
    for code, meaning in meanings.items():
        wanted = (set(terms(meaning)) - common) or set(terms(meaning))
        if wanted and wanted <= set(said):
            hits.append((code, wanted, meaning))
    out = []
    for code, wanted, meaning in hits:
        if any(wanted < other for _, other, _ in hits):
            continue
        first = min((said[t] for t in wanted), key=lambda w: w.start)
        out.append(Candidate(Kind.ENUM, code, first.start, first.end, text[first.start:first.end],
                             evidence=f"the description says {code} means {meaning!r}"))  # fmt: skip
    return out


def maps_words(description: str) -> bool:
    """Does the description say which code a word means ("B for business")?"""
    return bool(_MEANS.search(description))


def quoted_options(description: str) -> list[str]:
    """Values a description lists in quotes ("'real' or 'all'"), read as allowed values."""
    return re.findall(r"['\"]([A-Za-z][\w /-]{0,30})['\"]", description)


def _cut_short(text: str, end: int) -> bool:
    """ "C" in "C# major": the words go on past the option with a sharp or flat sign."""
    return text[end : end + 1] in ("#", "♯", "♭")


def read(request: Request, slot) -> list[Candidate]:
    """The allowed values of ``slot`` that the request names, in order of position."""
    options = list(slot.enum) or quoted_options(slot.description)
    text, low = request.text, request.text.lower()
    found = _described(slot.description, text, options) + _coded(slot.description, text, options)
    for option in options:
        hit = _occurrence(text, low, str(option))
        if hit and _cut_short(text, hit[1]):
            continue
        if hit and not any(c.value == option for c in found):
            start, end, how = hit
            found.append(Candidate(Kind.ENUM, option, start, end, text[start:end], evidence=how))
    # a longer option named in full wins over a shorter one inside it ("vice president")
    found = [c for c in found if not any(o is not c and o.start <= c.start and c.end <= o.end
                                         and (o.end - o.start) > (c.end - c.start)
                                         and str(c.value).lower() in str(o.value).lower() for o in found)]  # fmt: skip
    # options that differ only in letter case ("AA", "aa"): the one written as it is wins
    found = [c for c in found if c.text == str(c.value) or not any(
        o is not c and (o.start, o.end) == (c.start, c.end) and o.text == str(o.value) for o in found)]  # fmt: skip
    # an option named as written wins over another reached through a related word there
    named = [c for c in found if c.evidence == "named"]
    found = [c for c in found if c.evidence == "named" or not any(o.overlaps(c) for o in named)]
    return sorted(found, key=lambda c: c.start)


def read_examples(request: Request, slot) -> list[Candidate]:
    """The examples a description gives ("e.g. vegan, gluten free"), where the request
    names one: written as the request writes it."""
    text, low = request.text, request.text.lower()
    out = []
    for example in slot.examples:
        hit = _occurrence(text, low, example)
        if hit and _cut_short(text, hit[1]):
            continue
        if hit and hit[2] != "the same word in another form" or hit and len(terms(example)) == 1:
            start, end, _ = hit
            out.append(Candidate(Kind.PHRASE, text[start:end], start, end, text[start:end], 0.9,
                                 evidence=f"an example the description gives ({example!r})",
                                 tags=frozenset({Tag.EXAMPLE})))  # fmt: skip
    return out + _shaped_like(text, slot.examples, out)


# A code as written: letters and digits, maybe joined by hyphens ("7B", "PS-5521").
_CODE_TOKEN = re.compile(r"(?<![\w-])[A-Za-z0-9]++(?:-[A-Za-z0-9]++)*+")


def _shaped_like(text: str, examples: tuple[str, ...], found: list[Candidate]) -> list[Candidate]:
    """Codes of the request with the form of a code the description gives as an example
    ("10A" for "like 7B or 10A")."""
    forms = {signature(e) for e in examples if _is_code(e)}
    if not forms:
        return []
    return [Candidate(Kind.PHRASE, m.group(0), m.start(), m.end(), m.group(0), 0.9,
                      evidence="the form of a code the description gives as an example",
                      tags=frozenset({Tag.EXAMPLE}))
            for m in _CODE_TOKEN.finditer(text)
            if _is_code(m.group(0)) and signature(m.group(0)) in forms
            and not any(f.start == m.start() for f in found)]  # fmt: skip


def _is_code(token: str) -> bool:
    return (
        bool(_CODE_TOKEN.fullmatch(token))
        and any(ch.isdigit() for ch in token)
        and any(ch.isalpha() for ch in token)
    )


EXTRACTOR = Extractor(
    Kind.ENUM,
    for_slot=read,
    fills={Kind.STRING: 1.0, Kind.NAME: 0.8, Kind.UNIT: 1.0, Kind.ID: 1.0},
    json_types=frozenset({"string", "integer", "number"}),
)
