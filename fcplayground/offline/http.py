"""The HTTP side of the offline server: the request handler of one connection and the
routes it answers. The socket server it runs in is :mod:`fcplayground.offline.http_listener`;
:class:`~fcplayground.offline.server.Server` runs both."""

from __future__ import annotations

import io
import json
import re
import socket
import time
import traceback
from collections.abc import Iterator
from contextlib import suppress
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any

import httpx2

from . import model_list, token_counts
from .handler import ROUTES, Reply, api_of, error_reply
from .http_reading import MAX_BODY as MAX_BODY  # re-exported: the size cap
from .http_reading import BodyError, DeadlineSocket, read_body

if TYPE_CHECKING:
    from .http_listener import _HTTPServer

LINGER = 2.0  # seconds spent draining a rejected body, so the client reads why


class _Handler(BaseHTTPRequestHandler):
    """One HTTP connection. Headers are read but never logged: they carry API keys.

    Every method (GET, POST, HEAD, PUT, anything) goes to :meth:`_dispatch`, and every
    error, the HTTP layer's own included, is sent in the format of the endpoint it hit.
    """

    protocol_version = "HTTP/1.1"  # keep-alive, and chunked streams
    # Without it, a reply written in two packets waits for the client's delayed ACK (~40 ms).
    disable_nagle_algorithm = True
    server: _HTTPServer

    def version_string(self) -> str:
        return "fcplayground"

    def setup(self) -> None:
        self.timeout = self.server.app.timeout  # StreamRequestHandler sets it on the socket
        super().setup()
        self.rfile.close()  # replaced by one that keeps the whole request to a deadline
        self._clock = DeadlineSocket(self.connection, self.timeout)
        self.rfile = io.BufferedReader(self._clock)
        self._sent = False
        self.server.connections.add(self.connection)

    def finish(self) -> None:
        self.server.connections.discard(self.connection)
        super().finish()

    def handle_one_request(self) -> None:
        self._clock.restart()  # this request, line, headers and body, gets `timeout` seconds
        self._sent = False
        super().handle_one_request()

    def __getattr__(self, name: str) -> Any:
        # The stdlib looks up do_<METHOD> and answers 501 HTML when it is missing.
        if name.startswith("do_"):
            return self._dispatch
        raise AttributeError(name)

    # -- answering ----------------------------------------------------------------------

    def _dispatch(self) -> None:
        start = time.perf_counter()
        try:
            status = self._answer()
        except (ConnectionError, TimeoutError):
            self.close_connection = True
            status = "client gone"
        except Exception as e:  # a bug here must not look like a hung server
            self._log_traceback()
            self.close_connection = True
            status = "server error"
            if not self._sent:
                status = self._error(500, f"The offline server failed: {type(e).__name__}: {e}")
        ms = (time.perf_counter() - start) * 1000
        # The path without its query: a query string may carry a key (?key=...).
        self.server.app.write_log(f"{self.command} {self._path()} {status} {ms:.1f} ms")

    def _answer(self) -> int | str:
        policy, origin = self.server.app.policy, self.headers.get("Origin")
        if not policy.host_allowed(host := self.headers.get("Host")):
            self.close_connection = True
            return self._error(403, policy.host_refusal(host or ""))
        if origin is not None and not policy.origin_allowed(origin):
            self.close_connection = True
            return self._error(403, policy.origin_refusal(origin))
        try:
            body = read_body(self.headers, self.rfile, self.timeout)
        except BodyError as e:
            self.close_connection = True  # the rest of the body is unread: the stream is lost
            status = self._error(e.status, e.message)
            self._linger()
            return status
        if self.command == "OPTIONS" and origin is not None:
            return self._preflight()
        if self.command in ("GET", "HEAD") and (page := self._page()) is not None:
            return self._send_json(200, page)
        try:
            # The query goes along: the handler keeps its paging parameters, nothing else.
            query = getattr(self, "path", "").partition("?")[2].partition("#")[0]
            reply = self.server.app.answer(
                self.command, f"{_route(self._path())}?{query}", body, dict(self.headers.items())
            )
        except httpx2.TimeoutException:
            # An injected timeout ("timeout" fault): like a provider that never answers,
            # send nothing; the client sees the connection end without a reply.
            self.close_connection = True
            return "no reply (injected timeout)"
        if reply.headers.get("content-type", "").startswith("text/event-stream"):
            return self._stream(reply)
        return self._send(reply.status, reply.body, reply.headers)

    def _linger(self) -> None:
        """Read and drop what the client is still sending (for up to LINGER seconds), so
        that the error just written reaches it rather than being lost to a reset."""
        with suppress(OSError):
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_WR)
            self._clock.deadline = min(self._clock.deadline, time.monotonic() + LINGER)
            drained = 0
            while drained < MAX_BODY and (piece := self.rfile.read1(65536)):
                drained += len(piece)

    def _page(self) -> dict[str, Any] | None:
        """The server's own GET pages: its description and the model list."""
        path = self._path().rstrip("/") or "/"
        if path in ("/", "/health"):
            return self._about()
        if _route(path) != model_list.PATH:
            return None
        return _models(self.headers.get("anthropic-version") is not None)

    def _preflight(self) -> int:
        """A browser's CORS preflight, from an origin ``--cors`` allows."""
        asked = self.headers.get("Access-Control-Request-Headers", "*")
        self._head(204, {})
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        # "*" does not cover Authorization in browsers: echo what was asked for.
        self.send_header("Access-Control-Allow-Headers", asked)
        self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Content-Length", "0")
        self.end_headers()
        return 204

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The stdlib's own errors (a malformed request line, headers too long), in the
        endpoint's JSON rather than its HTML page."""
        self.log_error("code %d, message %s", code, message)
        self.close_connection = True
        if self.request_version == "HTTP/0.9":  # not parsed yet: a status line still helps
            self.request_version = "HTTP/1.1"
        text = message or HTTPStatus(code).phrase
        self._error(code, f"{text}: {explain}" if explain else f"{text}.")

    # -- reading ------------------------------------------------------------------------

    def _path(self) -> str:
        target = getattr(self, "path", None)
        if target is None:  # the stdlib refused the request line before taking its path
            words = getattr(self, "raw_requestline", b"").split()
            target = words[1].decode("latin-1") if len(words) > 1 else "/"
        return _target_path(target)

    # -- writing ------------------------------------------------------------------------

    def _error(self, status: int, message: str) -> int:
        """An HTTP-layer error in the format of the endpoint hit; never worth a retry."""
        api = api_of(_route(self._path()))
        reply = error_reply(api, status, _kind(api, status), message, retry=False)
        return self._send(reply.status, reply.body, reply.headers)

    def _head(self, status: int, headers: dict[str, str]) -> None:
        self.connection.settimeout(self.timeout)  # a write gets the full timeout again
        self._sent = True
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        headers = getattr(self, "headers", None)  # unset when the request line was refused
        origin = headers.get("Origin") if headers is not None else None
        if origin is not None and self.server.app.policy.origin_allowed(origin):
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Access-Control-Expose-Headers", "request-id, x-request-id")
            self.send_header("Vary", "Origin")

    def _send(self, status: int, body: bytes, headers: dict[str, str]) -> int:
        self._head(status, headers)
        self.send_header("Content-Length", str(len(body)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
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
            "endpoints": [f"POST {path}" for path in [*ROUTES, *token_counts.APIS]]
            + ["GET /v1/models"],
            "api_key": "any value is accepted, none is checked or logged",
        }

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Silenced: :meth:`_dispatch` writes one line per request instead."""

    def _log_traceback(self) -> None:
        for line in traceback.format_exc().splitlines():
            self.server.app.write_log(line)

    def log_message(self, format: str, *args: Any) -> None:
        # Only the standard library's own errors (a malformed request line, a timeout) get
        # here; a query string there might carry a key, so it is cut.
        if format.startswith("Request timed out"):
            if not self._clock.received:
                return  # an idle keep-alive connection closed: normal, not worth a line
            format, args = "dropped a request that did not arrive within %g s", (self.timeout,)
        line = re.sub(r"\?[^\s'\"]*", "?...", format % args)
        self.server.app.write_log(f"{self.address_string()} {line}")


def _kind(api: str, status: int) -> str:
    """The error ``type`` each provider gives an HTTP-layer error of this status."""
    if status >= 500:
        return "api_error"
    if status == 413 and api == "anthropic":
        return "request_too_large"
    if status == 403 and api == "anthropic":
        return "permission_error"
    return "invalid_request_error"


def _target_path(target: str) -> str:
    """The path of a request target, without query or fragment (never raises: the target
    is the client's text, and ``urlsplit`` rejects some, such as ``//[x``)."""
    path = target.partition("?")[0].partition("#")[0]
    if "://" in path:  # the absolute form a proxy sends: http://host/v1/messages
        path = "/" + path.partition("://")[2].partition("/")[2]
    return path or "/"


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


def _models(anthropic: bool = False) -> dict[str, Any]:
    """The model list: Anthropic's page for a client that sends ``anthropic-version``,
    else OpenAI's list. Any model name is answered; these are the defaults."""
    return model_list.page(anthropic)
