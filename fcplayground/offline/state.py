"""What the offline provider remembers between requests, bounded in memory.

The real APIs keep state on their side: stored Responses (``previous_response_id``,
``GET /v1/responses/{id}``) and Anthropic message threads. The offline provider keeps the
same in a :class:`ProviderState`, one per in-process client (its transport) or per
:class:`~fcplayground.offline.server.Server`. Every store holds at most a fixed number of
entries and forgets the least recently used first, so a long workshop cannot fill memory.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

MAX_ENTRIES = 1_000  # per store: far above a lesson's needs, small enough for a long day


class StoreName(str, Enum):
    """The kinds of state a provider keeps."""

    RESPONSES = "responses"  # OpenAI Responses stored with `store: true`
    THREADS = "threads"  # Anthropic message threads


class BoundedStore:
    """A thread-safe mapping that keeps at most ``limit`` entries (least recently used go)."""

    def __init__(self, limit: int = MAX_ENTRIES) -> None:
        self.limit = limit
        self._items: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Any | None:
        with self._lock:
            if key not in self._items:
                return None
            self._items.move_to_end(key)
            return self._items[key]

    def put(self, key: str, value: Any) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.limit:
                self._items.popitem(last=False)

    def pop(self, key: str) -> Any | None:
        with self._lock:
            return self._items.pop(key, None)

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._items


@dataclass
class ProviderState:
    """The stores of one offline provider (see the module docstring)."""

    limit: int = MAX_ENTRIES
    _stores: dict[StoreName, BoundedStore] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def store(self, name: StoreName) -> BoundedStore:
        """The store called ``name``, made on first use."""
        with self._lock:
            if name not in self._stores:
                self._stores[name] = BoundedStore(self.limit)
            return self._stores[name]


@dataclass(frozen=True)
class HTTPRequest:
    """One request as the handler sees it: method, path, body, headers (lower-cased) and
    the query's paging parameters (``after``, ``limit``, ``order``: nothing else is kept)."""

    method: str
    path: str
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    query: Mapping[str, str] = field(default_factory=dict)

    def header(self, name: str, default: str = "") -> str:
        return self.headers.get(name.lower(), default)
