"""What the request checks found about a piece of content, remembered by that content.

A learner's session offers the same tools on every request. Checking a tool's JSON Schema
against the draft 2020-12 meta-schema, or a whole ``tools`` list against the endpoint's
shapes, gives the same answer each time, so :class:`Remembered` keeps the answer under a
digest of the content: of its canonical JSON (:func:`digest`, sorted keys: the same schema
written in another key order is the same content), or a quicker :func:`fingerprint` for a
whole ``tools`` list. Digests, not the text, are kept, so a bounded number of
entries is a bounded amount of memory whatever the size of what was sent.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def digest(value: Any) -> bytes:
    """A digest of ``value``'s canonical JSON (ASCII, sorted keys, no spaces)."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("ascii")).digest()


def fingerprint(value: Any) -> bytes:
    """A digest of ``value`` (parsed JSON) that is several times quicker than :func:`digest`.

    ``marshal`` writes a value faithfully, so two different values never share one. The
    same value may be written two ways (key order; marshal marks objects it meets twice),
    which only costs a check made again, never a wrong verdict."""
    return hashlib.sha256(marshal.dumps(value)).digest()


@dataclass
class Remembered(Generic[T]):
    """A bounded map, least recently used out first, from a digest to what was found.

    Safe to share between the threads of ``fcplayground serve``."""

    size: int
    hits: int = 0
    misses: int = 0
    _found: OrderedDict[bytes, T] = field(default_factory=OrderedDict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def get(self, key: bytes) -> tuple[bool, T | None]:
        """``(True, value)`` when ``key`` is remembered, else ``(False, None)``."""
        with self._lock:
            if key not in self._found:
                self.misses += 1
                return False, None
            self.hits += 1
            self._found.move_to_end(key)
            return True, self._found[key]

    def put(self, key: bytes, value: T) -> None:
        """Remember ``value`` under ``key``, forgetting the least recently used if full."""
        with self._lock:
            self._found[key] = value
            self._found.move_to_end(key)
            while len(self._found) > self.size:
                self._found.popitem(last=False)

    def find(self, key: bytes, compute: Callable[[], T]) -> T:
        """The value remembered under ``key``, or ``compute()``'s, remembered."""
        known, value = self.get(key)
        if known:
            return value  # type: ignore[return-value]  # known: the stored T
        value = compute()
        self.put(key, value)
        return value

    def __len__(self) -> int:
        with self._lock:
            return len(self._found)


# The sorted JSON of recent tools lists (a list of 1,000 tools is about 300 KB of it).
TOOLS_TEXT: Remembered[str] = Remembered(16)
MAX_KEPT_TEXT = 1 << 20  # a longer list is written out every time


def tools_key(tools: Any) -> bytes | None:
    """The :func:`fingerprint` of a ``tools`` list that holds tools (None for anything else):
    worked out once per request, and shared by every check and digest that keys by it."""
    return fingerprint(tools) if type(tools) is list and tools else None


def sorted_json(body: dict[str, Any], tools: bytes | None = None) -> str:
    """``json.dumps(body, sort_keys=True)``, character for character, for a parsed request
    body; its ``tools`` list (the bulk of a request with many tools, and the same on every
    request of a session) is written once and remembered (``tools``: its
    :func:`tools_key`, when known)."""
    listed = body.get("tools")
    if type(listed) is not list or not listed or any(type(k) is not str for k in body):
        return json.dumps(body, sort_keys=True)
    key = tools or fingerprint(listed)
    known, text = TOOLS_TEXT.get(key)
    if not known:
        text = json.dumps(listed, sort_keys=True)
        if len(text) <= MAX_KEPT_TEXT:
            TOOLS_TEXT.put(key, text)
    # With sort_keys the encoder writes each member as it would write it alone.
    members = (
        f"{json.dumps(k)}: {text if k == 'tools' else json.dumps(body[k], sort_keys=True)}"
        for k in sorted(body)
    )
    return "{" + ", ".join(members) + "}"


def request_digest(api: str, body: dict[str, Any], tools: bytes | None = None) -> bytes:
    """``sha256(f"{api}\\n{sorted_json(body)}")``'s first 16 bytes: what :mod:`..ids`
    counts answers by (``tools``: the body's :func:`tools_key`, when known). The handler
    keeps it for a body sent again (see :mod:`..bodies`)."""
    return hashlib.sha256(f"{api}\n{sorted_json(body, tools)}".encode()).digest()[:16]
