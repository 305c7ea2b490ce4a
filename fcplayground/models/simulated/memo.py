"""Memo: what one stage found for one content, kept so the same content is not read twice.

A session sends the same question with the same tools again and again: every turn of an
agent loop re-reads the user's words, a notebook cell is run twice, an evaluation repeats
its cases. The stages whose answer depends only on such content (the words of the
request, its reference date, the tools offered) keep it in a :class:`Memo`, keyed by the
content itself (never by an object's identity), bounded, and safe to share between the
threads of ``fcplayground serve``. What is kept is only read afterwards, never changed.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")

__all__ = ["Memo"]


@dataclass
class Memo(Generic[T]):
    """A bounded map, least recently used out first, from a content key to a finding.

    ``hits`` and ``misses`` count the look-ups (tests read them); a key that cannot be
    hashed (a tool default that is a list) is simply worked out every time."""

    size: int
    hits: int = 0
    misses: int = 0
    _found: OrderedDict[Hashable, T] = field(default_factory=OrderedDict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def find(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The finding kept under ``key``, or ``compute()``'s, kept."""
        try:
            hash(key)
        except TypeError:  # content that cannot be a key: no memo, same answer
            return compute()
        with self._lock:
            if key in self._found:
                self.hits += 1
                self._found.move_to_end(key)
                return self._found[key]
            self.misses += 1
        value = compute()  # outside the lock: other threads need not wait for it
        with self._lock:
            self._found[key] = value
            while len(self._found) > self.size:
                self._found.popitem(last=False)
        return value

    def __len__(self) -> int:
        with self._lock:
            return len(self._found)
