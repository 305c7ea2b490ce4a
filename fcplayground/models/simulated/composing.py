"""Composing: the free text a hosted model writes itself, from the request and the results.

Subjects, titles, bodies, messages, notes, summaries, queries and search terms are not
asked for: they are written from what the request says ("email sam that the build
passed" -> subject "The build passed", body "Hi, the build passed."), and a reply that
comes after other calls says what they found. Only when the request gives nothing to
write about (a bare "send an email to sam@example.com") is the text missing, and then
the model asks.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .reading import Result
from .reporting import message as _message
from .reporting import sentence as _sentence
from .slots import Slot
from .words import STOPWORDS, identifier_terms, terms

_SHORT = {"subject", "title", "headline", "label", "caption", "topic", "name"}
_VERBATIM = {
    "text",
    "phrase",
    "sentence",
    "word",
    "words",
    "string",
    "input",
}  # the user's words as they are
_SEARCH = {"query", "q", "search", "keyword", "keywords", "term", "terms", "prompt", "question"}
_GIST = re.compile(
    r"\b(?:that|saying|says|to say|say|translate|telling (?:him|her|them|me|us)|(?:to )?tell (?:him|her|them|me|us)(?: that)?|"
    r"(?:to )?let (?:him|her|them|me|us) know(?: that)?|"
    r"about|regarding|re:|concerning|with the (?:message|text|note)|called|titled|named|to remind (?:me|him|her|them) to|remind me to|to)[\s:]+(.+)$",
    re.I,
)
_ASKING = re.compile(
    r"^(?:(?:please|hi|hello|hey|ok|okay)[, ]+)*(?:can you|could you|would you|will you|please|i (?:want|need|would like) to|"
    r"help me|how (?:do|can|should) (?:i|we|you)|what(?:'s| is| are)|i'd like to|let's|lets|do you (?:sell|have|carry)|"
    r"are there|is there|i need|i want|i'm looking for|looking for|show me|get me|find me|give me)\s+",
    re.I,
)
_LEADING = re.compile(
    r"^(?:(?:the|a|an|my|our|some|any|me|us|him|her|them|please|few|a few)\s+)+", re.I
)
# A value's own words, and the word that introduces it: what free text must leave out.
_INTRO = re.compile(
    r"(?:\b(?:on|at|in|into|to|for|from|by|with|of|as|about|under|over|cc'?(?:ing)?|copy(?:ing)? in)\s+(?:the\s+)?)$",
    re.I,
)


def without(text: str, span: tuple[int, int], used: list[tuple[int, int]]) -> str:
    """The words of ``span`` less the values other parameters took (and the word before
    each: "on the 28th", "to Spanish", "cc'ing lee@acme.io")."""
    chars = list(text)
    for start, end in sorted(used, reverse=True):
        if span[0] <= start and end <= span[1]:
            intro = _INTRO.search(text[span[0] : start])
            cut = span[0] + intro.start() if intro else start
            chars[cut:end] = " " * (end - cut)
    clause = "".join(chars[span[0] : span[1]])
    return re.sub(r"\s{2,}", " ", _SPACED_MARK.sub(r"\1", clause)).strip(" ,:;-")


def gist(text: str, tool_terms: frozenset[str], values: list[str], tool: str = "") -> str:
    """What the request says beyond the tool's purpose and the values already used: the
    words after "that", "about", "saying", ... (unless they only repeat the tool's name:
    "email sam about the email"), or the request less its action words."""
    clean = text.strip().rstrip("?!. ")
    for value in values:
        clean = clean.replace(value, " ")
    clean = re.sub(r"\s{2,}", " ", clean).strip(" ,")
    if m := _GIST.search(clean):
        said = m.group(1).strip(" ,.:;-")
        if (
            re.search(r"[A-Za-z]", said)
            and said.lower() not in _PRONOUNS
            and not _only_tool_words(
                said, frozenset(identifier_terms(tool)) if tool else tool_terms
            )
        ):
            return said
    rest = _ASKING.sub("", clean)
    words = [w for w in re.findall(r"[A-Za-z0-9'’-]+", rest)]
    kept = [
        w
        for w in words
        if w.lower() not in _ACTIONS
        and (
            terms(w)
            and terms(w)[0] not in tool_terms
            or not terms(w)
            and w.lower() not in STOPWORDS
        )
    ]
    phrase = " ".join(kept).strip()
    return phrase if terms(phrase) else ""


# Verbs that ask for the tool's action: the request's words for what to do, not what about.
_ACTIONS = {"log", "open", "file", "raise", "make", "create", "send", "email", "mail", "tell",
            "write", "reply", "check", "look", "find", "get", "see", "please", "submit", "add",
            "put", "start", "set", "book", "schedule", "let", "know", "into", "me", "us", "back"}  # fmt: skip
_REQUESTING = re.compile(
    r"^\s*(?:can|could|would|will|please|and|also|then|check|look|find|search|create|open|log|file|raise|"
    r"email|send|reply|write|book|tell|get|show|let|make|add|set)\b|\?\s*$",
    re.I,
)


def problem(text: str, values: list[str]) -> str:
    """The sentence that says what is wrong, when the clause that asks for the call does
    not ("log a ticket"): the first statement of the request with words of its own."""
    for sentence in re.split(r"(?<=[.?!])\s+", text):
        clean = re.sub(
            r"^\s*(?:please\s)?(?:help|hi|hello|hey)\b[^:,.]{0,20}[:,]\s*", "", sentence, flags=re.I
        )
        if _REQUESTING.search(clean):
            continue
        for value in values:
            clean = clean.replace(value, " ")
        clean = _HERE.sub("", _ADDRESS_WORD.sub(" ", clean))  # "jane@example.com here - ..."
        clean = (
            re.sub(r"^[^:]{0,40}:\s*", "", clean.strip()) if ":" in clean[:45] else clean.strip()
        )
        clean = without_brackets(clean).strip(" .,")  # "(I'm jane@example.com)"
        if len(terms(clean)) >= 3:
            return clean
    return ""


def _only_tool_words(said: str, tool_terms: frozenset[str]) -> bool:
    found = terms(said)
    return bool(found) and all(t in tool_terms for t in found)


def compose(
    slot: Slot, text: str, values: list[str], results: list[Result]
) -> tuple[str, bool] | None:
    """Free text for ``slot``: (the text, whether results went into it), or None when the
    request gives nothing to write about."""
    words = set(re.findall(r"[a-z]+", slot.name.lower()))
    said = gist(text, slot.tool_terms, values, slot.tool)
    if words & _SEARCH:
        query = _query(text, slot.tool_terms, values) or said
        return (query, False) if query else None
    if words & _SHORT:
        return (_headline(said), False) if said else None
    if words & _VERBATIM:
        return (said, False) if said else None
    found = [r for r in results if not r.is_error]
    if found and said:
        return _message(said, found), True
    return (_sentence(said), False) if said else None


def from_statement(slot: Slot, stated: str) -> str:
    """Free text written from a statement of the request, as it was said."""
    words = set(re.findall(r"[a-z]+", slot.name.lower()))
    stated = stated[:1].upper() + stated[1:]
    if words & _SEARCH:
        return stated
    return _headline(stated) if words & _SHORT else _sentence(stated)


def compose_reply(slot: Slot, topic: str, results: list[Result]) -> str:
    """A reply that reports what the calls found: a subject line about the topic, or a
    body that says what each call found."""
    words = set(re.findall(r"[a-z]+", slot.name.lower()))
    if words & _SHORT:
        return f"Re: {_headline(topic)}" if topic else "Your request"
    return _message(topic or "your request", [r for r in results if not r.is_error])


def _query(text: str, tool_terms: frozenset[str], values: list[str]) -> str:
    """Search words: the thing searched for ("for double charges", "about refunds"), else
    the request's own words less the asking ("how do I reset my password" -> "reset my
    password")."""
    clean = text.strip().rstrip("?!. ")
    for value in values:
        clean = clean.replace(value, " ")
    clean = re.split(r"\s?[,;]\s|\s(?:and then|then)\s", clean)[0]
    m = re.search(r"\b(?:for|about|on|regarding|re)\s+(.+?)(?:\s+(?:and|then)\s+.*)?$", clean, re.I)
    if m and terms(m.group(1)):
        found = _LEADING.sub("", m.group(1).strip(" ,."))
        inner = re.search(
            r"\b(?:about|on|regarding)\s+(.+)$", found, re.I
        )  # "a help article about X"
        return _LEADING.sub("", inner.group(1)) if inner and terms(inner.group(1)) else found
    question = _ASKING.sub("", clean).strip(" ,.")
    kept = [
        w
        for w in question.split()
        if not (
            terms(w) and terms(w)[0] in tool_terms and terms(w)[0] in ("find", "get", "article")
        )
    ]
    return _LEADING.sub("", " ".join(kept))


