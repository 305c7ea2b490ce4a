"""Values written in the form a tool's example inputs show: the evidence a hosted model takes
from ``input_examples`` about how a value looks.

A parameter whose examples are ``LH 454`` gets ``LH 454`` for "lh454"; one whose examples
are ``+33 1 42 68 53 00`` gets ``+33 1 45 22 11 09`` for "01 45 22 11 09"; ``"12.50 USD"``
makes an amount ``"30.00 USD"``, ``"Paris, FR"`` a city ``"Lyon, FR"``, ``"billing"`` a
label lower case, and ``"14 March 2026"`` the date format. :func:`shaped` rewrites a value
written for a slot (nothing changes for a slot without examples); :func:`resembles` says
whether a value found in a request has the form of a slot's examples, which is evidence
that it belongs there (:mod:`..affinity`, :mod:`..relevance`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..vocabulary import Kind, Tag
from .base import Candidate

if TYPE_CHECKING:
    from ..slots import Slot

# Date forms an example may show, tried in order; one is taken when it writes every example
# back exactly as given (so "03/04/2026" alone stays month first, as in the US).
DATE_FORMS = (
    "%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%Y/%m/%d", "%d-%m-%Y", "%Y%m%d",
    "%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%A, %d %B %Y", "%A, %B %d, %Y",
    "%A %d %B %Y", "%a %d %b %Y", "%a, %d %b %Y", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%d %H:%M", "%d/%m/%y",
)  # fmt: skip
_DATE_LIKE = re.compile(r"\d{1,4}\D{0,12}\d{1,4}|\d{8}")
_FLIGHT = re.compile(r"([A-Za-z][A-Za-z0-9]|[0-9][A-Za-z])(\s?)(\d{1,4}[A-Za-z]?)")
_PHONE = re.compile(r"\+?[\d\s().-]{7,24}")
_CALLING = re.compile(r"\+(\d{1,3})([\s.-])")  # "+33 1 ...": the country code, then a break
_GROUPS = re.compile(r"\d+")
_AMOUNT_AFTER = re.compile(r"(\d+)(?:\.(\d+))?( ?)([A-Z]{3})")  # "12.50 USD"
_AMOUNT_BEFORE = re.compile(r"([A-Z]{3})( ?)(\d+)(?:\.(\d+))?")  # "USD 12.50"
_AMOUNT_SIGN = re.compile(r"([$€£¥])(\d+)(?:\.(\d+))?")  # "$12.50"
_PLAIN_AMOUNT = re.compile(r"(\d+)(?:\.(\d+))?")  # "12.50"
_QUANTITY = re.compile(r"(-?\d+(?:\.\d+)?)(\s?)(°?\s?[A-Za-z][A-Za-z/²³]{0,20})")  # "21C", "3 km"
_PLACE_SUFFIX = re.compile(r"([^,]{2,60}), ([A-Za-z][A-Za-z .'-]{1,40})")
SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
_UNSHAPED = frozenset({Kind.EMAIL, Kind.URL, Kind.PATH, Kind.DATE, Kind.TIME, Kind.MATH})


def date_format(examples: tuple[str, ...]) -> str:
    """The strftime format that writes every date-like example exactly as given ("" when
    none does, or there are no dates)."""
    dates = [e for e in examples if _DATE_LIKE.search(e)][:4]
    if not dates:
        return ""
    return next((f for f in DATE_FORMS if all(_writes(f, e) for e in dates)), "")


def _writes(fmt: str, example: str) -> bool:
    try:
        return datetime.strptime(example, fmt).strftime(fmt) == example
    except ValueError:
        return False


def texts(slot: Slot) -> list[str]:
    """The slot's example values that are text."""
    return [v for v in slot.shown if isinstance(v, str) and v.strip()]


