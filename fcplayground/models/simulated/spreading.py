"""Spreading: what one call of a request says that serves (or does not serve) its other
calls.

A list of options said once, before or after everything else of its call ("..., and then
from Los Angeles to Miami, considering both the shortest and scenic route"), is asked for
every call of the intent: each call is made once per option. A detail said with "this
time" or "instead" belongs to its own call only and is never carried back to the others.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from .vocabulary import Kind, Source

if TYPE_CHECKING:
    from .binding import Argument, Call
    from .runs import Run
    from .slots import Slot

_CONTRAST = re.compile(
    r"\b(?:this\stime|instead|but\snow|now\swith|this\sround|on\sthe\sother\shand)\b", re.I
)


def contrasted(text: str, span: tuple[int, int]) -> bool:
    """Does the stretch mark its details as its own ("But this time, ... as a ratio")?"""
    return bool(_CONTRAST.search(text, span[0], span[1]))


def _is_option(call: Call, name: str) -> bool:
    slot = next((s for s in call.profile.slots if s.name == name), None)
    return slot is not None and (bool(slot.enum) or slot.kind in (Kind.ENUM, Kind.BOOL))


def _option_lists(group: list[Call]) -> dict[str, list[Argument]]:
    """The option parameters the group's calls fan out over, said before or after every
    other value of the call: their items, one argument each."""
    out: dict[str, list[Argument]] = {}
    for name in group[0].arguments:
        items = [c.arguments[name] for c in group if name in c.arguments]
        if len(items) != len(group) or not all(a.source == Source.LIST and a.span for a in items):
            continue
        if not _is_option(group[0], name):
            continue
        distinct = list({repr(a.value): a for a in items}.values())
        if len(distinct) < 2:
            continue
        others = [a.span for c in group for n, a in c.arguments.items()
                  if n != name and a.span and a.source not in (Source.CARRIED, Source.DEFAULT)]  # fmt: skip
        first = min(a.span[0] for a in distinct)  # type: ignore[index]
        last = max(a.span[1] for a in distinct)  # type: ignore[index]
        if others and not (all(s[1] <= first for s in others) or all(last <= s[0] for s in others)):
            continue
        out[name] = distinct
    return out


def share_options(calls: list[Call]) -> list[Call]:
    """The calls of one intent, each made once per option of a list said once for all."""
    spans = list(dict.fromkeys(c.span for c in calls))
    if len(spans) < 2:
        return calls
    out = list(calls)
    for span in spans:
        group = [c for c in out if c.span == span]
        for name, items in _option_lists(group).items():
            values = [repr(a.value) for a in items]
            out = [
                spread
                for c in out
                for spread in (
                    _each(c, name, items) if c.span != span and _open(c, name, values) else [c]
                )
            ]
    return out


def _open(call: Call, name: str, values: list[str]) -> bool:
    """Does the call leave the option to the list (unsaid, carried, or one of its items)?"""
    argument = call.arguments.get(name)
    if argument is None or argument.source in (Source.CARRIED, Source.DEFAULT):
        return True
    return argument.source == Source.MENTIONED and repr(argument.value) in values


def _each(call: Call, name: str, items: list[Argument]) -> list[Call]:
    from .binding import Argument

    made = []
    for item in items:
        arguments = dict(call.arguments)
        arguments[name] = Argument(item.value, Source.SHARED, f"{item.detail}; said for every call")
        made.append(replace(call, arguments=arguments, missing=list(call.missing)))
    return made


def chunked(
    text: str, slots: tuple[Slot, ...], fixed: dict[str, Argument], spread: list[tuple[Slot, Run]]
) -> list[dict[str, Argument]] | None:
    """ "two side lengths: 3 and 4, 5 and 12": a run of numbers grouped by commas into
    as many as the parameters of its kind that nobody filled, one call per group."""
    from .binding import Argument

    if len(spread) != 1 or spread[0][1].kind != Kind.NUMBER or spread[0][1].respectively:
        return None
    slot, run = spread[0]
    peers = [s for s in slots if s.name not in fixed and s.kind == slot.kind
             and s.required == slot.required and not s.enum]  # fmt: skip
    k, n = len(peers), len(run.items)
    if slot not in peers or k < 2 or n % k or n == k:
        return None
    gaps = [text[a.end : b.start] for a, b in zip(run.items, run.items[1:], strict=False)]
    if [bool(_CUT.search(g)) for g in gaps] != [(i + 1) % k == 0 for i in range(n - 1)]:
        return None
    targets = sorted(peers, key=lambda s: s.position)
    rows = []
    for start in range(0, n, k):
        arguments = dict(fixed)
        for target, item in zip(targets, run.items[start : start + k], strict=True):
            detail = f"{item.text!r}, one of the values listed in groups of {k}"
            arguments[target.name] = Argument.listed(item, target, detail)
        rows.append(arguments)
    return rows


_CUT = re.compile(r"[,;]")
