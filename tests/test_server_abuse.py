"""``fcplayground serve`` under abuse: slow, lying, oversized and concurrent requests over a
real socket on 127.0.0.1, each bounded in count and time."""

from __future__ import annotations

import contextlib
import io
import json
import select
import socket
import threading
import time

import pytest
from raw_http import (
    CHAT,
    GUARD,
    MESSAGES,
    SMALL,
    anthropic_error,
    closed_by_server,
    connect,
    exchange,
    openai_error,
    parse,
    post_head,
    read_all,
)

from fcplayground.chat import ModelTurn, Request
from fcplayground.offline.server import Server


@pytest.fixture(scope="module")
def server():
    with Server(timeout=0.5) as running:
        yield running


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


def test_idle_keep_alive_connections_close_quietly_and_dropped_requests_are_logged():
    log = io.StringIO()
    with Server(quiet=False, log=log, timeout=0.3) as server:
        with connect(server) as idle:  # one request, then nothing more
            idle.sendall(
                post_head(CHAT, f"Content-Length: {len(SMALL)}").replace(
                    b"Connection: close\r\n", b""
                )
                + SMALL
            )
            assert closed_by_server(idle)
        with connect(server) as stalled:
            stalled.sendall(b"POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            assert closed_by_server(stalled)
    lines = log.getvalue().splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith("POST /v1/chat/completions 200 ")
    assert lines[1] == "127.0.0.1 dropped a request that did not arrive within 0.3 s"
