"""Stock tickers: ``AAPL``, ``$TSLA``, ``BRK.B`` beside a word about shares or prices."""

from __future__ import annotations

import re

from ..vocabulary import Kind
from .base import Candidate, Extractor, Request

PATTERN = re.compile(r"(?<![\w$.])(\$?)([A-Z]{1,5}(?:\.[A-Z])?)(?![\w$])")
_MARKET_WORDS = re.compile(
    r"\b(?:stocks?|shares?|ticker|symbol|quote|trading|traded|nasdaq|nyse|market|equity|"
    r"price of|invest\w*|portfolio|dividend)\b",
    re.I,
)
# Capitals that are words or codes of other kinds, not companies.
_NOT_TICKERS = {
    "I", "A", "AM", "PM", "OK", "US", "USA", "UK", "EU", "UN", "ID", "IT", "HR", "CEO", "CFO",
    "AI", "API", "FAQ", "PDF", "CSV", "URL", "ETA", "ASAP", "FYI", "TV", "PC", "IP", "UTC",
    "GMT", "ISBN", "IBAN", "NYSE", "NASDAQ", "ETF", "IPO", "EPS", "PE", "ROI", "NPV", "IRR",
}  # fmt: skip


def find(request: Request) -> list[Candidate]:
    out = []
    market = bool(_MARKET_WORDS.search(request.text))
    from .currencies import CODES

    for m in PATTERN.finditer(request.text):
        dollar, symbol = m.groups()
        if symbol in _NOT_TICKERS or symbol in CODES():
            continue
        if len(symbol) == 1 and not dollar or not (dollar or market):
            continue
        strength = 1.0 if dollar or len(symbol) >= 2 else 0.6
        out.append(Candidate(Kind.TICKER, symbol, m.start(), m.end(), m.group(0), strength))
    return out


EXTRACTOR = Extractor(
    Kind.TICKER,
    find,
    slot_words=frozenset({"ticker", "symbol", "stock"}),
    describes=re.compile(r"\bticker\b|\bstock symbol\b", re.I),
    fills={Kind.STRING: 0.8, Kind.ID: 0.6, Kind.NAME: 0.6},
)
