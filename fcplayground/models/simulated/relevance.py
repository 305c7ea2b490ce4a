"""Relevance: how well each offered tool fits a piece of a request, and why.

A tool's words come from its name (weight 3), its description (1) and its parameters'
names and descriptions (1 and 0.5). A request's terms that a tool also has add that
weight, scaled down for generic verbs ("get", "find") and for words many of the
offered tools share, so the specific words decide. The result keeps the matched words,
which is what the explanation shows.
"""

from __future__ import annotations

import ast
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ...chat import ToolSpec
from .kinds import param_kind
from .words import is_generic, split_identifier, terms

NAME, DESCRIPTION, PARAMETER, PARAMETER_TEXT = 3.0, 1.0, 1.0, 0.5
GENERIC_FACTOR = 0.25


@dataclass(frozen=True)
class ToolWords:
    """The weighted terms of one tool, and the terms of its name alone."""

    weights: dict[str, float]
    name_terms: frozenset[str]
    core: frozenset[str]  # name and description terms that are not generic
    kinds: frozenset[str]  # the kinds of value its parameters take (email, number, ...)
    examples: frozenset[str] = frozenset()  # example names: "The product name, e.g. kettle."

    @property
    def known(self) -> set[str]:
        """The words that explain a request: all but the example names, which are values
        like the one asked about ("the kettle"), not words about what the tool does."""
        return set(self.weights) - self.examples


@dataclass
class ToolScore:
    """How one tool scored against a request: the number, and the words behind it."""

    name: str
    score: float
    matched: list[str] = field(default_factory=list)
    core_matched: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        words = ", ".join(self.matched) or "no words in common"
        return f"{self.name}: {self.score:.2f} ({words})"


@lru_cache(maxsize=8192)
def _tool_words(name: str, description: str, parameters_json: str) -> ToolWords:
    weights: dict[str, float] = {}

    def add(words: tuple[str, ...] | list[str], weight: float) -> None:
        for w in words:
            weights[w] = max(weights.get(w, 0.0), weight)

    name_terms = terms(" ".join(split_identifier(name)))
    description_terms = terms(description)
    add(description_terms, DESCRIPTION)
    examples: set[str] = set()
    for pname, prop in ast.literal_eval(parameters_json).get("properties", {}).items():
        add(terms(" ".join(split_identifier(pname))), PARAMETER)
        if isinstance(prop, dict):
            text = str(prop.get("description", ""))
            add(terms(text), PARAMETER_TEXT)
            add(terms(" ".join(str(v) for v in prop.get("enum", []))), PARAMETER)
            if param_kind(pname, prop) == "name":  # a product, a person, a song, ...
                examples.update(t for m in _EXAMPLE.finditer(text) for t in terms(m.group(1)))
    add(name_terms, NAME)
    core = frozenset(t for t in (*name_terms, *description_terms) if not is_generic(t))
    properties = ast.literal_eval(parameters_json).get("properties", {})
    kinds = frozenset(param_kind(n, p) for n, p in properties.items() if isinstance(p, dict))
    examples -= {*core, *name_terms}  # a word the tool uses for itself is no mere example
    return ToolWords(weights, frozenset(name_terms), core, kinds, frozenset(examples))


# "e.g. kettle", "such as Jane Doe": an example value, to the end of its sentence.
_EXAMPLE = re.compile(
    r"\b(?:e\.g\.|eg\.|for example|such as)[,:]?\s+(.+?)(?=[.;)]\s|[.;)]?$)", re.I
)


def tool_words(spec: ToolSpec) -> ToolWords:
    """The (cached) weighted terms of a tool spec."""
    # repr is a cheap, faithful key: the same schema sent again prints the same.
    return _tool_words(spec.name, spec.description, repr(spec.parameters))


def score_tools(query: tuple[str, ...], tools: list[ToolSpec]) -> list[ToolScore]:
    """Score every tool against the query terms, best first (ties keep offer order)."""
    indexed = [(spec, tool_words(spec)) for spec in tools]
    wanted = set(query)
    # How many offered tools know each wanted word: shared words tell tools apart less.
    df = Counter(t for _, words in indexed for t in wanted.intersection(words.weights))
    n = len(tools)
    scores = []
    unique = list(dict.fromkeys(query))
    for spec, words in indexed:
        matched = [t for t in unique if t in words.weights]
        total = 0.0
        for t in matched:
            weight = words.weights[t] * (GENERIC_FACTOR if is_generic(t) else 1.0)
            total += weight * (1.0 + math.log(n / df[t])) if n > 1 else weight
        core = [t for t in matched if t in words.core]
        scores.append(ToolScore(spec.name, round(total, 3), matched, core))
    return sorted(scores, key=lambda s: -s.score)
