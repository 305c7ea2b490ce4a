"""No garbage collection while a request body is parsed.

Parsing a body with 1,000 tools makes tens of thousands of dicts and lists at once, and
that many new containers set off the cyclic garbage collector, up to a full collection
of every object of the process (the SDKs' modules included) every few requests. Parsed
JSON is a tree and cannot hold a cycle, so that work finds nothing: the collector waits
until the body is read. Threads share one count, so the collector comes back on when the
last of them is done, and it is never switched on if the program had switched it off.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_LOCK = threading.Lock()
_state = {"inside": 0, "paused": False}  # bodies being parsed; whether we paused it


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off for the block (reference counting still frees)."""
    with _LOCK:
        if _state["inside"] == 0 and gc.isenabled():
            gc.disable()
            _state["paused"] = True
        _state["inside"] += 1
    try:
        yield
    finally:
        with _LOCK:
            _state["inside"] -= 1
            if _state["inside"] == 0 and _state["paused"]:
                _state["paused"] = False
                gc.enable()
