"""A small declarative language for request bodies, and the walk that checks one.

Each endpoint describes its body as a tree of shapes (:class:`Obj`, :class:`Array`,
:class:`Str`, :class:`Tagged`, ...). :meth:`Shape.check` walks a parsed JSON value
against it and returns the first :class:`Violation`, or ``None``. A violation records
what was wrong in neutral terms; :mod:`.wording` says it in each provider's words.

The walk follows the shape, not the data, so its depth is bounded by the description
(values under :class:`Anything` are never descended into), and every check is linear
in the size of the value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Problem(Enum):
    """What a violation is."""

    MISSING = "missing"  # a required field is absent
    TYPE = "type"  # the JSON kind is wrong (a string where an array belongs)
    VALUE = "value"  # not one of the allowed values
    NO_TAG = "no tag"  # an object of a tagged union without its tag field
    BELOW_MIN = "below min"
    ABOVE_MAX = "above max"
    TOO_SHORT = "too short"  # a string or array below its minimum length
    TOO_LONG = "too long"
    PATTERN = "pattern"
    UNKNOWN = "unknown"  # a field the endpoint does not take
    BAD_UNICODE = "bad unicode"  # a string with a lone surrogate: not valid Unicode


@dataclass(frozen=True)
class Tag:
    """A step in a path naming which variant of a tagged union was chosen.

    Anthropic's errors name it (``tools.0.custom.name``); OpenAI's leave it out."""

    name: str


Step = str | int | Tag


@dataclass(frozen=True)
class Violation:
    """The first thing wrong with a body: where, what, and the detail to say it."""

    problem: Problem
    path: tuple[Step, ...]
    expected: tuple[str, ...] = ()  # JSON kinds, allowed values, or the pattern
    got: Any = None  # the offending value (or its JSON kind, for TYPE)
    limit: float | None = None  # the bound that was broken


# The JSON kind of a parsed value, by its exact Python type (bool is not an integer here).
KINDS: dict[type, str] = {
    str: "string",
    bool: "boolean",
    int: "integer",
    float: "number",
    list: "array",
    dict: "object",
    type(None): "null",
}


def kind_of(value: Any) -> str:
    """The JSON kind of ``value``: "string", "integer", "object", ..."""
    return KINDS.get(type(value), "unknown")


class Shape:
    """A description of one JSON value."""

    kinds: tuple[str, ...] = ()  # the JSON kinds this shape takes (empty: any)

    def check(self, value: Any, path: tuple[Step, ...]) -> Violation | None:
        """The first violation in ``value``, or ``None``."""
        raise NotImplementedError

    def _kind(self, value: Any, path: tuple[Step, ...]) -> Violation | None:
        if self.kinds and kind_of(value) not in self.kinds:
            return Violation(Problem.TYPE, path, self.kinds, kind_of(value))
        return None


@dataclass(frozen=True)
class Anything(Shape):
    """Any JSON value of the given kinds (all kinds when none are given); not descended."""

    kinds: tuple[str, ...] = ()

    def check(self, value: Any, path: tuple[Step, ...]) -> Violation | None:
        return self._kind(value, path)


@dataclass(frozen=True)
class NotTaken(Shape):
    """A field the endpoint refuses by name wherever it appears (another provider's field,
    such as Anthropic's ``input_examples`` sent to OpenAI)."""

    def check(self, value: Any, path: tuple[Step, ...]) -> Violation | None:
        return Violation(Problem.UNKNOWN, path, got=path[-1] if path else None)


@dataclass(frozen=True)
class Str(Shape):
    """A string, optionally bounded in length and matched (fullmatch) by ``pattern``."""

    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None  # shown to the user as written, e.g. ^[a-zA-Z0-9_-]+$
    kinds: tuple[str, ...] = ("string",)

    def check(self, value: Any, path: tuple[Step, ...]) -> Violation | None:
        if problem := self._kind(value, path):
            return problem
        if not value.isascii() and _has_lone_surrogate(value):
            return Violation(Problem.BAD_UNICODE, path, got=value)
        if self.min_length is not None and len(value) < self.min_length:
            return Violation(Problem.TOO_SHORT, path, ("string",), value, self.min_length)
        if self.max_length is not None and len(value) > self.max_length:
            return Violation(Problem.TOO_LONG, path, ("string",), value, self.max_length)
        # The length is bounded first, so the pattern only ever sees a short string.
        if self.pattern and not re.fullmatch(self.pattern.strip("^$"), value):
            return Violation(Problem.PATTERN, path, (self.pattern,), value)
        return None


def _has_lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


@dataclass(frozen=True)
class Number(Shape):
    """An integer (``integer=True``) or any number, optionally bounded."""

    integer: bool = False
    minimum: float | None = None
    maximum: float | None = None

    @property
    def kinds(self) -> tuple[str, ...]:  # type: ignore[override]
        return ("integer",) if self.integer else ("number", "integer")

    def check(self, value: Any, path: tuple[Step, ...]) -> Violation | None:
        if problem := self._kind(value, path):
            return problem
        if self.minimum is not None and value < self.minimum:
            return Violation(Problem.BELOW_MIN, path, self.kinds, value, self.minimum)
        if self.maximum is not None and value > self.maximum:
            return Violation(Problem.ABOVE_MAX, path, self.kinds, value, self.maximum)
        return None


def Int(minimum: float | None = None, maximum: float | None = None) -> Number:  # noqa: N802
    """An integer, optionally bounded."""
    return Number(True, minimum, maximum)


def Num(minimum: float | None = None, maximum: float | None = None) -> Number:  # noqa: N802
    """A number (integer or decimal), optionally bounded."""
    return Number(False, minimum, maximum)


@dataclass(frozen=True)
class Bool(Shape):
    """``true`` or ``false`` (not the string "false")."""

    kinds: tuple[str, ...] = ("boolean",)

    def check(self, value: Any, path: tuple[Step, ...]) -> Violation | None:
        return self._kind(value, path)


@dataclass(frozen=True)
class OneOf(Shape):
    """One of a fixed set of string values, listed in the order the provider lists them."""

    values: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ("string",)

    def check(self, value: Any, path: tuple[Step, ...]) -> Violation | None:
        if problem := self._kind(value, path):
            return problem
        if value not in self.values:
            return Violation(Problem.VALUE, path, self.values, value)
        return None


@dataclass(frozen=True)
class Array(Shape):
    """A JSON array of ``items``, optionally bounded in length."""

    items: Shape = field(default_factory=Anything)
    min_length: int | None = None
    max_length: int | None = None
    kinds: tuple[str, ...] = ("array",)

    def check(self, value: Any, path: tuple[Step, ...]) -> Violation | None:
        if problem := self._kind(value, path):
            return problem
        if self.min_length is not None and len(value) < self.min_length:
            return Violation(Problem.TOO_SHORT, path, ("array",), value, self.min_length)
        if self.max_length is not None and len(value) > self.max_length:
            return Violation(Problem.TOO_LONG, path, ("array",), value, self.max_length)
        for index, item in enumerate(value):
            if problem := self.items.check(item, (*path, index)):
                return problem
        return None


@dataclass(frozen=True)
class Obj(Shape):
    """A JSON object with known ``fields``; ``required`` ones must be present.

    ``closed`` objects refuse fields they do not know, as the real APIs do at the top
    level; open ones (the default) let them through unchecked."""

    fields: Mapping[str, Shape] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    closed: bool = False
    kinds: tuple[str, ...] = ("object",)

    def check(self, value: Any, path: tuple[Step, ...]) -> Violation | None:
        if problem := self._kind(value, path):
            return problem
        for name in self.required:
            if name not in value:
                return Violation(Problem.MISSING, (*path, name))
        for name, item in value.items():
            shape = self.fields.get(name)
            if shape is None:
                if self.closed:
                    return Violation(Problem.UNKNOWN, (*path, name), got=name)
                continue
            if problem := shape.check(item, (*path, name)):
                return problem
        return None


@dataclass(frozen=True)
class Maybe(Shape):
    """``shape`` or ``null`` (OpenAI's optional fields take null)."""

    shape: Shape = field(default_factory=Anything)

    @property
    def kinds(self) -> tuple[str, ...]:  # type: ignore[override]
        return (*self.shape.kinds, "null") if self.shape.kinds else ()

    def check(self, value: Any, path: tuple[Step, ...]) -> Violation | None:
        return None if value is None else self.shape.check(value, path)


@dataclass(frozen=True)
class Either(Shape):
    """One of several shapes told apart by JSON kind (a string, or an array of parts)."""

    options: tuple[Shape, ...] = ()

    @property
    def kinds(self) -> tuple[str, ...]:  # type: ignore[override]
        return tuple(dict.fromkeys(k for o in self.options for k in o.kinds))

    def check(self, value: Any, path: tuple[Step, ...]) -> Violation | None:
        kind = kind_of(value)
        for option in self.options:
            if not option.kinds or kind in option.kinds:
                return option.check(value, path)
        return Violation(Problem.TYPE, path, self.kinds, kind)


@dataclass(frozen=True)
class Tagged(Shape):
    """An object whose ``tag`` field picks its variant (``{"type": "text", ...}``).

    ``default`` is the variant of an object without the tag (or, when ``null_is_default``,
    with a null one: Anthropic's custom tool takes ``"type": null``); an unknown tag is
    refused unless there is a ``fallback`` shape for it (the many server-side tool kinds)."""

    tag: str = "type"
    variants: Mapping[str, Obj] = field(default_factory=dict)
    default: str | None = None
    fallback: Shape | None = None
    null_is_default: bool = False
    kinds: tuple[str, ...] = ("object",)

    def check(self, value: Any, path: tuple[Step, ...]) -> Violation | None:
        if problem := self._kind(value, path):
            return problem
        name = value.get(self.tag, self.default)
        if name is None and self.null_is_default:
            name = self.default
        if name is None:
            return Violation(Problem.NO_TAG, (*path, self.tag), (self.tag,))
        if kind_of(name) != "string":
            return Violation(Problem.TYPE, (*path, self.tag), ("string",), kind_of(name))
        variant = self.variants.get(name)
        if variant is None:
            if self.fallback is not None:
                return self.fallback.check(value, (*path, Tag(name)))
            return Violation(Problem.VALUE, (*path, self.tag), tuple(self.variants), name)
        return variant.check(value, (*path, Tag(name)))
