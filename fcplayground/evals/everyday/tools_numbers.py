"""The everyday tools for numbers and facts: maths, conversions, time zones, flights,
recipes, finance and language.

Plain functions over small fixed tables, registered by
:func:`~fcplayground.evals.everyday.tools.everyday_tools`. Each returns a dict worked out
from its arguments alone; an unknown unit, currency or zone gets an answer that says so
rather than an error.
"""

from __future__ import annotations

import math
from typing import Any, Literal

# Unit -> (dimension, size in the dimension's base unit). Temperatures are handled apart.
_UNITS = {
    "m": ("length", 1.0), "km": ("length", 1000.0), "cm": ("length", 0.01),
    "mm": ("length", 0.001), "mi": ("length", 1609.344), "ft": ("length", 0.3048),
    "in": ("length", 0.0254), "yd": ("length", 0.9144),
    "kg": ("mass", 1.0), "g": ("mass", 0.001), "lb": ("mass", 0.45359237),
    "oz": ("mass", 0.028349523), "st": ("mass", 6.35029318),
    "l": ("volume", 1.0), "ml": ("volume", 0.001), "gal": ("volume", 3.785411784),
    "cup": ("volume", 0.2365882365), "floz": ("volume", 0.0295735296),
}  # fmt: skip
_ALIASES = {
    "meter": "m", "metre": "m", "kilometer": "km", "kilometre": "km", "centimeter": "cm",
    "centimetre": "cm", "millimeter": "mm", "millimetre": "mm", "mile": "mi", "foot": "ft",
    "feet": "ft", "inch": "in", "inches": "in", "yard": "yd", "kilogram": "kg", "kilo": "kg",
    "gram": "g", "pound": "lb", "lbs": "lb", "ounce": "oz", "stone": "st", "liter": "l",
    "litre": "l", "milliliter": "ml", "millilitre": "ml", "gallon": "gal", "cups": "cup",
    "fluidounce": "floz", "c": "celsius", "°c": "celsius", "f": "fahrenheit",
    "°f": "fahrenheit", "k": "kelvin",
}  # fmt: skip
_PER_USD = {  # units of each currency for one US dollar (fake, fixed)
    "USD": 1.0, "EUR": 0.92, "GBP": 0.79, "JPY": 148.0, "CHF": 0.88, "CAD": 1.35,
    "AUD": 1.52, "MXN": 17.1, "INR": 83.0, "CNY": 7.2, "SEK": 10.4, "NOK": 10.6,
}  # fmt: skip
_UTC_OFFSET = {  # hours from UTC in January
    "UTC": 0, "Europe/London": 0, "Europe/Paris": 1, "Europe/Berlin": 1, "Europe/Rome": 1,
    "Europe/Madrid": 1, "Asia/Tokyo": 9, "Asia/Kolkata": 5.5, "Asia/Calcutta": 5.5,
    "Asia/Shanghai": 8, "Asia/Dubai": 4, "Asia/Singapore": 8, "Australia/Sydney": 11,
    "America/New_York": -5, "America/Chicago": -6, "America/Denver": -7,
    "America/Los_Angeles": -8, "America/Sao_Paulo": -3, "America/Toronto": -5,
}  # fmt: skip
_TEMPERATURES = ("celsius", "fahrenheit", "kelvin")
_REFERENCE_UTC_MINUTES = 12 * 60  # "now" is always 12:00 UTC on 2026-01-15


def multiply(a: float, b: float) -> dict[str, Any]:
    """Multiplies two numbers and returns the product.

    Args:
        a: The first number.
        b: The second number.
    """
    return {"a": a, "b": b, "product": a * b}


def square_root(number: float) -> dict[str, Any]:
    """Returns the square root of a number.

    Args:
        number: The number to take the square root of, e.g. 144.
    """
    if number < 0:
        return {"number": number, "square_root": None, "note": "negative numbers have none"}
    return {"number": number, "square_root": math.sqrt(number)}


def percentage_of(percent: float, whole: float) -> dict[str, Any]:
    """Works out a percentage of a number, e.g. 15 percent of 80 is 12.

    Args:
        percent: The percentage, e.g. 15 for 15%.
        whole: The number to take the percentage of.
    """
    return {"percent": percent, "whole": whole, "result": whole * percent / 100}


def _unit(name: str) -> str:
    key = name.strip().lower().replace(" ", "").removeprefix("degrees")
    key = _ALIASES.get(key, key)
    if key not in _UNITS and key not in _TEMPERATURES and key.endswith("s"):
        key = _ALIASES.get(key[:-1], key[:-1])
    return key


def _to_kelvin(value: float, unit: str) -> float:
    return {"celsius": value + 273.15, "fahrenheit": (value - 32) * 5 / 9 + 273.15}.get(unit, value)


def _from_kelvin(value: float, unit: str) -> float:
    return {"celsius": value - 273.15, "fahrenheit": (value - 273.15) * 9 / 5 + 32}.get(unit, value)


