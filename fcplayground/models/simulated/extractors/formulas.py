"""Formulas and arithmetic: ``3x^2 + 2x - 1``, ``y = x**3``, ``19 times 23``, ``19 x 23``,
``7*6``, ``12 divided by 4``, ``5 squared``, ``20% of 80``, ``sqrt(16)``.

A formula in a variable is one value (for a parameter like ``function``). Arithmetic on
numbers is one value too, an expression such as ``19*23``, and it carries its operation
("multiply"), which is what tells a maths tool from a clock tool when the request says
"times". The numbers in it stay available to number parameters.
"""

from __future__ import annotations

import re

from ..vocabulary import Kind
from .base import Candidate, Extractor, Request

_WORDS = (
    "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred"
)
_NUM = rf"[-+]?(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?|\b(?:{_WORDS})\b"
_OPERATORS = {
    "times": ("*", "multiply"), "x": ("*", "multiply"), "×": ("*", "multiply"),
    "*": ("*", "multiply"), "multiplied by": ("*", "multiply"), "plus": ("+", "add"),
    "+": ("+", "add"), "added to": ("+", "add"), "minus": ("-", "subtract"),
    " - ": ("-", "subtract"), "less": ("-", "subtract"), "divided by": ("/", "divide"),
    " / ": ("/", "divide"), "÷": ("/", "divide"),
    "to the power of": ("**", "power"), "^": ("**", "power"), "**": ("**", "power"),
    "mod": ("%", "modulo"), "modulo": ("%", "modulo"), "by": ("*", "multiply"),
}  # fmt: skip
_OP = "|".join(
    re.escape(o) if not o.isalpha() else rf"\b{o}\b"
    for o in sorted(_OPERATORS, key=len, reverse=True)
)
_ARITHMETIC = re.compile(
    rf"(?<![\w.-])({_NUM})\s?(?:{_OP})\s?({_NUM})(?:\s?(?:{_OP})\s?(?:{_NUM})){{0,6}}(?![\w.%/-])",
    re.I,
)
_PIECE = re.compile(
    rf"(\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\b(?:{_WORDS})\b)|({_OP})", re.I
)
_SQUARED = re.compile(rf"(?<![\w.])({_NUM})\s(squared|cubed)\b", re.I)
_ROOT = re.compile(
    rf"\b(?:sqrt\s?\(\s?({_NUM})\s?\)|sqrt\s({_NUM})|(?:the\s)?square root of\s({_NUM}))", re.I
)
_PERCENT_OF = re.compile(
    rf"(?<![\w.])({_NUM})\s?(?:%|percent)\s(?:[a-z]+\s){{0,3}}(?:of|on)\s\$?({_NUM})(?![\w.])", re.I
)
_NAMED = re.compile(
    rf"\b(product|sum|difference|quotient)\s(?:of|between)\s({_NUM})\s(?:and|by)\s({_NUM})(?![\w.])",
    re.I,
)
_NAMED_OPS = {
    "product": ("*", "multiply"),
    "sum": ("+", "add"),
    "difference": ("-", "subtract"),
    "quotient": ("/", "divide"),
}
# A polynomial or equation in x, y or z (at least one power, product or operator on x).
_TERM = r"(?:\d+(?:\.\d+)?\s?\*?\s?)?[xyz](?:\s?(?:\^|\*\*)\s?\d+)?"
_FORMULA = re.compile(
    rf"(?<![\w.])(?:[a-z]\s?(?:\(\s?[xyz]\s?\))?\s?=\s?)?[-+]?\s?(?:{_TERM}|\d+(?:\.\d+)?)"
    rf"(?:\s?[-+*/]\s?(?:{_TERM}|\d+(?:\.\d+)?)){{0,12}}(?![\w.])"
)


def _digits(number: str) -> str:
    """A number as digits: "1,000" is 1000, "twelve" 12."""
    if number[0].isdigit():
        return number.replace(",", "")
    from .numbers import _word_value

    value = _word_value(number)
    return str(int(value)) if value is not None and float(value).is_integer() else number


_A_RANGE = re.compile(
    r"(?:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s|\b(?:for|from|between|aged?|ages)\s)\|"
    r"|\|\s?(?:[a-z]{3,}|%|years?|people|days?|minutes?|hours?)",
    re.I,
)
_MULTIPLY_BY = re.compile(r"\bmultipl(?:y|ied)\b[^.?!]*$", re.I)


