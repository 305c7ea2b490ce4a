"""Intents: which tools a request is about, and which of its words each one serves.

The request is cut into pieces at sentence ends, semicolons, commas and the words that
join requests ("and", "then", "also"), never inside a value ("Jan 28, 2021"). A piece
whose words fit a relevant tool starts an *intent* for it; a piece that fits none ("and
in Tokyo") continues the intent before it. An intent introduced by "then" or "after
that" waits for the ones before it. How many calls an intent makes is binding's to say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...chat import ToolSpec
from .extractors import Candidate
from .profiles import ToolProfile
from .relevance import ToolScore, score_tools
from .vocabulary import Kind, Tag
from .words import terms

PIECE_THRESHOLD = 0.6  # the score a piece needs to start an intent of its own
NEAR_BEST = 0.35  # only tools scoring near the best may claim a piece
TIE = 0.8  # a piece scoring this close to the current intent's tool stays with it
# Values that are not what a request is about: their words never count for relevance.
VALUE_KINDS = {Kind.EMAIL, Kind.URL, Kind.PATH, Kind.IP, Kind.COLOR, Kind.TIMEZONE, Kind.FLIGHT,
               Kind.ISBN, Kind.PHONE, Kind.VERSION, Kind.ID, Kind.MATH, Kind.QUOTED, Kind.PLACE,
               Kind.DATE, Kind.TIME, Kind.LIST, Kind.NUMBER, Kind.LANGUAGE}  # fmt: skip
_SEQUENCE = re.compile(
    r"\b(?:then|after that|afterwards|once (?:that is|that's|it is|it's) done|next|finally|lastly)\b",
    re.I,
)
# The spaces before a ";" or a joining word are bounded (64, more than any request has),
# so that each start reads a bounded stretch of a long run of spaces: linear time.
_SEPARATOR = re.compile(
    r"(?<=[.?!])\s+|\s{0,64};\s*|\n+"
    r"|,?\s{1,64}(?:and then|and also|then|also|after that|afterwards|additionally|lastly|finally|"
    r"as well as|plus|and)\s+|,\s+",
    re.I,
)


@dataclass
class Intent:
    """A part of the request that one tool serves."""

    profile: ToolProfile
    spec: ToolSpec
    score: float
    pieces: list[tuple[int, int]] = field(default_factory=list)
    after: bool = False  # introduced by "then": waits for the intents before it

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


def topic_terms(
    text: str, candidates: list[Candidate], start: int = 0, end: int | None = None
) -> list[str]:
    """The terms of ``text[start:end]`` without the words of its values (an email, a
    place, a formula): what the request is about."""
    end = len(text) if end is None else end
    chars = list(text[start:end])
    for c in candidates:
        if c.kind in VALUE_KINDS and Tag.FACET not in c.tags and start <= c.start and c.end <= end:
            for i in range(c.start - start, c.end - start):
                chars[i] = " "
    return list(terms("".join(chars)))


def pieces(text: str, candidates: list[Candidate]) -> list[tuple[int, int]]:
    """Spans between separators, never cutting through a value or a list of values
    ("between John and Alice", "36 and 24")."""
    from .runs import find_runs

    whole = [(c.start, c.end) for c in candidates] + [
        (r.start, r.end) for r in find_runs(text, candidates)
    ]
    whole += [(p.start, f.end) for p, f in zip(candidates, candidates[1:], strict=False)
              if f.kind == p.kind == Kind.PLACE and Tag.FACET in f.tags]  # "Miami, Florida"  # fmt: skip
    spans, start = [], 0
    for sep in _SEPARATOR.finditer(text):
        if any(a < sep.end() and sep.start() < b for a, b in whole):
            continue
        if sep.start() > start:
            spans.append((start, sep.start()))
        start = sep.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans or [(0, len(text))]


def find_intents(
    text: str,
    candidates: list[Candidate],
    specs: list[ToolSpec],
    profiles: list[ToolProfile],
    threshold: float,
) -> tuple[list[Intent], list[ToolScore]]:
    """The intents of a request, and every tool's score against the whole of it."""
    scores = score_tools(topic_terms(text, candidates), candidates, profiles, text)
    by_name = {p.name: (p, s) for p, s in zip(profiles, specs, strict=True)}
    relevant = [s for s in scores if s.relevant(threshold)]
    if not relevant:
        return [], scores
    best = relevant[0].score
    strong = [by_name[s.name][0] for s in relevant if s.score >= NEAR_BEST * best or s.evidence]
    found: list[Intent] = []
    for start, end in pieces(text, candidates):
        inside = [c for c in candidates if start <= c.start and c.end <= end]
        ranked = [
            s
            for s in score_tools(
                topic_terms(text, candidates, start, end), inside, strong, text[start:end]
            )
            if s.score >= PIECE_THRESHOLD and s.specific
        ]
        current = found[-1] if found else None
        pick = ranked[0].name if ranked else None
        if pick is None:
            if current is not None:
                current.pieces.append((start, end))
            else:
                found.append(_pending(start, end))
            continue
        if (
            current is not None
            and current.score >= 0
            and any(
                s.name == current.profile.name and s.score >= TIE * ranked[0].score for s in ranked
            )
        ):  # a piece that fits the current intent as well as another tool stays with it
            current.pieces.append((start, end))
            continue
        # words before the first intent are its own pieces
        before = found.pop().pieces if current is not None and current.score < 0 else []
        profile, spec = by_name[pick]
        joint = text[found[-1].end if found else 0 : before[0][0] if before else start]
        found.append(
            Intent(
                profile,
                spec,
                ranked[0].score,
                [*before, (start, end)],
                bool(found) and bool(_SEQUENCE.search(joint)),
            )
        )
    found = [i for i in found if i.score >= 0]
    if not found:  # relevant as a whole, though no single piece is
        profile, spec = by_name[relevant[0].name]
        found = [Intent(profile, spec, relevant[0].score, pieces(text, candidates))]
    return found, scores


def _pending(start: int, end: int) -> Intent:
    """A placeholder for words before the first intent (no tool yet)."""
    return Intent(None, None, -1.0, [(start, end)])  # type: ignore[arg-type]
