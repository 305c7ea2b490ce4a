"""Slots: what the simulated model reads off one parameter of a tool.

A :class:`Slot` holds the parameter's kind (what value it wants, decided by the
extractors' table), its role (a fact to ask for, free text to compose, a setting with a
default), the cue words that announce its value, and what its description says about
form: allowed values, a unit, a date format, percent or fraction, a direction (from /
to), a default and examples.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from . import extractors
from .examples import items_of
from .examples import texts as example_texts
from .extractors import example_forms
from .vocabulary import Kind, Role, Tag
from .words import identifier_terms, is_generic, split_identifier, terms

# Parameter-name words for free text a hosted model writes itself.
COMPOSED_WORDS = {
    "subject", "body", "message", "content", "summary", "title", "note", "notes", "description",
    "comment", "comments", "query", "search", "keyword", "keywords", "prompt", "reason",
    "caption", "text", "details", "topic", "question", "headline", "bio", "agenda", "memo",
    "instructions", "term", "terms", "q", "msg", "reply", "response", "feedback", "label",
}  # fmt: skip
SOURCE_WORDS = {
    "from",
    "source",
    "base",
    "origin",
    "start",
    "departure",
    "input",
    "src",
    "have",
    "sell",
    "original",
}
TARGET_WORDS = {
    "to",
    "target",
    "destination",
    "dest",
    "end",
    "output",
    "arrival",
    "quote",
    "into",
    "desired",
    "want",
    "buy",
    "result",
    "converted",
    "new",
}
_EXAMPLE = re.compile(
    r"\b(?:e\.g\.|eg\.|i\.e\.|for example|such as|like|example:|supports(?=\s['\"]))[,:]?\s+"
    r"(.+?)(?=[.;)]\s|[.;)]?$)",
    re.I,
)
_DEFAULT = re.compile(
    r"\bdefaults?(?: value)?(?: is| to|:)?\s+['\"]?([\w./²³-]+(?: [\w.-]+)?)['\"]?", re.I
)
_PERCENT = re.compile(r"\bpercent(?:age)?\b|\bin %|\b0\s*(?:-|to)\s*100\b|\(%\)", re.I)
_FRACTION = re.compile(
    r"\bdecimal\b|\bfraction\b|\b0\s*(?:-|to|and)\s*1\b(?![\d.])|\be\.g\.\s*0\.\d", re.I
)
_CREATES = frozenset(
    t
    for w in (
        "create",
        "add",
        "new",
        "make",
        "send",
        "schedule",
        "book",
        "post",
        "write",
        "log",
        "remind",
        "note",
        "save",
        "compose",
        "draft",
        "publish",
        "open",
        "start",
    )
    for t in terms(w)
)


@dataclass(frozen=True)
class Slot:
    """One parameter of a tool, as the model reads it."""

    tool: str
    name: str
    kind: Kind
    json_type: str
    required: bool
    role: Role
    cues: frozenset[str]
    description: str = ""
    hints: frozenset[str] = frozenset()  # the description's own words: weaker cues
    enum: tuple[Any, ...] = ()
    unit: str = ""  # the unit the description names, e.g. "kilogram"
    date_format: str = ""  # the strftime format the description asks for
    percent: bool | None = None  # True: "5" for 5%, False: 0.05, None: not said
    direction: Tag | None = None  # Tag.SOURCE or Tag.TARGET
    items: Slot | None = None  # an array's items
    accepts: frozenset[Kind] = frozenset()  # other kinds its description offers
    default: Any = None
    examples: tuple[str, ...] = ()
    position: int = 0
    tool_terms: frozenset[str] = frozenset()
    schema: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    nullable: bool = False  # the schema allows null: a strict tool's way of "optional"
    shown: tuple[Any, ...] = ()  # the values the tool's example inputs give it, as given
    usual: float | None = None  # how often the tool's examples fill it (None: no examples)

    @property
    def label(self) -> str:
        return self.name.replace("_", " ")

    @cached_property
    def counts(self) -> bool:
        """Does the parameter count things ("bedrooms", "num_rooms", "The number of
        guests")? "two charges" counts charges: a value for a parameter that counts them,
        never for a ``charge`` measured in coulombs."""
        words = split_identifier(self.name) or [""]
        return (
            (words[-1].endswith("s") and not words[-1].endswith("ss"))
            or bool(set(words) & _COUNT_WORDS)
            or bool(_COUNTING.search(self.description.strip()))
        )

    @cached_property
    def purpose_terms(self) -> frozenset[str]:
        """The tool's words for what it does, less its examples' words: "e.g. kettle" is a
        value a request may give, not a word about the tool."""
        return self.tool_terms - {t for e in self.examples for t in terms(e)}


_COUNT_WORDS = frozenset({"quantity", "qty", "count", "copies", "units", "items", "pieces", "number", "num", "n"})  # fmt: skip
_COUNTING = re.compile(
    r"^(?:the\s)?(?:total\s)?(?:number|count|amount|quantity)\sof\b|^how many\b", re.I
)


def read_slot(
    tool: str,
    name: str,
    prop: dict[str, Any],
    required: bool,
    position: int,
    tool_terms: frozenset[str],
    shown: tuple[Any, ...] = (),
    usual: float | None = None,
) -> Slot:
    """One parameter's slot: its kind, role, cues and the form its description asks for.
    ``shown``: the values the tool's example inputs give it, read as its description's
    "e.g." is (see :mod:`.examples`); ``usual``: how often they fill it."""
    may_be_null = nullable(prop)
    prop = _resolved(prop)
    json_type = _json_type(prop)
    description = str(prop.get("description", "") or "")
    described = tuple(
        re.sub(r"\s(?:etc|and so on)\.?$", "", e).strip(" '\"`")
        for m in _EXAMPLE.finditer(description)
        for e in re.split(r",\s|\sor\s", m.group(1))
        if e.strip()
    )
    examples = described + tuple(t for t in example_texts(shown) if t not in described)
    enum = tuple(prop.get("enum") or ()) or _listed_options(description, json_type)
    if not enum and json_type == "integer":  # "1 represents Bangkok, 2 for Chiang Mai"
        enum = tuple(extractors.options.coded_meanings(description))
    items = None
    if json_type == "array" and isinstance(prop.get("items"), dict):
        items = read_slot(
            tool, _singular(name), prop["items"], True, position, tool_terms, items_of(shown)
        )
        if items.kind == Kind.TEXT and example_forms.labels(items):  # ["billing", "refund"]
            items = replace(items, kind=Kind.STRING, role=Role.FACT)
    kind = _kind(tool, name, json_type, description, prop, enum, examples)
    accepts = (
        extractors.offered_kinds(name, description, kind) if json_type == "string" else frozenset()
    )
    return Slot(
        tool=tool, name=name, kind=kind, json_type=json_type, required=required,
        role=_role(kind, name, description, json_type), cues=_cues(name, description),
        description=description, hints=_hints(description, tool_terms), enum=enum, unit=_unit(name, description),
        date_format=_date_format(description, described, prop) or example_forms.date_format(example_texts(shown)), percent=_percent(description),
        direction=_direction(name, description), items=items, accepts=accepts, default=_default(prop, description, json_type),
        examples=examples, position=position, tool_terms=tool_terms, schema=prop, nullable=may_be_null,
        shown=shown, usual=usual,
    )  # fmt: skip


# "either 'summary' or 'full'", "'metric' or 'imperial'": a description that lists the
# allowed values in quotes, joined by "or".
# At most 24 options before the "or": each start reads a bounded stretch (linear time).
_OR_LIST = re.compile(r"(?:['\"][\w /.-]{1,30}['\"],?\s){1,24}(?:or|and)\s['\"][\w /.-]{1,30}['\"]")


def _listed_options(description: str, json_type: str) -> tuple[str, ...]:
    if json_type != "string" or re.search(
        r"\b(?:e\.g\.|such as|for example|like)\s+['\"]", description, re.I
    ):
        return ()
    m = _OR_LIST.search(description)
    return tuple(re.findall(r"['\"]([\w /.-]{1,30})['\"]", m.group(0))) if m else ()


def nullable(prop: dict[str, Any]) -> bool:
    """Whether a property's schema allows ``null`` (``["string", "null"]``, an Optional)."""
    kind = prop.get("type")
    if kind == "null" or (isinstance(kind, list) and "null" in kind):
        return True
    options = prop.get("anyOf") or prop.get("oneOf")
    return isinstance(options, list) and any(
        isinstance(o, dict) and o.get("type") == "null" for o in options
    )


def _resolved(prop: dict[str, Any]) -> dict[str, Any]:
    """``anyOf: [X, null]`` (an Optional parameter) read as X, keeping the description."""
    options = prop.get("anyOf") or prop.get("oneOf")
    if isinstance(options, list):
        real = [o for o in options if isinstance(o, dict) and o.get("type") != "null"]
        if len(real) == 1:
            return {**real[0], **{k: v for k, v in prop.items() if k not in ("anyOf", "oneOf")}}
    return prop


def _json_type(prop: dict[str, Any]) -> str:
    kind = prop.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "string")
    if kind is None:
        for option in prop.get("anyOf") or prop.get("oneOf") or []:
            if isinstance(option, dict) and option.get("type") not in (None, "null"):
                return _json_type(option)
        enum = prop.get("enum")
        return (
            _ENUM_TYPES.get(type(enum[0]), "string")
            if isinstance(enum, list) and enum
            else "string"
        )
    if not isinstance(kind, str):
        return "string"
    return {"dict": "object", "float": "number", "tuple": "array", "any": "string"}.get(kind, kind)


