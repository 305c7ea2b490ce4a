"""Units of measure, read and converted by :mod:`pint`: ``km``, ``m/s^2``, ``mH``, ``°C``,
``miles``; the unit a parameter's description names ("in kilograms", "_cm") and the
conversion of a quantity into it.

pint's registry takes a few hundred milliseconds to build, so it is built on first use,
and every unit string is parsed once.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..vocabulary import Kind
from .base import Candidate, Extractor, Request

# Temperatures are offset units; pint reads "C" and "F" as coulomb and farad.
_TEMPERATURE = {
    "c": "degree_Celsius", "°c": "degree_Celsius", "celsius": "degree_Celsius",
    "degc": "degree_Celsius", "centigrade": "degree_Celsius", "f": "degree_Fahrenheit",
    "°f": "degree_Fahrenheit", "fahrenheit": "degree_Fahrenheit", "degf": "degree_Fahrenheit",
    "k": "kelvin", "kelvin": "kelvin", "degrees celsius": "degree_Celsius",
    "degrees fahrenheit": "degree_Fahrenheit", "degrees c": "degree_Celsius",
    "degrees f": "degree_Fahrenheit",
}  # fmt: skip
# Everyday names pint reads as something else: "kilos" is no kilosecond.
_COLLOQUIAL = {"kilo": ("kilogram", "[mass]"), "kilos": ("kilogram", "[mass]")}
# Words pint knows as units that are ordinary words in a request.
_NOT_UNITS = {
    "a", "an", "at", "am", "pm", "in", "is", "it", "as", "or", "and", "to", "for", "of", "on",
    "by", "the", "me", "my", "we", "us", "be", "do", "no", "so", "up", "per", "each", "times",
    "point", "points", "percent", "people", "person", "more", "less", "hand", "hands", "stone",
    "count", "counts", "number", "numbers", "bit", "bits", "year", "years", "min", "over",
    "degree", "degrees", "cup", "cups", "pint", "pints", "gallon", "gallons", "ton", "tons",
    "bar", "bars", "are", "ares", "mile", "miles", "foot", "feet", "inch", "inches", "hour",
    "hours", "day", "days", "week", "weeks", "month", "months", "second", "seconds", "minute",
    "minutes", "meter", "meters", "metre", "metres", "gram", "grams", "pound", "pounds",
    "ounce", "ounces", "liter", "liters", "litre", "litres", "yard", "yards", "acre", "acres",
}  # fmt: skip
# Of those, the ones that are units after a number ("5 miles") or a direction ("to miles").
_UNIT_WORDS = _NOT_UNITS - {
    "a", "an", "at", "am", "pm", "in", "is", "it", "as", "or", "and", "to", "for", "of", "on",
    "by", "the", "me", "my", "we", "us", "be", "do", "no", "so", "up", "per", "each", "times",
    "point", "points", "percent", "people", "person", "more", "less", "hand", "hands", "count",
    "counts", "number", "numbers", "bit", "bits", "over", "are", "ares",
}  # fmt: skip
_UNIT_TOKEN = r"(?:°\s?[CFcf]\b|[A-Za-zµμ°Ω][A-Za-z0-9µμ°Ω/^²³·*.-]{0,15})"
_STANDALONE = re.compile(
    rf"(?<![\w°])(?:(?:degrees?\s)?(?:celsius|fahrenheit)|{_UNIT_TOKEN})(?![\w])", re.I
)
_DESCRIBED = re.compile(
    r"\b(?:in|into|as|measured in|expressed in|unit:)\s(?:the\s)?(?:unit\sof\s)?"
    r"((?:degrees?\s)?[A-Za-zµμ°][A-Za-z0-9µμ°/^²³*.-]{0,20}(?:\s(?:per|squared|cubed)\s?[A-Za-z]*)?)",
    re.I,
)
_SUFFIX = re.compile(r"_(?:in_)?([a-z]{1,12})$")
# A whole parameter name that is a unit written out in the plural ("hours", "litres").
_UNIT_NAMED = re.compile(r"[a-z]{3,15}s")


@lru_cache(maxsize=1)
def registry() -> Any:
    """pint's unit registry, built on first use."""
    import pint

    return pint.UnitRegistry(autoconvert_offset_to_baseunit=True)


@lru_cache(maxsize=4096)
def parse_unit(text: str) -> tuple[str, str] | None:
    """(canonical unit, dimensionality) for a unit as written, or None if it is not one."""
    raw = text.strip().rstrip(".,")
    low = raw.lower().replace("²", "^2").replace("³", "^3").replace("μ", "µ")
    if low in _TEMPERATURE:
        return _TEMPERATURE[low], "[temperature]"
    if low in _COLLOQUIAL:
        return _COLLOQUIAL[low]
    if not raw or low in _NOT_UNITS - _UNIT_WORDS or len(low) > 24:
        return None
    spelled = re.sub(r"\s?per\s?", "/", low).replace(" squared", "^2").replace(" cubed", "^3")
    singular = re.sub(r"ies$", "y", spelled) if spelled.endswith("ies") else spelled.rstrip("s")
    unit = None
    for form in dict.fromkeys((raw, spelled, singular)):  # "mH" is millihenry, "KM" km
        try:
            unit = registry().parse_units(form.replace("^", "**"))
            break
        except Exception:  # pint raises several kinds of error for words that are not units
            continue
    if unit is None or not _everyday(unit):
        return None
    dimension = str(unit.dimensionality)
    return (str(unit), dimension) if dimension != "dimensionless" else None


