"""A stdio server's stdout as lines, split in linear time, with a cap on one line's length.

Each chunk is searched for newlines once and kept until its line ends; a line is joined
once, when its newline arrives. (The SDK's reader joins its whole buffer again for every
chunk, quadratic in a line's length: a 20 MB answer took 10 s and more, and held up every
answer behind it.) A line over the cap keeps only its first and last bytes, so the rest
is never held in memory; they are enough to tell which request it answers."""

from __future__ import annotations

import enum
import json
import re
from dataclasses import dataclass

from mcp_types import RequestId

# The longest message (one line) read from a server: far more than any answer a model can
# use (a registry cuts a result to 20,000 characters), and a bound on what a hostile
# server can make this process hold. A tool's text result can travel twice in its answer
# (as content and as structured content), so a 20 MB result is a 40 MB message. A longer
# one is dropped, and its call told why.
MAX_MESSAGE = 64 * 1024 * 1024
# How many bytes of each end of a line are kept to tell what it is, once it is over the cap.
ENDS = 4096

# A request id as the SDKs send it: a number, or a string without escapes.
_ID = rb'(-?\d+|"[^"\\]*")'
_JSONRPC = rb'"jsonrpc"\s*:\s*"2\.0"\s*,\s*'
# An answer whose id comes first (the Python, Go and Rust SDKs: jsonrpc, id, result) ...
_ID_FIRST = re.compile(
    rb"\s*\{\s*(?:" + _JSONRPC + rb')?"id"\s*:\s*' + _ID + rb'\s*,\s*"(?:result|error)"'
)
# ... or last (the TypeScript SDK: result, jsonrpc, id), read from the line's end.
_RESULT_FIRST = re.compile(rb'\s*\{\s*"(?:result|error)"\s*:')
_ID_LAST = re.compile(rb'"id"\s*:\s*' + _ID + rb'\s*(?:,\s*"jsonrpc"\s*:\s*"2\.0"\s*)?\}\s*\Z')
# A request or a notification from the server (it has a method, whatever its id).
_FROM_SERVER = re.compile(
    rb"\s*\{\s*(?:" + _JSONRPC + rb')?(?:"id"\s*:\s*' + _ID + rb'\s*,\s*)?"method"'
)


class Kind(enum.Enum):
    """What a line that cannot be read as a message was meant to be, from its ends."""

    ANSWER = "answer"  # to the request whose id it names
    FROM_SERVER = "from server"  # a request or notification of the server's own
    UNKNOWN = "unknown"  # neither can be told: not JSON-RPC, or of an unusual shape


@dataclass(frozen=True)
class Line:
    """One line without its newline: whole, or only its ends when it is over the cap."""

    data: bytes  # the whole line, or its first ENDS bytes when it was cut
    size: int  # its length in bytes
    last: bytes = b""  # its last ENDS bytes, when it was cut

    @property
    def cut(self) -> bool:
        """Whether the line was over the cap, so that only its ends were kept."""
        return self.size > len(self.data)

    @property
    def tail(self) -> bytes:
        """The line's last bytes (at most ENDS)."""
        return self.last if self.cut else self.data[-ENDS:]

    def kind(self) -> tuple[Kind, RequestId | None]:
        """What the line was meant to be, and the id of the request it answers if any."""
        head = self.data[:ENDS]
        if found := _ID_FIRST.match(head):
            return Kind.ANSWER, _request_id(found.group(1))
        if _RESULT_FIRST.match(head) and (found := _ID_LAST.search(self.tail)):
            return Kind.ANSWER, _request_id(found.group(1))
        if _FROM_SERVER.match(head):
            return Kind.FROM_SERVER, None
        return Kind.UNKNOWN, None


def _request_id(text: bytes) -> RequestId:
    value = json.loads(text)
    return value if isinstance(value, int | str) else str(value)


class LineSplitter:
    """Splits the bytes of a stream into :class:`Line`, each at most ``cap`` bytes kept."""

    def __init__(self, cap: int = MAX_MESSAGE) -> None:
        self._cap = cap
        self._parts: list[bytes] = []  # the line so far, while it is within the cap
        self._size = 0
        self._head = b""  # once over the cap: its first and last bytes only
        self._last = b""

    def feed(self, chunk: bytes) -> list[Line]:
        """The lines that ``chunk`` ends (an unfinished one waits for the next chunk)."""
        lines: list[Line] = []
        start = 0
        while (end := chunk.find(b"\n", start)) >= 0:
            self._add(chunk[start:end])
            if self._size:  # blank lines carry nothing
                lines.append(self._finish())
            start = end + 1
        self._add(chunk[start:])
        return lines

    def _add(self, piece: bytes) -> None:
        if not piece:
            return
        self._size += len(piece)
        if self._size <= self._cap:
            self._parts.append(piece)
            return
        if self._parts or not self._head:  # over the cap from now on: keep its ends only
            joined = b"".join(self._parts)
            self._head = (joined[:ENDS] + piece[:ENDS])[:ENDS]
            self._last = joined[-ENDS:]
            self._parts = []
        self._last = (self._last + piece[-ENDS:])[-ENDS:]

    def _finish(self) -> Line:
        if self._parts:
            line = Line(b"".join(self._parts), self._size)
        else:
            line = Line(self._head, self._size, self._last)
        self._parts, self._size, self._head, self._last = [], 0, b"", b""
        return line
