"""The offline provider over real HTTP, for curl, JavaScript or any other client.

The same pure handler that answers the in-process SDK clients
(:func:`fcplayground.offline.handler.handle`) sits behind a small standard-library server:

>>> with Server() as server:                        # a free port on 127.0.0.1
...     client = openai.OpenAI(base_url=server.openai_base_url, api_key="anything")

``fcplayground serve`` runs :func:`serve`. Any API key is accepted and none is ever logged.

Limits: a request (line, headers and body) must arrive within ``timeout`` seconds (10 by
default), a body is at most 32 MB (chunked ones too), the kernel queues up to 256
connections while they wait to be accepted, and at most ``max_connections`` (512) are
served at once, each in its own thread, with no lock around the model. Browser pages are
refused unless ``cors`` names their origin, and requests addressed to a foreign Host name
are refused (:mod:`fcplayground.offline.http_policy`).
"""

from __future__ import annotations

import signal
import socket
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from typing import TextIO

from ..models import Model, SimulatedModel
from ..settings import model_for
from ..tools import json_schema_library
from .handler import Reply, handle
from .http import MAX_BODY as MAX_BODY  # re-exported: the size cap is the server's
from .http_listener import PortInUseError as PortInUseError
from .http_listener import _bind
from .http_policy import DEFAULT_HOST as DEFAULT_HOST  # re-exported
from .http_policy import DEFAULT_PORT as DEFAULT_PORT
from .http_policy import DEFAULT_TIMEOUT as DEFAULT_TIMEOUT
from .http_policy import Policy
from .state import ProviderState

MAX_CONNECTIONS = 512  # served at once; more are closed at once rather than queued
# How long one thread may hold the interpreter before another gets a turn (CPython's
# default is 5 ms). A long request keeps a thread busy in the model; at 5 ms every short
# request beside it waits several turns (p99 2-12x, benchmarks/serve_load.py), at 1 ms
# within 2x. serve() sets it: it owns the process; a Server in a notebook does not.
SWITCH_INTERVAL = 0.001
STOP_POLL = 0.1  # seconds between looks for a stop signal while serve() waits


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
        *,
        timeout: float = DEFAULT_TIMEOUT,
        cors: str | Iterable[str] = (),
        allow_hosts: str | Iterable[str] = (),
        max_connections: int = MAX_CONNECTIONS,
    ) -> None:
        # jsonschema is slow to import: pay for it now, not inside the first request.
        json_schema_library.load()

        if not timeout > 0:  # also refuses NaN
            raise ValueError(
                f"--timeout must be a positive number of seconds (got {timeout!r}), e.g. 10."
            )
        if max_connections < 1:
            raise ValueError(f"max_connections must be at least 1 (got {max_connections!r}).")
        self.model: Model = model or SimulatedModel()
        self.state = ProviderState()  # stored responses, threads: shared by every client
        self.quiet = quiet
        self.timeout = float(timeout)
        self.max_connections = max_connections
        self.policy = Policy.build(host, _strings(allow_hosts), _strings(cors))
        self._log = log  # None: whatever sys.stderr is when a line is written
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

    @property
    def serving(self) -> bool:
        """Whether :meth:`start`'s thread is serving (False before it and after :meth:`close`)."""
        return self._thread is not None and self._thread.is_alive()

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

    def answer(
        self, method: str, path: str, body: bytes, headers: Mapping[str, str] | None = None
    ) -> Reply:
        """The provider's reply to one request. Requests are answered side by side, with no
        lock: the models are safe to share across threads, and so is :attr:`state`."""
        return handle(self.model, method, path, body, headers, self.state)

    def write_log(self, line: str) -> None:
        """Write one log line, its control characters escaped (unless ``quiet``)."""
        if not self.quiet:
            print(printable(line), file=self._log or sys.stderr, flush=True)


def printable(text: str) -> str:
    """``text`` with control characters written as escapes (``\\x1b``), so that a request
    cannot move the cursor, recolour or clear the terminal its log line is printed on."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


def _strings(value: str | Iterable[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def banner(server: Server) -> str:
    """What to point a client at, with a curl example, and who may reach it."""
    lines = [
        f"fcplayground offline provider on {server.url} (the simulated model; any API key).",
        f"  OpenAI base URL:    {server.openai_base_url}",
        f"  Anthropic base URL: {server.anthropic_base_url}",
        f"  Try: curl {server.openai_base_url}/chat/completions "
        "-H 'Content-Type: application/json' "
        f'-d \'{{"model": "{model_for("openai")}", '
        '"messages": [{"role": "user", "content": "Hello"}]}\'',
    ]
    if server.host not in ("127.0.0.1", "::1", "localhost"):
        lines.append(
            f"Note: listening on {server.host}, so other machines can reach it too, by this "
            f"machine's IP address or its name {socket.gethostname()} (another name: add "
            "--allow-host NAME)."
        )
    if origins := sorted(server.policy.origins):
        lines.append(f"Browser pages allowed (CORS): {', '.join(origins)}")
    return "\n".join([*lines, "Press Ctrl-C to stop."])


def serve(
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    model: Model | None = None,
    quiet: bool = False,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    cors: str | Iterable[str] = (),
    allow_hosts: str | Iterable[str] = (),
) -> None:
    """Serve until Ctrl-C, SIGINT or SIGTERM, printing the base URLs first.

    A signal stops it within a second, even while requests are being answered (their
    threads end with the process). Raises :class:`PortInUseError` (or another ``OSError``
    with a clear message) when the address cannot be bound, and ``ValueError`` for a bad
    ``timeout`` or ``cors`` origin.
    """
    server = Server(model, host, port, quiet, timeout=timeout, cors=cors, allow_hosts=allow_hosts)
    print(banner(server), flush=True)
    switch_interval = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL)
    with _stop_signals() as signals:
        # Served from a thread while this one only waits: a signal is noted, never raised,
        # so no exception can land inside the server's code (or its start) and be lost.
        try:
            server.start()
            while server.serving and not signals:
                time.sleep(STOP_POLL)
        finally:
            server.close()
            sys.setswitchinterval(switch_interval)
    print("Stopped.", flush=True)


@contextmanager
def _stop_signals() -> Iterator[list[int]]:
    """Within the block, SIGTERM and SIGINT are noted in the list it gives, for the caller
    to stop on.

    SIGINT is set too because a process started in the background (``serve &``) inherits
    it ignored. Outside the main thread no handler can be set: the list stays empty.
    """
    signals: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield signals
        return

    def note(signum: int, frame: object) -> None:
        signals.append(signum)

    stops = (signal.SIGTERM, signal.SIGINT)
    previous = {sig: signal.signal(sig, note) for sig in stops}
    try:
        yield signals
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
