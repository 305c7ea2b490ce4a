"""Starting the test MCP servers of this folder, and checking that their processes are gone."""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
# A generous hang guard: a Python server importing the MCP SDK starts in a few seconds.
START_GUARD = 60.0


def command(name: str) -> list[str]:
    """The command that runs server ``name`` (basic, paged) over stdio."""
    return [sys.executable, str(HERE / f"{name}.py")]


def is_alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (a zombie does not count: it is only unreaped)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


def gone(pid: int, guard: float = 10.0) -> bool:
    """Whether process ``pid`` ends within ``guard`` seconds (a hang guard, not a timing)."""
    deadline = time.monotonic() + guard
    while is_alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


@dataclass
class HttpServer:
    """The basic server over streamable HTTP, in a subprocess: its URL and process."""

    process: subprocess.Popen[str]
    port: int

    @property
    def url(self) -> str:
        """The server's MCP endpoint."""
        return f"http://127.0.0.1:{self.port}/mcp"

    def stop(self) -> None:
        """Terminate the process by its pid and reap it."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        if self.process.stdout:
            self.process.stdout.close()


def start_http(script: Path, env: dict[str, str] | None = None) -> HttpServer:
    """Start ``script`` (a test server that prints ``PORT n`` once it listens) and wait for
    it to say which port it took."""
    process = subprocess.Popen(
        [sys.executable, str(script)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], START_GUARD)
    line = process.stdout.readline() if ready else ""
    if not line.startswith("PORT "):
        HttpServer(process, 0).stop()
        raise RuntimeError(f"the test server {script.name} did not start (it printed {line!r})")
    return HttpServer(process, int(line.split()[1]))


@contextlib.contextmanager
def http_server() -> Iterator[HttpServer]:
    """Run the HTTP test server on a port the system picks, and stop it afterwards."""
    server = start_http(HERE / "http_server.py")
    try:
        yield server
    finally:
        server.stop()


def port_is_closed(port: int) -> bool:
    """Whether nothing listens on 127.0.0.1:``port`` any more."""
    import socket

    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0
