"""One MCP client session, run on an event loop in a background thread of its own, so
that sync code (``registry.call``, ``agent.run``, threads) and async code on any other
loop can share it. Built on the official SDK's :class:`mcp.Client`, with a stdio transport
of its own (:mod:`fcplayground.mcp.client_stdio`).

The thread is a daemon and every wait is bounded, so a session nobody closed is closed
at interpreter exit (see :func:`_close_all_at_exit`) and never holds exit up."""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import contextlib
import sys
import tempfile
import threading
import weakref
from collections.abc import Coroutine
from typing import IO, Any

import mcp
import mcp_types as types
from mcp.shared.exceptions import MCPError

from fcplayground.mcp.client_stdio import Dropped, StdoutReport, stdio_client
from fcplayground.mcp.remote_tools import (
    describe_failure,
    describe_refusal,
    describe_timeout,
    describe_unreadable,
)
from fcplayground.mcp.target import Target
from fcplayground.tools.execution import CallError

if sys.version_info < (3, 11):  # anyio's dependency on 3.10
    from exceptiongroup import BaseExceptionGroup

# The stdio transport's shutdown waits up to 0.5 s for writes to flush, 2 s for the server
# to exit, 2 s after SIGTERM and 2 s more after SIGKILL; closing gives it all that and a
# little more.
CLOSE_TIMEOUT = 8.0
# How much of a server's stderr an error message quotes (its last characters).
STDERR_TAIL = 600
# The most tools/list pages read: a server whose cursor never ends cannot hang us.
MAX_PAGES = 100


class MCPConnectionError(ConnectionError):
    """The MCP server could not be started or reached; the message says why and what to do."""


