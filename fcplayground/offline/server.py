"""The offline provider over real HTTP, for curl, JavaScript or any other client.

The same pure handler that answers the in-process SDK clients
(:func:`fcplayground.offline.handler.handle`) sits behind a small standard-library server:

>>> with Server() as server:                        # a free port on 127.0.0.1
...     client = openai.OpenAI(base_url=server.openai_base_url, api_key="anything")

``fcplayground serve`` runs :func:`serve`. Any API key is accepted and none is ever logged.
"""

from __future__ import annotations

import errno
import json
import re
import signal
import socket
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TextIO
from urllib.parse import urlsplit

import httpx2

from ..models import Model, SimulatedModel
from ..settings import model_for
from .handler import CREATED, ROUTES, Reply, handle

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
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


class Server:
    """An HTTP server answering the three provider APIs with ``model``.

    The socket is bound on construction (so :attr:`url` is known, even with ``port=0``);
    :meth:`start` serves from a background thread, :meth:`serve_forever` from this one.
    As a context manager it starts on entry and closes on exit.
    """

    def __init__(
        self,
        model: Model | None = None,
        host: str = DEFAULT_HOST,
        port: int = 0,
        quiet: bool = True,
        log: TextIO | None = None,
    ) -> None:
        # jsonschema is slow to import: pay for it now, not inside the first request.
        import jsonschema  # noqa: F401

        self.model: Model = model or SimulatedModel()
        self.quiet = quiet
        self._log = log  # None: whatever sys.stderr is when a line is written
        self._lock = threading.Lock()  # models keep state (history, scripts): one at a time
        self._thread: threading.Thread | None = None
        self._serving = False
        self._httpd = _bind(host, port, self)

    # -- addresses ----------------------------------------------------------------------

    @property
    def host(self) -> str:
        return str(self._httpd.server_address[0])

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        """The base URL, e.g. ``http://127.0.0.1:8000`` (Anthropic's ``base_url``)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def openai_base_url(self) -> str:
        """The OpenAI SDK's ``base_url``: :attr:`url` plus ``/v1``."""
        return f"{self.url}/v1"

    @property
    def anthropic_base_url(self) -> str:
        """The Anthropic SDK's ``base_url``: :attr:`url` itself."""
        return self.url

    # -- running ------------------------------------------------------------------------

    def start(self) -> Server:
        """Serve from a daemon thread; returns ``self``."""
        if self._thread is None:
            self._serving = True
            self._thread = threading.Thread(
                target=self._httpd.serve_forever, args=(0.1,), name="fcplayground-serve"
            )
            self._thread.daemon = True
            self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve from the calling thread until :meth:`close` or Ctrl-C."""
        self._serving = True
        self._httpd.serve_forever(poll_interval=0.1)

    def close(self) -> None:
        """Stop serving, drop open connections and release the port."""
        if self._serving:
            self._httpd.shutdown()  # waits for the serving loop, which never started otherwise
            self._serving = False
        for connection in list(self._httpd.connections):
            # Keep-alive connections would otherwise sit in their threads after we stop.
            with suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Server {self.url} model={getattr(self.model, 'name', '?')}>"

    # -- used by the request handler ----------------------------------------------------

    def answer(self, method: str, path: str, body: bytes) -> Reply:
        """The provider's reply to one request (the handler, one request at a time)."""
        with self._lock:
            return handle(self.model, method, path, body)

    def write_log(self, line: str) -> None:
        if not self.quiet:
            print(line, file=self._log or sys.stderr, flush=True)


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


def banner(server: Server) -> str:
    """What to point a client at, with a curl example."""
    return "\n".join(
        [
            f"fcplayground offline provider on {server.url} (the simulated model; any API key).",
            f"  OpenAI base URL:    {server.openai_base_url}",
            f"  Anthropic base URL: {server.anthropic_base_url}",
            f"  Try: curl {server.openai_base_url}/chat/completions "
            "-H 'Content-Type: application/json' "
            f'-d \'{{"model": "{model_for("openai")}", '
            '"messages": [{"role": "user", "content": "Hello"}]}\'',
            "Press Ctrl-C to stop.",
        ]
        + (
            []
            if server.host in ("127.0.0.1", "::1", "localhost")
            else [f"Note: listening on {server.host}, so other machines can reach it too."]
        )
    )


def serve(
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    model: Model | None = None,
    quiet: bool = False,
) -> None:
    """Serve until Ctrl-C or SIGTERM, printing the base URLs first.

    Raises :class:`PortInUseError` (or another ``OSError`` with a clear message) when the
    address cannot be bound.
    """
    server = Server(model, host, port, quiet)
    print(banner(server), flush=True)
    with _sigterm_as_interrupt():
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.close()
    print("Stopped.", flush=True)


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM stops the server the way Ctrl-C does."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