def shaped(value: Any, candidate: Candidate, slot: Slot) -> Any:
    """``value`` (the candidate written for ``slot``) in the form the slot's examples show,
    or unchanged."""
    examples = texts(slot)
    if not examples or candidate.kind in _UNSHAPED:
        return value
    for shaper in SHAPERS:
        found = shaper(value, candidate, examples)
        if found is not None:
            return found
    return value


def _flight(value: Any, candidate: Candidate, examples: list[str]) -> str | None:
    """ "lh454" for a flight whose examples are "LH 454": the airline's code in capitals,
    apart from the number as the examples write it."""
    flights = [m for e in examples if (m := _FLIGHT.fullmatch(e))]
    m = _FLIGHT.fullmatch(value) if isinstance(value, str) else None
    if not flights or len(flights) < len(examples) or m is None:
        return None
    gap = " " if all(f.group(2) for f in flights) else ""
    return f"{m.group(1).upper()}{gap}{m.group(3).upper()}"


def _phone(value: Any, candidate: Candidate, examples: list[str]) -> str | None:
    """A number written as the examples write theirs: "+33 1 45 22 11 09" for "01 45 22 11
    09" when they are French numbers with their country code, "+14155550123" for "(415)
    555-0123" when they are written whole (E.164)."""
    phones = [e for e in examples if e.startswith("+") and _PHONE.fullmatch(e)]
    if len(phones) < len(examples) or not isinstance(value, str) or not _PHONE.fullmatch(value):
        return None
    groups = _GROUPS.findall(value)
    if value.startswith("+"):
        code = _CALLING.match(value)
        if code is None:  # "+14155550123": where its country code ends is not said
            return None
        cc, national = code.group(1), groups[1:]
    else:
        cc = _country_code(phones, "".join(groups))
        if not cc:
            return None
        national = _without_trunk(groups, cc)
    after = _CALLING.match(phones[0])
    if after is None:  # the examples are written whole: "+14155550100"
        return "+" + cc + "".join(national)
    inner = re.search(r"\d([\s.-])\d", phones[0][after.end() :])
    return f"+{cc}{after.group(2)}{(inner.group(1) if inner else '').join(national)}"


def _without_trunk(groups: list[str], cc: str) -> list[str]:
    """A national number's groups without the prefix dialled at home: the trunk 0
    ("01 45 ..." in France), or the 1 of a North American number."""
    out = list(groups)
    trunk = "1" if cc == "1" and len("".join(out)) == 11 else "0" if cc != "1" else ""
    if out and trunk and out[0].startswith(trunk):
        out[0] = out[0][1:]
    return [g for g in out if g]


def _country_code(phones: list[str], digits: str) -> str:
    """The examples' country code: said apart ("+33 1 ..."), or what the examples' digits
    have more than this national number (its trunk 0 aside)."""
    said = {m.group(1) for p in phones if (m := _CALLING.match(p))}
    if len(said) == 1:
        return said.pop()
    if said:
        return ""
    national = digits[1:] if digits.startswith("0") else digits
    whole = {re.sub(r"\D", "", p) for p in phones}
    codes = {w[: len(w) - len(national)] for w in whole if 1 <= len(w) - len(national) <= 3}
    return codes.pop() if len(codes) == 1 else ""


def _amount(value: Any, candidate: Candidate, examples: list[str]) -> str | None:
    """An amount of money for a text parameter, as its examples write one: "30.00 USD",
    "USD 30", "$30.00", or the bare number when the examples leave the currency out."""
    unit = candidate.unit
    if candidate.kind != Kind.NUMBER or not isinstance(candidate.value, int | float):
        return None
    if not (unit and unit.isupper() and len(unit) == 3) and not _PLAIN_AMOUNT.fullmatch(
        examples[0]
    ):
        return None
    amount = candidate.value
    for pattern, write in _AMOUNT_FORMS:
        if all(pattern.fullmatch(e) for e in examples):
            m = pattern.fullmatch(examples[0])
            assert m is not None
            return write(m, amount, unit)
    return None


