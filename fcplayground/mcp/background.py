"""A registry served over MCP from a background thread of this process, for a notebook or
a test: no subprocess to start, nothing left running afterwards.

>>> with serving_in_background(my_tools) as server:
...     with tools(server.url) as remote:
...         trace = run(ModelClient.offline(), remote, "...")

The server speaks streamable HTTP on 127.0.0.1, on a free port, and logs every call it
runs (:attr:`BackgroundServer.served`), so a check can tell a call that crossed the MCP
boundary from one that ran in-process.
"""

from __future__ import annotations

import contextlib
import copy
import threading
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import uvicorn

from fcplayground.chat import ToolResult
from fcplayground.mcp.serving import _GRACE, DEFAULT_HOST, DEFAULT_PATH, _bound, _Uvicorn
from fcplayground.mcp.tool_server import DEFAULT_NAME, server
from fcplayground.tools import ToolRegistry
from fcplayground.tools.execution import Arguments

# Seconds the server may take to start, and to stop: hang guards, not expectations.
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0
# The most calls the log keeps (the latest): a bound on what a busy client can make it hold.
MAX_LOGGED = 1000


@dataclass(frozen=True)
class ServedCall:
    """One call the server ran: the tool, the arguments it was sent, what it answered."""

    name: str
    arguments: dict[str, Any]
    content: str
    is_error: bool


class _Logging(ToolRegistry):
    """The served registry's tools, logging each call the MCP server runs."""

    def __init__(self, tools: ToolRegistry, log: deque[ServedCall]) -> None:
        super().__init__(tools.max_result_chars, strict=tools.strict)
        for tool in tools:
            self.add(tool)
        self._log = log

    def _ran(self, arguments: Arguments, result: ToolResult) -> ToolResult:
        """Log the call the MCP server ran."""
        sent = copy.deepcopy(arguments) if isinstance(arguments, dict) else {}
        self._log.append(ServedCall(result.name, sent, result.content, result.is_error))
        return result


@dataclass
class BackgroundServer:
    """A registry being served by :func:`serving_in_background`."""

    url: str
    """Where MCP clients connect: ``http://127.0.0.1:PORT/mcp``."""
    registry: ToolRegistry
    """The registry served (the caller's own)."""
    _log: deque[ServedCall] = field(default_factory=deque, repr=False)

    @property
    def served(self) -> list[ServedCall]:
        """Every call the server ran, oldest first (the latest 1000)."""
        return list(self._log)


@contextlib.contextmanager
def serving_in_background(
    registry: ToolRegistry,
    *,
    name: str = DEFAULT_NAME,
    timeout: float | None = None,
    host: str = DEFAULT_HOST,
) -> Iterator[BackgroundServer]:
    """Serve ``registry`` over streamable HTTP on ``host`` (127.0.0.1: this machine only),
    on a free port, from a daemon thread, until the ``with`` block ends, however it ends.

    Yields a :class:`BackgroundServer`: connect to its ``url`` with
    :func:`fcplayground.mcp.tools`. On exit the server stops and the port is released;
    close the clients first (nest their ``with`` inside), or they see the server go."""
    log: deque[ServedCall] = deque(maxlen=MAX_LOGGED)
    app = server(_Logging(registry, log), name=name, timeout=timeout).streamable_http_app(
        streamable_http_path=DEFAULT_PATH, host=host
    )
    with _bound(host, 0) as sock:
        shown = f"[{host}]" if ":" in host else host
        url = f"http://{shown}:{sock.getsockname()[1]}{DEFAULT_PATH}"
        started = threading.Event()
        config = uvicorn.Config(
            app, log_level="warning", access_log=False, timeout_graceful_shutdown=int(_GRACE)
        )
        uvicorn_server = _Uvicorn(config, started.set)
        thread = threading.Thread(
            target=uvicorn_server.run,
            kwargs={"sockets": [sock]},
            name="fcplayground-mcp-background",
            daemon=True,
        )
        thread.start()
        try:
            _wait_until_started(started, thread)
            yield BackgroundServer(url, registry, log)
        finally:
            uvicorn_server.should_exit = True
            thread.join(timeout=STOP_TIMEOUT)


def _wait_until_started(started: threading.Event, thread: threading.Thread) -> None:
    """Return once the server accepts connections; RuntimeError if it died or never did."""
    for _ in range(int(START_TIMEOUT / 0.05)):
        if started.wait(0.05):
            return
        if not thread.is_alive():
            raise RuntimeError(
                "The background MCP server stopped while starting (see the log above); "
                "check that the registry's tools can be listed."
            )
    raise RuntimeError(
        f"The background MCP server did not start within {START_TIMEOUT:g} s; the machine "
        "may be overloaded: try again."
    )
