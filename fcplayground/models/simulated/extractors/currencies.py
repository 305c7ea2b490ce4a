"""Currencies, written as ISO 4217 codes: ``USD`` for "dollars", "US$" or "$", ``EUR`` for
"euros" or "€", ``JPY`` for "yen", ``CHF`` for "Swiss francs".

The codes and their official names come from :mod:`pycountry`; the everyday names people
write ("bucks", "quid", "pounds") are the small table below, since no standard lists them.
"pounds" is money only when the request talks about money; otherwise it weighs.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..vocabulary import Kind
from .base import Candidate, Extractor, Request

SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}
EVERYDAY = {
    "dollar": "USD", "dollars": "USD", "bucks": "USD", "us dollar": "USD", "us dollars": "USD",
    "usd": "USD", "us$": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "quid": "GBP", "sterling": "GBP", "british pound": "GBP",
    "british pounds": "GBP", "pounds sterling": "GBP", "yen": "JPY", "japanese yen": "JPY",
    "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "rupee": "INR", "rupees": "INR",
    "franc": "CHF", "francs": "CHF", "swiss francs": "CHF", "peso": "MXN", "pesos": "MXN",
    "won": "KRW", "ruble": "RUB", "rubles": "RUB", "rouble": "RUB", "roubles": "RUB",
    "real": "BRL", "reais": "BRL", "lira": "TRY", "krona": "SEK", "kronor": "SEK",
    "krone": "NOK", "kroner": "NOK", "zloty": "PLN", "rand": "ZAR", "baht": "THB",
    "canadian dollar": "CAD", "canadian dollars": "CAD", "australian dollar": "AUD",
    "australian dollars": "AUD", "aussie dollars": "AUD", "bitcoin": "BTC", "btc": "BTC",
}  # fmt: skip
_AMBIGUOUS = {"pound", "pounds", "won", "real", "rand", "franc", "francs"}  # words, weights, names
_MONEY = re.compile(
    r"[$€£¥₹]|\b(?:money|currenc\w*|exchang\w*|convert\w*|pric\w*|cost\w*|pay\w*|paid|spen[dt]\w*|budget\w*|"
    r"dollars?|euros?|yen|usd|eur|gbp|jpy|cash|bank\w*|salar\w*|buy\w*|bought|sell\w*|sold|worth|rates?|fees?|fares?|tips?|owe\w*)\b",
    re.I,
)


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """Every name a currency goes by, lower-case -> its code."""
    import pycountry

    names: dict[str, str] = {}
    for currency in pycountry.currencies:
        code, name = currency.alpha_3, currency.name.lower()
        names[code.lower()] = code
        if code.startswith("X"):
            continue  # gold, silver, special drawing rights: not money people convert by name
        names[name] = code
        names[name + "s"] = code
    names.update(EVERYDAY)
    return names


@lru_cache(maxsize=1)
def CODES() -> frozenset[str]:  # noqa: N802 - a constant, computed on first use
    """Every ISO 4217 code."""
    return frozenset(v for v in _table().values())


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    names = sorted(_table(), key=len, reverse=True)
    return re.compile(r"(?<![\w$])(?:" + "|".join(map(re.escape, names)) + r")(?![\w])", re.I)


_WEIGHTS = re.compile(
    r"\b(?:kg|kilos?|kilograms?|grams?|g|ounces?|oz|stones?|lbs?|weigh\w*|heavy|mass)\b", re.I
)


def _around(text: str, start: int, end: int, reach: int = 300) -> str:
    """The text near a word, without the word: enough to tell what it talks about."""
    return text[max(0, start - reach) : start] + " " + text[end : end + reach]


def money_talk(text: str) -> bool:
    """Does the request talk about money, and not about weights (so "pounds" are sterling)?"""
    return bool(_MONEY.search(text)) and not _WEIGHTS.search(text)


def code_at(text: str, start: int) -> tuple[str, str] | None:
    """(code, as written) for a currency named at ``start``, if one is."""
    m = _pattern().match(text, start)
    if not m:
        return None
    word = m.group(0)
    low = word.lower()
    if low in _AMBIGUOUS and not money_talk(_around(text, start, m.end())):
        return None
    if word.isupper() or low in _table() and (low in EVERYDAY or len(low) > 3):
        return _table()[low], word
    return None


_SYMBOL = re.compile(r"(?<![\w$€£¥₹])([$€£¥₹])(?!\s?\d)")


def find(request: Request) -> list[Candidate]:
    out = [Candidate(Kind.CURRENCY, SYMBOLS[m.group(1)], m.start(), m.end(), m.group(1), unit=SYMBOLS[m.group(1)])
           for m in _SYMBOL.finditer(request.text)]  # fmt: skip
    text = request.text
    for m in _pattern().finditer(text):
        word = m.group(0)
        low = word.lower()
        if len(low) == 3 and not word.isupper() and low not in EVERYDAY:
            continue  # "all", "top": three-letter words that are codes only in capitals
        if low in _AMBIGUOUS and not money_talk(_around(text, m.start(), m.end())):
            continue
        code = _table()[low]
        out.append(Candidate(Kind.CURRENCY, code, m.start(), m.end(), word, unit=code))
    return out


EXTRACTOR = Extractor(
    Kind.CURRENCY,
    find,
    slot_words=frozenset({"currency", "currencies", "ccy"}),
    describes=re.compile(r"\bcurrenc(?:y|ies)\b|\bISO 4217\b", re.I),
    fills={Kind.STRING: 0.3, Kind.ENUM: 0.9},
)
