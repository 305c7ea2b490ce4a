"""Cue words: how strongly the words around a value point at a parameter.

A value claims the words before it, back to the previous value of its kind and never
across a sentence ("the mass is 45 kg"), and the word right after it ("3 bedrooms",
"600 at-bats"); a name takes the role said after it ("Martin Kove as an actor") and a
creator parameter the name after "by".
"""

from __future__ import annotations

import re

from .extractors import Candidate
from .slots import Slot
from .vocabulary import Kind
from .words import is_generic, stem, terms

_TOKENS = re.compile(r"[A-Za-z][A-Za-z'-]*|\d+(?:[.,]\d+)*|[=:]")
_NEXT_WORD = re.compile(r"\s?([A-Za-z]+(?:-[A-Za-z]+)*)")  # "600 at-bats"
_LETTER_NAMES = {"id", "to", "in", "at", "on", "of", "is", "as", "or", "by", "no", "do", "go", "up"}
_LINKS = {
    "of",
    "is",
    "=",
    ":",
    "as",
    "at",
    "be",
    "being",
    "equal",
    "equals",
    "to",
    "with",
    "for",
    "was",
    "are",
}


def similar(word: str, cues: frozenset[str] | set[str]) -> bool:
    """Does a request word name one of the cues: the same term, or one the other's start
    ("accelerated" / "acceleration", "temp" / "temperature")?"""
    low = word.lower()
    t = terms(low)
    if low in cues or (t and t[0] in cues):
        return True
    w = t[0] if t else low
    if len(w) >= 4 and any(len(c) == 3 and w.startswith(c) for c in cues):
        return True  # "atmospheric" for "atm"
    if len(w) >= 7 and any(len(c) == 4 and w.startswith(c) for c in cues):
        return True  # "bathrooms" for "baths"
    return len(w) >= 5 and any(
        len(c) >= 5 and (c.startswith(w[:5]) or w.startswith(c[:5])) for c in cues
    )


def cue_strength(
    slot: Slot, c: Candidate, text: str, floor: int, same_kind: list[Candidate]
) -> tuple[float, str]:
    """How strongly the words around ``c`` point at ``slot`` (0 when they do not)."""
    cues = set(slot.cues)
    if not cues:
        return 0.0, ""
    words = _words_before(text, floor, c, same_kind)
    if len(slot.name) <= 2:  # "x = 3", "cc'ing lee@acme.io": a short name is its own cue
        return _short_name_cue(slot, c, words) or _after(slot, c, text, short=True)
    after = _NEXT_WORD.match(text, c.end)
    if (
        c.kind == Kind.NUMBER
        and not c.unit
        and slot.counts
        and after
        and similar(after.group(1), cues)
    ):
        return 1.4, f"{after.group(1)!r} after it"  # "2 bedrooms, 1 bathroom": what it counts
    found, hinted, nearest = _cues_before(slot, cues, words)
    if found:
        share = len(found) / len(cues)
        strength = max(0.8 + 0.4 * share - 0.25 * nearest, 0.5)
        return strength, f"{' '.join(sorted(found))!r} before it"
    if hinted:
        strength = 0.4 + 0.1 * len(hinted) - 0.2 * nearest
        return max(strength, 0.2), f"{' '.join(sorted(hinted))!r} before it"
    return _after(slot, c, text, short=False)


def _words_before(text: str, floor: int, c: Candidate, same_kind: list[Candidate]) -> list[str]:
    """Up to five words before the value: it claims the words before it, back to the
    previous value of its kind."""
    previous = max((o.end for o in same_kind if o.end <= c.start), default=floor)
    for m in _SENTENCE_END.finditer(text, previous, c.start):
        previous = m.end()  # "... 600 at-bats. Round to 3 decimals": a cue stays in its sentence
    return [m.group(0) for m in _TOKENS.finditer(text, previous, c.start)][-5:]


_SENTENCE_END = re.compile(r"[.!?;]\s+(?=[A-Z])")


