"""Words: how the simulated model reads text, tool names and descriptions.

Text becomes *terms*: lower-case words, identifiers split at ``_`` and camelCase, stop
words dropped ("how much" and "how many" kept as one term each), each word reduced to a
stem, then folded onto the first word of its line in ``data/synonyms.txt``. Matching tools
to requests compares terms. :func:`words` keeps each term's position, for the stages
that ask "which word comes just before this number?".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SYNONYMS_FILE = Path(__file__).with_name("data") / "synonyms.txt"

# Words that say "do something" without saying what: they count little when matching.
GENERIC = {
    "calculate", "find", "get", "info", "information", "detail", "data", "specific", "given",
    "base", "value", "result", "number", "use", "tool", "function", "name", "type", "return",
    "provide", "based", "particular", "certain", "default", "option", "list", "item",
    "thing", "stuff", "do", "can", "want", "need", "like", "help", "please", "new",
    "today", "now", "money", "day", "good", "nice", "great", "thank", "thanks",
    "current", "check", "set", "update", "create", "send", "make", "put", "see", "way",
    "something", "anything", "everything", "someone", "specified", "optional",
    "first", "last", "step", "once", "before", "after", "whenever", "always", "never", "usually",
}  # fmt: skip

STOPWORDS = {
    "a", "an", "the", "and", "or", "but", "if", "then", "else", "of", "in", "on", "at", "to",
    "for", "from", "by", "with", "about", "as", "into", "over", "under", "is", "are", "was",
    "were", "be", "been", "being", "am", "do", "does", "did", "have", "has", "had", "i", "me",
    "my", "we", "our", "you", "your", "he", "she", "it", "its", "they", "them", "their", "this",
    "that", "these", "those", "what", "which", "who", "whom", "whose", "how", "why",
    "will", "would", "should", "could", "can", "may", "might", "must", "shall", "not", "no",
    "so", "than", "too", "very", "just", "also", "some", "any", "all", "each", "both", "there",
    "here", "up", "out", "s", "t", "e", "g", "eg", "ie", "etc", "let", "us", "please", "want",
    "like", "know", "much", "many", "per", "via", "using", "use", "used", "one", "her",
    "him", "his", "hers", "mine", "yours", "theirs", "it's", "i'm", "don", "doesn", "hi",
    "hello", "hey", "ok", "okay", "yes", "sure", "thanks", "thank", "whats", "what's", "im",
    "lets", "let's", "ll", "ve", "re", "d", "m", "get", "got", "go", "going", "way",
}  # fmt: skip

# Question phrases made of stop words: each reads as one term, so that a description
# saying "how much something is" matches a request asking "How much is ...?".
PHRASES = {("how", "much"), ("how", "many")}

_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|\d+")
# Addresses and links are values, not words that say what a request is about.
_NOT_WORDS = re.compile(r"(?<![^\s@])[^\s@]+@[^\s@]+|https?://\S+")
_TOKEN = re.compile(r"[A-Za-z0-9_]+(?:'[a-z]+)?")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light stemmer: enough that searches/search and created/create meet."""
    w = word
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith(("sses", "ches", "shes", "xes")):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ed") or len(w) > 5 and w.endswith("ly"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    if len(w) > 2 and w.endswith("y"):
        w = w[:-1] + "i"  # "movies" -> movy and "movie" -> movi meet as movi
    return w


def _read_synonyms(path: Path) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """Word -> canonical stem, and two-word phrase -> canonical stem, from the data file."""
    words: dict[str, str] = {}
    pairs: dict[tuple[str, str], str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        head, rest = line.split(":", 1)
        canon = stem(head.strip().lower())
        for entry in [head, *rest.split(",")]:
            parts = [stem(p) for p in entry.strip().lower().replace("-", "").split()]
            if len(parts) == 1:
                words[parts[0]] = canon
            elif len(parts) == 2:
                pairs[(parts[0], parts[1])] = canon
    return words, pairs


_CANON, _PAIRS = _read_synonyms(SYNONYMS_FILE)
GENERIC_STEMS = frozenset(_CANON.get(stem(w), stem(w)) for w in GENERIC)


def canonical(word: str) -> str:
    """The term for one lower-case word: stemmed, then folded onto its synonym line."""
    s = stem(word)
    return _CANON.get(s, s)


def split_identifier(name: str) -> list[str]:
    """``lookupCustomer`` / ``lookup_customer`` / ``math.hypot`` -> lower-case words."""
    return [w.lower() for w in _WORD.findall(_CAMEL.sub(" ", name))]


@dataclass(frozen=True)
class Word:
    """One content term of a text and where its word stands."""

    term: str
    start: int
    end: int
    text: str


@lru_cache(maxsize=16384)
def words(text: str) -> tuple[Word, ...]:
    """The content terms of ``text`` with their positions, in order."""
    text = _NOT_WORDS.sub(lambda m: " " * len(m.group(0)), text)
    found: list[tuple[str, int, int]] = []
    for token in _TOKEN.finditer(text):
        parts = split_identifier(token.group(0))
        if len(parts) == 1:
            found.append((token.group(0), token.start(), token.end()))
        else:  # "lookup_customer", "camelCase": each word keeps the token's place
            found += [(part, token.start(), token.end()) for part in parts]
    out: list[Word] = []
    i = 0
    while i < len(found):
        raw, start, end = found[i]
        low = raw.lower()
        nxt = found[i + 1][0].lower() if i + 1 < len(found) else ""
        if (low, nxt) in PHRASES:
            out.append(Word(f"{low} {nxt}", start, found[i + 1][2], text[start : found[i + 1][2]]))
            i += 2
            continue
        pair = (stem(low), stem(nxt)) if nxt else None
        if pair in _PAIRS:
            out.append(Word(_PAIRS[pair], start, found[i + 1][2], text[start : found[i + 1][2]]))
            i += 2
            continue
        if low not in STOPWORDS and not low.isdigit() and len(low) > 1:
            out.append(Word(canonical(low.replace("'", "")), start, end, raw))
        i += 1
    return tuple(out)


@lru_cache(maxsize=16384)
def terms(text: str) -> tuple[str, ...]:
    """The content terms of a text, in order (duplicates kept)."""
    return tuple(w.term for w in words(text))


def identifier_terms(name: str) -> tuple[str, ...]:
    """The terms of an identifier (``get_local_time`` -> local, time)."""
    return terms(" ".join(split_identifier(name)))


def is_generic(term: str) -> bool:
    """Does the term say "do something" rather than what?"""
    return term in GENERIC_STEMS
