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
from .relevance import ToolScore, names_subject, score_tools
from .reported import untold
from .vocabulary import Kind, Tag
from .words import terms

PIECE_THRESHOLD = 0.6  # the score a piece needs to start an intent of its own
NEAR_BEST = 0.35  # only tools scoring near the best may claim a piece
TIE = 0.8  # a piece scoring this close to the current intent's tool stays with it
CONTENDS = 0.8  # a tool fitting a piece this close to the best one may still claim it
# The verb that opens a request, after the words that only make it polite.
_OPENING = re.compile(
    r"^\W*(?:(?:please|can|could|would|will|you|i|we|want|need|to|i'd|like|let's|just|now)\s+){0,6}"
    r"([a-z]+)",
    re.I,
)
_WRITING = frozenset({"create", "add", "make", "set", "send", "book", "delete", "remove", "update",
                      "cancel", "post", "save", "start", "schedule", "write", "submit", "order",
                      "buy", "put", "remind", "turn", "switch", "change", "email", "text", "move",
                      "reserve", "pay", "open", "close", "rename", "assign", "invite"})  # fmt: skip
_READING = frozenset({"list", "find", "search", "check", "show", "look", "read", "fetch", "view",
                      "tell", "what", "whats", "when", "where", "which", "who", "how", "is", "are",
                      "does", "did"})  # fmt: skip
# A code whose letters come first and say what it is for: ORD-1234, INV-3307, PO-99120.
_CODE = re.compile(r"[A-Za-z]{2,5}[-_#]?\d")
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
    """The intents of a request, and every tool's score against the whole of it. What a
    message is to tell ("email Jane that her refund is on its way") is not what the request
    is about: its words count for no tool."""
    about = untold(text)
    scores = score_tools(topic_terms(about, candidates), candidates, profiles, text)
    by_name = {p.name: (p, s) for p, s in zip(profiles, specs, strict=True)}
    relevant = [s for s in scores if s.relevant(threshold)]
    if not relevant:
        return [], scores
    best = relevant[0].score
    strong = [by_name[s.name][0] for s in relevant if s.score >= NEAR_BEST * best or s.evidence]
    found: list[Intent] = []
    for start, end in pieces(text, candidates):
        current = found[-1] if found else None
        going = current.profile if current is not None and current.score >= 0 else None
        ranked = _ranked(about, text, candidates, (start, end), strong, profiles, going)
        inside = [c for c in candidates if start <= c.start and c.end <= end]
        ranked = _tie_break(ranked, strong, text[start:end], inside)
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


def _ranked(
    about: str,
    text: str,
    candidates: list[Candidate],
    piece: tuple[int, int],
    strong: list[ToolProfile],
    profiles: list[ToolProfile],
    going: ToolProfile | None,
) -> list[ToolScore]:
    """The tools that may claim a piece, best first, scored among the strong ones: there
    the words that tell them apart decide ("on time" for a flight's status and a clock:
    the flight number). A tool may claim the piece only if it fits the piece's words among
    all the tools offered nearly as well as the best one, or shares a word or a value with
    it, or is the tool of the intent the piece may continue (``going``): "How much did I
    pay for order ORD-1234?" is for the order tools, however rare a payslip's "pay" is
    among them."""
    start, end = piece
    query = topic_terms(about, candidates, start, end)
    inside = [c for c in candidates if start <= c.start and c.end <= end]
    fitting = [
        s
        for s in score_tools(query, inside, strong, text[start:end], profiles)
        if s.score >= PIECE_THRESHOLD and s.specific
    ]
    if not fitting:
        return []
    top = fitting[0]
    shown = {*top.matched, *top.evidence}
    close = {
        s.name for s in fitting if s.score >= TIE * top.score or shown & {*s.matched, *s.evidence}
    } | ({going.name} if going is not None else set())
    return [
        s
        for s in score_tools(query, inside, strong, text[start:end])
        if s.score >= PIECE_THRESHOLD and s.specific and s.name in close
    ]


def _tie_break(
    ranked: list[ToolScore], strong: list[ToolProfile], said: str, inside: list[Candidate]
) -> list[ToolScore]:
    """The tools tied at the top, in the order a hosted model weighs them: first those
    that do what the request's verb asks ("show my schedule" reads a calendar, "set up a
    meeting" writes one), then those whose subject the request's id names (ORD-1234 is an
    order's: "How much did I pay for order ORD-1234?" is for the order tool, not for a
    payslip's "pay"); the rest of the ranking after them."""
    if len(ranked) < 2 or ranked[1].score < TIE * ranked[0].score:
        return ranked
    tied = [s for s in ranked if s.score >= TIE * ranked[0].score]
    by_name = {p.name: p for p in strong}
    coded = [c for c in inside if c.kind == Kind.ID and _CODE.match(c.text)]
    opening = _OPENING.match(said)
    verb = opening.group(1).lower().replace("'", "") if opening else ""

    def weighed(score: ToolScore) -> tuple[bool, bool]:
        profile = by_name[score.name]
        against = (verb in _WRITING and profile.reads) or (verb in _READING and profile.writes)
        return against, not any(names_subject(c, profile) for c in coded)

    return sorted(tied, key=weighed) + ranked[len(tied) :]


def _pending(start: int, end: int) -> Intent:
    """A placeholder for words before the first intent (no tool yet)."""
    return Intent(None, None, -1.0, [(start, end)])  # type: ignore[arg-type]