def _short_name_cue(slot: Slot, c: Candidate, words: list[str]) -> tuple[float, str] | None:
    if (
        len(words) >= 2
        and words[-2].lower() == slot.name.lower()
        and words[-1].lower() in ("=", ":", "is", "of")
    ):
        return 1.3, f"{words[-2]} {words[-1]} {c.text}"
    name = slot.name.lower()
    if (
        len(name) == 2
        and name not in _LETTER_NAMES
        and words
        and words[-1].lower().startswith(name)
    ):
        return 1.0, f"{words[-1]!r} before it"  # "cc'ing lee@acme.io"
    return None


def _cues_before(slot: Slot, cues: set[str], words: list[str]) -> tuple[set[str], set[str], int]:
    """The cue words before a value, the description's words among them (which count
    less), and how many content words lie between the value and the nearest cue."""
    found: set[str] = set()
    hinted: set[str] = set()
    nearest, content = -1, 0
    for word in reversed(words):
        if word in ("=", ":") or word.lower() in _LINKS:
            continue
        term = terms(word)[0] if terms(word) else ""
        if hit := {cue for cue in cues if similar(word, {cue})}:
            found |= hit
            nearest = content if nearest < 0 else nearest
        elif slot.required and len(cues) <= 1 and term in slot.hints:
            hinted.add(term)
            nearest = content if nearest < 0 else nearest
        elif term and not is_generic(term):
            content += 1
            if content > 2 or (found and content > nearest + 1):
                break  # the words before belong to something else
    return found, hinted, nearest


def _after(slot: Slot, c: Candidate, text: str, short: bool) -> tuple[float, str]:
    """A value that names the parameter itself ("the Premier League" for a league), or a
    cue right after it ("3 bedrooms")."""
    cues = slot.cues
    if c.kind in (Kind.NAME, Kind.PHRASE, Kind.QUOTED, Kind.PLACE):
        own = terms(str(c.value))
    else:
        own = terms(f"{c.evidence} {c.unit}") if c.kind == Kind.NUMBER else ()
    if set(own) & cues:
        return 0.8, f"{c.text!r} names a {slot.label} itself"
    after = _NEXT_WORD.match(text, c.end)
    if (
        after
        and not short
        and not (c.unit and c.unit != "percent")
        and similar(after.group(1), cues)
        and (
            c.kind != Kind.NUMBER or bool(c.unit) or slot.counts or _own_name(after.group(1), slot)
        )
    ):
        return 1.0, f"{after.group(1)!r} after it"
    if c.kind in (Kind.NAME, Kind.QUOTED) and not short:
        # "Martin Kove as an actor", "Betsy Widhalm in the cast": the role said just after
        tail = _ROLE_AFTER.match(text, c.end)
        if tail and similar(tail.group(1), cues | _role_hints(slot)):
            return 0.8, f"{tail.group(0).strip()!r} after it"
        if _BY.search(text, max(0, c.start - 4), c.start) and _creator(slot):
            return 0.7, f"'by' before it names the {slot.label}"
    return 0.0, ""


_ROLE_AFTER = re.compile(
    r"\s(?:as|in|is|was)\s(?:(?:an?|the|my|our|its)\s)?(?:main\s|lead\s)?([A-Za-z]+)"
)
_BY = re.compile(r"\bby\s$", re.I)
_CREATORS = {"artist", "author", "director", "direct", "composer", "writer", "creator", "band",
             "singer", "perform", "performer", "painter", "publisher", "developer", "maker", "brand",
             "manufactur", "written", "sung", "compos"}  # fmt: skip


def _role_hints(slot: Slot) -> set[str]:
    """The person nouns of an optional name parameter's description ("the main actor")."""
    return {h for h in slot.hints if h in _PEOPLE}


_PEOPLE = {"actor", "actress", "director", "artist", "author", "singer", "writer", "composer",
           "star", "host", "guest", "speaker", "owner", "manager", "player", "coach", "performer"}  # fmt: skip


def _creator(slot: Slot) -> bool:
    said = set(slot.cues) | set(slot.hints)
    return bool({stem(w) for w in _CREATORS} & said or _CREATORS & said)


def _own_name(word: str, slot: Slot) -> bool:
    """ "higher than 4 rating": the word after a number is the parameter's own name."""
    own = terms(slot.name.replace("_", " "))[-1:]
    return slot.kind == Kind.NUMBER and bool(own) and terms(word)[:1] == own
