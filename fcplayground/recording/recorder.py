"""``record(path)``: save every provider exchange made inside a ``with`` block.

The ``openai`` and ``anthropic`` SDKs send each HTTP request through
``httpx2.Client.send`` (``httpx2.AsyncClient.send`` when async). For the duration of the
block both are wrapped, so every client is heard, whenever it was created. A response
that has been read (plain JSON, or anything an in-process transport answers) is kept at
once; a streamed one gets a tee on its byte stream, so the caller reads it as before
while the bytes are kept (and decompressed, as the SDK sees them).

Only method, path, JSON request body, status, content type and response body are kept.
As a further guard, any API key seen in a request header or a ``*_API_KEY`` environment
variable, and anything shaped like a key, is replaced by ``[REDACTED]`` wherever it would
appear in the file (:func:`~fcplayground.recording.redaction.redact`).
"""

from __future__ import annotations

import functools
import os
import threading
import warnings
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2

from ..wire import endpoint
from .cassette import Cassette, Exchange, decode_body, parse_body, write_atomic
from .redaction import MIN_SECRET, REDACTED, redact_found

# A header whose name holds one of these words may carry a credential.
SECRET_WORDS = ("auth", "key", "token", "secret")


@dataclass
class _Capture:
    """One exchange being recorded; a stream's bytes arrive in ``raw`` as it is read."""

    method: str
    path: str
    request: Any
    status: int
    content_type: str | None
    content_encoding: str | None = None
    raw: bytearray = field(default_factory=bytearray)

    def exchange(self) -> Exchange:
        body = decode_body(bytes(self.raw), self.content_encoding)
        return Exchange(self.method, self.path, self.request, self.status, self.content_type, body)


