"""Fallbacks: last resorts for a required parameter no value in the text was found for.

Free text after a cue ("about a refund"), the request itself for a search, the words
the tool's own description does not explain ("rock concerts"), for a tool that needs one
value the thing after "the" ("Is the blue kettle in stock?"), and booleans the request
does not ask for.
"""

from __future__ import annotations

import re
from typing import Any

from ...chat import ToolSpec
from .filled import Argument
from .kinds import described_default
from .relevance import tool_words
from .values import Mention
from .whole_text import array_value
from .words import split_identifier, terms

CUES_BEFORE_TEXT = [  # the words after these describe a free-text value; strongest first
    re.compile(
        r"\b(?:about|regarding|saying|that says|titled|named|called|concerning"
        r"|(?:tell|inform|let)\w*\s+(?:\w+\s+)?(?:know\s+)?that)\s+(.+)$",
        re.I,
    ),
    re.compile(r"\b(?:for|on|of|with)\s+(.+)$", re.I),
]


def fallback(
    name: str,
    prop: dict[str, Any],
    kind: str,
    text: str,
    spec: ToolSpec,
    used: set[int],
    mentions: list[Mention],
) -> Argument | None:
    if kind == "array" and (hit := array_value(prop, name, text, mentions, used, True)):
        return Argument(hit[0], hit[1], from_value=True)
    if kind == "bool":
        default = prop.get("default", described_default(prop))
        value = bool(default) if default is not None else False
        return Argument(
            value,
            "the request does not say; "
            + ("the described default" if default is not None else "so false"),
        )
    if kind in ("text", "string", "name"):
        if kind == "text" and (phrase := free_text(text, spec)):
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
                phrase=True,
            )
        if phrase := _the_thing(text, spec):
            return Argument(
                phrase,
                f"{phrase!r} follows 'the' and is all the request says that the tool's words "
                "do not explain",
            )
    return None


def _modifier(text: str, spec: ToolSpec, mentions: list[Mention], used: set[int]) -> str | None:
    """Words the tool does not know, right before one of its own words: the kind of thing
    asked for ("rock concerts", "a single room", "sushi restaurant")."""
    core = tool_words(spec).core
    known = tool_words(spec).known
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
    name: str, text: str, spec: ToolSpec, mentions: list[Mention], used: set[int]
) -> str | None:
    """The first run of request words that neither the tool nor a used value accounts for,
    right after a word that introduces a value ("of", "for", ...)."""
    spans = [(m.start, m.end) for m in mentions if id(m) in used or m.kind == "weekday"]
    return next((" ".join(r) for r, cue, _ in _runs(text, spec, spans) if cue in _VALUE_CUES), None)


def _the_thing(text: str, spec: ToolSpec) -> str | None:
    """For a tool that needs one value: the words after "the" ("Is the blue kettle in
    stock?"), when they are all the request says that the tool's words do not explain."""
    if len(spec.parameters.get("required", [])) != 1:
        return None  # one thing cannot fill two parameters
    runs = _runs(text, spec, [])
    return " ".join(runs[0][0]) if len(runs) == 1 and runs[0][2] == "the" else None


def _runs(
    text: str, spec: ToolSpec, spans: list[tuple[int, int]]
) -> list[tuple[list[str], str, str]]:
    """Runs of request words the tool's words do not explain (words inside ``spans`` are
    explained), each with the word before it skipping articles, and the word just before."""
    known = tool_words(spec).known
    runs: list[tuple[list[str], str, str]] = []
    run: list[str] = []
    previous = ""  # the last word before the current run, skipping articles
    just_before = ""
    for w in re.finditer(r"[A-Za-z][A-Za-z'-]*", text):
        word = w.group(0)
        inside = any(a <= w.start() < b for a, b in spans)
        t = terms(word)
        if inside or not t or t[0] in known or word.lower() in _FILLER:
            run = []
            if word.lower() not in _ARTICLES:
                previous = word.lower()
            just_before = word.lower()
        elif run:
            run.append(word)
        else:
            run = [word]
            runs.append((run, previous, just_before))
    return runs


_ARTICLES = {"the", "a", "an", "my", "our", "their", "its"}
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


def free_text(text: str, spec: ToolSpec) -> str | None:
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


def refers(phrase: str) -> bool:
    """Is a free-text phrase a pointer to a result ("the answer") rather than the text?"""
    return phrase.lower().strip(" .?!") in REFERENCES


def _the_question(text: str) -> str | None:
    """The request itself, without "how do I" or "please": what a search should look for."""
    question = _ASKING.sub("", text.strip()).strip(" .?!,")
    return question or None
