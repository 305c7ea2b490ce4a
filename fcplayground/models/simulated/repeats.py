"""Repeats: values listed together ("Paris and Tokyo", "3 and 4, 5 and 12") as more calls.

Several values of one kind joined by "and" or commas mean one call each, and so do
phrases of the request's own words ("the kettle and the toaster"); a written pair
("(45, 60)") gives one value each to a tool that takes no list.
"""

from __future__ import annotations

import re
from typing import Any

from .filled import Argument, Filled
from .kinds import described_options, mention_value
from .values import Mention
from .words import terms

LIST_JOINS = re.compile(
    r"^\s*(?:,|and|or|&|vs\.?|versus|,\s*and|,\s*or|as well as)\s*(?:in|of|for|at|to|from|the)?\s*$",
    re.I,
)


def listed_runs(
    text: str, mentions: list[Mention], used: set[int], kinds: list[str]
) -> list[list[Mention]]:
    """Runs of values of the given kinds joined by list words ("12, 24 and 36")."""
    runs: list[list[Mention]] = []
    for m in mentions:
        if m.kind not in kinds or id(m) in used or "word" in m.tags:
            continue
        if runs and _listed(text, mentions, runs[-1][-1], m):
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def option_repeats(
    first: Filled, props: dict[str, Any], kinds: dict[str, str], text: str
) -> list[Filled]:
    """More calls for allowed values listed together ("copper and aluminum")."""
    for name, prop in props.items():
        options = prop.get("enum") or described_options(prop)
        if name not in first.arguments or not options or kinds[name] not in ("enum", "string"):
            continue
        found = sorted(
            (m.start(), o)
            for o in options
            if (
                m := re.search(
                    rf"(?<![a-z0-9]){re.escape(str(o).lower())}(?![a-z0-9])", text.lower()
                )
            )
        )
        chain = [found[0]] if found else []
        for pos, option in found[1:]:
            gap = text[chain[-1][0] + len(str(chain[-1][1])) : pos]
            if re.fullmatch(r"\s*(?:,|and|or|,\s*and|,\s*or)\s*", gap, re.I):
                chain.append((pos, option))
        if len(chain) > 1 and first.arguments[name].value == chain[0][1]:
            extra = []
            for _, option in chain[1:]:
                call = Filled(dict(first.arguments), list(first.missing))
                call.arguments[name] = Argument(
                    option, f"{option!r} is another allowed value in the same list"
                )
                extra.append(call)
            return extra
    return []


def spread_lists(text: str, mentions: list[Mention]) -> list[Mention]:
    """Numbers written as a pair or list, one mention each (for tools that take no list)."""
    out: list[Mention] = []
    for m in mentions:
        items = m.value if m.kind == "list" and isinstance(m.value, list) else None
        numeric = items and all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in items
        )
        spots = list(re.finditer(r"[-+]?\d+(?:\.\d+)?", text[m.start : m.end])) if numeric else []
        if not numeric or len(spots) != len(items):
            out.append(m)
            continue
        for value, spot in zip(items, spots, strict=True):
            out.append(
                Mention(
                    "number", value, m.start + spot.start(), m.start + spot.end(), spot.group(0)
                )
            )
    return out


def repeats(
    first: Filled,
    props: dict[str, Any],
    text: str,
    mentions: list[Mention],
    used: set[int],
    taken_by: dict[str, Mention],
    kinds: dict[str, str],
) -> list[Filled]:
    """More calls for values listed together ("Paris and Tokyo", "3 and 4, 5 and 12")."""
    extra: list[Filled] = []
    last = dict(taken_by)
    while True:
        call = Filled(dict(first.arguments), list(first.missing))
        took = False
        for name, m in sorted(taken_by.items(), key=lambda kv: kv[1].start):
            nxt = next(
                (
                    o
                    for o in mentions
                    if id(o) not in used
                    and o.kind == m.kind
                    and o.start > last[name].start
                    and "word" not in o.tags
                    and _listed(text, mentions, last[name], o)
                ),
                None,
            )
            if nxt is not None:
                call.arguments[name] = Argument(
                    mention_value(nxt, name, props[name]),
                    f"{nxt.text!r} is another {name} in the same list",
                )
                used.add(id(nxt))
                last[name] = nxt
                took = True
        if not took:
            return extra
        extra.append(call)


def phrase_repeats(first: Filled, text: str, known: set[str]) -> list[Filled]:
    """More calls for words listed after a phrase value: "the kettle and the toaster".
    Each further item is the words after "and" or a comma (and an article), up to a stop
    word, a word the tool knows, or a punctuation mark."""
    for name, argument in first.arguments.items():
        found = re.search(rf"\b{re.escape(str(argument.value))}\b", text)
        if not argument.phrase or not found:
            continue
        extra: list[Filled] = []
        end = found.end()
        while join := _PHRASE_JOIN.match(text, end):
            words: list[re.Match[str]] = []
            for w in re.finditer(r"[A-Za-z][A-Za-z'-]*|\S", text[join.end() :]):
                t = terms(w.group(0))
                if not t or t[0] in known or len(words) == 3:
                    break
                words.append(w)
            if not words:
                break
            end = join.end() + words[-1].end()
            item = text[join.end() : end]
            call = Filled(dict(first.arguments), list(first.missing))
            call.arguments[name] = Argument(item, f"{item!r} is another {name} in the same list")
            extra.append(call)
        if extra:
            return extra
    return []


_PHRASE_JOIN = re.compile(
    r"\s*(?:,\s*(?:(?:and|or)\b)?|(?:and|or)\b|&)\s*(?:(?:the|a|an)\s+)?", re.I
)


def _listed(text: str, mentions: list[Mention], a: Mention, b: Mention) -> bool:
    """Are two values of one kind items of one list (only list words between them)?"""
    between = [m for m in mentions if a.end <= m.start and m.end <= b.start]
    gap = text[a.end : b.start]
    for m in sorted(between, key=lambda m: -m.start):  # other kinds may interleave
        gap = gap[: m.start - a.end] + "," + gap[m.end - a.end :]
    gap = re.sub(
        r"\b(?:respectively|minutes?|hours?|seconds?|another|also|the|for|in|of|at)\b", " ", gap
    )
    return bool(
        re.fullmatch(
            r"[\s,;&()]*(?:(?:and|or|vs\.?|versus|as well as)[\s,;&()]*)?"
            r"(?:,[\s,;&()]*(?:(?:and|or)[\s,;&()]*)?)*",
            gap,
        )
    )