def convert_units(value: float, from_unit: str, to_unit: str) -> dict[str, Any]:
    """Converts a measurement from one unit to another (length, weight, volume, temperature).

    Args:
        value: The amount to convert.
        from_unit: The unit to convert from, e.g. "km", "lb", "celsius".
        to_unit: The unit to convert to, e.g. "miles", "kg", "fahrenheit".
    """
    source, target = _unit(from_unit), _unit(to_unit)
    if source in _TEMPERATURES and target in _TEMPERATURES:
        result: float | None = _from_kelvin(_to_kelvin(value, source), target)
    elif source in _UNITS and target in _UNITS and _UNITS[source][0] == _UNITS[target][0]:
        result = value * _UNITS[source][1] / _UNITS[target][1]
    else:
        result = None
    answer = {"value": value, "from_unit": from_unit, "to_unit": to_unit}
    if result is None:
        return answer | {"result": None, "note": f"cannot convert {from_unit} to {to_unit}"}
    return answer | {"result": round(result, 4)}


def convert_money(amount: float, from_currency: str, to_currency: str) -> dict[str, Any]:
    """Converts an amount of money from one currency to another at today's rate.

    Args:
        amount: How much money to convert.
        from_currency: ISO code of the currency the amount is in, e.g. "EUR".
        to_currency: ISO code of the currency to convert into, e.g. "USD".
    """
    source, target = from_currency.upper(), to_currency.upper()
    if source not in _PER_USD or target not in _PER_USD:
        return {"amount": amount, "result": None, "note": "unknown currency code"}
    rate = _PER_USD[target] / _PER_USD[source]
    return {"amount": amount, "from": source, "to": target, "rate": round(rate, 6),
            "result": round(amount * rate, 2)}  # fmt: skip


def get_local_time(timezone: str) -> dict[str, Any]:
    """Gets the current local time in a time zone.

    Args:
        timezone: IANA time zone name, e.g. "Europe/Paris".
    """
    known = {name.lower(): name for name in _UTC_OFFSET}
    name = known.get(timezone.strip().lower())
    minutes = _REFERENCE_UTC_MINUTES + int(60 * _UTC_OFFSET.get(name or "UTC", 0))
    day = "2026-01-15" if 0 <= minutes < 24 * 60 else "2026-01-16"
    local = f"{day} {minutes % 1440 // 60:02d}:{minutes % 60:02d}"
    if name is None:
        return {"timezone": timezone, "local_time": local, "note": "unknown zone, showing UTC"}
    return {"timezone": name, "local_time": local}


def get_flight_status(flight_number: str, date: str | None = None) -> dict[str, Any]:
    """Gets the status of a flight: on time, delayed or landed, with its gate.

    Args:
        flight_number: The airline code and flight number, e.g. "LH 454".
        date: The day of departure, as YYYY-MM-DD; leave it out for today.
    """
    score = sum(map(ord, flight_number))
    status = ("on time", "delayed 25 minutes", "landed", "boarding")[score % 4]
    return {"flight": flight_number, "date": date or "today", "status": status,
            "gate": f"{'ABC'[score % 3]}{score % 40 + 1}"}  # fmt: skip


def find_recipes(
    ingredients: list[str],
    diet: Literal["any", "vegetarian", "vegan", "gluten_free"] = "any",
) -> dict[str, Any]:
    """Finds recipes that use the given ingredients.

    Args:
        ingredients: What to cook with, e.g. ["eggs", "spinach"].
        diet: A dietary restriction the recipes must follow.
    """
    main = ingredients[0] if ingredients else "pantry"
    return {"diet": diet, "recipes": [f"{main.title()} skillet", f"Simple {main} soup"]}


def get_stock_quote(ticker: str) -> dict[str, Any]:
    """Gets the latest price of a stock.

    Args:
        ticker: The stock's ticker symbol, e.g. "AAPL".
    """
    price = sum(map(ord, ticker.upper())) % 400 + 20.25
    return {"ticker": ticker.upper(), "price": price, "currency": "USD", "change_pct": 0.8}


def loan_payment(principal: float, annual_rate: float, years: int) -> dict[str, Any]:
    """Works out the monthly payment on a loan or mortgage.

    Args:
        principal: The amount borrowed.
        annual_rate: The yearly interest rate as a decimal, e.g. 0.045 for 4.5%.
        years: How many years the loan runs.
    """
    months, monthly_rate = max(1, years * 12), annual_rate / 12
    if monthly_rate == 0:
        payment = principal / months
    else:
        payment = principal * monthly_rate / (1 - (1 + monthly_rate) ** -months)
    return {"monthly_payment": round(payment, 2), "months": months,
            "total_paid": round(payment * months, 2)}  # fmt: skip


def translate_text(text: str, target_language: str) -> dict[str, Any]:
    """Translates text into another language.

    Args:
        text: The text to translate.
        target_language: The language to translate into, e.g. "Spanish".
    """
    return {"text": text, "target_language": target_language,
            "translation": f"[{target_language}] {text}"}  # fmt: skip


def define_word(word: str) -> dict[str, Any]:
    """Looks up the dictionary definition of an English word.

    Args:
        word: The word to define, e.g. "serendipity".
    """
    return {"word": word, "part_of_speech": "noun", "definition": f"The meaning of {word!r}."}


NUMBERS_AND_FACTS = [
    (multiply, False),
    (square_root, False),
    (percentage_of, False),
    (convert_units, False),
    (convert_money, False),
    (get_local_time, False),
    (get_flight_status, False),
    (find_recipes, False),
    (get_stock_quote, False),
    (loan_payment, False),
    (translate_text, False),
    (define_word, False),
]
"""(function, side_effect) for each tool of this module, in registration order."""
