"""Words: how the simulated model reads text, names and descriptions.

Text becomes *terms*: lower-cased words, identifiers split at ``_`` and camelCase,
common stop words dropped (but "how much" and "how many" kept as one term each), a
light suffix-stripping stemmer applied, and a small table of synonyms folded onto one
canonical word. Matching tools to requests compares terms.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Each group is one meaning; every word in it reads as the first one. Kept small and
# plain on purpose: a learner can read this table and predict what the model will do.
SYNONYM_GROUPS = [
    ("email", "e-mail", "mail", "mailbox", "inbox"),
    ("customer", "client", "account", "user", "member", "subscriber"),
    ("weather", "forecast", "temperature", "rain", "sunny", "climate"),
    ("ticket", "case", "issue", "incident", "complaint", "support request"),
    ("order", "purchase", "shipment", "package", "delivery"),
    ("price", "cost", "fee", "charge", "pricing"),
    ("refund", "reimburse", "money back"),
    ("article", "doc", "docs", "documentation", "faq", "guide", "knowledge", "help"),
    ("message", "reply", "response", "respond", "answer"),
    ("delete", "remove", "erase", "drop"),
    ("create", "open", "add", "new", "make", "file", "register"),
    ("update", "change", "modify", "edit", "set"),
    ("cancel", "stop", "terminate"),
    ("send", "notify"),
    ("city", "town", "place", "location", "locate", "where"),
    ("movie", "film", "cinema"),
    ("song", "track", "music", "tune"),
    ("car", "vehicle", "automobile"),
    ("doctor", "physician", "clinic"),
    ("flight", "fly", "airline", "airplane", "airport"),
    ("hotel", "accommodation", "lodging", "room"),
    ("restaurant", "dining", "eatery"),
    ("meeting", "appointment", "event", "calendar", "schedule"),
    ("currency", "exchange", "forex", "dollar", "euro", "usd", "eur", "gbp", "yen"),
    ("lawyer", "attorney", "counsel", "solicitor", "law firm"),
    ("stock", "share", "ticker", "equity"),
    ("photo", "image", "picture"),
    ("phone", "telephone", "mobile"),
    ("distance", "far", "mileage"),
    ("population", "inhabitant", "resident"),
    ("translate", "translation"),
    ("calculate", "compute", "calc", "determine", "evaluate", "work out"),
    ("find", "search", "lookup", "look", "seek", "query", "locate"),
    ("get", "fetch", "retrieve", "obtain", "read", "show", "give", "tell", "provide", "list"),
]

# Words that say "do something" without saying what: they count little when matching.
GENERIC = {
    "calculate", "find", "get", "info", "information", "detail", "data", "specific", "given",
    "base", "value", "result", "number", "use", "tool", "function", "name", "type", "return",
    "provide", "based", "particular", "certain", "default", "option", "list", "item",
    "thing", "stuff", "do", "can", "want", "need", "like", "help", "please", "id", "new",
}  # fmt: skip

STOPWORDS = {
    "a", "an", "the", "and", "or", "but", "if", "then", "else", "of", "in", "on", "at", "to",
    "for", "from", "by", "with", "about", "as", "into", "over", "under", "is", "are", "was",
    "were", "be", "been", "being", "am", "do", "does", "did", "have", "has", "had", "i", "me",
    "my", "we", "our", "you", "your", "he", "she", "it", "its", "they", "them", "their", "this",
    "that", "these", "those", "what", "which", "who", "whom", "whose", "when", "how", "why",
    "will", "would", "should", "could", "can", "may", "might", "must", "shall", "not", "no",
    "so", "than", "too", "very", "just", "also", "some", "any", "all", "each", "both", "there",
    "here", "up", "out", "s", "t", "e", "g", "eg", "ie", "etc", "let", "us", "please", "want",
    "like", "know", "tell", "much", "many", "per", "via", "using", "use", "used", "one",
    "her", "him", "his", "hers", "mine", "yours", "theirs", "it's", "i'm", "don", "doesn",
}  # fmt: skip

# Question phrases made of stop words: each reads as one term, so that a description
# saying "how much something is" matches a request asking "How much is ...?".
PHRASES = {("how", "much"), ("how", "many")}

_CANON = {word: group[0] for group in SYNONYM_GROUPS for word in group}
_WORD = re.compile(r"[A-Za-z]+|\d+")
# Addresses and links are values, not words that say what a request is about.
_NOT_WORDS = re.compile(r"\S+@\S+|https?://\S+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


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
    return w


# Synonyms are matched after stemming, so build the table on stems too.
_CANON_STEMS = {stem(k): stem(v) for k, v in _CANON.items()}
GENERIC_STEMS = {stem(w) for w in GENERIC}


def canonical(word: str) -> str:
    """The term for one lower-case word: stemmed, then folded onto its synonym group."""
    s = stem(word)
    return _CANON_STEMS.get(s, s)


def split_identifier(name: str) -> list[str]:
    """``lookupCustomer`` / ``lookup_customer`` / ``math.hypot`` -> lower-case words."""
    return [w.lower() for w in _WORD.findall(_CAMEL.sub(" ", name))]


@lru_cache(maxsize=16384)
def terms(text: str) -> tuple[str, ...]:
    """The content terms of a text, in order (duplicates kept)."""
    text = _NOT_WORDS.sub(" ", text.replace("e-mail", "email").replace("E-mail", "email"))
    words = split_identifier(text)
    out: list[str] = []
    for i, w in enumerate(words):
        if tuple(words[i : i + 2]) in PHRASES:
            out.append(f"{w} {words[i + 1]}")
        elif w not in STOPWORDS and not w.isdigit():
            out.append(canonical(w))
    return tuple(out)


def is_generic(term: str) -> bool:
    return term in GENERIC_STEMS
