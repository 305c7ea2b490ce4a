"""``fcplayground serve``'s doors: who may call it (CORS, Host), every HTTP method, its
errors, its log and its signals, over a real socket on 127.0.0.1."""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import subprocess
import sys

import pytest
from id_masks import without_ids
from raw_http import (
    CHAT,
    GUARD,
    MESSAGES,
    SMALL,
    anthropic_error,
    exchange,
    openai_error,
    parse,
    post_head,
)

from fcplayground.chat import ModelTurn, Request
from fcplayground.cli import main
from fcplayground.models import SimulatedModel
from fcplayground.offline.handler import handle
from fcplayground.offline.server import Server


@pytest.fixture(scope="module")
def server():
    with Server(timeout=0.5) as running:
        yield running


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


def test_cli_with_a_bad_timeout_or_origin_exits_2_naming_the_flag(capsys):
    assert main(["serve", "--port", "0", "--timeout", "0"]) == 2
    assert "--timeout must be a positive number of seconds" in capsys.readouterr().err
    assert main(["serve", "--port", "0", "--cors", "localhost:5173"]) == 2
    assert "--cors 'localhost:5173' is not an origin" in capsys.readouterr().err


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
        f"{socket.gethostname()}:8000",
        f"{socket.gethostname()}.local",
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
    served = {k: without_ids(v) for k, v in headers.items()}  # each reply has its request id
    assert {
        k.lower(): without_ids(v) for k, v in expected.headers.items()
    }.items() <= served.items()
    if method == "HEAD":
        assert body == b"" and int(headers["content-length"]) > 0
    else:
        assert without_ids(json.loads(body)) == without_ids(expected.json)


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
        tail = b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        exchange(server, b"GET /v1/\x1b[2J\x1b[31mred\x9b" + tail)
        exchange(server, b"G\x07ET /health" + tail)
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
