"""Reading the JSON arguments a model sent, safely, whatever it sent.

A model (or whoever speaks for it) can send text that breaks a plain ``json.loads``:
nesting thousands of levels deep (``RecursionError``), an integer of 5,000 digits
(``ValueError``), bytes that are not UTF-8, lone surrogates, ``NaN`` or ``Infinity``
(which JSON forbids), or megabytes of text. :func:`read_json` turns each of these into
an :class:`ArgumentsError` saying what was wrong and what to send instead. It uses only
the standard library, so the wire converters share it with the tool registry.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

# The longest arguments text read. Models rarely send more than a few kilobytes; a
# megabyte is far beyond any honest call, and parsing it stays quick.
MAX_ARGUMENT_CHARS = 1_000_000
# The deepest nesting of arrays and objects accepted: deep enough for any schema a
# provider allows (OpenAI strict mode: 10 levels), far below Python's recursion limit.
MAX_DEPTH = 100


class ArgumentsError(ValueError):
    """Arguments that cannot be read; the message says what was wrong, and what to
    send instead unless ``needs_example`` (then the caller shows an example)."""

    def __init__(self, message: str, needs_example: bool = False) -> None:
        super().__init__(message)
        self.needs_example = needs_example


@dataclass(frozen=True)
class _Frame:
    """A container still to check, and how deep it sits."""

    value: Any
    depth: int


def read_json(text: str | bytes | bytearray) -> Any:
    """The JSON value in ``text``, checked by :func:`check_value`; raises ArgumentsError."""
    if isinstance(text, bytes | bytearray):
        text = _decode(bytes(text))
    if len(text) > MAX_ARGUMENT_CHARS:
        raise ArgumentsError(
            f"are {len(text):,} characters long, more than the {MAX_ARGUMENT_CHARS:,} accepted. "
            "Send shorter arguments: pass a reference (an id, a file name) instead of the data."
        )
    try:
        value = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        where = f"{exc.msg}: line {exc.lineno} column {exc.colno}"
        raise ArgumentsError(f"are not valid JSON ({where}).", needs_example=True) from None
    except RecursionError:
        raise _too_deep() from None
    except ArgumentsError:
        raise
    except ValueError as exc:  # the int digit limit, and anything else the parser refuses
        if "integer string conversion" in str(exc):
            raise _long_int() from None
        raise ArgumentsError(f"cannot be read ({_first_line(exc)}).", needs_example=True) from None
    check_value(value)
    return value


def check_value(value: Any) -> None:
    """Raise ArgumentsError if ``value`` nests deeper than MAX_DEPTH, holds text that
    is not valid Unicode (a lone surrogate), or a number JSON cannot carry."""
    stack = [_Frame(value, 1)]  # a stack, not recursion: depth is what is being checked
    while stack:
        frame = stack.pop()
        items = _children(frame.value)
        if items is None:
            _check_scalar(frame.value)
            continue
        if frame.depth > MAX_DEPTH:
            raise _too_deep()
        stack.extend(_Frame(item, frame.depth + 1) for item in items)


def _children(value: Any) -> list[Any] | None:
    """The keys and values of a dict, the items of a list or tuple; None for a scalar."""
    if isinstance(value, dict):
        return [*value.keys(), *value.values()]
    if isinstance(value, list | tuple):
        return list(value)
    return None


def _check_scalar(value: Any) -> None:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            code = ord(value[exc.start])
            raise ArgumentsError(
                f"contain a lone surrogate (\\u{code:04x}), which is not valid Unicode. "
                "Send text as UTF-8, with each \\ud800-\\udfff escape paired with its partner."
            ) from None
    elif isinstance(value, float) and value - value != 0:  # NaN or an infinity
        raise _constant({"nan": "NaN", "inf": "Infinity"}.get(repr(value), "-Infinity"))
    elif isinstance(value, int) and value.bit_length() > 14_000:  # Python's 4,300 digits
        raise _long_int()


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArgumentsError(
            f"are not valid UTF-8 (byte {exc.start} is 0x{data[exc.start]:02x}). "
            "Send the JSON text encoded as UTF-8."
        ) from None


def _no_constant(name: str) -> Any:
    raise _constant(name)


def _constant(name: str) -> ArgumentsError:
    return ArgumentsError(
        f"contain {name}, which JSON does not allow. Send a number, or null if there is none."
    )


def _long_int() -> ArgumentsError:
    return ArgumentsError(
        "contain an integer of more than 4,300 digits, too long to read. "
        "Send a shorter number, or the digits as a string."
    )


def _too_deep() -> ArgumentsError:
    return ArgumentsError(
        f"are nested too deeply (more than {MAX_DEPTH} levels of arrays and objects). "
        "Send flatter arguments."
    )


def _first_line(exc: Exception) -> str:
    text = str(exc).split("\n", 1)[0]
    return text if len(text) <= 200 else text[:197] + "..."