_ENUM_TYPES = {bool: "boolean", int: "integer", float: "number", str: "string"}


def _kind(
    tool: str,
    name: str,
    json_type: str,
    description: str,
    prop: dict[str, Any],
    enum: tuple,
    examples: tuple,
) -> Kind:
    if enum:
        return Kind.ENUM
    if json_type == "boolean":
        return Kind.BOOL
    if json_type == "array":
        return Kind.ARRAY
    if json_type == "object":
        return Kind.OBJECT
    if json_type in ("integer", "number"):
        return extractors.number_slot_kind(name, description)
    words = split_identifier(name)
    head = words[-1] if words else ""
    if head in ("year", "years") and not examples_of_kind(examples):
        return Kind.NUMBER  # a year written as text ("2022") is still a number to read
    creates = bool(set(identifier_terms(tool)) & _CREATES)
    if (
        head in COMPOSED_WORDS
        and not examples_of_kind(examples)
        and (head not in ("title", "name", "label") or creates)
    ):
        return Kind.TEXT
    kind = extractors.slot_kind(name, description, prop.get("format", ""), examples)
    if kind is None and set(words) & COMPOSED_WORDS and head not in ("name", "title"):
        return Kind.TEXT
    said = _DESCRIBED_AS.match(description)
    if kind is None and said and said.group(1).lower() in COMPOSED_WORDS - {"name", "title"}:
        return Kind.TEXT  # "why: The reason for returning it": a reason to write
    return kind or Kind.STRING


