"""Phrases: the request's own words as a value, where no other kind of value fits.

- Listed words: "tomatoes, basil and garlic", "jogging or swimming" are items of a list,
  each one candidate (binding makes them one array, or one call each).
- For one parameter (``for_slot``), the words the tool's own words do not explain: the
  kind of thing asked for right before a tool word ("a *hill* slope", "*rock* concerts"),
  the words after a word that introduces a value ("people who like *jogging*",
  "plants for *shade*"), or the thing after "the" ("is the *blue kettle* in stock?").
"""

from __future__ import annotations

import re

from ..vocabulary import Kind
from ..words import STOPWORDS, terms
from .base import Candidate, Extractor, Request
from .numbers import number_word, spelled_count

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_ITEM = r"[a-z][a-z'-]{1,30}(?:\s[a-z][a-z'-]{1,30}){0,2}"
_LIST = re.compile(
    rf"(?<![\w-])({_ITEM})((?:,\s(?:and\s|or\s)?{_ITEM}){{1,12}}|\s(?:and|or)\s{_ITEM})(?![\w-])"
)
_VALUE_CUES = {"of", "for", "about", "with", "called", "named", "titled", "like", "likes", "love",
               "loves", "enjoy", "enjoys", "on", "regarding", "concerning", "containing", "in",
               "using", "from", "got", "have", "define", "spell", "word"}  # fmt: skip
_FILLER = {
    "find", "get", "calculate", "compute", "what", "whats", "give", "show", "tell", "me", "please",
    "determine", "retrieve", "fetch", "search", "look", "provide", "list", "information", "info",
    "details", "detail", "current", "latest", "some", "need", "want", "like", "know", "help",
    "check", "value", "result", "results", "people", "who", "which", "top", "best", "good",
    "suitable", "recommend", "suggest", "any", "all", "few", "several", "most", "more", "many",
    "much", "can", "could", "would", "you", "i", "we", "do", "does", "did", "is", "are", "be",
    "terms", "term", "prevention", "kind", "type", "sort", "things", "thing", "stuff", "ones",
    "same", "respective", "respectively", "time", "one", "other", "another", "both", "either",
    "each", "every", "this", "that", "these", "those", "it", "them", "here", "there", "now",
    "then", "finally", "lastly", "also", "afterwards", "additionally", "again",
}  # fmt: skip
_ARTICLES = {"the", "a", "an", "my", "our", "their", "its", "his", "her", "some"}
_APART = re.compile(r"\d")
_VERBS = {"buy", "get", "add", "order", "need", "want", "make", "cook", "use", "have", "bring",
          "pick", "grab", "got", "using", "with", "includes", "including", "containing", "like"}  # fmt: skip
_STOP_ITEM = STOPWORDS | _FILLER | _VERBS


def find(request: Request) -> list[Candidate]:
    """Items of lists written in plain words ("tomatoes, basil and garlic")."""
    out = []
    for m in _LIST.finditer(request.text):
        first = m.group(1)
        rest = re.split(r",\s(?:and\s|or\s)?|\s(?:and|or)\s", m.group(2))
        items = [_trim(first, last_words=True)] + [_trim(r) for r in rest if r]
        if not all(items) or len(items) < 2 or _verb_like(request.text, m.start(), items):
            continue
        position = m.start()
        for item in items:
            start = request.text.find(item, position)
            if start < 0:
                break
            position = start + len(item)
            out.append(Candidate(Kind.PHRASE, item, start, position, item, 0.7))
    return out


_AFTER_VERB = re.compile(r"\s(?:a|an|the|my|me|it|us|him|her|them|up|off|on|out|to|some)\b", re.I)


def _verb_like(text: str, start: int, items: list[str]) -> bool:
    """ "the kitchen lights and set a timer": an item followed by an article is a verb."""
    position = start
    for item in items:
        at = text.find(item, position)
        if at < 0:
            return True
        position = at + len(item)
        if _AFTER_VERB.match(text, position):
            return True
    return False