def _decimals(amount: float, fraction: str | None) -> str:
    places = len(fraction) if fraction else (0 if float(amount).is_integer() else 2)
    return f"{amount:.{places}f}"


_AMOUNT_FORMS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], float, str], str]], ...] = (
    (_AMOUNT_AFTER, lambda m, a, u: f"{_decimals(a, m.group(2))}{m.group(3)}{u or m.group(4)}"),
    (_AMOUNT_BEFORE, lambda m, a, u: f"{u or m.group(1)}{m.group(2)}{_decimals(a, m.group(4))}"),
    (
        _AMOUNT_SIGN,
        lambda m, a, u: (
            f"{SIGNS.get(u, m.group(1)) if u in SIGNS or not u else u + ' '}"
            f"{_decimals(a, m.group(3))}"
        ),
    ),
    (_PLAIN_AMOUNT, lambda m, a, u: _decimals(a, m.group(2))),
)


def _quantities(examples: list[str]) -> list[tuple[re.Match[str], str]]:
    """Each example as a quantity ("21C", "3 km") with its canonical unit, if all are one
    kind of quantity (empty otherwise)."""
    from . import units

    found = []
    for e in examples:
        m = _QUANTITY.fullmatch(e.strip())
        parsed = units.parse_unit(m.group(3)) if m else None
        if m is None or parsed is None:
            return []
        found.append((m, parsed))
    if len({dimension for _, (_, dimension) in found}) != 1:
        return []
    return [(m, unit) for m, (unit, _) in found]


def _unit_for(candidate: Candidate, quantities: list[tuple[re.Match[str], str]]) -> str:
    """The unit a number of the request is in, for examples that are quantities: its own,
    or for bare "degrees" the temperature scale the examples use ("" if neither)."""
    from . import units

    unit = quantities[0][1]
    if candidate.unit:
        return candidate.unit if units.dimension(candidate.unit) == units.dimension(unit) else ""
    return unit if candidate.evidence == "degrees" and unit in _SCALES else ""


_SCALES = frozenset({"degree_Celsius", "degree_Fahrenheit", "kelvin"})


def _quantity(value: Any, candidate: Candidate, examples: list[str]) -> str | None:
    """A quantity for a text parameter, as its examples write theirs: "19C" for "19
    degrees" when they are "21C", "2.5 km" for "2500 m" when they are "3 km"."""
    from . import units

    quantities = _quantities(examples)
    if candidate.kind != Kind.NUMBER or not quantities:
        return None
    if not isinstance(candidate.value, int | float):
        return None
    unit = _unit_for(candidate, quantities)
    if not unit:
        return None
    m, wanted = quantities[0]
    amount = candidate.value if unit == wanted else units.convert(candidate.value, unit, wanted)
    if amount is None:
        return None
    places = len(m.group(1).partition(".")[2])  # as precise as the examples: "21C", "21.5C"
    number = f"{amount:.{places}f}" if unit != wanted else f"{amount:g}"
    return f"{number}{m.group(2)}{m.group(3)}"


def _place(value: Any, candidate: Candidate, examples: list[str]) -> str | None:
    """A city with its country, as the examples write theirs: "Lyon, FR" for examples
    like "Paris, FR", "Lyon, France" for "Tokyo, Japan" (a US city and its state is
    :mod:`.places`' own form)."""
    if candidate.kind != Kind.PLACE or not isinstance(value, str) or "," in value:
        return None
    from . import places

    place = places.lookup(value)
    forms = [m for e in examples if (m := _PLACE_SUFFIX.fullmatch(e))]
    if place is None or place.kind != "city" or len(forms) < len(examples):
        return None
    if all(_country_code_of(m) for m in forms):
        return f"{value}, {place.country}"
    if all(_country_name_of(m) for m in forms):
        return f"{value}, {places.country_name(place.country)}"
    return None


def _country_code_of(m: re.Match[str]) -> bool:
    from . import places

    city = places.lookup(m.group(1))
    return bool(city and city.kind == "city" and city.country == m.group(2) != "US")


