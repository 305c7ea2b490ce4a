"""How an argument that breaks a rule of its schema is told, in one wording whichever
checked it: pydantic (a tool made from a function) or jsonschema (a tool made from a JSON
Schema, such as an MCP server's). A model then reads the same text for the same mistake,
in pydantic's words, which a function's tools have always used."""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from typing import Any

_MAX_CHARS = 300  # a hostile schema's enum of thousands of values must not fill the text


class Rule(enum.Enum):
    """A JSON Schema keyword that bounds a value, by its name in the schema."""

    MAXIMUM = "maximum"
    MINIMUM = "minimum"
    EXCLUSIVE_MAXIMUM = "exclusiveMaximum"
    EXCLUSIVE_MINIMUM = "exclusiveMinimum"
    MULTIPLE_OF = "multipleOf"
    MIN_LENGTH = "minLength"
    MAX_LENGTH = "maxLength"
    MIN_ITEMS = "minItems"
    MAX_ITEMS = "maxItems"
    MIN_PROPERTIES = "minProperties"
    MAX_PROPERTIES = "maxProperties"
    PATTERN = "pattern"


def _number(value: Any) -> str:
    # 10.0 reads 10, as pydantic writes a whole float bound.
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _count(value: Any, noun: str, nouns: str) -> str:
    return f"{_number(value)} {noun if value == 1 else nouns}"


_WORDS: dict[Rule, Callable[[Any], str]] = {
    Rule.MAXIMUM: lambda n: f"should be less than or equal to {_number(n)}",
    Rule.MINIMUM: lambda n: f"should be greater than or equal to {_number(n)}",
    Rule.EXCLUSIVE_MAXIMUM: lambda n: f"should be less than {_number(n)}",
    Rule.EXCLUSIVE_MINIMUM: lambda n: f"should be greater than {_number(n)}",
    Rule.MULTIPLE_OF: lambda n: f"should be a multiple of {_number(n)}",
    Rule.MIN_LENGTH: lambda n: f"should have at least {_count(n, 'character', 'characters')}",
    Rule.MAX_LENGTH: lambda n: f"should have at most {_count(n, 'character', 'characters')}",
    Rule.MIN_ITEMS: lambda n: f"should have at least {_count(n, 'item', 'items')}",
    Rule.MAX_ITEMS: lambda n: f"should have at most {_count(n, 'item', 'items')}",
    Rule.MIN_PROPERTIES: lambda n: f"should have at least {_count(n, 'property', 'properties')}",
    Rule.MAX_PROPERTIES: lambda n: f"should have at most {_count(n, 'property', 'properties')}",
    Rule.PATTERN: lambda p: f"should match pattern '{_short(str(p))}'",
}


# pydantic's error type for each rule, and the key of the rule's bound in the error's ctx.
_PYDANTIC: dict[str, tuple[Rule, str]] = {
    "less_than_equal": (Rule.MAXIMUM, "le"),
    "greater_than_equal": (Rule.MINIMUM, "ge"),
    "less_than": (Rule.EXCLUSIVE_MAXIMUM, "lt"),
    "greater_than": (Rule.EXCLUSIVE_MINIMUM, "gt"),
    "multiple_of": (Rule.MULTIPLE_OF, "multiple_of"),
    "string_too_short": (Rule.MIN_LENGTH, "min_length"),
    "string_too_long": (Rule.MAX_LENGTH, "max_length"),
    "too_short": (Rule.MIN_ITEMS, "min_length"),
    "too_long": (Rule.MAX_ITEMS, "max_length"),
    "string_pattern_mismatch": (Rule.PATTERN, "pattern"),
}
# A dict's size is told in properties, as an object's is in a JSON Schema.
_OF_A_DICT = {Rule.MIN_ITEMS: Rule.MIN_PROPERTIES, Rule.MAX_ITEMS: Rule.MAX_PROPERTIES}


def schema_words(keyword: str, bound: Any) -> str | None:
    """``should ...`` for a JSON Schema keyword of :class:`Rule` and its value, else None."""
    try:
        rule = Rule(keyword)
    except ValueError:
        return None
    return _WORDS[rule](bound)


def pydantic_words(error: Mapping[str, Any]) -> str | None:
    """``should ...`` for a pydantic error of a :class:`Rule`, else None."""
    found = _PYDANTIC.get(str(error.get("type")))
    context = error.get("ctx") or {}
    if found is None or found[1] not in context:
        return None
    rule, key = found
    if context.get("field_type") == "Dictionary":
        rule = _OF_A_DICT.get(rule, rule)
    return _WORDS[rule](context[key])


def one_of(values: Sequence[Any]) -> str:
    """The values an enum or a const allows, as pydantic words a Literal's: ``'a', 'b' or
    'c'`` (Python's spelling of each value, as pydantic gives it)."""
    shown = [repr(value) for value in values]
    return _short(shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} or {shown[-1]}")


def _short(text: str) -> str:
    return text if len(text) <= _MAX_CHARS else text[: _MAX_CHARS - 3] + "..."
