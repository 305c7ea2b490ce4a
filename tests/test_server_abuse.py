"""``fcplayground serve`` under abuse: slow, lying, oversized, foreign and concurrent
requests over a real socket on 127.0.0.1, each bounded in count and time."""

from __future__ import annotations

import contextlib
import io
import json
import os
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from fcplayground.chat import ModelTurn, Request
from fcplayground.models import SimulatedModel
from fcplayground.offline.handler import handle
from fcplayground.offline.server import Server

ROOT = Path(__file__).parents[1]
CHAT, MESSAGES = "/v1/chat/completions", "/v1/messages"
SMALL = json.dumps({"model": "m", "messages": [{"role": "user", "content": "Hi"}]}).encode()
GUARD = 10  # seconds: a hang guard, far beyond what any of these takes when it works


@pytest.fixture(scope="module")
def server():
    with Server(timeout=0.5) as running:
        yield running


def connect(server: Server) -> socket.socket:
    conn = socket.create_connection((server.host, server.port), timeout=GUARD)
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return conn


def read_all(conn: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection."""
    received = b""
    while data := conn.recv(65536):
        received += data
    return received


def exchange(server: Server, request: bytes, half_close: bool = False) -> bytes:
    with connect(server) as conn:
        conn.sendall(request)
        if half_close:
            conn.shutdown(socket.SHUT_WR)
        return read_all(conn)


def post_head(path: str, *headers: str, host: str = "127.0.0.1") -> bytes:
    lines = [f"POST {path} HTTP/1.1", f"Host: {host}", "Connection: close", *headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def parse(received: bytes) -> tuple[int, dict[str, str], bytes]:
    """(status, lower-cased headers, body) of the first reply in ``received``."""
    head, _, body = received.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.lower().split(": ", 1) for line in lines)
    return int(status_line.split()[1]), headers, body


def anthropic_error(received: bytes) -> tuple[int, dict[str, str], dict]:
    """Status, headers and error of an Anthropic-shaped error reply, checked for shape."""
    status, headers, body = parse(received)
    payload = json.loads(body)
    assert payload["type"] == "error" and payload["request_id"]
    assert headers["request-id"] and headers["x-should-retry"] == "false"
    return status, headers, payload["error"]


def openai_error(received: bytes) -> tuple[int, dict[str, str], dict]:
    status, headers, body = parse(received)
    error = json.loads(body)["error"]
    assert {"message", "type", "param", "code"} <= set(error)
    assert headers["x-request-id"] and headers["x-should-retry"] == "false"
    return status, headers, error


def closed_by_server(conn: socket.socket, within: float = GUARD) -> bool:
    """Whether the server ends the connection (EOF or reset) before ``within`` seconds."""
    conn.settimeout(within)
    try:
        return read_all(conn) is not None
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


# -- slow and half-sent requests --------------------------------------------------------


@pytest.mark.fault(
    "server",
    "a request announcing Content-Length: 1000 and sending 9 bytes",
    "a 408 in the endpoint's format once the socket timeout (10 s, --timeout) passes, "
    "saying how many bytes came",
)
def test_a_half_sent_body_is_answered_408_at_the_timeout(server):
    with connect(server) as conn:
        conn.sendall(post_head(MESSAGES, "Content-Length: 1000") + b'{"model":')
        status, _, error = anthropic_error(read_all(conn))
    assert status == 408
    assert "did not arrive within 0.5 s (9 bytes came)" in error["message"]
    assert "--timeout" in error["message"]


@pytest.mark.fault(
    "server",
    "a client sending its headers one byte at a time (slowloris)",
    "the connection is closed when the whole request has not arrived within the timeout, "
    "however slowly the bytes come",
)
def test_a_client_trickling_its_headers_is_dropped_at_the_deadline(server):
    trickle = b"X-Slow: " + b"a" * 200
    with connect(server) as conn:
        conn.sendall(b"POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        for byte in trickle:  # 200 bytes, 0.05 s apart: 10 s if never dropped
            readable, _, _ = select.select([conn], [], [], 0.05)
            if readable:
                break
            try:
                conn.send(bytes([byte]))
            except (BrokenPipeError, ConnectionResetError):
                break
        assert closed_by_server(conn, within=0.1)


@pytest.mark.fault(
    "server",
    "100 half-sent requests at once",
    "each is dropped at the socket timeout and its thread ends; other requests are answered",
)
def test_a_hundred_half_sent_requests_do_not_hold_their_threads(server):
    before = threading.active_count()
    conns = [connect(server) for _ in range(100)]
    try:
        for conn in conns:
            conn.sendall(b"POST /v1/chat/completions HTTP/1.1\r\nContent-Le")
        assert all(closed_by_server(conn) for conn in conns)
    finally:
        for conn in conns:
            conn.close()
    deadline = time.monotonic() + GUARD
    while threading.active_count() > before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert threading.active_count() <= before
    status, _, _ = parse(exchange(server, post_head(CHAT, f"Content-Length: {len(SMALL)}") + SMALL))
    assert status == 200


# -- lying and malformed bodies ---------------------------------------------------------


@pytest.mark.fault(
    "server",
    "a Content-Length smaller than the body sent",
    "the short body gets a 400 (not valid JSON) and the leftover bytes a JSON 400, "
    "never an HTML page",
)
def test_a_content_length_shorter_than_the_body_never_gets_an_html_page(server):
    head = f"POST {CHAT} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n"
    request = head.encode() + SMALL + b"\r\n"  # the leftover reads as a request line
    received = exchange(server, request)
    assert b"<html" not in received.lower() and b"<!doctype" not in received.lower()
    first, second = received.split(b"HTTP/1.1 ")[1:3]
    assert first.startswith(b"400 ") and b"not valid JSON" in first
    status, _, error = openai_error(b"HTTP/1.1 " + second)
    assert status == 400 and error["type"] == "invalid_request_error"


@pytest.mark.fault(
    "server",
    "a chunked body with a negative or non-hexadecimal chunk size (-1, +f, 0x10, zz)",
    "a 400 in the endpoint's format naming the chunk size; nothing is read past it",
)
@pytest.mark.parametrize("size", ["-1", "+f", "0x10", "zz"])
def test_a_chunk_size_that_is_not_hex_digits_gets_400(server, size):
    head = post_head(MESSAGES, "Transfer-Encoding: chunked")
    # -1 used to mean "read to the end of the stream": a whole upload past the size cap
    received = exchange(server, head + f"{size}\r\n".encode() + b"x" * 100_000, half_close=True)
    status, _, error = anthropic_error(received)
    assert status == 400 and error["type"] == "invalid_request_error"
    assert f"chunk size '{size}' is not a hexadecimal number" in error["message"]


@pytest.mark.fault(
    "server",
    "a chunked body whose chunks add up past the 32 MB cap",
    "a 413 in the endpoint's format (request_too_large on /v1/messages), read no further",
)
def test_chunks_past_the_size_cap_get_413_in_the_endpoints_format(server, monkeypatch):
    monkeypatch.setattr(
        "fcplayground.offline.http_reading.MAX_BODY", 64 * 1024
    )  # the cap, made small to test
    chunk = b"4000\r\n" + b"x" * 0x4000 + b"\r\n"
    received = exchange(server, post_head(MESSAGES, "Transfer-Encoding: chunked") + chunk * 5)
    status, _, error = anthropic_error(received)
    assert status == 413 and error["type"] == "request_too_large"
    assert "Send a smaller request" in error["message"]


@pytest.mark.fault(
    "server",
    "both Content-Length and Transfer-Encoding: chunked, or a Content-Length like +5 or 1_0",
    "a 400 in the endpoint's format saying what is wrong with the headers",
)
@pytest.mark.parametrize(
    ("headers", "says"),
    [
        (("Content-Length: 5", "Transfer-Encoding: chunked"), "send one of them"),
        (("Content-Length: +5",), "'+5' is not a number of bytes"),
        (("Content-Length: 1_0",), "'1_0' is not a number of bytes"),
        (("Transfer-Encoding: gzip",), "'gzip' is not supported"),
    ],
)
def test_contradictory_or_odd_body_headers_get_400(server, headers, says):
    received = exchange(server, post_head(MESSAGES, *headers) + b"0\r\n\r\n" + SMALL)
    status, _, error = anthropic_error(received)
    assert status == 400
    assert says in error["message"]


@pytest.mark.fault(
    "server",
    "a request line longer than 64 KB, or an unknown HTTP version",
    "an error in the endpoint's JSON format (414, 505), not the standard library's HTML page",
)
@pytest.mark.parametrize(
    ("request_line", "status"),
    [
        (b"POST /v1/messages?" + b"a" * 70_000 + b" HTTP/1.1", 414),
        (b"POST /v1/messages HTTP/2.5", 505),
    ],
    ids=["request line too long", "unknown version"],
)
def test_a_malformed_request_line_gets_json_not_html(server, request_line, status):
    received = exchange(server, request_line + b"\r\nHost: 127.0.0.1\r\n\r\n")
    got, _, error = anthropic_error(received)
    assert got == status
    assert error["message"]


# -- many clients at once, and one slow one --------------------------------------------


@pytest.mark.fault(
    "server",
    "200 clients connecting at the same moment",
    "all 200 are accepted at once (a listen backlog of 256) and answered",
)
def test_two_hundred_connects_before_the_server_accepts_all_get_answers():
    server = Server()  # bound and listening, not yet accepting: the backlog holds them
    conns: list[socket.socket] = []
    try:
        for _ in range(200):
            # with the stdlib's backlog of 5, the 7th connect waits on SYN retries
            conns.append(socket.create_connection((server.host, server.port), timeout=3))
        server.start()
        for conn in conns:
            conn.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        statuses = [parse(read_all(conn))[0] for conn in conns]
    finally:
        for conn in conns:
            conn.close()
        server.close()
    assert statuses == [200] * 200


@pytest.mark.fault(
    "server",
    "more connections at once than max_connections (512)",
    "the extra ones are closed at once, without a thread; the server answers again as "
    "soon as some end",
)
def test_connections_past_the_cap_are_closed_at_once_and_the_server_recovers():
    health = b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    with Server(max_connections=2, timeout=3 * GUARD) as server:
        held = [connect(server), connect(server)]
        extra = connect(server)
        assert closed_by_server(extra)  # long before the held ones' timeout
        extra.close()
        for conn in held:
            conn.close()
        deadline = time.monotonic() + GUARD
        received = b""
        while not received:  # refused until the held threads see their clients leave
            assert time.monotonic() < deadline
            with contextlib.suppress(ConnectionError):
                received = exchange(server, health)
    assert parse(received)[0] == 200


class GateModel:
    """Answers at once, except a request saying "slow", which waits for :attr:`release`."""

    name = "gate"

    def __init__(self) -> None:
        self.entered, self.release = threading.Event(), threading.Event()

    def respond(self, request: Request) -> ModelTurn:
        if any("slow" in m.content for m in request.messages):
            self.entered.set()
            assert self.release.wait(GUARD)
            return ModelTurn(text="slowly")
        return ModelTurn(text="quickly")


def chat_body(text: str) -> bytes:
    return json.dumps({"model": "m", "messages": [{"role": "user", "content": text}]}).encode()


@pytest.mark.fault(
    "server",
    "one request the model takes long to answer, beside a small one",
    "the small one is answered at once: requests run side by side, with no global lock",
)
def test_a_long_request_does_not_delay_a_short_one():
    model = GateModel()
    with Server(model=model) as server:
        slow_reply: list[bytes] = []
        slow_body = chat_body("answer slow")
        slow = threading.Thread(
            target=lambda: slow_reply.append(
                exchange(server, post_head(CHAT, f"Content-Length: {len(slow_body)}") + slow_body)
            )
        )
        slow.start()
        try:
            assert model.entered.wait(GUARD)
            body = chat_body("answer now")
            quick = exchange(server, post_head(CHAT, f"Content-Length: {len(body)}") + body)
            assert b'"quickly"' in quick
            assert slow.is_alive() and not slow_reply  # still waiting: nothing serialised
        finally:
            model.release.set()
            slow.join(GUARD)
    assert not slow.is_alive() and b'"slowly"' in slow_reply[0]


# -- browsers, Host names and methods ---------------------------------------------------


def get_health(server: Server, *headers: str) -> bytes:
    lines = ["GET /health HTTP/1.1", "Connection: close", *headers]
    return exchange(server, ("\r\n".join(lines) + "\r\n\r\n").encode())


@pytest.mark.fault(
    "server",
    "any web page posting to the server, or asking whether it may (CORS preflight)",
    "a 403 naming the origin and --cors ORIGIN, the flag that allows it; no response "
    "carries Access-Control-Allow-Origin unless --cors allows that origin",
)
def test_cors_is_off_unless_an_origin_is_allowed(server):
    _, headers, _ = parse(
        exchange(server, post_head(CHAT, f"Content-Length: {len(SMALL)}") + SMALL)
    )
    assert "access-control-allow-origin" not in headers
    for method in ("POST", "OPTIONS"):
        request = post_head(MESSAGES, "Origin: http://evil.example", "Content-Length: 0")
        status, _, error = anthropic_error(
            exchange(server, request.replace(b"POST", method.encode(), 1))
        )
        assert status == 403
        assert "CORS is off by default" in error["message"]
        assert "fcplayground serve --cors http://evil.example" in error["message"]


def test_an_origin_given_with_cors_gets_its_own_origin_back():
    with Server(cors=["http://localhost:5173"]) as server:
        origin = "Origin: http://localhost:5173"
        _, headers, _ = parse(
            exchange(server, post_head(CHAT, origin, f"Content-Length: {len(SMALL)}") + SMALL)
        )
        refused = parse(
            exchange(server, post_head(CHAT, "Origin: http://localhost:5174", "Content-Length: 0"))
        )
    assert headers["access-control-allow-origin"] == "http://localhost:5173"
    assert refused[0] == 403


def test_a_cors_value_that_is_not_an_origin_is_refused_with_an_example():
    with pytest.raises(ValueError, match=r"e\.g\. --cors http://localhost:5173"):
        Server(cors="localhost:5173")


@pytest.mark.fault(
    "server",
    "a request whose Host header names another site (DNS rebinding)",
    "a 403 in the endpoint's format naming the Host policy and --allow-host NAME",
)
def test_a_foreign_host_header_is_refused_naming_the_policy_and_the_flag(server):
    request = post_head(CHAT, "Content-Length: 0", host="evil.example:8000")
    status, _, error = openai_error(exchange(server, request))
    assert status == 403
    assert "DNS rebinding" in error["message"]
    assert "fcplayground serve --allow-host evil.example" in error["message"]


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1:{port}",
        "localhost:{port}",
        "[::1]:{port}",
        "LOCALHOST",
        "192.168.1.5:8000",
        "app.localhost",
    ],
)
def test_this_machines_names_and_any_ip_address_are_answered(server, host):
    assert parse(get_health(server, f"Host: {host.format(port=server.port)}"))[0] == 200


def test_allow_host_lets_a_name_in():
    with Server(allow_hosts=["class.example"]) as server:
        assert parse(get_health(server, "Host: class.example:8000"))[0] == 200
        assert parse(get_health(server, "Host: other.example"))[0] == 403


@pytest.mark.fault(
    "server",
    "HEAD, PUT, DELETE, PATCH or an unknown method on an endpoint",
    "the endpoint's own JSON error (405 with Allow for a wrong method), never the "
    "standard library's 501 HTML page",
)
@pytest.mark.parametrize("method", ["HEAD", "PUT", "DELETE", "PATCH", "BREW", "GET"])
@pytest.mark.parametrize("path", [CHAT, MESSAGES])
def test_every_method_gets_the_endpoints_own_answer_not_html(server, method, path):
    request = post_head(path, "Content-Length: 0").replace(b"POST", method.encode(), 1)
    status, headers, body = parse(exchange(server, request))
    expected = handle(SimulatedModel(), method, path, b"")
    assert status == expected.status != 501
    assert {k.lower(): v for k, v in expected.headers.items()}.items() <= headers.items()
    if method == "HEAD":
        assert body == b"" and int(headers["content-length"]) > 0
    else:
        assert json.loads(body) == expected.json


class BrokenModel:
    """A model whose raw-HTTP hook fails with a bug, past the handler's own catching."""

    name = "broken"

    def reply(self, method: str, path: str, body: bytes) -> None:
        raise RuntimeError("a bug")

    def respond(self, request: Request) -> ModelTurn:
        raise AssertionError("never reached")


@pytest.mark.fault(
    "server",
    "a bug in the server while answering",
    "a 500 in the endpoint's format with x-should-retry: false, so the SDKs do not retry it",
)
def test_a_server_bug_gets_a_500_in_the_endpoints_format_that_is_not_retried():
    with Server(model=BrokenModel()) as server:
        received = exchange(server, post_head(MESSAGES, f"Content-Length: {len(SMALL)}") + SMALL)
    status, _, error = anthropic_error(received)
    assert status == 500 and error["type"] == "api_error"
    assert "RuntimeError: a bug" in error["message"]


@pytest.mark.fault(
    "server",
    "ANSI escapes and other control characters in a request's path or method",
    "the log line shows them escaped (\\x1b), so the terminal is not repainted",
)
def test_log_lines_escape_control_characters():
    log = io.StringIO()
    with Server(quiet=False, log=log) as server:
        exchange(
            server,
            b"GET /v1/\x1b[2J\x1b[31mred\x9b HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
        )
        exchange(
            server, b"G\x07ET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
    text = log.getvalue()
    assert "/v1/\\x1b[2J\\x1b[31mred\\x9b 404" in text
    assert "G\\x07ET /health" in text
    assert not any(ord(c) < 32 and c != "\n" or 0x7F <= ord(c) < 0xA0 for c in text)


# -- stopping ---------------------------------------------------------------------------

BUSY_SERVER = """
import sys, threading, time
from fcplayground.chat import ModelTurn
from fcplayground.offline.server import serve

class Busy:
    name = "busy"
    def respond(self, request):
        print("busy", flush=True)
        time.sleep(60)
        return ModelTurn(text="late")

serve(port=0, model=Busy(), quiet=True)
"""


def start_busy_server() -> tuple[subprocess.Popen[str], int]:
    """A ``serve()`` subprocess whose model is busy for a minute with each request, and
    its port. It starts with SIGINT ignored, as a process started with ``&`` does."""
    process = subprocess.Popen(
        [sys.executable, "-c", BUSY_SERVER],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )
    first = process.stdout.readline()
    assert " on http://127.0.0.1:" in first, first + process.stdout.read()
    return process, int(first.split("127.0.0.1:")[1].split()[0])


@pytest.mark.fault(
    "server",
    "SIGTERM or SIGINT while a request is being answered (SIGINT even when inherited ignored)",
    "the server stops within a second, prints Stopped. and exits 0",
)
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_stops_serve_while_a_request_is_in_flight(sig):
    process, port = start_busy_server()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=GUARD) as conn:
            conn.sendall(post_head(CHAT, f"Content-Length: {len(SMALL)}") + SMALL)
            while process.stdout.readline().strip() != "busy":
                pass
            process.send_signal(sig)
            assert process.wait(timeout=5) == 0  # a hang guard: it takes well under 1 s
        assert "Stopped." in process.stdout.read()
    finally:
        process.kill()
        process.wait()
