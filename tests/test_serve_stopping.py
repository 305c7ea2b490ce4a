"""How ``fcplayground serve`` and :class:`Server` stop: on SIGINT and SIGTERM, at once, even
while connections arrive, with the port released and every connection slot given back."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest
from http_posts import free_port, post

from fcplayground.offline.server import Server

ASK = [{"role": "user", "content": "Weather in Paris?"}]
OPENAI_MODEL = "gpt-5.4-mini"


class Running:
    """``fcplayground serve`` in a subprocess, its output read line by line."""

    def __init__(self, *args: str) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "fcplayground.cli", "serve", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_for(self, pattern: str, within: float = 60) -> re.Match[str]:
        """The first output line matching ``pattern`` (a deadline, not a timed assert)."""
        deadline, seen = time.monotonic() + within, []
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                if not self.reader.is_alive() and self.lines.empty():
                    break  # the output ended
                continue
            seen.append(line)
            if match := re.search(pattern, line):
                return match
        raise AssertionError(f"fcplayground serve never printed {pattern!r}; it printed {seen}")

    def stop(self, sig: int) -> int:
        self.process.send_signal(sig)
        return self.process.wait(timeout=20)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def refused(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    except OSError:
        return True
    return False


def test_cli_serve_prints_the_urls_answers_and_stops_on_sigint():
    port = free_port()
    running = Running("--port", str(port))
    try:
        running.wait_for(rf"OpenAI base URL: +http://127\.0\.0\.1:{port}/v1$")
        running.wait_for(rf"Anthropic base URL: +http://127\.0\.0\.1:{port}$")
        running.wait_for(r"Try: curl ")
        body = json.dumps({"model": OPENAI_MODEL, "messages": ASK}).encode()
        status, reply = post(f"http://127.0.0.1:{port}/v1/chat/completions", body)
        assert status == 200 and reply["object"] == "chat.completion"
        running.wait_for(r"^POST /v1/chat/completions 200 ")
        assert running.stop(signal.SIGINT) == 0
        running.wait_for(r"^Stopped\.$")
    finally:
        running.kill()
    assert refused(port)


def test_cli_serve_on_port_0_picks_a_free_port_and_stops_on_sigterm():
    running = Running("--port", "0", "--quiet")
    try:
        port = int(running.wait_for(r"on http://127\.0\.0\.1:(\d+) ").group(1))
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=10) as reply:
            assert reply.status == 200
        assert running.stop(signal.SIGTERM) == 0
        running.wait_for(r"^Stopped\.$")
    finally:
        running.kill()
    assert refused(port)


def hammering(port: int, stop: threading.Event) -> list[threading.Thread]:
    """Four clients asking for /health back to back until ``stop`` is set."""

    def ask() -> None:
        while not stop.is_set():
            # Refused or cut off once the server stops: expected.
            with contextlib.suppress(OSError, http.client.HTTPException):
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2).read()

    clients = [threading.Thread(target=ask, daemon=True) for _ in range(4)]
    for client in clients:
        client.start()
    return clients


@pytest.mark.parametrize("attempt", range(6))
def test_cli_serve_stops_on_sigterm_while_connections_keep_arriving(attempt):
    running = Running("--port", "0", "--quiet")
    stop = threading.Event()
    try:
        port = int(running.wait_for(r"on http://127\.0\.0\.1:(\d+) ").group(1))
        clients = hammering(port, stop)
        time.sleep(0.2 + 0.05 * attempt)  # the signal lands at a different point each time
        assert running.stop(signal.SIGTERM) == 0
        running.wait_for(r"^Stopped\.$")
    finally:
        stop.set()
        running.kill()
    for client in clients:
        client.join(timeout=5)
    assert refused(port)


def test_a_stop_landing_while_a_connection_thread_starts_is_raised_and_its_slot_freed(monkeypatch):
    with Server(max_connections=1) as server:
        started = threading.Thread.start

        def start_then_interrupted(thread: threading.Thread) -> None:
            started(thread)
            thread.join(timeout=10)
            raise KeyboardInterrupt

        ours, theirs = socket.socketpair()
        theirs.close()
        monkeypatch.setattr(threading.Thread, "start", start_then_interrupted)
        with pytest.raises(KeyboardInterrupt):
            server._httpd.process_request(ours, ("127.0.0.1", 1))
        monkeypatch.undo()
        # The one slot is free again: a real request is answered, not refused.
        status, reply = post(
            f"{server.openai_base_url}/chat/completions",
            json.dumps({"model": OPENAI_MODEL, "messages": ASK}).encode(),
        )
        assert status == 200 and reply["object"] == "chat.completion"


# serve() with Server.start made to take a signal before it returns, as it can on a loaded
# machine: the serving thread already answers while the main thread is still starting it.
SIGNAL_WHILE_STARTING = r"""
import os, signal, sys, time
from fcplayground.offline import server as module

started = module.Server.start

def start_then_signalled(self):
    out = started(self)
    os.kill(os.getpid(), getattr(signal, sys.argv[1]))
    time.sleep(0.5)  # the signal is handled here, still inside start()
    return out

module.Server.start = start_then_signalled
module.serve(port=0, quiet=True)
"""


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGINT"])
def test_a_signal_that_lands_while_serve_is_still_starting_stops_it_cleanly(sig):
    done = subprocess.run(
        [sys.executable, "-c", SIGNAL_WHILE_STARTING, sig],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Stopped." in done.stdout and "Traceback" not in done.stderr
