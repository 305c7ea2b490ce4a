"""Request bodies the offline provider has read before, kept by their bytes.

A session sends the same body again and again: a notebook cell run twice, a client that
retries, a benchmark. Reading a body as strict JSON (its depth, its numbers), checking it
as the provider would and writing out the digest its response ids are made from depend on
the bytes alone, so what they found is kept in :class:`Facts` under the bytes themselves
(compared whole, never by a digest that could collide), in a store bounded both in
entries and in bytes.

Every request still gets a parsed body of its own, which nothing else holds: the first
time by parsing the JSON, after that as a copy written by ``marshal`` when the body was
seen the second time (loading it is about twice as quick as parsing the JSON again).
What was found is only ever added to, never changed, and every finding is the same
whichever thread finds it first.
"""

from __future__ import annotations

import marshal
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from . import validation
from .validation.pause_gc import collector_paused

__all__ = ["KEPT", "Body", "Facts", "Finding", "KeptBodies", "read"]

MAX_KEPT_BODY = 4 << 20  # a longer body is read afresh every time


class Finding(Enum):
    """What is found about a body, once."""

    REFUSAL = "the provider's refusal, or None"
    TOOLS_KEY = "a digest of its tools list"
    DIGEST = "the digest its response ids are made from"


@dataclass
class Facts:
    """What was found about one body: each finding worked out the first time it is asked
    for, then kept."""

    copy: bytes | None = None  # the parsed body written by marshal, from its second reading
    _found: dict[Finding, Any] = field(default_factory=dict, repr=False)

    def find(self, finding: Finding, compute: Callable[[], Any]) -> Any:
        """``finding`` (which depends on the body alone), worked out once."""
        if finding not in self._found:
            self._found[finding] = compute()
        return self._found[finding]


class KeptBodies:
    """Recent bodies' facts, by ``(api, bytes)``: at most ``limit`` of them and ``budget``
    bytes of bodies and copies together, least recently used out first. Thread-safe."""

    def __init__(self, limit: int, budget: int) -> None:
        self.limit, self.budget = limit, budget
        self.hits = self.misses = 0
        self._kept: OrderedDict[tuple[str, bytes], tuple[Facts, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: tuple[str, bytes]) -> Facts | None:
        """The facts kept for ``key``."""
        with self._lock:
            entry = self._kept.get(key)
            if entry is None:
                self.misses += 1
                return None
            self.hits += 1
            self._kept.move_to_end(key)
            return entry[0]

    def put(self, key: tuple[str, bytes], facts: Facts) -> None:
        """Keep ``facts`` (with its copy, when it has one) for ``key``."""
        size = len(key[1]) + len(facts.copy or b"")
        with self._lock:
            if (old := self._kept.pop(key, None)) is not None:
                self._bytes -= old[1]
            self._kept[key] = (facts, size)
            self._bytes += size
            while len(self._kept) > self.limit or self._bytes > self.budget:
                self._bytes -= self._kept.popitem(last=False)[1][1]

    def __len__(self) -> int:
        with self._lock:
            return len(self._kept)

    @property
    def bytes(self) -> int:
        """How many bytes of bodies and copies are kept."""
        with self._lock:
            return self._bytes


KEPT = KeptBodies(limit=64, budget=32 << 20)


@dataclass
class Body:
    """One request's body: its bytes, its parsed value (this request's own), and what is
    known about those bytes."""

    api: str
    raw: bytes
    payload: Any
    known: Facts

    def facts(self, payload: Any) -> Facts:
        """The facts to use for ``payload``: the body's own when it is the body as sent,
        else (a thread's whole conversation, a stored history joined to it) facts of its
        own, kept for this request only."""
        return self.known if payload is self.payload else Facts()


def read(api: str, raw: bytes) -> Body:
    """The body ``raw`` sent to ``api``, parsed, or :class:`~.validation.BodyError`."""
    key = (api, raw)
    kept = KEPT.get(key) if len(raw) <= MAX_KEPT_BODY else None
    if kept is not None and kept.copy is not None:
        with collector_paused():  # a tree of new containers, as a parse makes
            return Body(api, raw, marshal.loads(kept.copy), kept)
    payload = validation.read_json(raw)
    if len(raw) > MAX_KEPT_BODY:
        return Body(api, raw, payload, Facts())
    if kept is None:
        kept = Facts()
    else:  # read a second time: likely to come again, worth a copy
        kept.copy = marshal.dumps(payload)
    KEPT.put(key, kept)
    return Body(api, raw, payload, kept)
