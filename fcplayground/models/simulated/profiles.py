"""Profiles: what the simulated model reads off each tool, once per tool spec.

A :class:`ToolProfile` holds the weighted terms of a tool's name and description (what
relevance compares with a request), whether the tool reads, writes, searches or sends,
and one :class:`~.slots.Slot` per parameter (read by :mod:`.slots`). Profiles are cached
by the content of the spec, so the same tool sent again costs nothing.
"""

from __future__ import annotations

import hashlib
import marshal
import threading
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ...chat import ToolSpec
from ..plain import tools_chars
from . import examples as example_inputs
from .memo import Memo
from .schemas import readable
from .slots import Slot, read_slot
from .vocabulary import Kind, Role
from .words import identifier_terms, is_generic, split_identifier, terms, words

NAME_CONFIRMED, NAME_ALONE, DESCRIPTION = 1.5, 0.6, 1.0
PARAMETER, PARAMETER_TEXT, OPTION, EXAMPLE = 0.5, 0.3, 0.5, 0.3

# Parameter-name words for free text a hosted model writes itself.
_READS = {
    "get",
    "list",
    "find",
    "search",
    "check",
    "show",
    "lookup",
    "look",
    "read",
    "fetch",
    "query",
    "view",
    "retrieve",
    "describe",
    "count",
    "status",
}
_WRITES = {
    "create",
    "add",
    "set",
    "send",
    "book",
    "delete",
    "remove",
    "update",
    "cancel",
    "post",
    "save",
    "start",
    "schedule",
    "make",
    "write",
    "request",
    "submit",
    "order",
    "buy",
}
# A tool that makes something names it itself: its "title" is written, not looked up.


@dataclass(frozen=True)
class ToolProfile:
    """What the model reads off one tool."""

    name: str
    weights: dict[str, float]
    name_terms: frozenset[str]
    core: frozenset[str]  # specific terms of the name and description
    slots: tuple[Slot, ...]
    quality: float  # how much the description says, 0.4 (nothing) to 1.0
    examples: frozenset[str] = frozenset()
    prefixes: dict[str, str] = field(default_factory=dict)  # first letters -> a term
    searches: bool = False  # a search tool: a search verb and a query it writes itself
    reads: bool = False  # named for reading: get, list, find, check, show, look up
    writes: bool = False  # named for writing: create, add, set, send, book, delete
    sends: bool = False  # named for sending a message: send, reply, notify, email
    misspelt: dict[str, tuple[str, int]] = field(
        default_factory=dict, repr=False
    )  # a word less one letter -> (term, length)

    @cached_property
    def kinds(self) -> frozenset[Kind]:
        """The kinds of value its parameters (and their items) take."""
        return frozenset(
            {s.kind for s in self.slots} | {s.items.kind for s in self.slots if s.items}
        )

    @property
    def required(self) -> list[Slot]:
        return [s for s in self.slots if s.required]

    def slot(self, name: str) -> Slot | None:
        return next((s for s in self.slots if s.name == name), None)


def profile(spec: ToolSpec) -> ToolProfile:
    """The (cached) profile of a tool spec."""
    return read_tool(spec)[1]


@dataclass(frozen=True)
class ToolList:
    """A tools list as the model reads it: each tool well formed (see :mod:`.schemas`) with
    its profile, the characters the tools add to a request (for its token count), and a
    digest of the list as sent (None when a spec is too big or too odd to write out): the
    key of what depends on the tools. Worked out once per list, and only read afterwards."""

    specs: tuple[ToolSpec, ...]
    profiles: tuple[ToolProfile, ...]
    chars: int
    key: bytes | None


# Recent tools lists, by a digest of the list as sent: a session offers the same list on
# every request, and 1,000 tools looked up one by one cost milliseconds.
TOOL_LISTS: Memo[ToolList] = Memo(64)


def read_tools(specs: list[ToolSpec]) -> ToolList:
    """Each tool read (see :func:`read_tool`), once per list as sent."""
    try:
        whole = marshal.dumps(
            [(t.name, t.description, t.parameters, t.strict, t.input_examples) for t in specs]
        )
    except ValueError:  # an object marshal cannot write (a learner's own class)
        return _read_each(specs)
    return TOOL_LISTS.find(hashlib.sha256(whole).digest(), lambda: _read_each(specs))


