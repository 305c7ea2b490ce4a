"""Yes-or-no parameters: a flag is true when the request asks for what it names
("including human impact", "with species information") and false when it rules it out
("without", "no", "don't", "exclude"); a written true/false/yes/no after its words counts.
"""

from __future__ import annotations

import re

from ..vocabulary import Kind
from ..words import Word, identifier_terms, terms, words
from .base import Candidate, Extractor, Request

_NEGATION = re.compile(
    r"\b(?:no|not|without|exclud\w*|don'?t|do not|never|skip|omit\w*|disable\w*|off)\b", re.I
)
_LITERAL = re.compile(r"\b(true|false|yes|no|on|off|enabled?|disabled?)\b", re.I)
# Words of a flag's name that say nothing about what it turns on.
_EMPTY = {
    "include",
    "is",
    "use",
    "get",
    "show",
    "with",
    "has",
    "enable",
    "flag",
    "should",
    "allow",
    "return",
}
_INVERTING = {
    "avoid",
    "exclude",
    "skip",
    "no",
    "disable",
    "hide",
    "ignore",
    "without",
    "omit",
    "not",
}


# "Return formatted string if true, array if false": what each value of the flag gives
_EACH_WAY = re.compile(
    r"(?:return\s|returns\s|give\s|gives\s)?(?:an?\s)?([a-z][a-z ]{0,30}?)\sif\s(true|false)"
    r"[,;]?\s(?:and\s|or\s|otherwise\s)?(?:an?\s)?([a-z][a-z ]{0,30}?)\sif\s(?:true|false)\b",
    re.I,
)


def both_ways(request: Request, slot) -> list[Candidate]:
    """ "in a formatted string as well as an array": the request lists what both values
    of the flag give, one candidate each (a run: one call per value)."""
    from ..runs import listed

    m = _EACH_WAY.search(slot.description)
    if not m:
        return []
    first_true = m.group(2).lower() == "true"
    found = []
    for phrase, value in ((m.group(1), first_true), (m.group(3), not first_true)):
        hit = re.search(rf"\b{re.escape(phrase.strip())}\b", request.text, re.I)
        if hit is None:
            return []
        found.append(Candidate(Kind.BOOL, value, hit.start(), hit.end(), hit.group(0),
                               evidence=f"the description says {phrase.strip()!r} if {value}"))  # fmt: skip
    found.sort(key=lambda c: c.start)
    return found if listed(request.text, found[0], found[1]) else []


# "True to lock, False to unlock": the word the description gives for each value
_SAYS_WORD = re.compile(r"\b(true|false)\s(?:to|=|means|for)\s([a-z]{2,20})\b", re.I)


def described(request: Request, slot) -> list[Candidate]:
    """The value whose word (as the description gives it) the request says, or the value
    the flag's own word undoes ("unlock" for ``locked``)."""
    said = {
        m.group(2).lower(): m.group(1).lower() == "true"
        for m in _SAYS_WORD.finditer(slot.description)
    }
    own = set(identifier_terms(slot.name)) - _EMPTY - _INVERTING
    for w in words(request.text):
        low = w.text.lower()
        if low in said:
            how = f"the description says {w.text!r} means {said[low]}"
            return [Candidate(Kind.BOOL, said[low], w.start, w.end, w.text, evidence=how)]
        if not said and low.startswith("un") and _undoes(low[2:], own):
            how = f"{w.text!r} undoes {low[2:]!r}"
            return [Candidate(Kind.BOOL, False, w.start, w.end, w.text, evidence=how)]
    return []


def _undoes(rest: str, own: set[str]) -> bool:
    """Is ``rest`` (a word less its "un") the flag's own word: "mute" of unmute for muted?"""
    term = next(iter(terms(rest)), "")
    return any(len(o) >= 3 and term.startswith(o) for o in own)


def read(request: Request, slot) -> list[Candidate]:
    """True or false for ``slot`` when the request speaks of what it names."""
    each = both_ways(request, slot) or described(request, slot)
    if each:
        return each
    parts = set(re.findall(r"[a-z]+", slot.name.lower()))
    inverted = bool(parts & _INVERTING)  # avoid_tolls: "without tolls" means true
    own = [t for t in identifier_terms(slot.name) if t not in _EMPTY and t not in _INVERTING]
    text = request.text
    hits = [w for w in words(text) if _names_flag(w.term, own)] + _compounds(text, own)
    hits.sort(key=lambda w: w.start)
    if not own or not hits:
        return []
    first, last = hits[0], hits[-1]
    window = text[max(0, first.start - 40) : first.start]
    clause = re.split(r"[.,;!?]|\band\b|\bbut\b", window)[-1]
    after = _LITERAL.match(re.sub(r"^[\s:=]*(?:is\s)?", "", text[last.end :]))
    if after:
        value = after.group(1).lower() in ("true", "yes", "on", "enable", "enabled")
        how = f"{after.group(1)!r} follows {last.text!r}"
    else:
        asked = not _NEGATION.search(clause)
        near = text[max(0, first.start - 40) : last.end + 40].lower()
        if inverted and any(re.search(rf"\b{w}\w*", near) for w in parts & _INVERTING):
            asked = False  # "with toll roads avoided": the request says the flag's own word
        value = not asked if inverted else asked
        how = f"the request {'asks for' if asked else 'rules out'} {first.text!r}"
    return [Candidate(Kind.BOOL, value, first.start, first.end, first.text, evidence=how)]


def _names_flag(term: str, own: list[str]) -> bool:
    """The flag's own word, or a word made from it ("normalization" for normalize)."""
    return term in own or any(
        len(o) >= 5 and term.startswith(o) and len(term) - len(o) <= 6 for o in own
    )


def _compounds(text: str, own: list[str]) -> list[Word]:
    """ "multi-player" for a flag named multiplayer: a hyphenated word written as one."""
    out = []
    for m in _HYPHENATED.finditer(text):
        term = terms(m.group(0).replace("-", ""))
        if len(term) == 1 and term[0] in own:
            out.append(Word(term[0], m.start(), m.end(), m.group(0)))
    return out


# Starts only where a word does, so a long run of letters is read once (linear time).
_HYPHENATED = re.compile(r"(?<![A-Za-z])[A-Za-z]++(?:-[A-Za-z]++)+")


EXTRACTOR = Extractor(Kind.BOOL, for_slot=read, json_types=frozenset({"boolean"}))
