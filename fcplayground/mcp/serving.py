"""Serving a registry's MCP server: over stdio (a client starts this process) or over
streamable HTTP (on 127.0.0.1 unless told otherwise). Both stop cleanly on SIGINT and
SIGTERM, or when a stdio client closes stdin."""

from __future__ import annotations

import contextlib
import ipaddress
import os
import signal
import socket
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any

import anyio
import uvicorn

from fcplayground.mcp.stdio_transport import run_stdio
from fcplayground.mcp.tool_server import DEFAULT_NAME, server
from fcplayground.tools import ToolRegistry

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PATH = "/mcp"
_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
# Seconds open connections (a client's event stream) get to finish once told to stop.
_GRACE = 1.0
# uvicorn ticks every 0.1 s; the parent is looked at every tenth tick (once a second).
_PARENT_TICKS = 10


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine only (127.x, ::1 or localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a name other than localhost may resolve anywhere
        return False


def serve_stdio(
    registry: ToolRegistry, *, name: str = DEFAULT_NAME, timeout: float | None = None
) -> None:
    """Serve ``registry`` over this process's stdin and stdout, as MCP clients expect of
    a command they start. Returns when the client closes stdin, or on SIGINT or SIGTERM.

    While it serves, stdout carries only the protocol: what tools print goes to stderr. A
    line it cannot read (not JSON, nested too deeply, over 16 MiB) is answered with a
    JSON-RPC error naming what was wrong."""
    anyio.run(_stdio, server(registry, name=name, timeout=timeout))


async def _stdio(app: Any) -> None:
    async with anyio.create_task_group() as group:
        group.start_soon(_cancel_on_signal, group.cancel_scope)
        await run_stdio(app)
        group.cancel_scope.cancel()  # stdin closed: stop waiting for signals


async def _cancel_on_signal(scope: anyio.CancelScope) -> None:
    with anyio.open_signal_receiver(*_STOP_SIGNALS) as signals:
        async for _ in signals:
            scope.cancel()
            return


def serve_http(
    registry: ToolRegistry,
    *,
    host: str = DEFAULT_HOST,
    port: int = 0,
    path: str = DEFAULT_PATH,
    name: str = DEFAULT_NAME,
    timeout: float | None = None,
    on_ready: Callable[[str], None] | None = None,
    parent: int | None = None,
) -> None:
    """Serve ``registry`` over streamable HTTP at ``http://host:port/path`` until SIGINT
    or SIGTERM (or, in a thread other than the main one, until the process ends).

    ``port=0`` picks a free port; ``on_ready`` is given the URL once it accepts
    connections. On 127.0.0.1 (the default) only this machine can connect, and
    requests naming another host are refused (DNS-rebinding protection). ``parent``: the
    pid of the process that started this one (``os.getppid()`` when this one began); once
    that process has ended, the server stops as on SIGTERM, within about a second (where
    the system hands orphans to another parent: Linux, macOS; not Windows)."""
    app = server(registry, name=name, timeout=timeout).streamable_http_app(
        streamable_http_path=path, host=host
    )
    with _bound(host, port) as sock:
        shown = f"[{host}]" if ":" in host else host
        url = f"http://{shown}:{sock.getsockname()[1]}{path}"
        config = uvicorn.Config(
            app,
            log_level="warning",
            access_log=False,
            timeout_graceful_shutdown=int(_GRACE),
        )
        ready = None if on_ready is None else lambda: on_ready(url)
        _Uvicorn(config, ready, parent=parent).run(sockets=[sock])


@contextlib.contextmanager
def _bound(host: str, port: int) -> Iterator[socket.socket]:
    """A listening socket on ``host``:``port``, closed afterwards (the port released)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP named, so asyncio turns Nagle off on each connection (it checks the
    # protocol number), and TCP_NODELAY set, which Linux passes on to them: otherwise a
    # reply written in two parts waits out the client's delayed ACK, 40 ms a call.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind((host, port))
        sock.listen(128)
        sock.set_inheritable(False)
        yield sock
    finally:
        sock.close()


class _Uvicorn(uvicorn.Server):
    """uvicorn's server, stopping on SIGINT/SIGTERM without re-raising the signal
    afterwards (uvicorn's own handling kills the process with it: exit code -15), and,
    given a ``parent`` pid, once this process's parent is no longer that one."""

    def __init__(
        self,
        config: uvicorn.Config,
        ready: Callable[[], None] | None,
        *,
        parent: int | None = None,
    ) -> None:
        super().__init__(config)
        self._ready = ready
        self._parent = parent

    async def on_tick(self, counter: int) -> bool:
        # An orphan is handed to another parent, so a changed parent pid means the one
        # that started this server has ended (a notebook kernel that died, a shell that exited).
        if self._parent is not None and counter % _PARENT_TICKS == 0:
            self.should_exit = self.should_exit or os.getppid() != self._parent
        return await super().on_tick(counter)

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started and self._ready is not None:
            self._ready()

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        previous = {sig: signal.signal(sig, self._stop) for sig in _STOP_SIGNALS}
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def _stop(self, sig: int, frame: Any) -> None:
        # A second Ctrl-C stops at once, without waiting for open connections.
        self.force_exit = self.force_exit or (self.should_exit and sig == signal.SIGINT)
        self.should_exit = True


def warn_if_exposed(host: str, stream: Any = None) -> None:
    """Say so on stderr when ``host`` lets other machines connect."""
    if not is_loopback(host):
        print(
            f"fcplayground mcp: warning: serving on {host}, so other machines can call these "
            "tools (with no authentication). Use --host 127.0.0.1 to keep them on this one.",
            file=stream or sys.stderr,
        )