class Recording:
    """What a :func:`record` block has heard so far, and the file it goes to."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._captures: list[_Capture] = []
        self._secrets: set[str] = set()
        self._lock = threading.Lock()

    def add(self, capture: _Capture, secrets: set[str]) -> None:
        with self._lock:
            self._captures.append(capture)
            self._secrets |= secrets

    @property
    def exchanges(self) -> list[Exchange]:
        """The exchanges so far (a stream still being read: what has arrived)."""
        with self._lock:
            return [c.exchange() for c in self._captures]

    def save(self) -> None:
        """Write the cassette now (atomically), keys redacted."""
        text = Cassette(self.exchanges, self.path.name).dumps()
        text, found = redact_found(text, self._secrets)
        if found:
            warnings.warn(
                f"An API key appeared in a recorded body; {self.path} has {REDACTED} there "
                "instead. Replay will not match requests that carried it.",
                stacklevel=3,
            )
        write_atomic(self.path, text)

    def __repr__(self) -> str:
        return f"Recording({str(self.path)!r}, {len(self._captures)} exchange(s))"


@contextmanager
def record(path: str | os.PathLike[str]) -> Iterator[Recording]:
    """Record every provider exchange made inside the block into the cassette ``path``.

    >>> with fcplayground.record("session.json"):
    ...     client.chat.completions.create(...)

    Works for the real ``openai`` / ``anthropic`` SDKs, sync and async, plain and
    streaming, live or offline. The file is written on exit, also when the block raises;
    read streams to their end inside the block. Replay it with
    :class:`~fcplayground.models.ReplayModel`. Every thread's traffic is heard while
    the block runs.
    """
    recording = Recording(Path(path))
    _INTERCEPTOR.start(recording)
    try:
        yield recording
    finally:
        _INTERCEPTOR.stop(recording)
        recording.save()


# -- hearing httpx2 -----------------------------------------------------------------------


class _SyncTee(httpx2.SyncByteStream):
    """A response byte stream that keeps a copy of what it yields."""

    def __init__(self, inner: httpx2.SyncByteStream, sink: bytearray) -> None:
        self._inner, self._sink = inner, sink

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._inner:
            self._sink += chunk
            yield chunk

    def close(self) -> None:
        self._inner.close()

    @property
    def elapsed(self) -> Any:  # httpx2 reads Response.elapsed from its stream
        return getattr(self._inner, "elapsed", None)


class _AsyncTee(httpx2.AsyncByteStream):
    """The async twin of :class:`_SyncTee`."""

    def __init__(self, inner: httpx2.AsyncByteStream, sink: bytearray) -> None:
        self._inner, self._sink = inner, sink

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._inner:
            self._sink += chunk
            yield chunk

    async def aclose(self) -> None:
        await self._inner.aclose()

    @property
    def elapsed(self) -> Any:
        return getattr(self._inner, "elapsed", None)


def _capture(request: httpx2.Request, response: httpx2.Response, tee: type) -> _Capture:
    """Start recording one exchange; a stream not yet read gets ``tee`` on its bytes."""
    try:
        content = request.content
    except httpx2.RequestNotRead:  # a streamed upload: not something replay can match
        content = b""
    capture = _Capture(
        method=request.method,
        path=endpoint(request.url.path),
        request=parse_body(content),
        status=response.status_code,
        content_type=response.headers.get("content-type"),
    )
    try:
        capture.raw += response.content  # already read and decoded
    except httpx2.ResponseNotRead:
        capture.content_encoding = response.headers.get("content-encoding")
        response.stream = tee(response.stream, capture.raw)
    return capture


class _Interceptor:
    """Wraps ``httpx2``'s ``send`` while at least one recording is running."""

    def __init__(self) -> None:
        self._recordings: list[Recording] = []
        self._saved: dict[type, Callable[..., Any]] = {}
        self._lock = threading.Lock()

    def start(self, recording: Recording) -> None:
        with self._lock:
            if not self._recordings:
                self._saved = {httpx2.Client: httpx2.Client.send}
                self._saved[httpx2.AsyncClient] = httpx2.AsyncClient.send
                httpx2.Client.send = _sync_send(httpx2.Client.send, self._heard)
                httpx2.AsyncClient.send = _async_send(httpx2.AsyncClient.send, self._heard)
            self._recordings.append(recording)

    def stop(self, recording: Recording) -> None:
        with self._lock:
            self._recordings.remove(recording)
            if not self._recordings:
                for cls, send in self._saved.items():
                    cls.send = send

    def _heard(self, request: httpx2.Request, response: httpx2.Response, tee: type) -> None:
        capture = _capture(request, response, tee)
        secrets = _header_secrets(request.headers)
        with self._lock:
            recordings = list(self._recordings)
        for recording in recordings:
            recording.add(capture, secrets)


def _sync_send(send: Callable[..., Any], heard: Callable[..., None]) -> Callable[..., Any]:
    @functools.wraps(send)
    def recorded_send(self: httpx2.Client, request: httpx2.Request, **options: Any) -> Any:
        response = send(self, request, **options)
        heard(request, response, _SyncTee)
        return response

    return recorded_send


def _async_send(send: Callable[..., Any], heard: Callable[..., None]) -> Callable[..., Any]:
    @functools.wraps(send)
    async def recorded_send(
        self: httpx2.AsyncClient, request: httpx2.Request, **options: Any
    ) -> Any:
        response = await send(self, request, **options)
        heard(request, response, _AsyncTee)
        return response

    return recorded_send


_INTERCEPTOR = _Interceptor()


# -- keys never reach the file -----------------------------------------------------------


def _header_secrets(headers: httpx2.Headers) -> set[str]:
    """Credentials a request carried (``Authorization: Bearer sk-...``, ``x-api-key``, ...)."""
    values = (
        value.split(" ")[-1]  # drop a scheme such as "Bearer"
        for name, value in headers.items()
        if any(word in name.lower() for word in SECRET_WORDS)
    )
    return {v for v in values if len(v) >= MIN_SECRET}
