"""What a cassette file must hold, and errors that say where it does not.

A cassette comes from disk, so it may be empty, cut short, edited by hand, written by
another tool or built to do harm (a YAML alias bomb: 400 bytes that expand to 10^10
values). Everything read from one goes through :class:`Where`, which checks each field's
presence and type and raises a :class:`CassetteError` naming the file, the exchange and
what is wrong. :func:`check_size` refuses a document whose expanded size or nesting is
absurd before anything walks it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ADVICE = (
    "Re-record the session with fcplayground.record(path), or restore the file as it was written."
)
MAX_DEPTH = 200  # a request body nests a few dozen levels at most (schemas in messages)
# A document without aliases expands to no more values than its text has characters;
# aliases may repeat a little, never by thousands of times.
EXPANSION = 4
SIZE_FLOOR = 100_000


class CassetteError(ValueError):
    """A cassette that cannot be read: the message names the file, the exchange (when
    one is at fault) and what is wrong, and says to re-record."""


@dataclass(frozen=True)
class Where:
    """A place in a cassette file, for error messages: the file, and an item of its
    list of exchanges (``exchanges`` here, ``interactions`` in vcrpy files)."""

    name: str
    items: str = "exchanges"
    index: int | None = None
    total: int = 0

    def at(self, index: int, total: int) -> Where:
        """The same file, at item ``index`` (0-based) of ``total``."""
        return Where(self.name, self.items, index, total)

    def error(self, problem: str) -> CassetteError:
        """An error for ``problem`` (e.g. 'the response has no "status"') at this place."""
        if self.index is None:
            return CassetteError(f"{self.name} cannot be replayed: {problem}. {ADVICE}")
        place = f"exchange {self.index + 1} of {self.total} ({self.items}[{self.index}])"
        return CassetteError(f"{self.name}, {place}: {problem}. {ADVICE}")

    def get(self, data: Any, key: str, kind: type | tuple[type, ...], owner: str) -> Any:
        """``data[key]``, checked to be present and of ``kind``; ``owner`` names ``data``
        in the message ("the request", "the response")."""
        if not isinstance(data, dict):
            raise self.error(f"{owner} is {_kind(data)}, not an object")
        if key not in data:
            raise self.error(f'{owner} has no "{key}"')
        return self.check(data[key], kind, f'{owner}\'s "{key}"')

    def check(self, value: Any, kind: type | tuple[type, ...], what: str) -> Any:
        """``value``, checked to be of ``kind`` (bool is not an int here)."""
        if isinstance(value, kind) and not (isinstance(value, bool) and kind is int):
            return value
        wanted = " or ".join(_NAMES.get(k, k.__name__) for k in _as_tuple(kind))
        raise self.error(f"{what} is {_kind(value)}, not {wanted}")

    def items_of(self, document: Any, key: str) -> list[Any]:
        """The list of exchanges under ``key`` of the top-level object."""
        return self.get(document, key, list, "the file")


def check_size(document: Any, text_length: int, where: Where) -> None:
    """Refuse a parsed document nested deeper than :data:`MAX_DEPTH`, or expanding (YAML
    aliases) far beyond its text: the walk stops as soon as the budget is spent."""
    budget = EXPANSION * text_length + SIZE_FLOOR
    stack: list[tuple[Any, int]] = [(document, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise where.error(f"it nests more than {MAX_DEPTH} levels deep")
        budget -= 1 + (len(value) if isinstance(value, (str, bytes)) else 0)
        if isinstance(value, dict):
            budget -= sum(len(k) for k in value if isinstance(k, str))  # keys are text too
            stack.extend((child, depth + 1) for child in value.values())
        elif isinstance(value, list):
            stack.extend((child, depth + 1) for child in value)
        if budget < 0:
            raise where.error(
                f"it expands to far more data than its {text_length:,} characters hold "
                "(YAML aliases repeated over and over: an alias bomb)"
            )


_NAMES = {
    dict: "an object",
    list: "a list",
    str: "text",
    int: "a whole number",
    type(None): "null",
    bytes: "bytes",
}


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NAMES.get(type(value), f"a {type(value).__name__}")