def _country_name_of(m: re.Match[str]) -> bool:
    from . import places

    city = places.lookup(m.group(1))
    return bool(city and city.kind == "city" and places.country_name(city.country) == m.group(2))


def _case(value: Any, candidate: Candidate, examples: list[str]) -> str | None:
    """A label or code in the letter case every example has: "billing" for "Billing" when
    the examples are lower case, "BRK-7781" for "brk-7781" when they are capitals."""
    if not isinstance(value, str) or candidate.kind == Kind.PLACE:
        return None
    lettered = [e for e in examples if any(c.isalpha() for c in e)]
    if not lettered or len(lettered) < len(examples):
        return None
    if all(e == e.lower() for e in lettered) and value != value.lower():
        return value.lower()
    if all(e == e.upper() for e in lettered) and value != value.upper():
        return value.upper()
    return None


SHAPERS: tuple[Callable[[Any, Candidate, list[str]], Any], ...] = (
    _flight,
    _phone,
    _amount,
    _quantity,
    _place,
    _case,
)


def signature(text: str) -> str:
    """The form of a code: its leading letters (lower case), then letters as ``a`` and
    digits as ``9``, runs collapsed, spaces left out: "BRK-7781" is ``brk:a-9``."""
    text = "".join(text.split())  # "LH 454" and "lh454" are one flight
    lead = re.match(r"[A-Za-z]+", text)
    shape = re.sub(r"[A-Za-z]+", "a", re.sub(r"\d+", "9", text))
    return f"{lead.group(0).lower() if lead else ''}:{shape}"


def resembles(slot: Slot, candidate: Candidate) -> bool:
    """Whether a value of the request has the form of the slot's examples: a code with
    their letters and shape ("PO-99120" for "PO-88812"), or a value of the particular
    kind they all are."""
    if candidate.kind == slot.kind == Kind.NUMBER:
        return _like_numbers(slot, candidate)
    examples = texts(slot)
    if not examples:
        return False
    if candidate.kind == Kind.NUMBER and (quantities := _quantities(examples)):
        return bool(_unit_for(candidate, quantities))  # "19 degrees" for examples like "21C"
    text = candidate.text.strip()
    if candidate.kind == Kind.ID and re.search(r"[A-Za-z]", text) and re.search(r"\d", text):
        wanted = signature(text)
        return any(signature(e) == wanted for e in examples)
    return candidate.kind == slot.kind and candidate.kind in _PARTICULAR


def labels(slot: Slot) -> bool:
    """Whether a list's examples are labels (a word or two each: "billing", "refund"), a
    vocabulary to pick from, rather than free text to write."""
    shown = texts(slot)
    return bool(shown) and all(len(e.split()) <= 2 and len(e) <= 30 for e in shown)


def _like_numbers(slot: Slot, candidate: Candidate) -> bool:
    """A plain number for a parameter the examples usually fill, of the size of theirs
    (within half the smallest and twice the largest): "2 of us" for ``guests`` shown as 1
    and 2."""
    numbers = [v for v in slot.shown if type(v) in (int, float)]
    value = candidate.value
    if not numbers or (slot.usual or 0) < 0.5 or candidate.unit or type(value) not in (int, float):
        return False
    if Tag.FACET in candidate.tags:  # the hour of "1pm" is no count of anything
        return False
    low, high = min(numbers), max(numbers)
    return low > 0 and low / 2 <= value <= high * 2


def resembles_any(slots: tuple[Slot, ...], candidate: Candidate) -> bool:
    """Whether a value has the form of the examples of one of these slots (or its items)."""
    return any(
        resembles(s, candidate) for slot in slots for s in (slot, slot.items) if s and s.shown
    )


_PARTICULAR = frozenset(
    {Kind.DATE, Kind.TIME, Kind.PHONE, Kind.FLIGHT, Kind.EMAIL, Kind.URL, Kind.CURRENCY}
)
