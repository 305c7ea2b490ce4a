"""ReplayModel: serve a recorded session back, byte for byte, with no key and no network.

>>> with fcplayground.record("session.json"):      # once, by the instructor (live or not)
...     ...
>>> client = offline.openai_client(model=ReplayModel("session.json"))   # the whole room

Offline SDK clients ask it first for the raw reply (``reply``): the recorded status,
content type and body, exactly as recorded, SSE streams included. ``respond`` serves the
same recordings as neutral turns, so it is a :class:`~fcplayground.models.Model` too
(for example inside a :class:`~fcplayground.models.FaultyModel`).
"""

from __future__ import annotations

import json
import os
import threading
from collections import Counter
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from .. import wire
from ..chat import ModelTurn, Request
from ..offline.faults import ProviderFault
from ..recording.cassette import Cassette, Exchange, parse_body
from ..recording.matching import closest, first_difference
from ..wire import endpoint

if TYPE_CHECKING:
    from ..offline.handler import Reply

ADVICE = (
    "A replay can only answer what was recorded: re-record the session with "
    "fcplayground.record(path), or use the simulated model (the offline clients' default, "
    "e.g. offline.openai_client() with no model=) to try new requests."
)


class ReplayModel:
    """Answers with the exchanges of a cassette (from :func:`fcplayground.record`, or a
    vcrpy cassette, YAML or JSON).

    A request matches a recording with the same method, path and JSON body (key order
    ignored; nothing else is ignored). The first match not yet played is served; once
    every match has been played they play again from the first, so a learner can run a
    cell twice. A request with no recording gets an HTTP 404 in the provider's error
    format that names the closest recording and where it differs.
    """

    def __init__(self, cassette: str | os.PathLike[str] | Cassette) -> None:
        self.cassette = cassette if isinstance(cassette, Cassette) else Cassette.load(cassette)
        self.name = f"replay({self.cassette.name})"
        self._played: set[int] = set()
        self._lock = threading.Lock()
        self._neutral: list[Request | None] | None = None

    # -- raw replay: what the offline handler asks first ----------------------------------

    def reply(self, method: str, path: str, body: bytes) -> Reply:
        """The recorded reply to this HTTP request, byte for byte."""
        from ..offline.handler import Reply  # the offline layer sits above models

        method, path, sent = method.upper(), endpoint(path), parse_body(body)
        same_route = [
            i for i, e in enumerate(self.cassette.exchanges) if (e.method, e.path) == (method, path)
        ]
        matches = [i for i in same_route if self.cassette.exchanges[i].request == sent]
        index = self._take(matches)
        if index is None:
            recorded = {i: self.cassette.exchanges[i].request for i in same_route}
            miss = self._miss(f"{method} {path}", sent, recorded)
            raise ProviderFault(404, "not_found_error", miss)
        exchange = self.cassette.exchanges[index]
        headers = {"content-type": exchange.content_type} if exchange.content_type else {}
        return Reply(exchange.status, exchange.body, headers)

    # -- the Model protocol ----------------------------------------------------------------

    def respond(self, request: Request) -> ModelTurn:
        """The recorded turn for a neutral request (read with :mod:`fcplayground.wire`)."""
        neutral = self._neutral_requests()
        index = self._take([i for i, n in enumerate(neutral) if n == request])
        if index is None:
            recorded = {i: asdict(n) for i, n in enumerate(neutral) if n is not None}
            miss = self._miss(f"neutral, model {request.model}", asdict(request), recorded)
            raise ProviderFault(404, "not_found_error", miss)
        return _turn(self.cassette.exchanges[index])

    # -- helpers ---------------------------------------------------------------------------

    def _take(self, matches: list[int]) -> int | None:
        """The first match not yet played; when all were played, start over."""
        if not matches:
            return None
        with self._lock:
            index = next((i for i in matches if i not in self._played), None)
            if index is None:
                self._played -= set(matches)
                index = matches[0]
            self._played.add(index)
        return index

    def _neutral_requests(self) -> list[Request | None]:
        with self._lock:  # threads sharing this replay read the cassette once
            if self._neutral is None:
                self._neutral = [_neutral(e) for e in self.cassette.exchanges]
            return self._neutral

    def _miss(self, what: str, sent: Any, recorded: dict[int, Any]) -> str:
        """Why nothing matched: the closest recording and the first difference."""
        total = len(self.cassette.exchanges)
        head = f"No recorded exchange matches this request ({what}) in {self.cassette.name}."
        if not recorded:
            held = Counter(f"{e.method} {e.path}" for e in self.cassette.exchanges)
            summary = ", ".join(f"{n} x {route}" for route, n in held.items()) or "nothing"
            return f"{head} It has no recording of that kind; it holds {summary}. {ADVICE}"
        indexes = list(recorded)
        best = indexes[closest([recorded[i] for i in indexes], sent)]
        difference = first_difference(recorded[best], sent)
        return f"{head} The closest is exchange {best + 1} of {total}: {difference}. {ADVICE}"

    def __copy__(self) -> ReplayModel:
        return self  # copies of SDK clients share one replay, and what it has played

    def __deepcopy__(self, memo: dict[int, Any]) -> ReplayModel:
        return self

    def __repr__(self) -> str:
        return (
            f"ReplayModel({self.cassette.name!r}, {len(self._played)} of "
            f"{len(self.cassette.exchanges)} exchanges played)"
        )


def _neutral(exchange: Exchange) -> Request | None:
    """The neutral request of a recorded provider exchange; None if it is not one."""
    if exchange.api is None or not isinstance(exchange.request, dict):
        return None
    try:
        return wire.FORMATS[exchange.api].request_from_wire(exchange.request)
    except (KeyError, TypeError, ValueError):  # recorded on purpose malformed, e.g. a 400
        return None


def _turn(exchange: Exchange) -> ModelTurn:
    """The neutral turn of a recorded response; a recorded error is raised as it was."""
    if exchange.status >= 400:
        kind, message = _error_of(exchange)
        raise ProviderFault(exchange.status, kind, message)
    format = wire.FORMATS[exchange.api or "chat"]
    if exchange.is_stream:
        return format.turn_from_stream(exchange.text)
    return format.turn_from_wire(json.loads(exchange.text))


def _error_of(exchange: Exchange) -> tuple[str, str]:
    """(type, message) of a recorded error body, in either provider's shape."""
    try:
        error = json.loads(exchange.text)["error"]
        return error.get("type") or "api_error", error.get("message") or exchange.text
    except (ValueError, KeyError, TypeError, AttributeError):
        return "api_error", exchange.text
