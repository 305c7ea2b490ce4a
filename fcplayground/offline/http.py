"""The HTTP side of the offline server: the socket server, its request handler and the
routes it answers; :class:`~fcplayground.offline.server.Server` runs it."""

from __future__ import annotations

import errno
import json
import re
import socket
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx2

from ..settings import model_for
from .handler import CREATED, ROUTES, Reply

if TYPE_CHECKING:
    from .server import Server

MAX_BODY = 32 * 1024 * 1024  # 32 MB: far above any lesson's request; stops a runaway upload


class PortInUseError(OSError):
    """The port is taken (often by another ``fcplayground serve``)."""

    def __init__(self, host: str, port: int) -> None:
        super().__init__(
            errno.EADDRINUSE,
            f"Port {port} on {host} is already in use (perhaps another fcplayground serve). "
            f"Stop whatever is using it, or pick another port: fcplayground serve --port "
            f"{port + 1} (or --port 0 for any free port).",
        )
        self.host, self.port = host, port

    def __str__(self) -> str:
        return str(self.strerror)


class _TooLarge(Exception):
    """A chunked request body past :data:`MAX_BODY`."""


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True  # a stuck client never keeps the process alive

    def __init__(self, address: tuple[str, int], app: Server) -> None:
        self.app = app
        self.connections: set[socket.socket] = set()
        super().__init__(address, _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hangs up (reset, broken pipe) is normal, not worth a traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _bind(host: str, port: int, app: Server) -> _HTTPServer:
    """Bind, turning the usual failures into messages that say what to do."""
    server_class = _HTTPServer
    if ":" in host:  # an IPv6 literal such as ::1
        server_class = type("_HTTPServer6", (_HTTPServer,), {"address_family": socket.AF_INET6})
    try:
        return server_class((host, port), app)
    except OSError as e:
        if e.errno == errno.EADDRINUSE:
            raise PortInUseError(host, port) from None
        if e.errno == errno.EACCES:
            raise OSError(
                e.errno,
                f"Not allowed to listen on port {port}: ports below 1024 need root. "
                "Use a higher one, e.g. --port 8000.",
            ) from None
        if isinstance(e, socket.gaierror) or e.errno == errno.EADDRNOTAVAIL:
            raise OSError(
                e.errno,
                f"Cannot listen on host {host!r}: it is not an address of this machine. "
                "Use 127.0.0.1 (the default).",
            ) from None
        raise


class _Handler(BaseHTTPRequestHandler):
    """One HTTP connection. Headers are read but never logged: they carry API keys."""

    protocol_version = "HTTP/1.1"  # keep-alive, and chunked streams
    # Without it, a reply written in two packets waits for the client's delayed ACK (~40 ms).
    disable_nagle_algorithm = True
    server: _HTTPServer

    def version_string(self) -> str:
        return "fcplayground"

    def setup(self) -> None:
        super().setup()
        self.server.connections.add(self.connection)

    def finish(self) -> None:
        self.server.connections.discard(self.connection)
        super().finish()

    # -- methods ------------------------------------------------------------------------

    def do_POST(self) -> None:
        self._timed(self._post)

    def do_GET(self) -> None:
        self._timed(self._get)

    def do_OPTIONS(self) -> None:
        """A browser's CORS preflight: allow any page to call (nothing here is secret)."""

        def preflight() -> int:
            asked = self.headers.get("Access-Control-Request-Headers", "*")
            self.send_response(204)
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            # "*" does not cover Authorization in browsers: echo what was asked for.
            self.send_header("Access-Control-Allow-Headers", asked)
            self.send_header("Access-Control-Max-Age", "600")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return 204

        self._timed(preflight)

    def _timed(self, answer: Callable[[], int | str]) -> None:
        start = time.perf_counter()
        try:
            status = answer()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
            status = "client gone"
        ms = (time.perf_counter() - start) * 1000
        # The path without its query: a query string may carry a key (?key=...).
        self.server.app.write_log(f"{self.command} {self._path()} {status} {ms:.1f} ms")

    def _post(self) -> int | str:
        body = self._body()
        if body is None:
            return "rejected: unreadable body"
        try:
            reply = self.server.app.answer("POST", _route(self._path()), body)
        except httpx2.TimeoutException:
            # An injected timeout ("timeout" fault): like a provider that never answers,
            # send nothing; the client sees the connection end without a reply.
            self.close_connection = True
            return "no reply (injected timeout)"
        except Exception as e:  # a bug must not look like a hung server
            self.server.app.write_log(traceback.format_exc())
            message = f"The offline server failed: {type(e).__name__}: {e}"
            return self._send_json(500, {"error": {"message": message, "type": "server_error"}})
        if reply.headers.get("content-type", "").startswith("text/event-stream"):
            return self._stream(reply)
        return self._send(reply.status, reply.body, reply.headers)

    def _get(self) -> int:
        path = self._path().rstrip("/") or "/"
        if path in ("/", "/health"):
            return self._send_json(200, self._about())
        if _route(path) == "/v1/models":
            return self._send_json(200, _models())
        reply = self.server.app.answer("GET", path, b"")  # the provider's own 404
        return self._send(reply.status, reply.body, reply.headers)

    # -- reading ------------------------------------------------------------------------

    def _path(self) -> str:
        return urlsplit(self.path).path or "/"

    def _body(self) -> bytes | None:
        """The request body, or ``None`` after answering why it cannot be read."""
        try:
            if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
                return self._chunked_body()
            length = int(self.headers.get("Content-Length") or 0)
            if length < 0:
                raise ValueError(length)
        except ValueError:
            return self._unreadable(400, "The request's Content-Length or chunk sizes are invalid.")
        except _TooLarge:
            return self._unreadable(413, "The request body is larger than 32 MB.")
        if length > MAX_BODY:
            return self._unreadable(413, "The request body is larger than 32 MB.")
        return self.rfile.read(length)

    def _chunked_body(self) -> bytes:
        parts, total = [], 0
        while size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16):
            total += size
            if total > MAX_BODY:
                raise _TooLarge
            parts.append(self.rfile.read(size))
            self.rfile.readline()  # the CRLF after each chunk
        while self.rfile.readline().strip():  # trailers, then the blank line
            pass
        return b"".join(parts)

    def _unreadable(self, status: int, message: str) -> None:
        self.close_connection = True  # the rest of the body is unread: the stream is lost
        self._send_json(status, {"error": {"message": message, "type": "invalid_request_error"}})
        return None

    # -- writing ------------------------------------------------------------------------

    def _head(self, status: int, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Access-Control-Allow-Origin", "*")

    def _send(self, status: int, body: bytes, headers: dict[str, str]) -> int:
        self._head(status, headers)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return status

    def _send_json(self, status: int, payload: Any) -> int:
        body = json.dumps(payload, indent=2).encode() + b"\n"
        return self._send(status, body, {"content-type": "application/json"})

    def _stream(self, reply: Reply) -> int:
        """Write an SSE body one event at a time, flushed, so clients see each as it comes."""
        chunked = self.request_version != "HTTP/1.0"
        self._head(reply.status, reply.headers)
        self.send_header("Cache-Control", "no-cache")
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:  # HTTP/1.0 has no chunks: the end of the stream is the end of the connection
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        try:
            for event in _events(reply.body):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(event), event) if chunked else event)
                self.wfile.flush()
            if chunked:
                self.wfile.write(b"0\r\n\r\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client stopped reading: fine
        return reply.status

    def _about(self) -> dict[str, Any]:
        app = self.server.app
        return {
            "service": "fcplayground offline provider",
            "model": f"{type(app.model).__name__} (a simulated model, not GPT or Claude)",
            "openai_base_url": app.openai_base_url,
            "anthropic_base_url": app.anthropic_base_url,
            "endpoints": [f"POST {path}" for path in ROUTES] + ["GET /v1/models"],
            "api_key": "any value is accepted, none is checked or logged",
        }

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Silenced: :meth:`_timed` writes one line per request instead."""

    def log_message(self, format: str, *args: Any) -> None:
        # Only the standard library's own errors (a malformed request line) get here; a
        # query string there might carry a key, so it is cut.
        line = re.sub(r"\?[^\s'\"]*", "?...", format % args)
        self.server.app.write_log(f"{self.address_string()} {line}")


def _route(path: str) -> str:
    """Tolerate a base URL with one ``/v1`` too few or too many."""
    path = path.rstrip("/")
    if path.startswith("/v1/v1/"):
        path = path[3:]  # Anthropic's base_url given with /v1
    elif not path.startswith("/v1/") and path != "/v1":
        path = "/v1" + path  # OpenAI's base_url given without /v1
    return path


def _events(body: bytes) -> Iterator[bytes]:
    """The SSE frames of ``body``, each with its blank line (a cut-off last one as it is)."""
    start = 0
    while (end := body.find(b"\n\n", start)) != -1:
        yield body[start : end + 2]
        start = end + 2
    if start < len(body):
        yield body[start:]


def _models() -> dict[str, Any]:
    """A tiny OpenAI-style model list. Any model name is answered; these are the defaults."""
    return {
        "object": "list",
        "data": [
            {
                "id": model_for(provider),
                "object": "model",
                "created": CREATED,
                "owned_by": "fcplayground",
            }
            for provider in ("openai", "anthropic")
        ],
    }