def _headline(said: str) -> str:
    """A subject line: the first words, not ending on a word that leads into more."""
    whole = _LEADING.sub("", said).split() or said.split()
    words = whole[:8]
    while (
        len(whole) > 8
        and len(words) > 2
        and (words[-1].lower().strip(",;:") in STOPWORDS or words[-1].lower() in _DANGLING)
    ):  # cut short: not on "for my", "this", ...
        words.pop()
    short = " ".join(words).rstrip(",;:-")
    return short[:1].upper() + short[1:]


_PRONOUNS = {"me", "us", "him", "her", "them", "you", "it"}  # "write back to me" says nothing
_DANGLING = {"this", "that", "these", "those", "my", "your", "our", "their", "his", "her", "its",
             "some", "each", "every"}  # fmt: skip
_HERE = re.compile(r"^\s*(?:here|speaking|writing)\b\s*[-–—:,]?\s*", re.I)
# Each starts only where its run does (a space run, a word), so that a long run of spaces
# or of letters is read once, not once per position: linear time.
_SPACED_MARK = re.compile(r"(?<!\s)\s++([,.:;?!])")
_ADDRESS_WORD = re.compile(r"(?<!\S)\S+@\S+")


def without_brackets(text: str) -> str:
    r"""``text`` less each bracketed aside and the spaces before it ("(I'm jane@x.io)"), as
    ``re.sub(r"\s*\([^)]*\)", "", text)`` has it, in linear time: once no ")" follows an
    "(", none follows any later one either."""
    pieces, at = [], 0
    while (opening := text.find("(", at)) >= 0 and (closing := text.find(")", opening)) >= 0:
        pieces.append(text[at:opening].rstrip())
        at = closing + 1
    pieces.append(text[at:])
    return "".join(pieces)


def describe(result: Result, limit: int = 240) -> str:
    """One result in a line: its most telling fields."""
    data = result.data
    if isinstance(data, list):
        data = data[0] if data else "nothing found"
    if isinstance(data, dict):
        parts = [f"{k.replace('_', ' ')}: {_short(v)}" for k, v in list(data.items())[:6]]
        text = "; ".join(parts)
    else:
        text = str(data)
    text = f"{result.tool.replace('_', ' ')}: {text}"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:79] + "…"
