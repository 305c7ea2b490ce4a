"""Links: ``https://example.com/a?b=c``, ``www.example.org``."""

from __future__ import annotations

import re

from ..vocabulary import Kind
from .base import Candidate, Extractor, Request

PATTERN = re.compile(
    r"(?<![\w/.@-])(?:(?:https?://|www\.)[^\s'\"<>`]{1,2000}"
    r"|(?:[A-Za-z0-9-]{1,63}\.){1,4}(?:com|org|net|io|dev|edu|gov|co|ai|app|info|biz|uk|de|fr|us|ca|au|me|tv)\b(?:/[^\s'\"<>`]{0,2000})?)",
    re.I,
)


def find(request: Request) -> list[Candidate]:
    out = []
    for m in PATTERN.finditer(request.text):
        link = m.group(0).rstrip(".,;:!?)]}")
        out.append(Candidate(Kind.URL, link, m.start(), m.start() + len(link), link))
    return out


EXTRACTOR = Extractor(
    Kind.URL,
    find,
    slot_words=frozenset({"url", "uri", "link", "website", "site", "endpoint", "href", "webpage"}),
    slot_formats=frozenset({"uri", "url", "iri", "uri-reference"}),
    describes=re.compile(r"\b(?:url|uri|link|web ?site|web ?page)\b", re.I),
    fills={Kind.STRING: 0.8, Kind.PATH: 0.5},
)
