"""The offline server's listening socket: connections accepted, each served by the
request handler of :mod:`fcplayground.offline.http` in a thread of its own, up to a cap."""

from __future__ import annotations

import errno
import socket
import sys
import threading
from http.server import ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

from .http import _Handler

if TYPE_CHECKING:
    from .server import Server

BACKLOG = 256  # connections the kernel holds while the server accepts: a room at once


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


class _HTTPServer(ThreadingHTTPServer):
    request_queue_size = BACKLOG  # the stdlib's 5 drops connects when a room starts at once

    def __init__(self, address: tuple[str, int], app: Server) -> None:
        self.app = app
        self.connections: set[socket.socket] = set()
        self._slots = threading.BoundedSemaphore(app.max_connections)
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        # Past the cap a connection is closed at once: no thread, no queue that grows.
        if not self._slots.acquire(blocking=False):
            self.app.write_log(f"refused a connection: {self.app.max_connections} are open already")
            self.shutdown_request(request)
            return
        slot = _Slot(self._slots)
        # A daemon: a stuck client never keeps the process alive.
        thread = threading.Thread(
            target=self._serve_connection, args=(request, client_address, slot), daemon=True
        )
        try:
            thread.start()
        except BaseException:
            # The thread may have run already (Ctrl-C inside start()): the slot is given back
            # once, and the interrupt, not an over-release, is what propagates.
            slot.give_back()
            raise

    def _serve_connection(self, request: Any, client_address: Any, slot: _Slot) -> None:
        try:
            self.process_request_thread(request, client_address)
        finally:
            slot.give_back()

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hangs up (reset, broken pipe) or stalls is normal, not worth a
        # traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            super().handle_error(request, client_address)


class _Slot:
    """One connection's share of the server's connection cap, given back exactly once."""

    def __init__(self, slots: threading.BoundedSemaphore) -> None:
        self._slots = slots
        self._once = threading.Lock()

    def give_back(self) -> None:
        if self._once.acquire(blocking=False):  # atomic: only the first caller releases
            self._slots.release()


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