def _read_each(specs: list[ToolSpec]) -> ToolList:
    raws = [_raw_key(spec) for spec in specs]
    found = [_read_one(spec, raw) for spec, raw in zip(specs, raws, strict=True)]
    read = tuple(spec for spec, _ in found)
    profiles = tuple(profile for _, profile in found)
    if any(raw is None for raw in raws):
        return ToolList(read, profiles, tools_chars(read), None)
    # marshal's output ends where the value does: the joined keys say which list was sent
    key = hashlib.sha256(b"".join(raw[1] for raw in raws)).digest()  # type: ignore[index]
    return ToolList(read, profiles, tools_chars(read), key)


def read_tool(spec: ToolSpec) -> tuple[ToolSpec, ToolProfile]:
    """The tool as the model reads it (its schema well formed, see :mod:`.schemas`) and its
    profile, cached by the spec's content."""
    return _read_one(spec, _raw_key(spec))


def _read_one(spec: ToolSpec, raw: tuple[str, bytes] | None) -> tuple[ToolSpec, ToolProfile]:
    # The spec as sent is the key when it is small: the same tool offered again is then found
    # without rewriting its schema (what made 1,000 tools cost 1,000 rewrites a request).
    if raw is not None and (found := _cached(raw)) is not None:
        return found
    clean = readable(spec)
    # repr of the well-formed spec is a cheap, faithful key (the same schema sent again
    # prints the same) for a spec too big, or too odd, to key as sent.
    key = ("clean", clean.name, clean.description, repr(clean.parameters), repr(clean.strict),
           repr(clean.input_examples))  # fmt: skip
    found = _cached(key) or (clean, _profile(clean))
    for k in (key, raw):
        if k is not None:
            found = _keep(k, found)
    return found


def _raw_key(spec: ToolSpec) -> tuple[str, bytes] | None:
    """``spec`` as sent, written out by ``marshal`` (faithful: two different specs never
    share a key), or None when it cannot be written or is too long to keep."""
    try:
        # version 2 (no shared references) is faithful too, and several times quicker
        text = marshal.dumps(
            (spec.name, spec.description, spec.parameters, spec.strict, spec.input_examples), 2
        )
    except ValueError:  # an object marshal cannot write (a learner's own class)
        return None
    return ("raw", text) if len(text) <= _RAW_KEY_BYTES else None


def _cached(key: tuple[Any, ...]) -> tuple[ToolSpec, ToolProfile] | None:
    with _LOCK:  # requests are answered on many threads at once
        return _TOOLS.get(key)


def _keep(
    key: tuple[Any, ...], found: tuple[ToolSpec, ToolProfile]
) -> tuple[ToolSpec, ToolProfile]:
    with _LOCK:
        while len(_TOOLS) >= _KEPT:
            del _TOOLS[next(iter(_TOOLS))]  # the oldest first
        return _TOOLS.setdefault(key, found)


_TOOLS: dict[tuple[Any, ...], tuple[ToolSpec, ToolProfile]] = {}
_KEPT = 16384  # keys: each tool is kept under its raw and its clean key
_RAW_KEY_BYTES = 8192  # a longer spec is keyed by its clean form only, as before
_LOCK = threading.Lock()


