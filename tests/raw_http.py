"""Raw HTTP over a real socket, for the server abuse tests: requests written byte by byte
and replies read back as they came, error shapes checked."""

from __future__ import annotations

import json
import socket

from fcplayground.offline.server import Server

CHAT, MESSAGES = "/v1/chat/completions", "/v1/messages"
SMALL = json.dumps({"model": "m", "messages": [{"role": "user", "content": "Hi"}]}).encode()
GUARD = 10  # seconds: a hang guard, far beyond what any of these takes when it works


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
    """(status, headers by lower-cased name, body) of the first reply in ``received``."""
    head, _, body = received.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    pairs = (line.split(": ", 1) for line in lines)
    headers = {name.lower(): value for name, value in pairs}
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
