"""Shared pieces of the everyday case tables: the reference date, the row shape, and the
acceptable spellings of units and optional arguments."""

from __future__ import annotations

from typing import Any

from ..cases import OMITTED, ExpectedCall, OneOf, one_of

TODAY = "Today is Thursday, 2026-01-15."
"""The system prompt of every case whose answer depends on today's date."""

Row = tuple[Any, ...]
"""One case: ``(category, request, [expected calls])``, with ``TODAY`` as a fourth item
when the request needs today's date ("tomorrow", "next Friday", "March 3")."""

Calls = list[ExpectedCall]

NOT_GIVEN = one_of(OMITTED, None)
"""An optional argument whose default is ``None``, when the request does not give it."""

NO_LIST = one_of(OMITTED, None, [])
"""An optional list argument (default ``None``) that the request does not fill."""

_UNIT_NAMES = {
    "km": ("km", "kilometers", "kilometres", "kilometer", "kilometre"),
    "miles": ("miles", "mi", "mile"),
    "kg": ("kg", "kilograms", "kilogram", "kilos"),
    "lb": ("lb", "lbs", "pounds", "pound"),
    "celsius": ("celsius", "C", "°C", "degrees celsius"),
    "fahrenheit": ("fahrenheit", "F", "°F", "degrees fahrenheit"),
    "cm": ("cm", "centimeters", "centimetres", "centimeter", "centimetre"),
    "feet": ("feet", "ft", "foot"),
    "meters": ("m", "meters", "metres", "meter", "metre"),
    "liters": ("liters", "litres", "l", "liter", "litre"),
    "gallons": ("gallons", "gal", "gallon", "US gallons"),
    "ml": ("ml", "milliliters", "millilitres", "milliliter", "millilitre"),
    "cups": ("cups", "cup"),
    "inches": ("inches", "in", "inch"),
    "oz": ("oz", "ounces", "ounce"),
    "g": ("g", "grams", "gram"),
}


def default(value: Any) -> OneOf:
    """An optional argument the request does not mention: left out, or its default."""
    return one_of(OMITTED, value)


def unit(name: str) -> OneOf:
    """Every spelling a model may use for a unit (abbreviation, singular, plural, British)."""
    return one_of(*_UNIT_NAMES[name])
