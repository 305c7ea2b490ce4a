"""Values: the things in a request that can become arguments.

:func:`mentions` finds emails, links, ids and codes, dates, numbers (with their units),
quoted text, bracketed lists and proper names (with a flag for places) in a text, each
with its position, so the argument filler can ask "which number follows the word
*radius*?" or "which capitalised name follows *in*?".
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import Any

MONTHS = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
]  # fmt: skip
_MON = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
RELATIVE_DAYS = ["today", "tomorrow", "yesterday", "tonight"]

UNITS = {
    "%": "percent", "percent": "percent", "cm": "cm", "mm": "mm", "m": "m", "km": "km",
    "meter": "meters", "meters": "meters", "metre": "meters", "metres": "meters",
    "kilometer": "km", "kilometers": "km", "ft": "feet", "feet": "feet", "foot": "feet",
    "inch": "inches", "inches": "inches", "in": "inches", "mile": "miles", "miles": "miles",
    "kg": "kg", "g": "g", "mg": "mg", "lb": "lbs", "lbs": "lbs", "pounds": "lbs", "grams": "g",
    "kilograms": "kg", "s": "seconds", "sec": "seconds", "second": "seconds",
    "seconds": "seconds", "min": "minutes", "minute": "minutes", "minutes": "minutes",
    "h": "hours", "hr": "hours", "hour": "hours", "hours": "hours", "day": "days",
    "days": "days", "week": "weeks", "weeks": "weeks", "month": "months", "months": "months",
    "year": "years", "years": "years", "mph": "mph", "km/h": "km/h", "kmh": "km/h",
    "m/s": "m/s", "celsius": "celsius", "fahrenheit": "fahrenheit", "°c": "celsius",
    "°f": "fahrenheit", "c": "celsius", "f": "fahrenheit", "degrees": "degrees", "usd": "USD",
    "dollars": "USD", "dollar": "USD", "eur": "EUR", "euros": "EUR", "euro": "EUR",
    "gbp": "GBP", "l": "liters", "liter": "liters", "liters": "liters", "litres": "liters",
    "ml": "ml", "gb": "GB", "mb": "MB", "units": "units", "unit": "units", "people": "people",
    "persons": "people", "sq": "sq ft", "k": "thousand",
}  # fmt: skip
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "dozen": 12, "twice": 2, "thrice": 3,
}  # fmt: skip
MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Capitalised words that open a sentence without being a name.
NOT_NAMES = {
    "what", "whats", "who", "where", "when", "why", "how", "which", "can", "could", "would",
    "will", "should", "please", "find", "get", "calculate", "compute", "show", "tell", "give",
    "search", "look", "book", "play", "run", "list", "retrieve", "fetch", "check", "create",
    "send", "open", "add", "delete", "update", "convert", "predict", "translate", "estimate",
    "identify", "provide", "generate", "is", "are", "do", "does", "i", "im", "id", "my", "the",
    "a", "an", "also", "then", "and", "after", "first", "second", "third", "next", "finally",
    "lastly", "in", "on", "for", "from", "to", "with", "at", "by", "of", "it", "this", "that",
    "if", "hi", "hello", "hey", "thanks", "help", "let", "lets", "we", "you", "me", "plan",
    "make", "buy", "order", "cancel", "schedule", "set", "write", "draw", "use", "analyze",
    "determine", "evaluate", "solve", "perform", "apply", "compare", "sort", "filter",
    "return", "suggest", "recommend", "locate", "obtain", "measure", "there", "now", "i'd",
    "assuming", "given", "based", "considering", "imagine", "suppose", "currently", "yes", "no",
    "ok", "okay", "sure", "furthermore", "additionally", "moreover", "however",
}  # fmt: skip
# A name after "City, " that says where the city is ("Seattle, Washington", "Paris, France").
REGIONS = {
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
    "delaware", "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa",
    "kansas", "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan",
    "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada", "new hampshire",
    "new jersey", "new mexico", "new york", "north carolina", "north dakota", "ohio",
    "oklahoma", "oregon", "pennsylvania", "rhode island", "south carolina", "south dakota",
    "tennessee", "texas", "utah", "vermont", "virginia", "washington", "west virginia",
    "wisconsin", "wyoming", "usa", "us", "united states", "uk", "united kingdom", "england",
    "scotland", "france", "germany", "italy", "spain", "portugal", "netherlands", "belgium",
    "switzerland", "austria", "ireland", "canada", "mexico", "brazil", "argentina", "chile",
    "peru", "colombia", "japan", "china", "india", "korea", "south korea", "australia",
    "new zealand", "russia", "egypt", "kenya", "nigeria", "south africa", "turkey", "greece",
    "sweden", "norway", "denmark", "finland", "poland", "thailand", "vietnam", "indonesia",
}  # fmt: skip
PLACE_CUES = {"in", "at", "from", "to", "near", "around", "for", "visit", "visiting", "of"}


@dataclass(frozen=True)
class Mention:
    """A value found in text: what kind, its value, where, and any unit after it."""

    kind: str  # email url id code date month weekday number quoted list proper bool
    value: Any
    start: int
    end: int
    text: str
    unit: str = ""
    place: bool = False
    tags: frozenset[str] = field(default_factory=frozenset)


CURRENCIES = {  # names and symbols people write -> ISO code
    "usd": "USD", "us dollar": "USD", "us dollars": "USD", "dollar": "USD", "dollars": "USD",
    "eur": "EUR", "euro": "EUR", "euros": "EUR", "gbp": "GBP", "pound sterling": "GBP",
    "british pound": "GBP", "british pounds": "GBP", "pounds": "GBP", "jpy": "JPY",
    "yen": "JPY", "japanese yen": "JPY", "cny": "CNY", "yuan": "CNY", "inr": "INR",
    "rupee": "INR", "rupees": "INR", "cad": "CAD", "canadian dollar": "CAD",
    "canadian dollars": "CAD", "aud": "AUD", "australian dollar": "AUD",
    "australian dollars": "AUD", "chf": "CHF", "swiss franc": "CHF", "swiss francs": "CHF",
    "mxn": "MXN", "peso": "MXN", "pesos": "MXN",
}  # fmt: skip
_CURRENCY = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, CURRENCIES), key=len, reverse=True)) + r")\b", re.I
)
_COORD = r"[-+]?\d+(?:\.\d+)?\s*°?\s*[NSEW]?"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("pair", re.compile(rf"\(\s*{_COORD}\s*,\s*{_COORD}\s*\)")),
    ("list", re.compile(r"\[(?:[^\[\]\n]|\[[^\[\]\n]*\]){0,500}\]")),
    ("quoted", re.compile(r"(?<![\w'])'([^'\n]{1,200})'(?![\w])|\"([^\"\n]{1,300})\"|“([^”\n]{1,300})”")),
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("currency", _CURRENCY),
    ("url", re.compile(r"https?://[^\s'\"<>]+|www\.[^\s'\"<>]+")),
    ("math", re.compile(  # a formula in x, y or z: "3x^2 + 2x - 1", "y = x**3"
        r"(?:\b[a-z]\s*=\s*)?(?:[-+]?\s*\d*\.?\d*\s*\*?\s*[xyz](?:\s*(?:\^|\*\*)\s*\d+)?"
        r"(?:\s*[-+*/]\s*(?:\d*\.?\d*\s*\*?\s*[xyz](?:\s*(?:\^|\*\*)\s*\d+)?|\d+(?:\.\d+)?))*)"
        r"(?=[\s.,?!)]|$)"
    )),
    ("date", re.compile(
        r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
        rf"|\b{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b"
        rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}(?:,?\s+\d{{4}})?\b",
        re.I,
    )),
    ("id", re.compile(
        r"\b[A-Z]{2,}[-_]?\d+(?:[-_][A-Z0-9]+)*\b|\b[A-Z][-_]\d{2,}\b|\b[a-z]{2,4}\d{3,}\b"
        # a long code that opens with digits ("1Z999AA10123456784"), before "number" reads "1"
        r"|\b(?=[A-Za-z0-9]{8,}\b)\d+[A-Za-z]+\d[A-Za-z0-9]*\b"
    )),
    ("number", re.compile(
        r"(?<![\w.^])[-+]?\$?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?"
        r"(?:\s?(?:thousand|million|billion|trillion)\b)?"
        r"(?:\s?(?:km/h|m/s|°[CF]|%|[A-Za-z]+\b))?"
    )),
    ("code", re.compile(r"\b\d{4}[-/]\d{2,4}\b")),  # a season or range: "2019-2020"
    ("code", re.compile(r"\b(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]{3,}\b")),
    ("code", re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")),  # a snake_case name: "my_dataset"
]  # fmt: skip


def _number(text: str) -> tuple[Any, str]:
    """(value, unit) of a number mention like ``$1,200``, ``6cm`` or ``2.5 million``."""
    m = re.match(r"([-+]?)(\$?)([\d,]+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s?(.*)", text)
    sign, dollar, digits, rest = m.groups()  # type: ignore[union-attr]
    plain = digits.replace(",", "")
    value: float | int = float(plain) if ("." in plain or "e" in plain.lower()) else int(plain)
    unit = "USD" if dollar else ""
    for word in rest.split():
        if word.lower() in MULTIPLIERS:
            value = value * MULTIPLIERS[word.lower()]
            value = int(value) if float(value).is_integer() else value
        elif word.lower() in UNITS:
            unit = UNITS[word.lower()]
    return (-value if sign == "-" else value), unit


def _num(text: str) -> int | float:
    return float(text) if "." in text else int(text)


def _unit_word(raw: str) -> bool:
    """Does a number mention end in a unit or multiplier word (not "with")?"""
    tail = re.sub(r"^[-+]?\$?[\d,]+(?:\.\d+)?(?:[eE][-+]?\d+)?\s?", "", raw).split()
    return bool(tail) and all(w.lower() in UNITS or w.lower() in MULTIPLIERS for w in tail)


def _iso(text: str) -> str:
    """A full date as YYYY-MM-DD when it can be read; otherwise the text as written."""
    m = re.fullmatch(rf"({_MON})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})", text, re.I)
    if m:
        month, day, year = m.groups()
    elif m := re.fullmatch(
        rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MON}),?\s+(\d{{4}})", text, re.I
    ):
        day, month, year = m.groups()
    else:
        return text
    index = next((i for i, name in enumerate(MONTHS) if name.startswith(month.lower()[:3])), None)
    return f"{year}-{index + 1:02d}-{int(day):02d}" if index is not None else text


def _list_value(text: str) -> Any:
    try:  # a literal, never code: ast.literal_eval only reads constants and containers
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return [p.strip(" '\"") for p in text.strip("[]").split(",") if p.strip()]


def _scan(text: str) -> list[Mention]:
    found: list[Mention] = []
    taken = [False] * len(text)

    def add(mention: Mention) -> None:
        if not any(taken[mention.start : mention.end]):
            found.append(mention)
            for i in range(mention.start, mention.end):
                taken[i] = True

    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            raw = m.group(0)
            if kind == "quoted":
                inner = next(g for g in m.groups() if g is not None)
                add(Mention("quoted", inner, m.start(), m.end(), raw))
            elif kind == "math":
                formula = re.search(r"\^|\*\*|\d\s*\*?\s*[a-z]\b|[a-z]\s*[-+*/]", raw)
                if not formula or len(raw) < 3 or re.fullmatch(r"[-+]?\d+(?:\.\d+)?e[-+]?\d+", raw):
                    continue  # a lone letter is a word, not a formula
                expr = re.sub(r"^[a-z]\s*=\s*", "", raw).replace("^", "**").strip()
                add(Mention("math", expr, m.start(), m.end(), raw))
            elif kind == "currency":
                add(Mention("currency", CURRENCIES[raw.lower()], m.start(), m.end(), raw))
            elif kind == "pair":  # "(33.4484 N, 112.0740 W)" is [33.4484, -112.074]
                parts = re.findall(r"([-+]?\d+(?:\.\d+)?)\s*°?\s*([NSEW]?)", raw)
                pair = [_num(n) * (-1 if d in "SW" and d else 1) for n, d in parts]
                add(Mention("list", pair, m.start(), m.end(), raw))
            elif kind == "list":
                add(Mention("list", _list_value(raw), m.start(), m.end(), raw))
            elif kind == "date":
                add(Mention("date", _iso(raw), m.start(), m.end(), raw))
            elif kind == "number":
                value, unit = _number(raw)
                bare = re.match(r"[-+]?\$?[\d,]+(?:\.\d+)?(?:[eE][-+]?\d+)?", raw).group(0)  # type: ignore[union-attr]
                end = m.start() + len(raw if _unit_word(raw) else bare)
                if any(taken[m.start() : end]):  # "100 USD": the unit is a currency already
                    raw, end, unit = bare, m.start() + len(bare), "USD" if "$" in bare else ""
                add(Mention("number", value, m.start(), end, text[m.start() : end], unit))
            else:
                add(Mention(kind, raw, m.start(), m.end(), raw))
    return found


def _words(text: str, found: list[Mention]) -> list[Mention]:
    """Number words, months, weekdays, booleans and proper names outside other mentions."""
    taken = [False] * len(text)
    for f in found:
        for i in range(f.start, f.end):
            taken[i] = True
    out: list[Mention] = []
    tokens = [
        (m.group(0), m.start(), m.end())
        for m in re.finditer(r"[A-Za-z][A-Za-z'’.&-]*[A-Za-z]|[A-Za-z]|\d+", text)
    ]
    i = 0
    while i < len(tokens):
        word, start, end = tokens[i]
        low = word.lower().rstrip(".")
        if any(taken[start:end]):
            i += 1
            continue
        if low in NUMBER_WORDS:
            out.append(
                Mention("number", NUMBER_WORDS[low], start, end, word, tags=frozenset({"word"}))
            )
        elif word[0].isupper() and any(low == m or low in (m[:3], m[:4]) for m in MONTHS):
            out.append(
                Mention(
                    "month",
                    next(m.capitalize() for m in MONTHS if m.startswith(low[:3])),
                    start,
                    end,
                    word,
                )
            )
        elif low in WEEKDAYS or low in RELATIVE_DAYS:
            out.append(Mention("weekday", low, start, end, word))
        elif low in ("true", "false", "yes", "no"):
            out.append(Mention("bool", low in ("true", "yes"), start, end, word))
        elif word[0].isupper() and not _sentence_start_word(text, start, low):
            j = i
            while j + 1 < len(tokens) and _continues_name(text, tokens, j):
                j += 1
            last_end = tokens[j][2]
            phrase = text[start:last_end]
            if phrase.endswith(("'s", "’s")):  # "Jane Doe's account": the name is Jane Doe
                phrase, last_end = phrase[:-2], last_end - 2
            before = text[:start].split()
            cue = before[-1].lower().strip(",") if before else ""
            head = text[:start].rstrip()
            # One capitalised word opening a sentence ("Include ...") is more likely a word.
            opener = j == i and (not head or head[-1] in ".?!:\n\"'")
            tags = frozenset({"opener"}) if opener else frozenset()
            out.append(
                Mention(
                    "proper", phrase, start, last_end, phrase, place=cue in PLACE_CUES, tags=tags
                )
            )
            i = j
        i += 1
    return out


def _sentence_start_word(text: str, start: int, low: str) -> bool:
    if low.replace("'", "").replace("’", "") in NOT_NAMES:
        return True
    head = text[:start].rstrip()
    return (not head or head[-1] in '.?!:\n"') and low in NOT_NAMES


def _continues_name(text: str, tokens: list[tuple[str, int, int]], j: int) -> bool:
    """Does token j+1 continue the name ending at token j ("New York", "Maroon 5")?"""
    word, _, end = tokens[j]
    nxt, start, _ = tokens[j + 1]
    gap = text[end:start]
    if gap == ", " and (len(nxt) == 2 and nxt.isupper() or _region_at(text, start)):
        return True  # "Portland, OR", "Seattle, Washington", "Paris, France"
    if gap != " ":
        return False
    return nxt[0].isupper() or (nxt.isdigit() and len(nxt) <= 2 and word[0].isupper())


def _region_at(text: str, start: int) -> bool:
    words = re.match(r"[A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)?", text[start:])
    if not words:
        return False
    phrase = words.group(0).lower()
    return phrase in REGIONS or phrase.split()[0] in REGIONS


def mentions(text: str) -> list[Mention]:
    """Every value in ``text``, in order of position."""
    found = _scan(text)
    words = _words(text, found)
    names = [w for w in words if w.kind == "proper"]
    # A number inside a name ("Maroon 5") belongs to the name.
    found = [f for f in found if not any(n.start <= f.start and f.end <= n.end for n in names)]
    return sorted(found + words, key=lambda m: m.start)