def _trim(item: str, last_words: bool = False) -> str:
    """An item's words up to the first word that is no part of a thing's name (for the
    first item of a list, the words after the last such word: "recipes with *chickpeas*")."""
    words = item.split()
    if last_words:
        for i in range(len(words) - 1, -1, -1):
            if words[i] in _STOP_ITEM:
                return " ".join(words[i + 1 :])
        return item
    while words and words[0] in _STOP_ITEM:  # "some leftover rice" is "leftover rice"
        words = words[1:]
    kept = []
    for w in words:
        if w in _STOP_ITEM:
            break
        kept.append(w)
    return " ".join(kept)


def read(request: Request, slot) -> list[Candidate]:
    """Phrases of the request that could be ``slot``'s value, best first."""
    text = request.text
    known = slot.purpose_terms
    tokens = list(_WORD.finditer(text))
    found: list[Candidate] = []
    own = set(terms(slot.description))
    for i, token in enumerate(tokens):  # the kind of thing, right before a tool word
        t = terms(token.group(0))
        if i and t and t[0] in known:
            run = _run_before(tokens, i, known)
            if run:  # stronger before a word of the parameter's own description ("jazz music")
                strength = 0.8 if t[0] in own else 0.6
                found.append(
                    _phrase(
                        text,
                        run[-1:],
                        strength,
                        f"the kind of {token.group(0)} the request asks for",
                    )
                )
                if len(run) > 1:
                    found.append(
                        _phrase(
                            text,
                            run,
                            strength - 0.1,
                            f"the kind of {token.group(0)} the request asks for",
                        )
                    )
    for run, cue in _unexplained(tokens, known):
        if cue in _VALUE_CUES:
            found.append(
                _phrase(text, run, 0.55, f"words after {cue!r} that the tool does not explain")
            )
        elif cue in _ARTICLES and slot.required:
            found.append(_phrase(text, run, 0.5, f"the thing after {cue!r}"))
    return found


def _run_before(tokens: list[re.Match[str]], i: int, known: frozenset[str]) -> list[re.Match[str]]:
    run: list[re.Match[str]] = []
    for token in reversed(tokens[max(0, i - 2) : i]):
        word = token.group(0)
        t = terms(word)
        if not t or t[0] in known or word.lower() in _STOP_ITEM or not word.islower():
            break
        if spelled_count(word):
            break  # "three personality traits": how many, not what kind
        run.insert(0, token)
    return run


def _unexplained(
    tokens: list[re.Match[str]], known: frozenset[str]
) -> list[tuple[list[re.Match[str]], str]]:
    """Runs of words the tool's words do not explain, each with the word that introduces
    it: a value cue before it ("like jogging"), else an article ("the blue kettle")."""
    runs: list[tuple[list[re.Match[str]], str]] = []
    run: list[re.Match[str]] = []
    previous, article = "", ""
    for token in tokens:
        if run and _APART.search(token.string, run[-1].end(), token.start()):
            run, previous, article = [], "", ""  # "the bedroom 19 degrees": a number ends it
        low = token.group(0).lower()
        t = terms(token.group(0))
        if not t or t[0] in known or low in _FILLER:
            run = []
            if low in _ARTICLES:
                article = low
            else:
                previous, article = low, ""
            continue
        if not run and spelled_count(low):
            continue  # "three personality traits": a count, read as a number, not a thing
        if run and number_word(low):
            run, previous, article = [], "", ""  # "the orchid half a litre": a number ends it
            continue
        if not run:
            run = [token]
            runs.append((run, previous if previous in _VALUE_CUES else (article or previous)))
        elif len(run) < 4:
            run.append(token)
    return runs


def _phrase(text: str, run: list[re.Match[str]], strength: float, how: str) -> Candidate:
    start, end = run[0].start(), run[-1].end()
    return Candidate(
        Kind.PHRASE, text[start:end], start, end, text[start:end], strength, evidence=how
    )


def write_phrase(candidate: Candidate, slot) -> str:
    """The words as written, less last words that only name the parameter ("a multi-band
    sequence" for ``sequence_type`` is "multi-band")."""
    words = str(candidate.value).split()
    while len(words) > 1 and terms(words[-1]) and terms(words[-1])[0] in slot.cues:
        words = words[:-1]
    return " ".join(words)


EXTRACTOR = Extractor(
    Kind.PHRASE,
    find,
    for_slot=read,
    fills={Kind.STRING: 0.6, Kind.NAME: 0.25, Kind.PLACE: 0.2},
    convert=write_phrase,
)
