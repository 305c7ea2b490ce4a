"""Relevance: how well each offered tool fits (a part of) a request, and why.

A request's terms that a tool also has add that tool's weight for the term (a description
word 1, a name word the description confirms 1, a name word alone 0.6, a parameter's name
0.5, its description 0.3), less for generic words ("get", "time", "money"), and less for
words many of the offered tools share, so the specific words decide. Values only some
tools can take add *evidence*: an email for an email parameter, an id whose letters name
the tool's subject ("ORD-1234" for an order tool), "19 times 23" for a tool that
multiplies. A tool is called only with a specific word in common or such evidence: one
generic word is never enough.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from .affinity import unit_fit
from .extractors import Candidate, example_forms
from .profiles import ToolProfile, deletions
from .vocabulary import Kind, Role, Tag
from .words import identifier_terms, is_generic, terms

THRESHOLD = 1.0  # the score a tool needs to be called at all
PREFIX, NEAR_FACTOR = 6, 0.7  # words that share their first six letters nearly match
GENERIC_FACTOR = 0.25
STRONG_EVIDENCE = 1.2  # a value only this tool's parameters take
WEAK_EVIDENCE = 0.4  # a value of a common kind (a place, a date) the tool takes
SEARCH_EVIDENCE = 0.9  # a search request for a tool that searches with a query it writes
SEND_EVIDENCE = (
    2.0  # a clause that opens with "email", "reply to", "write back", for a tool that sends
)
FILL_EVIDENCE = 0.6  # the request holds a value for each of the tool's required parameters
STRONG_KINDS = {Kind.EMAIL, Kind.URL, Kind.PATH, Kind.IP, Kind.COLOR, Kind.TIMEZONE, Kind.FLIGHT,
                Kind.ISBN, Kind.PHONE, Kind.VERSION, Kind.TICKER, Kind.CURRENCY, Kind.LANGUAGE,
                Kind.UNIT}  # fmt: skip
IDF_CAP = {
    True: 3.0,
    False: 1.5,
}  # how much rarity may multiply a name or description word, a parameter's
QUESTION = re.compile(
    r"\?\s*$|^\W*(?:what|when|where|which|who|how|is|are|am|do|does|did|can i|anything|any)\b", re.I
)
WRITE_WORDS = re.compile(
    r"\b(?:create|add|make|schedule|book|set|send|email|put|save|remind|start|cancel|delete|change|update|turn|switch)\b",
    re.I,
)
SEND_VERBS = re.compile(
    r"^\W*(?:and\s|then\s|also\s|please\s)*(?:e-?mail|text|message|notify|reply|respond|write (?:to|back)|get back to|send)\b"
    r"(?!\s(?:address|addresses|account|back\b|(?:it|them|this|that)\sback\b))",  # "send back": a return
    re.I,
)
SEARCH_VERBS = re.compile(
    r"\b(?:find|search|look(?:ing)? (?:for|up)|show me|any|do you (?:have|sell)|got any|browse|shop for|need an?|want an?|cheapest|best|(?:check|see) what)\b",
    re.I,
)
WEAK_KINDS = {Kind.PLACE, Kind.DATE, Kind.TIME}
# What each arithmetic operation is called in a tool's words.
OPERATIONS = {
    "multiply": {"multiply", "multiplication"},
    "add": {"add", "addition", "sum", "plus", "total"},
    "subtract": {"subtract", "subtraction", "difference", "minus"},
    "divide": {"divide", "division", "quotient"},
    "power": {"power", "exponent", "exponentiation", "square", "cube"},
    "square root": {"sqrt", "root"},
    "percentage": {"percentage", "percent"},
    "modulo": {"modulo", "remainder", "mod"},
    "formula": {"function", "polynomial", "equation", "derivative", "integral", "expression", "formula", "root", "plot"},
}  # fmt: skip
OPERATION_TERMS = {
    op: frozenset(t for w in words for t in terms(w)) for op, words in OPERATIONS.items()
}
ANY_ARITHMETIC = frozenset(
    t
    for w in ("calculate", "calculator", "arithmetic", "math", "evaluate", "expression", "compute")
    for t in terms(w)
)


@dataclass
class ToolScore:
    """How one tool scored against a request: the number, and the words behind it."""

    name: str
    score: float
    matched: list[str] = field(default_factory=list)
    core_matched: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)

    @property
    def specific(self) -> bool:
        """A specific word in common, or a value only this tool takes."""
        return bool([t for t in self.core_matched if not is_generic(t)] or self.evidence)

    def relevant(self, threshold: float = THRESHOLD) -> bool:
        return self.score >= threshold and self.specific

    def __str__(self) -> str:
        words = ", ".join(self.matched + [f"<{e}>" for e in self.evidence]) or "no words in common"
        return f"{self.name}: {self.score:.2f} ({words})"


@dataclass
class _Query:
    """What every tool is scored against: the request's terms, how many tools share each,
    words no tool has (maybe misspelt), and what kind of request it is."""

    wanted: list[str]
    df: Counter[str]
    tools: int
    unknown: dict[str, set[str]]
    question: bool
    answerer: ToolProfile | None  # the one reading tool a personal day question is for

    @cached_property  # read once per tool scored: worked out once per query
    def shared(self) -> list[str]:
        """The terms some tool has (the others can match no tool's terms), in order."""
        return [t for t in self.wanted if self.df[t]]

    @cached_property
    def long(self) -> list[str]:
        """The terms long enough to nearly match a tool's (by their start, or a letter off)."""
        return [t for t in self.wanted if len(t) >= PREFIX]


def score_tools(
    query: list[str],
    candidates: list[Candidate],
    profiles: list[ToolProfile],
    text: str = "",
    among: list[ToolProfile] | None = None,
) -> list[ToolScore]:
    """Every tool scored against the query terms and values, best first (ties keep the
    order the tools were offered in). How rare a term is counts among ``among`` (default:
    ``profiles``): among all the tools offered, a word few of them have says most; among
    a few close ones, a word they all share says nothing."""
    q = _read_query(query, candidates, profiles, text, profiles if among is None else among)
    scores = []
    for p in profiles:
        total, matched, kinds = _word_score(p, q)
        if q.question:  # "what's on my calendar tomorrow?": a question is for a tool that reads
            total *= 1.3 if p.reads else 0.6 if p.writes else 1.0
        bonus, evidence = _evidence(candidates, p, text)
        if text and p.sends and SEND_VERBS.search(text):
            bonus += SEND_EVIDENCE  # "email me about it", "text Sam", "reply to her"
            evidence.append("a message to send")
        if text and p.searches and SEARCH_VERBS.search(text):
            bonus += SEARCH_EVIDENCE  # "find me some running shoes": what a search tool is for
            evidence.append("a search")
        named = any(not is_generic(t) for t in matched) and not evidence
        if (p is q.answerer or named) and total + bonus < THRESHOLD and _fills(p, candidates):
            bonus += FILL_EVIDENCE  # "Who was the King of France in 1510?": every required value is there
            evidence.append("its parameters' values")
        core = [t for t in matched if t in p.core]
        scores.append(ToolScore(p.name, round(total + bonus, 3), matched + kinds, core, evidence))
    return sorted(scores, key=lambda s: -s.score)


def _read_query(
    query: list[str],
    candidates: list[Candidate],
    profiles: list[ToolProfile],
    text: str,
    among: list[ToolProfile],
) -> _Query:
    wanted = list(dict.fromkeys(query))
    asked = set(wanted)
    df = Counter(t for p in among for t in asked.intersection(p.weights))
    unknown = {
        t: {t, *deletions(t)}
        for t in wanted
        if 6 <= len(t) <= 24 and not df[t] and not is_generic(t)
    }
    question = bool(text and QUESTION.search(text) and not WRITE_WORDS.search(text))
    # "what do I have on Friday?": a question about one's own day, for the one tool that reads days
    mine = (
        question
        and bool(_FIRST_PERSON.search(text))
        and any(c.kind == Kind.DATE and _ON_A_DAY.search(c.text) for c in candidates)
    )
    readers = (
        [
            p
            for p in profiles
            if p.reads and {s.kind for s in p.required} == {Kind.DATE} and _fills(p, candidates)
        ]
        if mine
        else []
    )
    return _Query(
        wanted, df, len(among), unknown, question, readers[0] if len(readers) == 1 else None
    )


def _word_score(p: ToolProfile, q: _Query) -> tuple[float, list[str], list[str]]:
    """The tool's weight for each request term it has (rarer terms count more), and for
    terms it nearly has: the same start ("discovered" / "discovery"), or a letter off; and
    apart, the parameter names that request words are compounds of ("bedroom": room),
    which add weight but never make a tool specific ("bathrooms" for meeting rooms)."""
    matched = [t for t in q.shared if t in p.weights]
    kinds: list[str] = []
    total = 0.0
    for t in matched:
        weight = p.weights[t] * (GENERIC_FACTOR if is_generic(t) else 1.0)
        rarity = (
            min(1.0 + math.log(q.tools / q.df[t]), IDF_CAP[p.weights[t] >= 0.6])
            if q.tools > 1
            else 1.0
        )
        total += weight * rarity
    for t in q.long:
        near = p.prefixes.get(t[:PREFIX]) if t not in p.weights else None
        if near and not is_generic(near):
            derived = near.startswith(t) and len(near) - len(t) <= 3  # discover / discoverer
            total += (1.0 if derived else NEAR_FACTOR) * p.weights[near]
            matched.append(near)
        elif t in q.unknown and (typo := _misspelt(t, q.unknown[t], p)):
            total += NEAR_FACTOR * p.weights[typo]  # "definiton" for "definition"
            matched.append(typo)
        elif t not in p.weights and (head := _compound_of(t, p)):
            total += NEAR_FACTOR * p.weights[head]  # "bedroom" is a room, for a room parameter
            kinds.append(head)
    return total, matched, kinds


def _compound_of(term: str, p: ToolProfile) -> str:
    """The parameter name a request's word is a compound of ("bedroom", "bathroom" for
    ``room``), if any: a kind of the thing the parameter takes."""
    for slot in p.slots:
        for head in identifier_terms(slot.name):
            if len(head) >= 4 and len(term) - len(head) >= 3 and term.endswith(head):
                return head if head in p.weights else ""
    return ""


def _misspelt(term: str, keys: set[str], p: ToolProfile) -> str:
    """The tool's term that ``term`` is one letter away from, if any: a letter left out,
    added, or (in words of seven letters or more) changed or swapped."""
    for key in keys & p.misspelt.keys():
        found, length = p.misspelt[key]
        if length != len(term) or len(term) >= 7:
            return found
    return ""


_FIRST_PERSON = re.compile(r"\b(?:I|my|me|am I|I'm)\b")
_ON_A_DAY = re.compile(
    r"\d|mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|week", re.I
)
_TIME_OF_DAY = re.compile(
    r"\b(?:night|late|early|morning|evening|afternoon|awake|asleep|o'clock|what time|time is it|local time|daytime|dark)\b",
    re.I,
)
SEND_WORDS = re.compile(
    r"\b(?:e-?mail|text|message|notify|reply|respond|write|send|tell|contact|let .{1,20} know)\b",
    re.I,
)


def _evidence(
    candidates: list[Candidate], p: ToolProfile, text: str = ""
) -> tuple[float, list[str]]:
    """Values in the request that this tool's parameters take, and what they add."""
    kinds = p.kinds
    found: dict[str, float] = {}
    for c in candidates:
        if Tag.FACET in c.tags and c.kind != Kind.CURRENCY:
            continue
        if c.kind in (Kind.EMAIL, Kind.PHONE) and p.sends and not SEND_WORDS.search(text):
            continue  # "Jane here (jane@example.com)": an address to look up, not to write to
        if c.kind in STRONG_KINDS and c.kind in kinds:
            pair = sum(1 for s in p.slots if s.kind == c.kind) >= 2  # from / to
            same = [o for o in candidates if o.kind == c.kind]
            targeted = any(s.kind == c.kind and s.direction == Tag.TARGET for s in p.slots)
            converts = (not pair or len(same) >= 2 or any(Tag.TARGET in o.tags for o in same)) and (
                not targeted or c.kind != Kind.LANGUAGE or any(Tag.TARGET in o.tags for o in same)
            )  # "the English language" is no request to translate into English
            found[c.kind.value] = (
                (STRONG_EVIDENCE if converts else WEAK_EVIDENCE)
                * p.quality**0.5
                * max(c.strength, 0.5)
            )
            sides = {s.direction for s in p.slots if s.kind == c.kind and s.direction}
            if sides and c.tags & sides:  # "from km to miles" for a tool that converts
                found[f"{c.kind.value} {next(iter(c.tags & sides)).name.lower()}"] = 0.4
        elif c.kind == Kind.ID and Kind.ID in kinds and names_subject(c, p):
            found[c.kind.value] = STRONG_EVIDENCE * p.quality**0.5

        elif c.kind == Kind.MATH and (label := _arithmetic(c, p)):
            found[label] = STRONG_EVIDENCE
        elif c.kind == Kind.PLACE and Kind.TIMEZONE in kinds:
            # "is it night in Sydney?": the time of day somewhere is its time zone's business
            found["a place's time zone"] = (
                STRONG_EVIDENCE if _TIME_OF_DAY.search(text) else WEAK_EVIDENCE
            )
        elif c.kind in WEAK_KINDS and c.kind in kinds:
            found[c.kind.value] = WEAK_EVIDENCE
        elif (
            c.kind == Kind.NUMBER
            and c.unit
            and any(s.kind == Kind.NUMBER and unit_fit(s, c)[0] > 0 for s in p.slots)
        ):
            found[f"an amount in {c.unit}"] = WEAK_EVIDENCE
        if c.kind == Kind.ID and example_forms.resembles_any(p.slots, c):
            found["an id like its examples"] = STRONG_EVIDENCE * p.quality**0.5  # "PO-99120"
        elif (
            c.kind == Kind.NUMBER
            and c.unit != "percent"
            and example_forms.resembles_any(tuple(s for s in p.slots if s.kind != Kind.NUMBER), c)
        ):  # "19C" for a temperature its examples write "21C"; "19 degrees" may be an angle
            strength = STRONG_EVIDENCE if c.unit else WEAK_EVIDENCE
            found["a quantity like its examples"] = strength * p.quality**0.5
    return sum(found.values()), sorted(found)


_FILLS = {Kind.NUMBER: {Kind.NUMBER}, Kind.NAME: {Kind.NAME, Kind.PLACE, Kind.QUOTED}, Kind.PLACE: {Kind.PLACE, Kind.NAME},
          Kind.DATE: {Kind.DATE}, Kind.TIME: {Kind.TIME}, Kind.STRING: {Kind.NAME, Kind.PLACE, Kind.QUOTED, Kind.ID},
          Kind.ID: {Kind.ID, Kind.NUMBER, Kind.QUOTED}, Kind.ARRAY: {Kind.LIST}}  # fmt: skip


def _fills(p: ToolProfile, candidates: list[Candidate]) -> bool:
    """Does the request hold a value of the right kind for every required parameter?"""
    required = [s for s in p.slots if s.required]
    if not required or any(s.kind not in _FILLS for s in required):
        return False
    pool = [c for c in candidates if Tag.FACET not in c.tags]
    for slot in required:
        c = next((c for c in pool if c.kind in _FILLS[slot.kind]), None)
        if c is None:
            return False
        pool.remove(c)
    return True


def names_subject(c: Candidate, p: ToolProfile) -> bool:
    """An id counts for a tool only when its letters name the tool's subject, or what one
    of its id parameters is named for: ORD-1234 for an order tool or an ``order``
    parameter, E-1042 for an employee tool, not for an invoice one."""
    letters = "".join(ch for ch in str(c.value).split("-")[0].split("_")[0] if ch.isalpha()).lower()
    if not letters:
        return False
    named = {t for s in p.slots if s.role == Role.FACT for t in identifier_terms(s.name)}
    return any(w.startswith(letters) for w in p.core | named if len(w) >= len(letters))


def _arithmetic(c: Candidate, p: ToolProfile) -> str:
    """The operation of a formula, when the tool's words name it (or any arithmetic) and
    it takes numbers or a formula."""
    words = set(p.core)
    operation = c.evidence or "calculate"
    numbers = sum(1 for s in p.slots if s.kind == Kind.NUMBER)
    if not numbers and Kind.MATH not in {s.kind for s in p.slots}:
        return ""
    if OPERATION_TERMS.get(operation, frozenset()) & words:
        return f"{operation}: {c.text}"
    if (
        operation != "formula"
        and ANY_ARITHMETIC & set(p.core)
        and Kind.MATH in {s.kind for s in p.slots}
    ):
        return f"arithmetic: {c.text}"
    return ""