def _arithmetic(text: str) -> list[Candidate]:
    out = []
    for m in _ARITHMETIC.finditer(text):
        pieces = [
            _digits(p.group(0)) if p.group(1) else p.group(0) for p in _PIECE.finditer(m.group(0))
        ]
        if "-" in [p.strip() for p in pieces[1::2]] and _A_RANGE.search(
            text[max(0, m.start() - 200) : m.start()] + "|" + text[m.end() : m.end() + 200]
        ):
            continue  # "10 - 20 people", "March 3 - 5": a range
        if "by" in [p.lower() for p in pieces[1::2]] and not _MULTIPLY_BY.search(text[: m.start()]):
            continue  # "by" multiplies only after "multiply": "divide 6 by 3" is no product
        sign = "-" if m.group(0).startswith("-") else ""
        ops = [_OPERATORS.get(t.lower(), _OPERATORS.get(f" {t} ")) for t in pieces[1::2]]
        if None in ops:
            continue
        expr = (
            sign
            + pieces[0]
            + "".join(f"{o[0]}{n}" for o, n in zip(ops, pieces[2::2], strict=False))
        )
        operation = ops[0][1] if len({o[1] for o in ops}) == 1 else "calculate"
        out.append(Candidate(Kind.MATH, expr, m.start(), m.end(), m.group(0), evidence=operation))
    for m in _NAMED.finditer(text):  # "the product of 3.5 and 8"
        symbol, operation = _NAMED_OPS[m.group(1).lower()]
        expr = f"{_digits(m.group(2))}{symbol}{_digits(m.group(3))}"
        out.append(Candidate(Kind.MATH, expr, m.start(), m.end(), m.group(0), evidence=operation))
    for pattern, operation in (
        (_SQUARED, "power"),
        (_ROOT, "square root"),
        (_PERCENT_OF, "percentage"),
    ):
        for m in pattern.finditer(text):
            nums = [_digits(g) for g in m.groups() if g and re.fullmatch(_NUM, g)]
            if pattern is _SQUARED:
                expr = f"{nums[0]}**{2 if m.group(2).lower() == 'squared' else 3}"
            elif pattern is _ROOT:
                expr = f"sqrt({nums[0]})"
            else:
                expr = f"{nums[0]}/100*{nums[1]}"
            out.append(
                Candidate(Kind.MATH, expr, m.start(), m.end(), m.group(0), evidence=operation)
            )
    return out


_LONE_TIMES = re.compile(r"\d+\s?x")
_NEXT_TOKEN = re.compile(r"\s+[\w$£€]")


def _formulas(text: str) -> list[Candidate]:
    out = []
    for m in _FORMULA.finditer(text):
        raw = m.group(0).strip()
        expr = re.sub(r"^[a-z]\s?(?:\(\s?[xyz]\s?\))?\s?=\s?", "", raw)
        if not re.search(r"[xyz]", expr) or not re.search(
            r"\^|\*\*|\d\s?\*?\s?[xyz]|[xyz]\s?[-+*/]|=", raw
        ):
            continue
        if _LONE_TIMES.fullmatch(raw) and _NEXT_TOKEN.match(text, m.end()):
            continue  # "2 x P-3307", "2x pizzas": a count of things, not 2 times x
        expr = expr.replace("^", "**")
        start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        out.append(Candidate(Kind.MATH, expr, start, start + len(raw), raw, evidence="formula"))
    return out


def find(request: Request) -> list[Candidate]:
    found = _arithmetic(request.text)
    return found + [f for f in _formulas(request.text) if not any(f.overlaps(a) for a in found)]


def write_formula(candidate: Candidate, slot) -> str:
    """A formula for a formula parameter is written as Python would read it; for another
    text parameter ("size": "12x18") as the request wrote it."""
    return candidate.value if slot.kind == Kind.MATH else candidate.text


EXTRACTOR = Extractor(
    Kind.MATH,
    find,
    slot_words=frozenset({"expression", "formula", "equation", "function", "polynomial", "expr"}),
    describes=re.compile(r"\b(?:expression|formula|equation|polynomial)\b", re.I),
    fills={Kind.STRING: 0.7},
    convert=write_formula,
)
