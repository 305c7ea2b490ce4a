"""Is a description written for a reader, or stuffed with keywords to pass a check?

The exercise checks of lessons 01 and 05 score descriptions by the words they share with
requests, and a word-counting check can be gamed: say a word six times, paste the
requests' nouns, copy a request. :func:`find_gaming` finds those patterns in plain
text, without a language model::

    find_gaming("laptop warranty projector monitor bought", visible=requests)
    # [Finding(kind=Gaming.WORD_LIST, ...), Finding(kind=Gaming.COPIED_WORDS, ...)]
    print(finding.message("The description of equipment_db"))

Every pass over the text is linear: one tokenising regex with no nested repetition, then
counts and set look-ups.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum


class Gaming(Enum):
    """A way a description games a word-counting check."""

    REPEATED_WORD = "repeated word"
    WORD_LIST = "word list"
    NO_VERB = "no verb"
    COPIED_REQUEST = "copied request"
    COPIED_WORDS = "copied words"


@dataclass(frozen=True)
class Finding:
    """One gaming pattern found in a description, with the words that show it."""

    kind: Gaming
    evidence: tuple[str, ...]
    count: int = 0  # repeats of the word, or how many words the text has

    def message(self, what: str) -> str:
        """What is wrong and what to write instead; ``what`` names the text
        ("The description of equipment_db", "The docstring")."""
        return _MESSAGES[self.kind](what, self)


def _say_repeated(what: str, f: Finding) -> str:
    return (
        f"{what} says {f.evidence[0]!r} {f.count} times. Saying a word again tells a model "
        "(or a colleague) nothing more: say it once, and spend the other words on what the "
        "tool does, on what, and what it gives back."
    )


def _say_word_list(what: str, f: Finding) -> str:
    return (
        f"{what} is a list of keywords ({_quoted(f)}), not a sentence: it has "
        "almost none of the small words (a, the, of, by, and) that join words into one. A "
        "hosted model reads a description as a colleague would. Write a sentence that says what the "
        "tool does, on what, and what comes back, such as 'Looks up a ... by its ... and "
        "returns its ...'."
    )


def _quoted(f: Finding) -> str:
    """The first words of the text, with "..." when there are more."""
    return " ".join(f.evidence) + (" ..." if f.count > len(f.evidence) else "")


def _say_no_verb(what: str, f: Finding) -> str:
    return (
        f"{what} has no verb, so it names things without saying what the tool does with "
        "them. Start with what it does: 'Looks up ...', 'Lists ...', 'Reports ...', "
        "'Returns ...'."
    )


def _say_copied_request(what: str, f: Finding) -> str:
    return (
        f"{what} copies the request {f.evidence[0]!r}. A description that echoes the test "
        "requests fits those requests and few others: say what the tool is for, in your own "
        "words, so that requests phrased differently reach it too."
    )


def _say_copied_words(what: str, f: Finding) -> str:
    return (
        f"{what} is mostly words taken from the requests ({', '.join(f.evidence)}: "
        f"{len(f.evidence)} of its {f.count} words). It then fits these requests and few "
        "others. Say what kind of records the tool holds, or what it does, and what a caller "
        "gets back, in your own words."
    )


_MESSAGES = {
    Gaming.REPEATED_WORD: _say_repeated,
    Gaming.WORD_LIST: _say_word_list,
    Gaming.NO_VERB: _say_no_verb,
    Gaming.COPIED_REQUEST: _say_copied_request,
    Gaming.COPIED_WORDS: _say_copied_words,
}

# -- words --------------------------------------------------------------------------------

# No nested repetition: each match is one run of letters (with one apostrophe part) or digits.
_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?|[0-9]+")


def _vocabulary(text: str) -> frozenset[str]:
    """The words of a whitespace-separated list."""
    return frozenset(text.split())


# The small words that join content words into a sentence; a keyword list has almost none.
FUNCTION_WORDS = _vocabulary(
    """a an the this that these those its it's their his her our your my of in on at to for
    from by with about as into onto over under between through during before after without
    within per via and or but nor so if when where while whether who whom whose which what
    how it they them he she we you i me us each every any some all no not such than then
    there here up out off is are was were be been being has have had do does did can will
    would should could may might must also only just like whatever whoever"""
)

# Verbs a tool description uses, in their base form; inflections are found by _base_verbs.
VERBS = _vocabulary(
    """look return list get find search report show give tell fetch retrieve read write
    create add update delete remove send file log book cancel check track hold keep store
    record answer say describe cover take open raise submit register assign lend loan
    own contain include provide locate lookup query count compute calculate convert schedule
    notify call reach connect manage handle fix repair request ask explain match
    belong work sit run end expire buy purchase identify link fill let help reserve post
    save start stop set make put see view browse load display print accept need know mean
    go come use apply change move mark flag close resolve escalate alert route forward
    collect gather pull bring lead point hand sort filter rank pick choose replace
    """
)
_IRREGULAR = _vocabulary(
    """is are was were be been has have had does did can will would should could may might
    must gives gave given bought sent kept held told shown known made found took taken
    brought led ran paid"""
)

MIN_SENTENCE_WORDS = 4  # shorter texts are judged by the other checks (length, topic)
FUNCTION_SHARE = 1 / 8  # fewer small words than this: a keyword list
COPIED_SHARE = 2 / 3  # more of the words taken from the requests than this: copied
MIN_COPIED = 3
COPY_RUN = 5  # this many words in a row from a request (or a whole shorter one): a copy


def tokens(text: str) -> list[str]:
    """The words and numbers of ``text``, lower-cased, in order."""
    return [m.group(0).lower() for m in _WORD.finditer(text)]


def base(word: str) -> str:
    """A word without its plural or possessive ending, so "orders" and "order's" meet."""
    word = word.removesuffix("'s")
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _base_verbs(word: str) -> set[str]:
    """The base forms ``word`` may be an inflection of (looks, searches, stored, using)."""
    out = {word}
    if word.endswith("ies"):
        out.add(word[:-3] + "y")
    if word.endswith("es"):
        out.add(word[:-2])
    if word.endswith("s"):
        out.add(word[:-1])
    if word.endswith("ed"):
        out |= {word[:-2], word[:-1]}
    if word.endswith("ing"):
        out |= {word[:-3], word[:-3] + "e"}
    return out


def is_verb(word: str) -> bool:
    """Is ``word`` (lower-case) one of the verbs a description uses, in any form?"""
    return word in _IRREGULAR or not VERBS.isdisjoint(_base_verbs(word))


def _words(text: str) -> list[str]:
    """The words of ``text`` that a reader reads: letters, longer than one ("e.g." is not)."""
    return [t for t in tokens(text) if t.isalpha() and (len(t) > 1 or t in ("a", "i"))]


def content_words(text: str) -> list[str]:
    """The words of ``text`` that carry meaning (not the small joining words), as bases."""
    return [base(w) for w in _words(text) if w not in FUNCTION_WORDS]


# -- the checks ---------------------------------------------------------------------------


def find_gaming(text: str, visible: Sequence[str] = (), *, sentence: bool = True) -> list[Finding]:
    """The ways ``text`` games a word-counting check, most telling first.

    ``visible`` holds the requests the learner can see (what a stuffed description copies);
    ``sentence=False`` skips the sentence checks (for parameter descriptions, which are
    often a phrase: "The order id, e.g. ORD-1234").
    """
    found = [_repeated_word(text)]
    if sentence:  # a keyword list says "write a sentence" already: no verb is then implied
        found.append(_word_list(text) or _no_verb(text))
    if visible:  # a whole copied request is the clearer reason than its copied words
        found.append(_copied_request(text, visible) or _copied_words(text, visible))
    return [f for f in found if f is not None]


def _repeated_word(text: str) -> Finding | None:
    """A content word said twice in a row, four times, or three times in a short text."""
    every = [base(w) for w in _words(text)]
    twice_running = {a for a, b in zip(every, every[1:], strict=False) if a == b}
    for word, n in Counter(content_words(text)).most_common():
        if word in twice_running or n >= 4 or (n >= 3 and n * 4 >= len(every)):
            return Finding(Gaming.REPEATED_WORD, (word,), n)
    return None


def _word_list(text: str) -> Finding | None:
    words = _words(text)
    if len(words) < MIN_SENTENCE_WORDS:
        return None
    joining = sum(w in FUNCTION_WORDS for w in words)
    if joining >= 2 and joining >= FUNCTION_SHARE * len(words):
        return None
    return Finding(Gaming.WORD_LIST, tuple(words[:5]), len(words))


def _no_verb(text: str) -> Finding | None:
    words = _words(text)
    if len(words) < MIN_SENTENCE_WORDS or any(is_verb(w) for w in words):
        return None
    return Finding(Gaming.NO_VERB, tuple(words[:5]), len(words))


def _copied_request(text: str, visible: Sequence[str]) -> Finding | None:
    """A visible request whose words (COPY_RUN in a row, or all of a shorter one) are in
    ``text`` in the same order."""
    runs: dict[int, dict[tuple[str, ...], str]] = {}  # run length -> run -> its request
    for request in visible:
        theirs = tokens(request)
        n = min(COPY_RUN, len(theirs))
        if n >= MIN_SENTENCE_WORDS:
            at_n = runs.setdefault(n, {})
            for i in range(len(theirs) - n + 1):
                at_n.setdefault(tuple(theirs[i : i + n]), request)
    own = tokens(text)
    for n, at_n in sorted(runs.items(), reverse=True):
        for i in range(len(own) - n + 1):
            if (request := at_n.get(tuple(own[i : i + n]))) is not None:
                return Finding(Gaming.COPIED_REQUEST, (request,))
    return None


def _copied_words(text: str, visible: Sequence[str]) -> Finding | None:
    """Most of the content words of ``text`` found in the visible requests."""
    words = list(dict.fromkeys(content_words(text)))
    seen = {w for request in visible for w in content_words(request)}
    copied = [w for w in words if w in seen]
    if len(copied) >= MIN_COPIED and len(copied) > COPIED_SHARE * len(words):
        return Finding(Gaming.COPIED_WORDS, tuple(copied), len(words))
    return None


__all__ = ["Finding", "Gaming", "base", "content_words", "find_gaming", "is_verb", "tokens"]