# The units people write, and the prefixes they put on them: pint knows thousands more,
# and reads "cat" as a centi-technical-atmosphere.
EVERYDAY = {
    "meter", "gram", "second", "minute", "hour", "day", "week", "year", "month", "liter",
    "foot", "inch", "mile", "yard", "pound", "ounce", "stone", "metric_ton", "ton", "kelvin",
    "degree_Celsius", "degree_Fahrenheit", "henry", "farad", "ohm", "volt", "ampere", "watt",
    "joule", "newton", "pascal", "hertz", "byte", "bit", "calorie", "mole", "coulomb", "tesla",
    "weber", "siemens", "lumen", "lux", "candela", "radian", "degree", "acre", "hectare",
    "gallon", "pint", "quart", "cup", "tablespoon", "teaspoon", "fluid_ounce", "knot",
    "mile_per_hour", "kilometer_per_hour", "bar", "atmosphere", "psi", "electron_volt",
    "light_year", "parsec", "astronomical_unit", "nautical_mile", "horsepower", "gauss",
    "sievert", "gray", "becquerel", "watt_hour", "kilowatt_hour", "decibel", "revolution",
    "gravity", "standard_gravity", "mmHg", "millimeter_Hg", "square_foot", "square_mile",
    "cubic_foot", "cubic_inch", "angstrom", "micron", "thou", "rpm", "revolutions_per_minute",
    "pound_force_per_square_inch", "gigabyte", "megabyte", "kilobyte", "terabyte",
}  # fmt: skip
PREFIXES = {
    "",
    "kilo",
    "centi",
    "milli",
    "micro",
    "nano",
    "mega",
    "giga",
    "tera",
    "deci",
    "pico",
    "hecto",
}


def spelled_out(word: str, unit: str) -> bool:
    """Is ``word`` the unit's name written out, not letters pint reads as a prefix and a
    symbol ("pins" as pico-inches)?"""
    prefix = next(
        (p for p in sorted(PREFIXES, key=len, reverse=True) if p and unit.startswith(p)), ""
    )
    return not prefix or word.lower().startswith(prefix)


def _everyday(unit: Any) -> bool:
    ureg = registry()
    for factor in unit._units:
        names = ureg.parse_unit_name(factor)
        if not any(p in PREFIXES and (u in EVERYDAY) for p, u, _ in names):
            return False
    return True


def convert(value: float, unit: str, target: str) -> float | None:
    """``value`` in ``unit`` written in ``target`` (both canonical), or None if they differ
    in kind."""
    try:
        q = registry().Quantity(value, unit).to(target)
    except Exception:
        return None
    magnitude = float(q.magnitude)
    return round(magnitude, 10)


def described_unit(name: str, description: str) -> str:
    """The unit a parameter's name or description asks for ("in kilograms", "height_cm")."""
    for m in _DESCRIBED.finditer(description):
        phrase = m.group(1)
        for candidate in (phrase, phrase.split()[0]):
            if parsed := parse_unit(candidate):
                return parsed[0]
    if (m := _SUFFIX.search(name.lower())) and (parsed := parse_unit(m.group(1))):
        return parsed[0]
    if _UNIT_NAMED.fullmatch(name) and (parsed := parse_unit(name)):
        return parsed[0]  # "minutes", "millilitres": a parameter named for its unit
    if (m := re.search(r"\bnumber of ([a-z]+)", description, re.I)) and (
        parsed := parse_unit(m.group(1))
    ):
        return parsed[0]  # "the number of days"
    return ""


def find(request: Request) -> list[Candidate]:
    """Unit words on their own ("to miles", "in Celsius"), for unit parameters."""
    out = []
    for m in _STANDALONE.finditer(request.text):
        raw = m.group(0)
        if raw.endswith(".") and len(raw) > 2 and parse_unit(raw[:-1]):
            raw = raw[:-1]  # "in miles.": the sentence's full stop is not part of the unit
        low = raw.lower()
        if low in _NOT_UNITS - _UNIT_WORDS or not (
            _after_direction(request.text, m.start()) or low in _TEMPERATURE and len(low) > 3
        ):
            continue  # a unit on its own is one after "to", "in", "how many"; "call mum" is no unit
        if len(raw) <= 2 and low in ("c", "f", "k") and not _TEMPERATURE_SAID.search(request.text):
            continue  # "in C": a key or a letter; a temperature unit only beside a temperature
        if parsed := parse_unit(raw):
            out.append(
                Candidate(Kind.UNIT, raw, m.start(), m.start() + len(raw), raw, 0.8, unit=parsed[0])
            )
    return out


_TEMPERATURE_SAID = re.compile(r"\d\s?°|\bdegrees?\b|\bcelsius\b|\bfahrenheit\b|\d\s?[CF]\b")


def _after_direction(text: str, start: int) -> bool:
    return bool(
        re.search(
            r"(?:\b(?:to|into|in|from|as|many|much)|→|->)\s?$", text[max(0, start - 6) : start]
        )
    )


def write_unit(candidate: Candidate, slot) -> Any:
    """A unit for a unit parameter: the allowed value that means it, or as the request said."""
    options = list(slot.enum) or list(slot.examples)
    for option in options:
        parsed = parse_unit(str(option))
        if parsed and parsed[0] == candidate.unit:
            return option
    return candidate.value


EXTRACTOR = Extractor(
    Kind.UNIT,
    find,
    slot_words=frozenset({"unit", "units", "scale", "measurement"}),
    describes=re.compile(r"\bunit of (?:measure|measurement)\b|\bthe unit\b", re.I),
    fills={Kind.ENUM: 0.9},
    convert=write_unit,
)


@lru_cache(maxsize=1024)
def dimension(unit: str) -> str:
    """The dimensionality of a canonical unit ("kilogram" -> "[mass]"); empty if unknown."""
    if unit == "percent" or not unit or (unit.isupper() and len(unit) == 3):
        return ""
    try:
        return str(registry().parse_units(unit).dimensionality)
    except Exception:
        return ""
