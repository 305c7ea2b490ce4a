"""Arguments: fill a tool's parameters from the words of a request and earlier results.

Each parameter gets a *kind* from its JSON type, name, format and description (a
number, an email, a place, a unit, free text, ...). Values of that kind found in the
text compete for it; a value right after the parameter's own words ("radius of 10",
"a=2") wins, the rest go in order of appearance. Several values for one parameter,
joined by "and" or commas ("Paris and Tokyo"), mean several calls. A required value
that cannot be found is never made up: it is reported missing, unless a call is forced.

The steps of :func:`fill` draw on :mod:`.kinds` (what a parameter wants),
:mod:`.whole_text` (enums, units, booleans, arrays), :mod:`.results` (earlier results),
:mod:`.fallbacks` (last resorts) and :mod:`.repeats` (more calls for listed values).
"""

from __future__ import annotations

from typing import Any

from ...chat import ToolSpec
from .fallbacks import fallback, free_text, refers
from .filled import Argument, Filled
from .kinds import FITS, affinity, cue_terms, mention_value, param_kind
from .relevance import tool_words
from .repeats import option_repeats, phrase_repeats, repeats, spread_lists
from .results import from_results
from .values import Mention
from .whole_text import whole_text

__all__ = ["Argument", "Filled", "fill"]


def fill(
    spec: ToolSpec, text: str, mentions: list[Mention], results: list[tuple[str, Any]]
) -> list[Filled]:
    """Arguments for calling ``spec`` about ``text``: one :class:`Filled` per call.

    ``results`` are earlier tool results, newest first, as (tool name, parsed JSON).
    """
    props: dict[str, Any] = spec.parameters.get("properties", {})
    required = set(spec.parameters.get("required", []))
    kinds = {name: param_kind(name, prop) for name, prop in props.items()}
    if "array" not in kinds.values():  # "(45, 60)" gives two numbers to a tool without lists
        mentions = spread_lists(text, mentions)
    first = Filled()
    used: set[int] = set()
    taken_by: dict[str, Mention] = {}

    # 1. Values a parameter's own words point at ("radius of 10", "a=2"), best first.
    _pointed_at(first, props, kinds, text, mentions, used, taken_by)

    # 2. Kinds that are read from the whole text: enums, units, booleans, arrays.
    _read_whole_text(first, props, kinds, text, mentions, used)

    # 3. Required parameters take the remaining values of their kind in order of appearance,
    #    the most particular kinds first: a place goes to "location" before "genre" sees it.
    _in_order(first, props, kinds, required, mentions, used, taken_by)

    # 4. Earlier results can supply what the text does not ("her customer id").
    _from_earlier_results(first, props, results)

    # 5. Last resorts from the text itself: free text, the words the tool does not explain,
    #    and booleans the request does not ask for.
    _last_resorts(first, props, kinds, required, text, spec, mentions, used)

    first.missing = [n for n in props if n in required and n not in first.arguments]
    calls = [first, *repeats(first, props, text, mentions, used, taken_by, kinds)]
    calls += phrase_repeats(first, text, tool_words(spec).known)
    return calls + option_repeats(first, props, kinds, text)


def _pointed_at(
    first: Filled,
    props: dict[str, Any],
    kinds: dict[str, str],
    text: str,
    mentions: list[Mention],
    used: set[int],
    taken_by: dict[str, Mention],
) -> None:
    """Step 1: each value goes to the parameter whose words point at it most strongly."""
    candidates = []
    digits = any(m.kind == "number" and "word" not in m.tags for m in mentions)
    for name, prop in props.items():
        fits = FITS.get(kinds[name], [])
        cues = cue_terms(name, prop)
        for order, m in enumerate(mentions):
            if m.kind in fits and not (digits and "word" in m.tags):  # "two numbers: 36, 48"
                rank = fits.index(m.kind)
                candidates.append((affinity(text, m, name, cues), -rank, -order, name, m))
    for strength, _, _, name, m in sorted(candidates, key=lambda c: (-c[0], -c[1], -c[2])):
        if strength >= 2.0 and name not in first.arguments and id(m) not in used:
            if (
                kinds[name] == "place"
                and m.kind == "proper"
                and not m.place
                and any(x.place and id(x) not in used for x in mentions)
            ):
                continue
            first.arguments[name] = Argument(
                mention_value(m, name, props[name]),
                f"{m.text!r} follows the words for {name!r}",
                from_value=True,
            )
            used.add(id(m))
            taken_by[name] = m


def _read_whole_text(
    first: Filled,
    props: dict[str, Any],
    kinds: dict[str, str],
    text: str,
    mentions: list[Mention],
    used: set[int],
) -> None:
    """Step 2: parameters still empty whose value the whole request names."""
    for name, prop in props.items():
        if name not in first.arguments and (
            hit := whole_text(name, prop, kinds[name], text, mentions, used)
        ):
            first.arguments[name] = hit


def _in_order(
    first: Filled,
    props: dict[str, Any],
    kinds: dict[str, str],
    required: set[str],
    mentions: list[Mention],
    used: set[int],
    taken_by: dict[str, Mention],
) -> None:
    """Step 3: required parameters take the next unused value of their kind."""
    for name, prop in sorted(props.items(), key=lambda kv: _GENERAL.get(kinds[kv[0]], 0)):
        if name in first.arguments or name not in required:
            continue
        if m := _next_value(kinds[name], mentions, used):
            first.arguments[name] = Argument(
                mention_value(m, name, prop),
                f"{m.text!r} is the next {kinds[name]} value in the request",
                from_value=True,
            )
            used.add(id(m))
            taken_by[name] = m


def _from_earlier_results(
    first: Filled, props: dict[str, Any], results: list[tuple[str, Any]]
) -> None:
    """Step 4: parameters still empty take a matching value from an earlier result."""
    for name in [n for n in props if n not in first.arguments]:
        if hit4 := from_results(name, props[name], results):
            first.arguments[name] = hit4


def _last_resorts(
    first: Filled,
    props: dict[str, Any],
    kinds: dict[str, str],
    required: set[str],
    text: str,
    spec: ToolSpec,
    mentions: list[Mention],
    used: set[int],
) -> None:
    """Step 5: required parameters still empty wait for a result or take a fallback."""
    for name, prop in props.items():
        if name in first.arguments or name not in required:
            continue
        if kinds[name] == "text" and (phrase := free_text(text, spec)) and refers(phrase):
            first.refers[name] = phrase  # a result will say it: wait for one
        elif hit5 := fallback(name, prop, kinds[name], text, spec, used, mentions):
            first.arguments[name] = hit5


_GENERAL = {"string": 2, "text": 2, "name": 1, "id": 1}


def _next_value(kind: str, mentions: list[Mention], used: set[int]) -> Mention | None:
    """The first unused value of a kind; spelled-out numbers ("two sides") come last."""
    fits = FITS.get(kind, [])
    pool = [m for m in mentions if m.kind in fits and id(m) not in used]
    if kind == "id":  # an id is written, never spelled out ("twice" is no order number)
        pool = [m for m in pool if "word" not in m.tags]
    if any("word" not in m.tags for m in pool if m.kind == "number"):  # "two sides as 4 and 5"
        pool = [m for m in pool if "word" not in m.tags]
    if kind == "place":
        pool.sort(key=lambda m: (not m.place, "opener" in m.tags))
    elif fits:  # names and strings: a place ("in Paris") is the least likely to be meant
        pool.sort(
            key=lambda m: (m.place, fits.index(m.kind), "word" in m.tags or "opener" in m.tags)
        )
    return pool[0] if pool else None
