"""The providers' tool search, offline: ranking deferred tools for a query or a pattern.

Each deferred tool is an :class:`Entry` of bounded fields: its name, its description
(the first :data:`MAX_TEXT` characters) and each parameter's name and description, as
both APIs search them. Two searches, both deterministic (ties keep the order the
request gave the tools):

- :func:`bm25`: a natural-language query, ranked by BM25 over the fields' words (a name
  counts three times, a description twice), read with the simulated model's vocabulary
  (stems, and the synonyms of ``models/simulated/data/synonyms.txt``).
- :func:`regex`: a Python ``re.search`` pattern of at most 200 characters, as Anthropic's
  regex variant takes it; a tool scores the distinct matches in each field, weighted
  the same way. The pattern is hostile input: it is refused when it is not a string, is
  too long, does not compile, or could run too long (:mod:`.tool_search_regex`).

Both return at most :data:`TOP_K` hits, as the API returns 3–5 references per search.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from itertools import islice
from typing import Any

from ..chat import ToolSpec
from ..models.simulated.words import terms
from . import tool_search_regex
from .tool_search_regex import MAX_PATTERN, Unbounded

TOP_K = 5
MAX_TEXT = 512  # characters of a description searched
MAX_PARAMETER_TEXT = 256  # characters of one parameter's "name: description"
MAX_PARAMETERS = 64
MAX_QUERY = 1000  # characters of a bm25 query read
MAX_STEPS = 200_000_000  # regex work allowed for one search: well under a second
MAX_MATCHES = 8  # distinct matches counted in one field
K1, B = 1.2, 0.75  # BM25's usual constants


class FieldKind(Enum):
    """Where in a tool a piece of searched text comes from."""

    NAME = "name"
    DESCRIPTION = "description"
    PARAMETER = "parameter"


WEIGHTS = {FieldKind.NAME: 3, FieldKind.DESCRIPTION: 2, FieldKind.PARAMETER: 1}


class ErrorCode(str, Enum):
    """Why a search failed, in the API's own codes (``tool_search_tool_result_error``)."""

    INVALID_TOOL_INPUT = "invalid_tool_input"
    EXECUTION_TIME_EXCEEDED = "execution_time_exceeded"


class SearchError(Exception):
    """A search the provider could not run: the API's error code and a message."""

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


@dataclass(frozen=True)
class Entry:
    """One searchable tool: its name as the model calls it, and its bounded fields."""

    name: str
    fields: tuple[tuple[FieldKind, str], ...]


@dataclass(frozen=True)
class Hit:
    """A tool a search found, and its score."""

    name: str
    score: float


def entry(spec: ToolSpec) -> Entry:
    """The searchable fields of a tool."""
    fields = [(FieldKind.NAME, spec.name[:MAX_TEXT])]
    if spec.description:
        fields.append((FieldKind.DESCRIPTION, spec.description[:MAX_TEXT]))
    properties = spec.parameters.get("properties") if isinstance(spec.parameters, dict) else None
    if isinstance(properties, dict):
        for name, schema in islice(properties.items(), MAX_PARAMETERS):
            about = schema.get("description") if isinstance(schema, dict) else None
            text = f"{name}: {about}" if isinstance(about, str) else str(name)
            fields.append((FieldKind.PARAMETER, text[:MAX_PARAMETER_TEXT]))
    return Entry(spec.name, tuple(fields))


def _top(scores: list[tuple[str, float]]) -> list[Hit]:
    ranked = sorted(
        ((name, score, i) for i, (name, score) in enumerate(scores) if score > 0),
        key=lambda t: (-t[1], t[2]),
    )
    return [Hit(name, round(score, 4)) for name, score, _ in ranked[:TOP_K]]


# -- BM25 -----------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def _weighted_terms(found: Entry) -> Counter[str]:
    counts: Counter[str] = Counter()
    for kind, text in found.fields:
        for term in terms(text):
            counts[term] += WEIGHTS[kind]
    return counts


def bm25(query: Any, entries: list[Entry]) -> list[Hit]:
    """The best tools for a natural-language ``query``; raises :class:`SearchError`."""
    if not isinstance(query, str) or not query.strip():
        raise SearchError(
            ErrorCode.INVALID_TOOL_INPUT,
            "The query must be a non-empty string of words, like 'weather forecast'.",
        )
    wanted = list(dict.fromkeys(terms(query[:MAX_QUERY])))
    docs = [_weighted_terms(e) for e in entries]
    if not wanted or not docs:
        return []
    lengths = [sum(d.values()) for d in docs]
    average = sum(lengths) / len(docs) or 1.0
    found_in = {t: sum(1 for d in docs if t in d) for t in wanted}
    scores = []
    for e, doc, length in zip(entries, docs, lengths, strict=True):
        score = 0.0
        for t in wanted:
            if tf := doc.get(t, 0):
                idf = math.log(1 + (len(docs) - found_in[t] + 0.5) / (found_in[t] + 0.5))
                score += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / average))
        scores.append((e.name, score))
    return _top(scores)


# -- regex ----------------------------------------------------------------------------


def _compile(pattern: Any) -> re.Pattern[str]:
    if not isinstance(pattern, str) or not pattern.strip():
        raise SearchError(
            ErrorCode.INVALID_TOOL_INPUT,
            "The pattern must be a non-empty string: a Python regular expression like "
            "'weather' or '(?i)get_.*_data'.",
        )
    if len(pattern) > MAX_PATTERN:
        raise SearchError(
            ErrorCode.INVALID_TOOL_INPUT,
            f"pattern_too_long: the pattern has {len(pattern)} characters; at most "
            f"{MAX_PATTERN} are allowed.",
        )
    try:
        return re.compile(pattern)
    except re.error as e:
        raise SearchError(
            ErrorCode.INVALID_TOOL_INPUT, f"invalid_pattern: {e} (pattern {pattern!r})."
        ) from None
    except (RecursionError, OverflowError, ValueError) as e:
        raise SearchError(
            ErrorCode.INVALID_TOOL_INPUT,
            f"invalid_pattern: Python cannot compile it ({type(e).__name__}).",
        ) from None


def _check_time(pattern: str, entries: list[Entry]) -> None:
    lengths = [len(text) for e in entries for _, text in e.fields]
    try:
        work = tool_search_regex.steps(tool_search_regex.cost(pattern), lengths)
    except Unbounded as e:
        raise SearchError(
            ErrorCode.EXECUTION_TIME_EXCEEDED,
            f"The pattern could run for a very long time: it holds {e}, which makes "
            "Python's regex engine backtrack without bound. Use words joined with |, like "
            "'weather|forecast'.",
        ) from None
    if work > MAX_STEPS:
        raise SearchError(
            ErrorCode.EXECUTION_TIME_EXCEEDED,
            f"The pattern could take about {work:.1e} steps over these {len(entries)} tools "
            f"(at most {MAX_STEPS:.0e} are run): repeats like .* one after another "
            "multiply. Use fewer wildcards, or words joined with |.",
        )


def regex(pattern: Any, entries: list[Entry]) -> list[Hit]:
    """The tools whose fields ``pattern`` matches, best first; raises :class:`SearchError`."""
    compiled = _compile(pattern)
    _check_time(pattern, entries)
    scores = []
    for e in entries:
        score = 0
        for kind, text in e.fields:
            found = {m.group(0) for m in islice(compiled.finditer(text), MAX_MATCHES)}
            score += WEIGHTS[kind] * len(found)
        scores.append((e.name, float(score)))
    return _top(scores)