def _profile(spec: ToolSpec) -> ToolProfile:
    name, parameters = spec.name, spec.parameters
    properties = parameters.get("properties") or {}
    required = set(parameters.get("required") or [])
    description, shown, usual = example_inputs.read(spec, properties)
    name_terms = identifier_terms(name)
    description_terms = terms(description)
    tool_terms = (
        frozenset(name_terms)
        | frozenset(description_terms)
        | frozenset(
            t
            for prop in properties.values()
            if isinstance(prop, dict)
            for t in terms(str(prop.get("description", "")))
        )
        | frozenset(t for pname in properties for t in identifier_terms(pname))
    )
    slots = tuple(
        read_slot(
            name,
            pname,
            prop if isinstance(prop, dict) else {},
            pname in required,
            i,
            tool_terms,
            shown.get(pname, ()),
            usual.get(pname),
        )  # fmt: skip
        for i, (pname, prop) in enumerate(properties.items())
    )
    weights, examples = _weights(name_terms, description_terms, slots)
    specific = {t for t in description_terms if not is_generic(t)}
    quality = min(1.0, 0.4 + 0.15 * len(specific))
    core = frozenset(t for t in (*name_terms, *description_terms) if not is_generic(t))
    # the heaviest term of each start is written last, so it is the one kept
    prefixes = {t[:6]: t for t in sorted(weights, key=lambda t: weights[t]) if len(t) >= 6}
    searches = bool({"find", "search"} & {*name_terms, *description_terms[:6]}) and any(
        s.required and s.role == Role.COMPOSED for s in slots
    )
    verbs = set(split_identifier(name))
    reads = bool(verbs & _READS)
    writes = bool(verbs & _WRITES) and not reads
    sends = bool(
        verbs & {"send", "reply", "notify", "email", "mail", "message", "respond", "text", "post"}
    ) and any(s.role == Role.COMPOSED for s in slots)
    misspelt = _misspellings(f"{' '.join(split_identifier(name))} {description}", weights)
    return ToolProfile(
        name,
        weights,
        frozenset(name_terms),
        core,
        slots,
        quality,
        examples,
        prefixes,
        searches,
        reads,
        writes,
        sends,
        misspelt,
    )


def _misspellings(text: str, weights: dict[str, float]) -> dict[str, tuple[str, int]]:
    """Each long word of the tool's name and description with one letter left out (and
    whole), so that a request word one letter off ("definiton", "calender") finds it."""
    out: dict[str, tuple[str, int]] = {}
    for w in words(text):
        if w.term not in weights or is_generic(w.term):
            continue
        for form in {w.text.lower(), w.term}:
            if 5 <= len(form) <= 24:  # a 100,000-letter "word" has no misspellings worth a list
                for key in (form, *deletions(form)):
                    out.setdefault(key, (w.term, len(form)))
    return out


def deletions(word: str) -> set[str]:
    """The word with one letter left out, every way."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _weights(
    name_terms: tuple[str, ...], description_terms: tuple[str, ...], slots: tuple[Slot, ...]
) -> tuple[dict[str, float], frozenset[str]]:
    """Each term's weight: a description outweighs a name that it does not confirm."""
    weights: dict[str, float] = {}

    def add(found: tuple[str, ...] | list[str], weight: float) -> None:
        for t in found:
            weights[t] = max(weights.get(t, 0.0), weight)

    examples: set[str] = set()
    for slot in slots:
        add(identifier_terms(slot.name), PARAMETER)
        add(terms(slot.description), PARAMETER_TEXT)
        add(terms(" ".join(map(str, slot.enum))), OPTION)
        examples.update(t for e in slot.examples for t in terms(e))
    add(description_terms, DESCRIPTION)
    described = set(description_terms)
    add([t for t in name_terms if t in described], NAME_CONFIRMED)
    add([t for t in name_terms if t not in described], NAME_ALONE)
    examples -= {*name_terms, *description_terms}  # a word the tool uses for itself is no example
    # "e.g. running shoes", the "review" of "Sprint review": words in lower case say what
    # kind of thing the tool handles; capitalised ones ("Paris", "Sam") are values
    plain = {
        t
        for slot in slots
        for e in slot.examples
        for w in e.split()
        if w[:1].islower()
        for t in terms(w)
    }
    for t in examples:
        if t in plain:  # "e.g. running shoes": the kind of thing the tool handles
            weights[t] = EXAMPLE
        else:  # "e.g. Paris", "e.g. ORD-1234": a value, not what the tool is about
            weights.pop(t, None)
    return weights, frozenset(examples - plain)


__all__ = [
    "Slot",
    "ToolList",
    "ToolProfile",
    "deletions",
    "profile",
    "read_slot",
    "read_tool",
    "read_tools",
]
