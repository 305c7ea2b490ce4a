"""Proper names: capitalised phrases such as ``Jane Doe``, ``Lebron James``, ``Tech Solutions``,
``Yellowstone National Park``, ``Maroon 5``; after a place word (``in``, ``to``, ``from``, ...)
they are places.

A capitalised word that opens a sentence only because it comes first ("Find", "Please")
is not a name; one that may be either is tagged :attr:`Tag.OPENER`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..vocabulary import Kind, Tag
from ..words import identifier_terms, split_identifier, terms
from .base import Candidate, Extractor, Request, coerce

_L = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
# a dotted abbreviation whole ("F.C.", "U.S."), or a word, or a short number
_TOKEN = re.compile(
    rf"(?:[{_L}]\.){{2,}}|[{_L}][{_L}'’.&-]{{0,40}}[{_L}]|[{_L}]|\d{{1,4}}(?!\d|[.,]\d)"
)
# Capitalised words that open a request without being a name.
NOT_NAMES = {
    "what", "whats", "who", "where", "when", "why", "how", "which", "can", "could", "would",
    "will", "should", "please", "find", "get", "calculate", "compute", "show", "tell", "give",
    "search", "look", "book", "play", "run", "list", "retrieve", "fetch", "check", "create",
    "send", "open", "add", "delete", "update", "convert", "predict", "translate", "estimate",
    "identify", "provide", "generate", "is", "are", "do", "does", "i", "im", "id", "my", "the",
    "a", "an", "also", "then", "and", "after", "first", "second", "third", "next", "finally",
    "lastly", "in", "on", "for", "from", "to", "with", "at", "by", "of", "it", "this", "that",
    "if", "hi", "hello", "hey", "thanks", "thank", "help", "let", "lets", "we", "you", "me",
    "plan", "make", "buy", "order", "cancel", "schedule", "set", "write", "draw", "use",
    "analyze", "determine", "evaluate", "solve", "perform", "apply", "compare", "sort",
    "filter", "return", "suggest", "recommend", "locate", "obtain", "measure", "there", "now",
    "assuming", "given", "based", "considering", "imagine", "suppose", "currently", "yes",
    "no", "ok", "okay", "sure", "furthermore", "additionally", "moreover", "however", "turn",
    "switch", "remind", "email", "mail", "text", "call", "change", "swap", "move", "copy",
    "read", "save", "note", "start", "stop", "tomorrow", "today", "yesterday", "tonight",
    "any", "some", "all", "every", "each", "was", "did", "have", "has", "had", "be",
    "just", "quick", "quickly", "kindly", "maybe", "need", "want", "like", "go", "try",
    "log", "file", "put", "pull", "bring", "take", "keep", "mark", "post", "share", "tag",
    "am", "were", "shall", "may", "might", "must", "hmm",
}  # fmt: skip
# Verbs that open a request ("Reserve Barrafina for two", "Invite Sam"): not a name there,
# though many are one elsewhere ("labels Billing and Refund", "the Annual Report").
OPENING_VERBS = {
    "reserve", "invite", "ask", "ping", "message", "notify", "pay", "transfer", "refund",
    "ship", "track", "archive", "close", "assign", "approve", "reject", "decline", "accept",
    "confirm", "reschedule", "postpone", "rename", "upload", "download", "print", "pause",
    "resume", "mute", "unmute", "lock", "unlock", "dim", "increase", "decrease", "reduce",
    "summarise", "summarize", "explain", "describe", "define", "rent", "hire", "sell",
    "withdraw", "deposit", "forward", "reply", "respond", "submit", "register", "subscribe",
    "unsubscribe", "block", "unblock", "report", "remove", "clear", "reset", "restart",
    "install", "deploy", "launch", "view", "display", "record", "review", "rate", "join",
    "leave", "contact", "publish", "draft", "compose", "organise", "organize", "arrange",
}  # fmt: skip
# Words that open a verb's object: after a request's first word they make it a verb.
DETERMINERS = {"the", "this", "that", "these", "those", "a", "an", "my", "our", "your", "his",
               "her", "their", "its", "all", "some", "every", "each", "any"}  # fmt: skip
GEO_HEADS = {"river", "rainforest", "forest", "lake", "mountain", "mountains", "ocean", "sea",
             "desert", "valley", "island", "islands", "bay", "canyon", "falls", "peninsula"}  # fmt: skip
# Last words that are part of a proper name ("Yellowstone National Park", "The British
# Museum", "UEFA Champions League"): kept even where the parameter is named after them.
PROPER_HEADS = GEO_HEADS | {
    "park", "museum", "gallery", "library", "league", "cup", "club", "school", "university",
    "college", "hotel", "district", "county", "city", "state", "act", "treaty", "stadium",
    "hospital", "airport", "station", "church", "cathedral", "palace", "bridge", "tower",
    "street", "square", "theatre", "theater", "zoo", "festival", "award", "prize",
}  # fmt: skip
TITLES = {"mr", "mrs", "ms", "dr", "st", "prof", "sr", "jr", "mt"}
PLACE_CUES = {
    "in",
    "at",
    "from",
    "to",
    "near",
    "around",
    "visit",
    "visiting",
    "into",
    "via",
    "towards",
}
_SENTENCE_END = ".?!:\n\"'(“"


def _opener(text: str, start: int) -> bool:
    head = text[max(0, start - 200) : start].rstrip()
    return not head or head[-1] in _SENTENCE_END


def _verb_before_object(text: str, tokens: list[re.Match[str]], i: int) -> bool:
    """Is token i one word opening a sentence and followed by a determiner or a colon, as
    an imperative verb is by its object ("Extract the person", "Capture this", "Parse:")?"""
    token = tokens[i]
    if not _opener(text, token.start()):
        return False
    if text[token.end() : token.end() + 1] == ":":
        return True
    return i + 1 < len(tokens) and tokens[i + 1].group(0) in DETERMINERS


def _continues(text: str, tokens: list[re.Match[str]], j: int) -> bool:
    """Does token j+1 continue the name ending at token j ("New York", "Maroon 5")?"""
    word, nxt = tokens[j], tokens[j + 1]
    gap = text[word.end() : nxt.start()]
    if gap == ", " and len(nxt.group(0)) == 2 and nxt.group(0).isupper():
        return True  # "Portland, OR"
    if gap == ". " and word.group(0).lower() in TITLES and nxt.group(0)[0].isupper():
        return True  # "Mr. X", "Dr. Smith"
    if gap != " " or word.group(0).endswith("."):  # "Liverpool F.C. Include": a sentence ends
        return gap in ("-",) and nxt.group(0)[0].isupper()
    token = nxt.group(0)
    if token.lower() in ("of", "de", "del", "da", "la", "le", "van", "von", "and") and j + 2 < len(
        tokens
    ):
        after = tokens[j + 2]
        return (
            text[nxt.end() : after.start()] == " "
            and after.group(0)[0].isupper()
            and token != "and"
        )
    if token.lower() in GEO_HEADS and word.group(0)[0].isupper():
        return True  # "the Amazon rainforest", "the Mississippi river"
    if token.isdigit():  # "Maroon 5", "Windows 10", "S&P 500", not "Paris 2024 tickets"
        after = text[nxt.end() : nxt.end() + 2]
        return (
            len(token) <= 4
            and word.group(0)[0].isupper()
            and not re.match(r"\s?[a-z%]|[-.,/:]\d|\d", after)
        )
    return token[0].isupper()


_NAMED_UNITS = {"joule", "kelvin", "watt", "pascal", "hertz", "volt", "ampere", "ohm", "coulomb",
                "farad", "henry", "tesla", "weber", "degree_Celsius", "degree_Fahrenheit", "newton"}  # fmt: skip


def _unit_word(low: str) -> bool:
    """ "Joules", "Kelvin": a unit named after a person, capitalised, is not a name."""
    from .units import parse_unit

    parsed = parse_unit(low)
    return parsed is not None and parsed[0] in _NAMED_UNITS


_ACCIDENTAL = re.compile(r"(?:[#♯♭]|\s(?:sharp|flat)\b)(?![\w#])")


def _continues_at(text: str, tokens: list[re.Match[str]], i: int) -> bool:
    return i + 1 < len(tokens) and _continues(text, tokens, i)


def find(request: Request) -> list[Candidate]:
    text = request.text
    tokens = list(_TOKEN.finditer(text))
    out: list[Candidate] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        word = token.group(0)
        low = word.lower().replace("'", "").replace("’", "").rstrip(".")
        the = low == "the" and not _opener(text, token.start()) and _continues_at(text, tokens, i)
        if (
            len(word) == 1
            and word.isupper()
            and word != "I"  # the pronoun: "and I want", never "plan I"
            and i
            and tokens[i - 1].group(0).islower()
            and text[tokens[i - 1].end() : token.start()] == " "
        ):
            the = True  # "product A", "plan B": a letter that names something
        if (
            not word[0].isupper()
            or (low in NOT_NAMES and not the)
            or (low in OPENING_VERBS and _opener(text, token.start()))
            or (len(low) > 3 and _unit_word(low) and not _continues_at(text, tokens, i))
        ):
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and _continues(text, tokens, j):
            j += 1
        if j == i and _verb_before_object(text, tokens, i):
            i += 1  # "Extract the person: ...", "Capture this": the request's verb
            continue
        start, end = token.start(), tokens[j].end()
        phrase = text[start:end]
        if phrase.endswith(("'s", "’s")):  # "Jane Doe's account": the name is Jane Doe
            phrase, end = phrase[:-2], end - 2
        sign = _ACCIDENTAL.match(text, end) if j == i and word in "ABCDEFG" else None
        if sign:  # "C#", "B flat", "F♯": a note with its sharp or flat (or the language C#)
            phrase, end = phrase + sign.group(0), sign.end()
        before = text[max(0, start - 40) : start].split()
        cue = before[-1].lower().strip(",") if before else ""
        tags = {Tag.OPENER} if _opener(text, start) else set()
        kind = Kind.NAME
        if cue in PLACE_CUES:
            kind = Kind.PLACE
            tags.add(Tag.PLACE_CUE)
        # "Train the model ...": maybe just a word
        strength = 0.5 if Tag.OPENER in tags and j == i else 0.8
        out.append(Candidate(kind, phrase, start, end, phrase, strength, tags=frozenset(tags)))
        i = j + 1
    return out


def _tool_verb(first: tuple[str, ...] | list[str], tool: str) -> bool:
    """Is a request's first word the verb the tool's name opens with (reserve_table)?"""
    verb = identifier_terms(split_identifier(tool)[0]) if split_identifier(tool) else ()
    return bool(first) and bool(verb) and first[0] == verb[0]


def write_name(candidate: Candidate, slot) -> str:
    """A name as written, less a last word that only says what it names when two or more
    words remain ("the Beef Lasagna Recipe" for a recipe is "Beef Lasagna"), unless proper
    names end in that word ("Yellowstone National Park" stays whole)."""
    words = str(candidate.value).split()
    first = terms(words[0]) if words else []
    if len(words) >= 3 and first and first[0] in slot.tool_terms and words[1][:1].isupper():
        words = words[1:]  # "Lawyer John Doe" for a lawyer tool: the title says what, not who
        candidate = replace(candidate, value=" ".join(words))
    elif len(words) >= 2 and Tag.OPENER in candidate.tags and _tool_verb(first, slot.tool):
        words = words[1:]  # "Reserve Barrafina" for reserve_table: the request's verb, and a name
        candidate = replace(candidate, value=" ".join(words))
    head = words[-1].lower() if words else ""
    if len(words) >= 3 and head not in PROPER_HEADS and terms(head) and terms(head)[0] in slot.cues:
        return " ".join(words[:-1])
    own = split_identifier(slot.name)
    if len(words) == 2 and own and own[-1] not in ("name", "title", head) \
            and terms(head) and terms(head)[0] in identifier_terms(slot.name):  # fmt: skip
        return words[0]  # "Hilton Hotel" for a hotel_chain is Hilton; a hotel_name keeps it
    return coerce(candidate.value, slot.json_type)


EXTRACTOR = Extractor(
    Kind.NAME,
    find,
    slot_words=frozenset(
        {
            "name",
            "artist",
            "person",
            "author",
            "player",
            "company",
            "team",
            "title",
            "brand",
            "product",
            "actor",
            "director",
            "band",
            "species",
            "character",
            "celebrity",
            "singer",
            "composer",
            "painter",
            "organization",
            "organisation",
            "restaurant",
            "hotel",
            "movie",
            "song",
            "album",
            "book",
            "game",
            "username",
            "customer",
            "who",
            "employee",
            "contact",
            "recipient",
            "attendee",
            "owner",
            "manager",
            "friend",
            "item",
            "show",
            "series",
            "event",
            "park",
            "landmark",
            "building",
            "university",
            "school",
            "club",
            "league",
        }
    ),  # fmt: skip
    fills={Kind.STRING: 0.9, Kind.PLACE: 0.6, Kind.PHRASE: 0.8},
    convert=write_name,
)
