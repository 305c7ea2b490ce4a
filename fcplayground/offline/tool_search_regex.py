"""How long a regular expression may take, told before it runs.

Anthropic's regex tool search runs a Python ``re.search`` pattern (at most
:data:`MAX_PATTERN` characters) over the deferred tools. Python's engine backtracks, so
a hostile pattern (``(a+)+$``, ``.*a.*b.*c``) can take exponential or high polynomial
time, and no timeout can stop it. The search therefore runs over bounded strings, and
this module bounds the work before anything runs: from Python's own parse of the
pattern it reads, for every path through it, how many variable-length repeats follow
one another (the *degree*: each can backtrack over the whole string), how many ways
the fixed parts can match (alternatives multiply along a sequence) and how wide they
are. Matching one string of length L costs at most about
``ways * width * L ** (degree + 1)`` steps; :func:`steps` adds that up over the strings
searched. A repeat over something that itself repeats or branches (``(a+)+``,
``(a|aa)*``) has no such bound and is refused outright.
"""

from __future__ import annotations

import re._constants as sre
import re._parser as sre_parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

MAX_PATTERN = 200  # characters: the API's documented limit
CAP = 10**18  # counts past this are all "too many"


class Unbounded(Exception):
    """A pattern whose running time has no bound this module can give."""


@dataclass(frozen=True)
class Cost:
    """The shape of a pattern's work: see the module's docstring."""

    degree: int = 0
    ways: int = 1
    width: int = 0

    def then(self, other: Cost) -> Cost:
        """This part followed by ``other``."""
        return Cost(
            self.degree + other.degree,
            min(CAP, self.ways * other.ways),
            min(CAP, self.width + other.width),
        )

    def either(self, other: Cost) -> Cost:
        """This part or ``other``: both may be tried."""
        return Cost(
            max(self.degree, other.degree),
            min(CAP, self.ways + other.ways),
            max(self.width, other.width),
        )


ONE = Cost(0, 1, 1)  # one character, one way
NOTHING = Cost(0, 1, 0)  # an anchor: no character


def cost(pattern: str) -> Cost:
    """The cost of ``pattern``; raises ``re.error`` for a malformed one and
    :class:`Unbounded` for a repeat over a part that repeats or branches."""
    return _sequence(sre_parse.parse(pattern))


def steps(shape: Cost, lengths: Iterable[int]) -> int:
    """About how many steps matching strings of these lengths may take at most."""
    total = 0
    for length in lengths:
        per_start = shape.ways * min(shape.width + 1, length + 1) * (length + 1) ** shape.degree
        total += (length + 1) * per_start
        if total > CAP:
            return CAP
    return total


def _sequence(items: Any) -> Cost:
    out = NOTHING
    for op, value in items:
        out = out.then(_node(op, value))
    return out


def _branch(value: Any) -> Cost:
    _, alternatives = value
    out: Cost | None = None
    for alternative in alternatives:
        part = _sequence(alternative)
        out = part if out is None else out.either(part)
    return out or NOTHING


def _repeat(value: Any) -> Cost:
    low, high, body = value
    inner = _sequence(body)
    if high == 0:
        return NOTHING
    if low == high:  # a fixed count: the body that many times in a row
        ways = CAP if inner.ways > 1 and low > 60 else min(CAP, inner.ways**low)
        return Cost(min(CAP, inner.degree * low), ways, min(CAP, inner.width * low))
    if inner.degree or inner.ways > 1:
        raise Unbounded(
            "a repeated group that itself repeats or has alternatives, like (a+)+ or (a|b)*"
        )
    if high == sre.MAXREPEAT:
        return Cost(1, 1, inner.width * low)
    return Cost(0, high - low + 1, min(CAP, inner.width * high))


def _group(value: Any) -> Cost:
    return _sequence(value[-1])


def _exists(value: Any) -> Cost:
    _, yes, no = value
    part = _sequence(yes)
    return part.either(_sequence(no)) if no is not None else part


ATOMS = {sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN, sre.GROUPREF}
ANCHORS = {sre.AT}
NODES: dict[Any, Callable[[Any], Cost]] = {
    sre.BRANCH: _branch,
    sre.SUBPATTERN: _group,  # (group, add_flags, del_flags, items)
    sre.ATOMIC_GROUP: lambda value: _sequence(value),
    sre.ASSERT: _group,  # (direction, items)
    sre.ASSERT_NOT: _group,
    sre.MAX_REPEAT: _repeat,
    sre.MIN_REPEAT: _repeat,
    sre.POSSESSIVE_REPEAT: _repeat,
    sre.GROUPREF_EXISTS: _exists,
}


def _node(op: Any, value: Any) -> Cost:
    if op in ATOMS:
        return ONE
    if op in ANCHORS:
        return NOTHING
    node = NODES.get(op)
    if node is None:  # an opcode this reading does not know: no bound can be given
        raise Unbounded(f"the construct {op} in the pattern")
    return node(value)
