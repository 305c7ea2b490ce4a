"""Reading a request body as strict JSON, bounded in depth and in the size of numbers.

Python's ``json`` is lenient where the providers are not (``NaN``, ``Infinity``), and
fails with a ``RecursionError`` or a ``ValueError`` that suggests a Python setting on
hostile input. :func:`read_json` gives one :class:`BodyError` for every way a body
cannot be read, with a message that says what to send instead.
"""

from __future__ import annotations

import json
import math
from itertools import accumulate
from typing import Any

from .pause_gc import collector_paused

MAX_DEPTH = 100  # objects and arrays nested deeper than this are refused
MAX_DIGITS = 4300  # Python's own limit on integer digits; a clearer message for it


class BodyError(Exception):
    """A body that is not usable JSON: the message says why and what to send."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# Every digit written "0", everything else " ": a run of more than MAX_DIGITS digits shows
# as a run of zeros, found by a substring search (linear, in C).
_DIGITS = bytes.maketrans(bytes(range(256)), bytes(48 if 48 <= b <= 57 else 32 for b in range(256)))
_LONG_DIGITS = b"0" * (MAX_DIGITS + 1)


def _constant(name: str) -> Any:
    raise BodyError(
        f"The request body is not valid JSON: {name} is not a JSON value. "
        "Send finite numbers (or null)."
    )


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise BodyError(
            f"The request body is not valid JSON here: a number has {len(text)} digits, more "
            f"than the {MAX_DIGITS} allowed. Send it as a string, or a shorter number."
        )
    return int(text)


def _decimal(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise BodyError(
            f"The request body holds a number too large for a 64-bit float ({text[:40]}). "
            "Send a smaller number."
        )
    return value


def read_json(body: bytes) -> Any:
    """The parsed body, or :class:`BodyError` saying why it cannot be read."""
    # Each integer is looked at only where a run of digits could be too long for one: the
    # check costs a call per number, and a request with 1,000 tools holds thousands.
    integers = {"parse_int": _integer} if _LONG_DIGITS in body.translate(_DIGITS) else {}
    try:
        with collector_paused():  # a tree of new containers: nothing for it to collect
            value = json.loads(
                body or b"null", parse_constant=_constant, parse_float=_decimal, **integers
            )
    except RecursionError:
        raise _too_deep() from None
    except BodyError:
        raise
    except ValueError as e:  # UnicodeDecodeError included
        raise BodyError(f"The request body is not valid JSON: {e}.") from None
    if nesting(body) > MAX_DEPTH:
        raise _too_deep()
    return value


def _too_deep() -> BodyError:
    return BodyError(
        f"The request body is nested too deeply: objects and arrays may be nested at most "
        f"{MAX_DEPTH} levels. Send flatter JSON."
    )


# The brackets, each written "(" or ")": objects and arrays nest alike.
BRACKETS = bytes.maketrans(b"[{]}", b"(())")
NOT_MARKS = bytes(set(range(256)) - set(b'[{]}"'))
STEP = {ord("("): 1, ord(")"): -1}
PASSES = 8


def nesting(body: bytes) -> int:
    """How deeply objects and arrays nest in a body that parsed as JSON (0 for a scalar).

    Read off the text: a wide body (1,000 tools) costs a few passes in C rather than a
    walk over its every value in Python."""
    if json.detect_encoding(body) not in ("utf-8", "utf-8-sig"):
        return depth(json.loads(body))  # UTF-16 or 32: the brackets are not single bytes
    brackets = _outside_strings(body)
    level = 0
    # Each pass removes the innermost pairs: one level of nesting, everywhere at once. Most
    # bodies are shallow; what is left of a deep one is counted bracket by bracket, in C.
    while brackets and level < PASSES:
        brackets, level = brackets.replace(b"()", b""), level + 1
    if brackets:
        level += max(accumulate(map(STEP.__getitem__, brackets)))
    return level


def _outside_strings(body: bytes) -> bytes:
    """The brackets of the JSON text ``body`` that are not inside a string."""
    if b"\\" in body:
        # Backslashes occur only in strings, each starting an escape: without the escaped
        # backslashes, then the escaped quotes, the quotes left open and close strings.
        body = body.replace(b"\\\\", b"").replace(b'\\"', b"")
    marks = body.translate(None, NOT_MARKS)
    # Two quotes side by side close a string and open the next, or hold an empty one:
    # dropping them joins or drops strings, so what is outside stays outside.
    marks = marks.replace(b'""', b"")
    return b"".join(marks.split(b'"')[::2]).translate(BRACKETS)


# What each container holds, by exact type: the depth walk needs no isinstance chain.
CHILDREN = {dict: dict.values, list: iter}


def depth(value: Any) -> int:
    """How deeply objects and arrays nest in ``value`` (0 for a scalar); no recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if (children := CHILDREN.get(type(item))) is not None:
            deepest = max(deepest, level)
            stack.extend((child, level + 1) for child in children(item))
    return deepest


def lone_surrogate(body: bytes, value: Any) -> bool:
    """Whether a string in ``value`` holds an unpaired UTF-16 surrogate (``"\\ud800"``):
    valid JSON, but not Unicode, so it cannot be written back out as UTF-8."""
    if b"\\ud" not in body.lower():  # only an escape can make one; most bodies have none
        return False
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
