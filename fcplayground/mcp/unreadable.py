"""Messages a server cannot read, and the JSON-RPC errors that answer them.

JSON-RPC 2.0 answers a message that cannot be parsed with -32700 Parse error, and one that
parses but is neither a request, a notification nor a response with -32600 Invalid Request,
with ``"id": null`` when the id cannot be read. The SDK's stdio transport drops such a line
without a word (the client's call then waits out its whole timeout), so the stdio server
reads its lines here; over HTTP the SDK answers them, except for a body over its size limit.
"""

from __future__ import annotations

import enum
import json
import re
from dataclasses import dataclass

import mcp_types as types
from pydantic import ValidationError

# How much of a message its id is looked for in: ids come first in what clients send
# ({"jsonrpc", "id", "method", "params"}), and a bounded look costs the same for any size.
HEAD = 4096
# The fixed words pydantic-core (jiter) reports a parse stopped by its depth limit with:
# the parser's only sign of that fault, kept true by tests/test_mcp_unreadable.py.
_TOO_DEEP = "recursion limit exceeded"
# One JSON token: a string (possibly cut short at the end of the head), a bracket or a
# separator, or a run of other characters (a number, true, false, null). Possessive
# quantifiers, so each byte is looked at once whatever the input.
_TOKEN = re.compile(rb'"(?:[^"\\]++|\\.)*+"?|[{}\[\]:,]|[^\s"{}\[\]:,]++')
_INTEGER = re.compile(rb"-?(?:0|[1-9][0-9]{0,17})")
_OPEN, _CLOSE = (b"{", b"["), (b"}", b"]")


class Fault(enum.Enum):
    """Why a message could not be read."""

    TOO_LARGE = "too large"
    TOO_DEEP = "nested too deeply"
    NOT_JSON = "not JSON"
    NOT_A_MESSAGE = "not a JSON-RPC message"


@dataclass(frozen=True)
class Unreadable:
    """A message that could not be read: why, the reader's own words, and the id of the
    request it was, when that could be read safely (else None: ``"id": null``)."""

    fault: Fault
    message: str
    request_id: types.RequestId | None = None

    def error(self) -> types.JSONRPCError:
        """The JSON-RPC error that answers it."""
        code = types.INVALID_REQUEST if self.fault is Fault.NOT_A_MESSAGE else types.PARSE_ERROR
        data = types.ErrorData(code=code, message=self.message)
        return types.JSONRPCError(jsonrpc="2.0", id=self.request_id, error=data)


def too_large(size: int | None, limit: int, head: bytes = b"") -> Unreadable:
    """A message over ``limit`` bytes, not read: ``size`` bytes (None: not known, as for a
    chunked HTTP body, which is read no further), beginning with ``head``."""
    how_big = "" if size is None else f" {size} bytes,"
    return Unreadable(
        Fault.TOO_LARGE,
        f"Parse error: the message is{how_big} over this server's limit of {limit} bytes "
        f"({limit / 2**20:g} MiB), so it was not read. Send smaller arguments, or pass large "
        "data another way (a path or a URL the tool can read).",
        request_id(head),
    )


def read_message(line: bytes) -> types.JSONRPCMessage | Unreadable:
    """One line (one message) as the JSON-RPC message it holds, or why it is unreadable.

    Text that is not UTF-8 is read with U+FFFD in its place, as the SDK reads it."""
    try:
        text = line.decode("utf-8", errors="replace")
        return types.jsonrpc_message_adapter.validate_json(text, by_name=False)
    except ValidationError as exc:
        return _why(exc, line[:HEAD])


def _why(exc: ValidationError, head: bytes) -> Unreadable:
    first = exc.errors(include_url=False)[0]
    if first["type"] != "json_invalid":  # JSON, but not the shape of a message
        return Unreadable(
            Fault.NOT_A_MESSAGE,
            "Invalid Request: the message is JSON but not a JSON-RPC 2.0 message. It needs "
            '"jsonrpc": "2.0" and a "method" (a request, with an "id", or a notification), '
            'or an "id" with a "result" or an "error" (a response).',
            request_id(head),
        )
    said = str(first.get("ctx", {}).get("error", first["msg"]))
    if said.startswith(_TOO_DEEP):
        return Unreadable(
            Fault.TOO_DEEP,
            f"Parse error: the message is nested too deeply to read ({said}); at most about "
            "200 levels of arrays and objects can be read. Send flatter JSON.",
            request_id(head),
        )
    return Unreadable(
        Fault.NOT_JSON,
        f"Parse error: the message is not JSON ({said}). Send one JSON-RPC message per line.",
        request_id(head),
    )


def request_id(head: bytes) -> types.RequestId | None:
    """The id of the request whose first bytes are ``head``, read without parsing it: only
    from the top level of one JSON object that shows both an ``"id"`` (an integer or a
    string) and a ``"method"`` there. None otherwise, so that an argument named id, or a
    response's id (one of the server's own requests), is never taken for the client's."""
    found = _top_level_values(head)
    if b'"method"' not in found:
        return None
    value = found.get(b'"id"', b"")
    if _INTEGER.fullmatch(value):
        return int(value)
    if len(value) < 2 or not value.startswith(b'"') or not value.endswith(b'"'):
        return None
    try:
        text = json.loads(value)
    except ValueError:  # cut short, or a bad escape
        return None
    return text if isinstance(text, str) else None


def _top_level_values(head: bytes) -> dict[bytes, bytes]:
    """Each key of the top-level object in ``head`` whose value is a string or a scalar
    there, with that value's text (keys and strings with their quotes), in one pass."""
    found: dict[bytes, bytes] = {}
    depth, key, previous = 0, b"", b""
    for match in _TOKEN.finditer(head):
        token = match.group()
        if token in _OPEN:
            if depth == 0 and (previous or token != b"{"):
                return {}  # not one JSON object: an array (a batch), or garbage
            depth += 1
        elif token in _CLOSE:
            depth -= 1
            if depth <= 0:
                break
        elif depth == 1 and previous in (b"{", b",") and token.startswith(b'"'):
            key = token
        elif depth == 1 and previous == b":" and key:
            found.setdefault(key, token)
        previous = token
    return found