class Session:
    """A connected MCP client session and the loop thread it runs on."""

    def __init__(self, target: Target, call_timeout: float | None) -> None:
        self.target = target
        self.call_timeout = call_timeout
        self.lost: str | None = None  # why the session ended, once it has
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="fcplayground-mcp", daemon=True
        )
        # A real file for the server's stderr (Jupyter's sys.stderr has no descriptor),
        # read back for error messages; closed in close().
        self._stderr: IO[bytes] | None = None if target.url else tempfile.TemporaryFile()  # noqa: SIM115
        self._stdout = StdoutReport(target.named)  # what the stdio transport read
        self._client: mcp.Client | None = None
        self._stop = asyncio.Event()  # binds to the loop that first waits on it: ours
        self._serving: concurrent.futures.Future[None] | None = None
        self._closed = False
        self._lock = threading.Lock()
        self._ended = threading.Event()  # set when the client (and its process) is gone

    def open(self, connect_timeout: float) -> list[types.Tool]:
        """Start (or reach) the server, shake hands and list its tools, every page."""
        self._thread.start()
        _OPEN.add(self)
        ready: concurrent.futures.Future[None] = concurrent.futures.Future()
        self._serving = self._submit(self._serve(ready))
        try:
            ready.result(timeout=connect_timeout)
            return self._run(self._list_tools(), connect_timeout)
        except concurrent.futures.TimeoutError:
            self.close()
            check = "an MCP server runs at that URL" if self.target.url else "it is an MCP server"
            starts = "" if self.target.url else " and that it starts"
            raise MCPConnectionError(
                f"The MCP server {self.target.shown} did not answer within {connect_timeout:g} s. "
                f"Check that {check}{starts}, or raise connect_timeout."
            ) from None
        except BaseException as exc:
            message = self._cannot_connect(exc)  # before close() drops the server's stderr
            self.close()
            raise MCPConnectionError(message) from None

    def call(self, name: str, arguments: dict[str, Any]) -> concurrent.futures.Future[Any]:
        """Send a tools/call; the future gives the CallToolResult or raises CallError."""
        if self._closed:  # the loop is gone: say so without it
            failed: concurrent.futures.Future[Any] = concurrent.futures.Future()
            failed.set_exception(CallError(self.lost))
            return failed
        try:
            return self._submit(self._call(name, arguments))
        except RuntimeError:  # close() stopped the loop just now
            failed = concurrent.futures.Future()
            failed.set_exception(CallError(self.lost))
            return failed

    def close(self) -> None:
        """End the session (and stop the server process); closing twice does nothing."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self.lost = self.lost or (
            f"The connection to the MCP server {self.target.named} was closed. "
            "Connect again with fcplayground.mcp.client.tools(...) to use its tools."
        )
        if self._serving is not None:
            if self._client is not None:
                self._loop.call_soon_threadsafe(self._stop.set)
            else:  # still connecting: cancel that, which stops the process it started
                self._serving.cancel()
            self._ended.wait(timeout=CLOSE_TIMEOUT)
        if self._thread.is_alive():
            with contextlib.suppress(concurrent.futures.TimeoutError, RuntimeError):
                self._run(self._cancel_the_rest(), CLOSE_TIMEOUT)
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=CLOSE_TIMEOUT)
        if not self._thread.is_alive():
            self._loop.close()
        if self._stderr is not None:
            self._stderr.close()
        _OPEN.discard(self)

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._closed

    # --- On the session's loop ------------------------------------------------------------

    def _submit(self, coro: Coroutine[Any, Any, Any]) -> concurrent.futures.Future[Any]:
        return asyncio.run_coroutine_threadsafe(coro, self._loop)

    def _run(self, coro: Coroutine[Any, Any, Any], timeout: float) -> Any:
        return self._submit(coro).result(timeout=timeout)

    def _transport(self) -> Any:
        if self.target.url:
            return self.target.url
        assert self._stderr is not None
        return stdio_client(self.target.command, self.target.env, self._stderr, self._stdout)

    async def _serve(self, ready: concurrent.futures.Future[None]) -> None:
        """Hold the client open, in this one task (its cancel scopes need that), until close."""
        try:
            async with mcp.Client(self._transport(), cache=None) as client:
                self._client = client
                ready.set_result(None)
                await self._stop.wait()
        except BaseException as exc:
            if not ready.done():
                ready.set_exception(exc)
            raise
        finally:
            self._client = None
            self._ended.set()

    async def _list_tools(self) -> list[types.Tool]:
        assert self._client is not None
        tools: list[types.Tool] = []
        cursor: str | None = None
        seen: set[str] = set()
        for _ in range(MAX_PAGES):
            page = await self._client.list_tools(cursor=cursor)
            tools += page.tools
            cursor = page.next_cursor
            if cursor is None or cursor in seen:  # a repeated cursor would loop for ever
                break
            seen.add(cursor)
        return tools

    async def _call(self, name: str, arguments: dict[str, Any]) -> types.CallToolResult:
        if self.lost is not None or self._client is None:
            raise CallError(self.lost or f"The MCP session with {self.target.named} is not open.")
        named = self.target.named
        try:
            return await self._client.call_tool(
                name, arguments, read_timeout_seconds=self.call_timeout
            )
        except MCPError as exc:
            if exc.code == types.REQUEST_TIMEOUT:
                raise CallError(describe_timeout(name, named, self.call_timeout or 0.0)) from None
            if exc.code in (Dropped.TOO_LONG, Dropped.INVALID):
                too_long = exc.code == Dropped.TOO_LONG
                raise CallError(describe_unreadable(name, named, exc.message, too_long)) from None
            if exc.code == types.CONNECTION_CLOSED:
                self.lost = self.lost or self._died(name)  # close() says why it was closed
                raise CallError(self.lost) from None
            raise CallError(describe_refusal(name, named, exc)) from None
        except Exception as exc:  # a malformed answer, a broken HTTP connection
            raise CallError(describe_failure(name, named, exc)) from None
        except asyncio.CancelledError:
            if self._closed:  # close() cancelled a call still waiting: tell its caller why
                raise CallError(self.lost) from None
            raise

    async def _cancel_the_rest(self) -> None:
        """Cancel what still runs on this loop (calls close() overtook), and let it end."""
        others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in others:
            task.cancel()
        if others:
            await asyncio.wait(others, timeout=1.0)

    # --- What went wrong, in words --------------------------------------------------------

    def _stderr_tail(self) -> str:
        if self._stderr is None or self._stderr.closed:
            return ""
        try:  # close() may close the file meanwhile, from its own thread
            self._stderr.flush()
            size = self._stderr.seek(0, 2)
            self._stderr.seek(max(0, size - STDERR_TAIL))
            text = self._stderr.read().decode("utf-8", "replace").strip()
        except (ValueError, OSError):
            return ""
        return f" Its stderr ends with: {text}" if text else ""

    def _died(self, name: str) -> str:
        named = self.target.named
        if self._stdout.unreadable:  # the transport gave up reading, rather than the server
            return (
                f"The answers of the MCP server {named} can no longer be read: "
                f"{self._stdout.unreadable}. No tool of this server can run any more; "
                "carry on without these tools, or connect again to use them."
            )
        return (
            f"The MCP server {named} closed the connection during the call to "
            f"{name} (it exited or crashed), so no tool of this server can run any more. "
            f"Carry on without these tools; connect again to use them.{self._stderr_tail()}"
        )

    def _cannot_connect(self, exc: BaseException) -> str:
        cause = _root_cause(exc)
        if isinstance(cause, FileNotFoundError) and not self.target.url:
            return (
                f"Cannot start the MCP server: the command {self.target.command[0]!r} was not "
                f"found. Check its spelling, install it, or give its full path ({self.target.shown})."
            )
        if isinstance(cause, OSError) and not self.target.url:
            return f"Cannot start the MCP server {self.target.shown}: {cause}. Check the command."
        where = f"at {self.target.url}" if self.target.url else self.target.shown
        detail = str(cause) or type(cause).__name__
        return (
            f"Cannot connect to the MCP server {where}: {detail}. Check that the server runs "
            f"and speaks MCP{' at that URL' if self.target.url else ''}.{self._stderr_tail()}"
        )


def _root_cause(exc: BaseException) -> BaseException:
    """The first leaf of an exception group (anyio's task groups wrap what failed)."""
    while isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        exc = exc.exceptions[0]
    return exc


_OPEN: weakref.WeakSet[Session] = weakref.WeakSet()


@atexit.register
def _close_all_at_exit() -> None:
    """Close every session still open, so no server process outlives the interpreter."""
    for session in list(_OPEN):
        session.close()
