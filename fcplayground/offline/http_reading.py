"""Reading one request off a socket within bounds.

Two limits keep a client from holding the server: a deadline for the whole request
(request line, headers and body must all arrive within the socket timeout, however slowly
the bytes trickle in) and a cap on the body's size, whether it comes with a
``Content-Length`` or in chunks.
"""

from __future__ import annotations

import io
import socket
import time
from email.message import Message
from typing import BinaryIO

MAX_BODY = 32 * 1024 * 1024  # 32 MB: far above any lesson's request; stops a runaway upload
MAX_LINE = 1024  # a chunk-size line (hex digits and extensions) or a trailer line
MAX_TRAILERS = 64
_HEX = frozenset(b"0123456789abcdefABCDEF")
_PIECE = 64 * 1024


class BodyError(Exception):
    """A request body that cannot be read: the HTTP status to answer and why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


class DeadlineSocket(io.RawIOBase):
    """A connection's bytes, each read allowed only the time left before a deadline.

    A per-read timeout alone lets a client send one byte every few seconds forever;
    giving each read what is left of the request's time bounds the whole request.
    """

    def __init__(self, sock: socket.socket, timeout: float) -> None:
        super().__init__()
        self._sock, self.timeout = sock, timeout
        self.deadline = time.monotonic() + timeout
        self.received = 0  # bytes since restart: none means an idle keep-alive connection

    def restart(self) -> None:
        """Start the clock for the next request on this connection."""
        self.deadline = time.monotonic() + self.timeout
        self.received = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request did not arrive in time")
        self._sock.settimeout(left)
        count = self._sock.recv_into(buffer)
        self.received += count
        return count


def read_body(headers: Message, rfile: BinaryIO, seconds: float) -> bytes:
    """The request body, as its headers announce it; :class:`BodyError` if it cannot be.

    ``seconds`` is the socket timeout, named in the error when the body comes too slowly.
    """
    reader = _Counted(rfile)
    try:
        encoding = headers.get("Transfer-Encoding")
        lengths = headers.get_all("Content-Length") or []
        if encoding is None:
            return reader.exactly(_content_length(lengths))
        if lengths:  # both at once is how requests are smuggled past proxies
            raise BodyError(
                400,
                "The request has both Content-Length and Transfer-Encoding: send one of them.",
            )
        if encoding.strip().lower() != "chunked":
            raise BodyError(
                400,
                f"Transfer-Encoding {encoding!r} is not supported: send the body with a "
                "Content-Length, or chunked.",
            )
        return _chunked(reader)
    except TimeoutError:
        raise BodyError(
            408,
            f"The request body did not arrive within {seconds:g} s ({reader.count} bytes "
            "came). Send the whole request at once; fcplayground serve --timeout sets this "
            "limit.",
        ) from None


def too_large() -> BodyError:
    """The error for a body past :data:`MAX_BODY`."""
    return BodyError(
        413,
        f"The request body is larger than {MAX_BODY // 2**20} MB, the offline server's "
        "limit. Send a smaller request.",
    )


def _content_length(values: list[str]) -> int:
    if not values:
        return 0
    texts = {value.strip() for value in values}
    if len(texts) > 1:
        raise BodyError(400, f"The request has conflicting Content-Length headers: {values}.")
    text = texts.pop()
    # ascii digits only: int() would also take "+5", " 5", "٥" and 5,000-digit numbers
    if not (text.isascii() and text.isdigit() and len(text) <= 20):
        raise BodyError(
            400, f"The request's Content-Length {text[:40]!r} is not a number of bytes."
        )
    length = int(text)
    if length > MAX_BODY:
        raise too_large()
    return length


def _chunked(reader: _Counted) -> bytes:
    body = bytearray()
    while size := _chunk_size(reader.line()):
        if len(body) + size > MAX_BODY:
            raise too_large()
        body += reader.exactly(size)
        if reader.line() not in (b"\r\n", b"\n"):
            raise BodyError(400, "A chunk of the request body is longer than its size says.")
    for _ in range(MAX_TRAILERS):
        if reader.line() in (b"\r\n", b"\n"):
            return bytes(body)
    raise BodyError(400, f"The chunked body has more than {MAX_TRAILERS} trailer lines.")


def _chunk_size(line: bytes) -> int:
    text = line.split(b";", 1)[0].strip()
    # hex digits only: int(..., 16) would also take "-1", "+f" and "0x10"
    if not text or len(text) > 16 or not _HEX.issuperset(text):
        shown = text[:40].decode("latin-1")
        raise BodyError(
            400, f"The chunk size {shown!r} is not a hexadecimal number of bytes (e.g. 1a)."
        )
    return int(text, 16)


class _Counted:
    """Reads from ``rfile``, counting bytes, and failing clearly where the body ends early."""

    def __init__(self, rfile: BinaryIO) -> None:
        self._rfile, self.count = rfile, 0

    def line(self) -> bytes:
        line = self._rfile.readline(MAX_LINE + 1)
        self.count += len(line)
        if not line.endswith(b"\n"):
            problem = "ends" if len(line) <= MAX_LINE else "has a line too long"
            raise BodyError(400, f"The chunked request body {problem} before its last chunk.")
        return line

    def exactly(self, length: int) -> bytes:
        got = bytearray()
        while len(got) < length:
            piece = self._rfile.read1(min(_PIECE, length - len(got)))  # type: ignore[attr-defined]
            if not piece:
                raise BodyError(
                    400,
                    f"The request body ended after {len(got)} of the {length} bytes announced.",
                )
            got += piece
            self.count += len(piece)
        return bytes(got)
