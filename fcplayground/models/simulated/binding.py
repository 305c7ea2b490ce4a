"""Binding: the values of the request assigned to the parameters of the calls it asks for.

For each intent, the pieces that say the same things again ("for a person 6 feet tall
..., also for a person 5.6 feet tall") are calls of their own. Within each call, every
value (and every run of listed values) is scored against every parameter
(:mod:`.affinity`), and the assignment with the best total wins (:mod:`.assignment`),
not the first value that fits. A run given to a parameter that takes one value makes one
call per item, two runs together pair up ("respectively", or equal lengths) or combine.
This is the one place that decides how many calls a request makes.

Parameters left empty are filled the way a hosted model fills them: free text is
composed (:mod:`.composing`), a setting takes its default, a fact may come from an
earlier result (:mod:`.results`) or from another call of the same request ("the
destination"); what remains is missing, and planning decides whether to wait or ask.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ...chat import ToolSpec
from . import extractors
from .extractors import Candidate
from .gathering import Argument, count_left, gather, numbers_list, unit_said
from .intents import Intent, topic_terms
from .levels import PLACES, nested, without_level
from .matching import Scope, assign
from .profiles import ToolProfile
from .runs import Run
from .slots import Slot
from .spreading import chunked, contrasted, share_options
from .vocabulary import Kind, Source, Tag

MAX_CALLS = 16  # one intent never fans out into more calls than this


@dataclass
class Call:
    """A call binding decided on: its arguments so far and what it still lacks."""

    profile: ToolProfile
    spec: ToolSpec
    arguments: dict[str, Argument]
    span: tuple[int, int]
    intent: int
    after: bool = False
    missing: list[str] = field(default_factory=list)  # required facts nobody gave
    refers: list[str] = field(default_factory=list)  # free text that results will supply

    @property
    def values(self) -> dict[str, Any]:
        order = [s.name for s in self.profile.slots]
        return {k: self.arguments[k].value for k in sorted(self.arguments, key=order.index)}


def bind(text: str, candidates: list[Candidate], intents: list[Intent], today: date) -> list[Call]:
    """The calls the intents make, with their arguments bound."""
    calls: list[Call] = []
    for index, intent in enumerate(intents):
        previous: dict[str, Argument] = {}
        for span in groups(text, intent, candidates, today):
            for arguments in _bind_group(text, intent, span, candidates, today):
                for name, argument in previous.items():
                    if name not in arguments and argument.source not in (Source.COMPOSED,):
                        arguments[name] = Argument(argument.value, Source.CARRIED, argument.detail)
                calls.append(
                    Call(intent.profile, intent.spec, arguments, span, index, intent.after)
                )
                if not contrasted(text, span):  # "this time in 'genbank'": its own only
                    previous = dict(arguments)
        _carry_back(text, [c for c in calls if c.intent == index])
        mine = share_options([c for c in calls if c.intent == index])
        calls = [c for c in calls if c.intent != index] + mine
    return calls


def _carry_back(text: str, calls: list[Call]) -> None:
    """A value said once, late, serves the calls before it too ("the number 4567 and the
    number 7890, returned as a 'dictionary'"), unless said as its own call's ("this time
    ..., as a ratio")."""
    for call in calls:
        for other in calls:
            if other.span != call.span and (
                contrasted(text, other.span) or _asked_again(text, other.span)
            ):
                continue
            for name, argument in other.arguments.items():
                if name not in call.arguments and argument.source not in (
                    Source.LIST,
                    Source.COMPOSED,
                    Source.CARRIED,
                    Source.COMPOSED_FROM_RESULTS,
                ):
                    call.arguments[name] = Argument(argument.value, Source.CARRIED, argument.detail)


_RESTATES = re.compile(
    r"^\W*(?:and\s|but\s|,\s)*(?:the\s)?(?:also|another|again|then|next|same|similarly|likewise|as well|repeat|do the same|what about|how about|plus|and for|lastly|finally|first|second|third|fourth|fifth|other)\b",
    re.I,
)


def groups(
    text: str, intent: Intent, candidates: list[Candidate], today: date
) -> list[tuple[int, int]]:
    """The spans of the intent that each make a call of their own: a piece that says
    again what the call already has, adds nothing to it, and says so ("also for a person
    5.6 feet tall", "the factorial of 7") starts a new one; any other piece extends the
    current call ("and in Tokyo", "with a gauge pressure of 2 atm")."""
    opening = _enumerated(text, intent.pieces)
    if opening:
        cuts = [_opening(text, at) for at in opening[1:]]
        bounds = [intent.pieces[0][0], *cuts, intent.pieces[-1][1]]
        return [(a, _trimmed(text, b)) for a, b in zip(bounds, bounds[1:], strict=False)]
    spans: list[tuple[int, int]] = []
    for start, end in intent.pieces:
        if not spans:
            spans.append((start, end))
            continue
        if _appositive(text, start, end) or _closer(text, candidates, start):
            continue  # what it says describes the value before it
        if _restates(text, intent, spans[-1], (start, end), candidates, today):
            spans.append((start, end))
        else:
            spans[-1] = (spans[-1][0], end)
    return spans


_APPOSITIVE = re.compile(
    r"\W*+(?:that|the|this|a|an)\s++[a-z]++\s++(?:where|which|who|whose|whom)\b", re.I
)


def _closer(text: str, candidates: list[Candidate], start: int) -> bool:
    """ "in Bangkok, Chatuchak District": a piece opening with a place within the place
    the piece before ends with says where, closer, not another call."""
    before = [c for c in candidates if c.end <= start and c.kind in PLACES]
    after = [c for c in candidates if c.start >= start and c.kind in PLACES]
    if not before or not after:
        return False
    last = max(before, key=lambda c: c.end)
    first = min(after, key=lambda c: c.start)
    return nested(text, last, first) and not text[start : first.start].strip()


def _appositive(text: str, start: int, end: int) -> bool:
    """ "Seattle, that city where Mr. Gates works": a clause that says more about the value
    before it names no new one."""
    return bool(_APPOSITIVE.match(text, start, end))


_ORDINAL_START = re.compile(
    r"(?:[^:]*+:)?\W*+(?:(?:and|then|but|now|finally|lastly|also|where|while|whereas)\W++)*+"
    r"(?:(?:in|for|with|on|at)\s)?"
    r"(?:the|a|my|your|his|her|their)\s"
    r"(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last)\b",
    re.I,
)


def _enumerated(text: str, pieces: list[tuple[int, int]]) -> list[int]:
    """Where the items of an enumeration open ("The first house is ..., The second house
    is ..."), each item one call: at a piece's start or after its colon; none when the
    ordinals repeat."""
    found = [(m.start(1), m.group(1).lower()) for a, b in pieces
             if (m := _ORDINAL_START.match(text, a, b))]  # fmt: skip
    words = [w for _, w in found]
    return [i for i, _ in found] if len(words) >= 2 and len(set(words)) == len(words) else []


def _opening(text: str, ordinal: int) -> int:
    """Where the words of the item an ordinal opens begin ("The second house")."""
    head = text[max(0, ordinal - 40) : ordinal]
    m = _ITEM_HEAD.search(head)
    return ordinal - (len(head) - m.start()) if m else ordinal


_ITEM_HEAD = re.compile(r"(?:(?:in|for|with|on|at)\s)?(?:the|a|my|your|his|her|their)\s$", re.I)


def _trimmed(text: str, end: int) -> int:
    """The end of a span less the separator before the next one."""
    return len(text[:end].rstrip(" ,;"))


def _restates(
    text: str,
    intent: Intent,
    group: tuple[int, int],
    piece: tuple[int, int],
    candidates: list[Candidate],
    today: date,
) -> bool:
    """Does the piece say again what the group says, for another call? It gives values
    the group has, and either adds none or names the tool's subject again ("a Vegan
    Salad recipe"), says so ("also", "the second"), or holds a formula of its own."""
    formula = any(
        c.kind == Kind.MATH and piece[0] <= c.start and c.end <= piece[1] for c in candidates
    )
    alone = _provided(text, intent, piece, candidates, today)
    before = _provided(text, intent, group, candidates, today)
    scalar = all(s.kind != Kind.ARRAY for s in intent.profile.slots if s.name in alone)
    if _bare(text, candidates, *piece) and not formula:
        # "(45, 60) and (81, 27)", "the last six months, the last year": values again
        return bool(alone) and alone <= before and (scalar or len(alone) >= 2)
    said = set(topic_terms(text, candidates, *piece))
    named = set(topic_terms(text, candidates, *group)) & intent.profile.core
    if alone and named & said and _asked_again(text, piece):
        return True  # "and then what is the shortest distance if we allow transfer"
    if _one_by_one(text, intent, piece, alone, candidates):
        return False  # "latitude 37.8715 and longitude -122.2730": one list, said in parts
    if not alone & before or _scene(candidates, group, piece, len(before) < len(alone)):
        return False
    if len(_provided(text, intent, piece, candidates, today, True) & before) >= 2 and scalar:
        return True  # "from San Francisco in 2019 and ... in Texas in 2018": a second set
    joined = _provided(text, intent, (group[0], piece[1]), candidates, today)
    cues = {c for s in intent.profile.slots if s.name in alone for c in s.cues | s.hints}
    again = bool(named and (said & intent.profile.core) - cues)  # named by both, not first here
    marked = bool(_RESTATES.match(text[piece[0] : piece[1]]))
    same = alone == before and len(joined) == len(before)  # "1 mile to km, 1 pound to kg"
    return again or marked or formula or same or (len(joined) <= len(before) and bool(said & cues))


def _one_by_one(
    text: str, intent: Intent, piece: tuple[int, int], alone: set[str], candidates: list[Candidate]
) -> bool:
    """Does the piece only add a number to a list of numbers, unmarked as another call?"""
    lists = {s.name for s in intent.profile.slots if numbers_list(s)}
    listed = any(c.kind == Kind.LIST and piece[0] <= c.start < piece[1] for c in candidates)
    marked = _RESTATES.match(text[piece[0] : piece[1]])
    return bool(alone) and alone <= lists and not listed and not marked


_AGAIN = re.compile(r"\b(?:again|same|once\smore|this\stime|instead|but\snow)\b", re.I)
_THEN = re.compile(r"(?:\band|,)\s+then\W*$", re.I)


def _asked_again(text: str, piece: tuple[int, int]) -> bool:
    """Does the piece ask the same thing once more, changed ("and then what is ... if we
    allow transfer", "the same sequence again but this time in 'genbank' format")?"""
    before = text[max(0, piece[0] - 12) : piece[0]]
    return bool(_THEN.search(before) or _AGAIN.search(text, piece[0], piece[1]))


def _scene(
    candidates: list[Candidate], group: tuple[int, int], piece: tuple[int, int], fuller: bool
) -> bool:
    """ "You have a deck of 52 cards. 1. ... an Ace (4 outcomes) of the deck (52 outcomes)":
    a group whose every value the fuller piece says again only set the scene."""

    def said(span: tuple[int, int]) -> set[str]:
        return {str(c.value) for c in candidates if span[0] <= c.start and c.end <= span[1]
                and c.kind != Kind.PHRASE and Tag.FACET not in c.tags}  # fmt: skip

    first = said(group)
    return fuller and bool(first) and first <= said(piece)


def _bare(text: str, candidates: list[Candidate], start: int, end: int) -> bool:
    """Is the piece nothing but values and list words ("and in Tokyo", "7")?"""
    words = topic_terms(text, candidates, start, end)
    return all(t in ("respectively", "each", "another", "also") for t in words)


def _provided(
    text: str,
    intent: Intent,
    span: tuple[int, int],
    candidates: list[Candidate],
    today: date,
    pointed: bool = False,
) -> set[str]:
    """The parameters that values inside ``span`` would fill on their own (``pointed``:
    only those with words or a unit pointing at them, not by their order alone)."""
    got = assign(Scope(text, today, candidates), intent.profile.slots, span)
    return {
        slot
        for slot, (unit, f) in got.items()
        if all(m.kind != Kind.PHRASE for m in unit.members)
        and not (pointed and f.source == Source.ORDER)
    }


def _bind_group(
    text: str, intent: Intent, span: tuple[int, int], candidates: list[Candidate], today: date
) -> list[dict[str, Argument]]:
    slots = intent.profile.slots
    chosen = assign(Scope(text, today, candidates), slots, span)
    by_name = {s.name: s for s in slots}
    fixed: dict[str, Argument] = {}
    spread: list[tuple[Slot, Run]] = []
    for name, (unit, f) in chosen.items():
        slot = by_name[name]
        if unit.run is not None and _joined_text(slot):
            items = unit.run.items
            fixed[name] = Argument(",".join(str(extractors.convert(i, slot)) for i in items), Source.WHOLE_LIST,
                                   f"the values listed, as the one comma-separated text it asks for: {', '.join(i.text for i in items)}", span=(items[0].start, items[-1].end))  # fmt: skip
        elif unit.run is not None and (slot.kind != Kind.ARRAY or _lists_of_one(slot, unit.run)):
            spread.append((slot, unit.run))
        elif unit.run is not None:
            items = unit.run.items
            fixed[name] = Argument([extractors.convert(i, slot.items or slot) for i in items], Source.WHOLE_LIST,
                                   f"the values listed: {', '.join(i.text for i in items)}", span=(items[0].start, items[-1].end))  # fmt: skip
        else:
            value = (
                extractors.convert(unit.candidate, slot.items or slot)
                if slot.kind == Kind.ARRAY and unit.candidate.kind != Kind.LIST
                else extractors.convert(unit.candidate, slot)
            )
            if slot.kind == Kind.ARRAY and not isinstance(value, list):
                value = [value]
            value = without_level(slot, unit.candidate, value)
            fixed[name] = Argument(
                value, f.source, f.detail, span=(unit.candidate.start, unit.candidate.end)
            )
    count_left(text, slots, span, candidates, chosen, fixed)
    unit_said(slots, candidates, chosen, fixed)
    _gather_lists(text, slots, span, candidates, chosen, fixed)
    return chunked(text, slots, fixed, spread) or _fan_out(fixed, spread)


_COMMA_LIST = re.compile(r"\bcomma[- ]separated\b", re.I)


def _joined_text(slot: Slot) -> bool:
    """A text parameter described as "a comma-separated list of repositories" takes every
    value listed, in one call."""
    return slot.kind in (Kind.STRING, Kind.TEXT) and bool(_COMMA_LIST.search(slot.description))


def _lists_of_one(slot: Slot, run: Run) -> bool:
    """ "[45, 12, 67], [34, 78, 12]" for a parameter that takes one list: a call each."""
    return run.kind == Kind.LIST and not (slot.items and slot.items.kind == Kind.ARRAY)


def _gather_lists(
    text: str,
    slots: tuple[Slot, ...],
    span: tuple[int, int],
    candidates: list[Candidate],
    chosen: dict,
    fixed: dict[str, Argument],
) -> None:
    """ "latitude 37.8715 and longitude -122.2730" for one ``coordinates`` list: every
    number said for it, in one call."""
    for slot in slots:
        argument = fixed.get(slot.name)
        if not numbers_list(slot) or argument is None or argument.source == Source.WHOLE_LIST:
            continue
        unit = chosen[slot.name][0] if slot.name in chosen else None
        if unit is not None and unit.candidate is not None and unit.candidate.kind == Kind.LIST:
            continue  # "[22, 33, 42]": the list as written
        used = {
            id(m) for name, (unit, _) in chosen.items() if name != slot.name for m in unit.members
        }
        values = gather(text, slot, span, candidates, used, extractors.convert)
        if values is not None:
            fixed[slot.name] = Argument(values, Source.WHOLE_LIST, "each number said for the list")


def _fan_out(
    fixed: dict[str, Argument], spread: list[tuple[Slot, Run]]
) -> list[dict[str, Argument]]:
    """One call per item of each run given to a one-value parameter: runs of equal length
    (or said "respectively") pair up, others combine."""
    if not spread:
        return [fixed]
    if any(run.respectively for _, run in spread):
        rows = list(zip(*(run.items for _, run in spread), strict=False))
    else:
        rows = list(itertools.product(*(run.items for _, run in spread)))
    out = []
    for row in rows[:MAX_CALLS]:
        arguments = dict(fixed)
        for (slot, run), item in zip(spread, row, strict=True):
            others = ", ".join(i.text for i in run.items if i is not item)
            detail = f"{item.text!r}, one of a list with {others}"
            arguments[slot.name] = Argument.listed(item, slot, detail)
        out.append(arguments)
    return out
