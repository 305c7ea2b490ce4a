"""File paths: ``reports/2025/q3.csv``, ``/etc/hosts``, ``~/notes.txt``, ``C:\\data\\x.txt``,
``notes.txt``."""

from __future__ import annotations

import re

from ..vocabulary import Kind
from .base import Candidate, Extractor, Request

# A run of path segments joined by slashes, or one file name with a known-looking extension.
_SEGMENTED = re.compile(
    r"(?<![\w./\\~:-])(?:~|\.{1,2}|[A-Za-z]:)?[/\\]?(?:[\w.-]{1,255}[/\\]){0,32}[\w.-]{1,255}"
)
_FILE = re.compile(r"(?<![\w./\\-])[\w-]{2,200}\.(?:[A-Za-z][A-Za-z0-9]{1,5})(?![\w/\\-])")
_ABBREVIATIONS = {"a.m", "p.m", "e.g", "i.e", "etc", "vs", "no", "approx", "u.s", "d.c"}
# single letters joined by dots ("F.C.", "U.K."): an abbreviation, never a file
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]\.?")
_EXTENSION = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,5}$")
# Slashes that are not paths: units, fractions, dates, "and/or".
_NOT_A_PATH = re.compile(
    r"^(?:[\d.]+(?:/[\d.]+)+|[A-Za-z]{1,3}/[A-Za-z]{1,3}(?:\^?\d)?|and/or|he/she|his/her|yes/no|either/or)$",
    re.I,
)
_DOMAIN_ENDINGS = {"com", "org", "net", "io", "dev", "edu", "gov", "co", "uk", "de", "fr"}


def _plausible(token: str) -> bool:
    if (
        not re.search(r"[A-Za-z]", token)
        or token.endswith((".", "-"))
        or token.lower() in _ABBREVIATIONS
        or _DOTTED.fullmatch(token)
    ):
        return False
    if "/" not in token and "\\" not in token and not _EXTENSION.search(token):
        return False
    if re.match(r"\d", token) and not _EXTENSION.search(token):
        return False  # "5J/K", "24/7": a unit or a ratio
    if "/" in token or "\\" in token:
        rooted = token[0] in "/\\~." or re.match(r"[A-Za-z]:", token)
        segments = [s for s in re.split(r"[/\\]", token) if s]
        if _NOT_A_PATH.match(token) and not rooted and not _EXTENSION.search(token):
            return False
        return (
            bool(rooted)
            or len(segments) >= 2
            and bool(re.search(r"[A-Za-z]", segments[0]))
            or bool(_EXTENSION.search(token))
        )
    ending = token.rsplit(".", 1)[-1].lower()
    return ending not in _DOMAIN_ENDINGS and not re.fullmatch(r"[\d.]+", token)


def find(request: Request) -> list[Candidate]:
    out: list[Candidate] = []
    for pattern in (_SEGMENTED, _FILE):
        for m in pattern.finditer(request.text):
            token = m.group(0).rstrip(".,;:!?)")
            end = m.start() + len(token)
            if _plausible(token) and all(end <= c.start or c.end <= m.start() for c in out):
                out.append(Candidate(Kind.PATH, token, m.start(), end, token))
    return out


_FOLDER = re.compile(
    r"\b(?:the\s)?([\w.-]{1,60})\s(?:folder|directory|dir)\b|\b(?:folder|directory|dir|in|ls)\s([\w.-]{1,60}(?:/[\w.-]{1,60})*)(?=\s|[?.!,]|$)",
    re.I,
)
_NOT_FOLDERS = {
    "the",
    "a",
    "my",
    "this",
    "that",
    "which",
    "what",
    "your",
    "our",
    "each",
    "every",
    "any",
    "some",
    "top",
    "new",
    "same",
    "it",
}


def read_folder(request: Request, slot) -> list[Candidate]:
    """A folder named in words, for a path parameter: "the logs folder", "in src"."""
    out = []
    for m in _FOLDER.finditer(request.text):
        group = 1 if m.group(1) else 2
        name = m.group(group)
        if name.lower() in _NOT_FOLDERS or not re.search(r"[A-Za-z]", name):
            continue
        out.append(
            Candidate(
                Kind.PATH,
                name,
                m.start(group),
                m.end(group),
                name,
                0.7,
                evidence="a folder named in the request",
            )
        )
    return out


EXTRACTOR = Extractor(
    Kind.PATH,
    find,
    for_slot=read_folder,
    slot_words=frozenset({"path", "file", "filename", "filepath", "folder", "directory", "dir"}),
    describes=re.compile(r"\b(?:file ?path|path of|path to|directory|folder|file name)\b", re.I),
    fills={Kind.STRING: 0.8, Kind.NAME: 0.4, Kind.ID: 0.4},
)
