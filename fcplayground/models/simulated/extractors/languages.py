"""Languages: "French", "spanish", "Japanese", written as the parameter asks: the name, or
the ISO 639-1 code ("fr") when its description or examples use codes.

The names and codes come from :mod:`pycountry` (the languages that have a two-letter
code); a few everyday names it files differently ("Mandarin", "Greek", "Farsi") are
added.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..vocabulary import Kind
from .base import Candidate, Extractor, Request

_EVERYDAY = {"mandarin": ("Chinese", "zh"), "cantonese": ("Chinese", "zh"), "greek": ("Greek", "el"),
             "farsi": ("Persian", "fa"), "filipino": ("Filipino", "tl"), "brazilian portuguese": ("Portuguese", "pt")}  # fmt: skip
_CODE_SAID = re.compile(
    r"\bcode\b|\bISO\s?639|\be\.g\.,?\s['\"]?[a-z]{2}(?:-[A-Z]{2})?['\"]?(?:[,)\s]|$)", re.I
)
_CUE = re.compile(r"\b(?:to|into|in|from)\s$", re.I)


@lru_cache(maxsize=1)
def table() -> dict[str, tuple[str, str]]:
    """Lower-case language name -> (name, ISO 639-1 code)."""
    import pycountry

    names: dict[str, tuple[str, str]] = {}
    for language in pycountry.languages:
        code = getattr(language, "alpha_2", None)
        if code:
            name = language.name.split(";")[0].split(" (")[0]
            names[name.lower()] = (name, code)
    names.update(_EVERYDAY)
    for word in ("even", "are", "ha", "ga", "ewe", "fur", "oc"):  # names that are English words
        names.pop(word, None)
    return names


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    words = sorted(table(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])", re.I)


_NOUN = re.compile(r"(?:\slanguage\b)?", re.I)


def find(request: Request) -> list[Candidate]:
    out = []
    text = request.text
    for m in _pattern().finditer(text):
        word = m.group(0)
        if word[0].islower() and not _CUE.search(text[max(0, m.start() - 6) : m.start()]):
            continue
        name, code = table()[word.lower()]
        end = m.end() + len(
            _NOUN.match(text, m.end()).group(0)
        )  # "the English language": one value
        out.append(Candidate(Kind.LANGUAGE, name, m.start(), end, text[m.start() : end], unit=code))
    return out


def write_language(candidate: Candidate, slot) -> Any:
    said = f"{slot.description} {' '.join(slot.examples)}"
    options = list(slot.enum)
    for option in options:
        if str(option).lower() in (candidate.value.lower(), candidate.unit.lower()):
            return option
    for option in options:  # "Chinese" for the locales en-US, zh-CN
        if re.split(r"[-_]", str(option).lower())[0] == candidate.unit.lower():
            return option
    if _CODE_SAID.search(said) or any(
        re.fullmatch(r"[a-z]{2}(?:-[A-Z]{2})?", e) for e in slot.examples
    ):
        return candidate.unit
    return candidate.value


EXTRACTOR = Extractor(
    Kind.LANGUAGE,
    find,
    slot_words=frozenset({"language", "lang", "locale", "dialect"}),
    describes=re.compile(r"\blanguage\b|\bISO\s?639", re.I),
    fills={Kind.STRING: 0.7, Kind.ENUM: 0.9, Kind.NAME: 0.4},
    convert=write_language,
)
