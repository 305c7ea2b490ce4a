"""Ids for what the offline provider sends: unique per response, yet reproducible.

A real API gives every response, tool call and request an id of its own, and stateful
features (stored Responses, message threads) look answers up by it. The offline provider
does the same while staying deterministic:

- a **response** (and its tool calls) takes its id from the request body and from how
  many times this process has already answered that same body. Two identical requests
  get different ids; a fresh process that sends the same requests in the same order gets
  the same ids again, so a notebook's stored outputs stay put. Requests with different
  bodies do not disturb each other's ids, so answering them in parallel threads (an
  evaluation run) changes nothing.
- a **request id** (``x-request-id`` / ``request-id`` and an Anthropic error body's
  ``request_id``) is the next number of one process-wide sequence, written in the
  provider's style.

The counts live in one :class:`IdSource` per process (:data:`IDS`), not per client, so
that no two clients in one process hand out the same id. It remembers at most
:data:`MAX_BODIES` bodies: when full it forgets them all and starts a new epoch, which is
part of every id made after it, so uniqueness survives the forgetting.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass

MAX_BODIES = 10_000  # distinct request bodies counted before a new epoch (about 1 MB)
_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


@dataclass(frozen=True)
class Ticket:
    """Which answer to which body this is: ``seed`` makes that answer's ids."""

    digest: str  # of the request body
    epoch: int
    occurrence: int  # 0 for the first answer to this body in this epoch

    @property
    def seed(self) -> str:
        return f"{self.digest}#{self.epoch}.{self.occurrence}"


class IdSource:
    """Hands out tickets and request ids; thread-safe, bounded in memory."""

    def __init__(self, limit: int = MAX_BODIES) -> None:
        self.limit = limit
        self._lock = threading.Lock()
        self._seen: dict[bytes, int] = {}  # body digest -> answers given so far
        self._epoch = 0
        self._requests = 0

    def ticket(self, body: str) -> Ticket:
        """The ticket for one more answer to ``body`` (a canonical text of the request)."""
        return self.ticket_of(hashlib.sha256(body.encode()).digest()[:16])

    def ticket_of(self, digest: bytes) -> Ticket:
        """:meth:`ticket`, for a body whose digest (first 16 bytes of its SHA-256) is known."""
        with self._lock:
            if digest not in self._seen and len(self._seen) >= self.limit:
                self._seen.clear()  # forget, but a new epoch keeps every later id new
                self._epoch += 1
            occurrence = self._seen.get(digest, 0)
            self._seen[digest] = occurrence + 1
            return Ticket(digest.hex(), self._epoch, occurrence)

    def request_id(self, api: str) -> str:
        """A new request id in the style of ``api``'s provider (``req_…``)."""
        with self._lock:
            self._requests += 1
            number = self._requests
        digest = hashlib.sha256(f"request#{number}".encode()).digest()
        if api == "anthropic":  # e.g. req_011CZkTfmdQovVWg8SG5f6Lq
            return "req_011C" + "".join(_ALPHABET[b % len(_ALPHABET)] for b in digest[:20])
        return "req_" + digest.hex()[:32]  # e.g. req_1e7dabaf1f0dba1ec89a134d3bde8476


IDS = IdSource()  # the process's one source (see the module docstring)
