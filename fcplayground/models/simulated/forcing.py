"""Forcing: the value a forced call gives a required parameter the request never stated.

A forced call (``tool_choice`` required or a named tool, or a structured output read
through a schema) must carry every required field, found or not. What a careful hosted
model writes there, and so what this one writes:

- **a fact it cannot know** (an id, an email address, a phone number, a date, a place, an
  amount): nothing invented. ``null`` when the schema allows it, otherwise the empty value
  of the type (``""``, ``0``, ``false``, ``[]``);
- **an allowed value** (an enum): the neutral option when there is one ("other",
  "unknown", "none", "normal", "medium"), else the first;
- **free text** (a query, a note): the request itself, cut short;
- **an object**: the same rules, field by field, so a strict schema's nested object
  still has every field it requires.
"""

from __future__ import annotations

from typing import Any

from .slots import nullable, read_slot
from .vocabulary import Kind

# Options a careful writer picks when the text names none of them.
NEUTRAL_OPTIONS = ("other", "unknown", "none", "neutral", "normal", "medium", "general", "n/a")
FREE_TEXT = frozenset({Kind.TEXT, Kind.STRING, Kind.PHRASE, Kind.QUOTED})
MAX_TEXT = 80  # characters of the request a free-text guess keeps
MAX_DEPTH = 8  # of nested objects filled (a schema may be deep or recursive)


def guess(tool: str, name: str, prop: Any, text: str, depth: int = 0) -> Any:
    """A value for the required parameter ``name`` of ``tool`` that the request did not
    give: never an invented fact (see the module's rules)."""
    prop = prop if isinstance(prop, dict) else {}
    if options := prop.get("enum"):
        return _neutral_option(list(options))
    if nullable(prop):
        return None
    slot = read_slot(tool, name, prop, True, 0, frozenset())
    if slot.json_type == "object":
        return neutral_object(tool, prop, text, depth + 1)
    empty = {"integer": 0, "number": 0, "boolean": False, "array": []}
    if slot.json_type in empty:
        return empty[slot.json_type]
    if slot.kind == Kind.ENUM and slot.enum:  # options listed in the description
        return _neutral_option(list(slot.enum))
    return text.strip()[:MAX_TEXT] if slot.kind in FREE_TEXT else ""


def neutral_object(tool: str, schema: dict[str, Any], text: str, depth: int = 0) -> dict[str, Any]:
    """An object with every required field of ``schema`` given its neutral value."""
    if depth > MAX_DEPTH:
        return {}
    props = schema.get("properties")
    props = props if isinstance(props, dict) else {}
    required = schema.get("required")
    names = [n for n in required if n in props] if isinstance(required, list) else []
    return {n: guess(tool, n, props[n], text, depth) for n in names}


def in_schema_order(values: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """``values`` with the schema's properties first, in the order it lists them: the order
    a model writes the fields in (guessed ones included), whatever order they were found."""
    props = schema.get("properties")
    order = list(props) if isinstance(props, dict) else []
    return {
        **{k: values[k] for k in order if k in values},
        **{k: v for k, v in values.items() if k not in order},
    }


def _neutral_option(options: list[Any]) -> Any:
    low = [str(o).lower() for o in options]
    return next((options[low.index(n)] for n in NEUTRAL_OPTIONS if n in low), options[0])


__all__ = ["guess", "in_schema_order", "neutral_object", "nullable"]