# The noun a parameter's description opens with: "The reason for ...", "A short summary".
_DESCRIBED_AS = re.compile(
    r"\W*(?:(?:the|a|an|your|its|their|some|short|brief|one-line)\s+){0,3}([a-z]+)\b", re.I
)


def examples_of_kind(examples: tuple[str, ...]) -> Kind | None:
    """The value kind every example is, read by the extractors ("e.g. ORD-1234" is an id)."""
    return extractors.kind_of_examples(examples)


def _role(kind: Kind, name: str, description: str, json_type: str) -> Role:
    if kind in (Kind.ENUM, Kind.BOOL):
        return Role.SETTING
    if kind == Kind.TEXT:
        return Role.COMPOSED
    return Role.FACT


def _cues(name: str, description: str) -> frozenset[str]:
    own = set(identifier_terms(name))
    if len(name) <= 2:
        own.add(name.lower())
    return frozenset(own)


def _hints(description: str, tool_terms: frozenset[str]) -> frozenset[str]:
    """The specific words of a parameter's description ("standard deviation" for sigma)."""
    return frozenset(t for t in terms(description) if not is_generic(t) and len(t) > 2)


def _unit(name: str, description: str) -> str:
    return extractors.described_unit(name, description)


def _date_format(description: str, examples: tuple[str, ...], prop: dict[str, Any]) -> str:
    return extractors.described_date_format(description, examples, prop.get("format", ""))


def _percent(description: str) -> bool | None:
    if _PERCENT.search(description):
        return True
    if _FRACTION.search(description):
        return False
    return None


def _direction(name: str, description: str) -> Tag | None:
    words = set(re.findall(r"[a-z]+", name.lower().replace("_", " ")))
    if words & SOURCE_WORDS:
        return Tag.SOURCE
    if words & TARGET_WORDS:
        return Tag.TARGET
    low = description.lower()
    if re.search(
        r"\b(?:convert(?:ed)?|exchange|translate[d]?) from\b|\bsource\b|\boriginal\b", low
    ):
        return Tag.SOURCE
    if re.search(
        r"\b(?:convert(?:ed)?|exchange|translate[d]?) (?:in)?to\b|\btarget\b|\bdesired\b", low
    ):
        return Tag.TARGET
    return None


def _default(prop: dict[str, Any], description: str, json_type: str) -> Any:
    if "default" in prop:
        return prop["default"]
    m = _DEFAULT.search(description)
    if not m:
        return None
    written = m.group(1).rstrip(".").strip("'\"")
    if json_type == "boolean":
        return {"true": True, "false": False, "yes": True, "no": False}.get(written.lower())
    if json_type in ("integer", "number"):
        try:
            number = float(written)
        except ValueError:
            return None
        return int(number) if json_type == "integer" and number.is_integer() else number
    return written


def _singular(name: str) -> str:
    return name[:-1] if name.endswith("s") and not name.endswith("ss") else name
