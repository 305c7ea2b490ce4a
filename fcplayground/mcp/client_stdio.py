"""The MCP client's stdio transport: a server process's stdin and stdout as the session's
streams (anyio memory streams of :class:`SessionMessage`), as the SDK's ``stdio_client``
gives them, read in linear time (see :mod:`fcplayground.mcp.stdout_lines`).

It keeps what the SDK's transport does that matters: the minimal environment, stderr to
a file, the process and its children stopped on close within bounded waits
(:mod:`fcplayground.mcp.server_process`). What it reads it treats as a hostile server's:

- an answer over MAX_MESSAGE, or one that is not a valid message, is an error for the
  call waiting on it, saying why; the session goes on;
- an over-size line that names no call (and is no message of the server's own) ends the
  session, since the call it answers cannot be told: every call then says the server's
  answers can no longer be read, and why;
- a line that is not JSON-RPC (a server that prints on stdout) is skipped with one
  warning line (no traceback) the first few times, then counted."""

from __future__ import annotations

import contextlib
import enum
import logging
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

import anyio
import anyio.lowlevel
import mcp_types as types
import pydantic
from mcp.client._transport import TransportStreams
from mcp.shared.message import SessionMessage

from fcplayground.mcp import server_process
from fcplayground.mcp.stdout_lines import MAX_MESSAGE, Kind, Line, LineSplitter

logger = logging.getLogger("fcplayground.mcp")

# How many lines that are not JSON-RPC are shown, one warning each, before only counting.
NOISE_SHOWN = 3
# The most bytes asked of the pipe at a time, and how long writes may flush on close.
_CHUNK = 1 << 16
_FLUSH = 0.5
_PIPE_ERRORS = (anyio.EndOfStream, anyio.ClosedResourceError, anyio.BrokenResourceError, OSError)


class Dropped(enum.IntEnum):
    """Why this client dropped an answer: the error code handed to the call that waits on
    it, never sent. In JSON-RPC's band for implementations, beside the SDK's own codes."""

    TOO_LONG = -32019
    INVALID = -32018


@dataclass
class StdoutReport:
    """What the transport saw on the server's stdout that the session's messages need."""

    server: str  # the server, as messages name it
    unreadable: str | None = None  # why no more answers can be read, once that is so
    noise: int = 0  # lines skipped because they were not MCP messages


@contextlib.asynccontextmanager
async def stdio_client(
    command: Sequence[str], env: dict[str, str], errlog: IO[bytes], report: StdoutReport
) -> AsyncIterator[TransportStreams]:
    """Start the server and yield its (read, write) streams; stop it on the way out."""
    pipes = _Pipes(await server_process.start(command, env, errlog), report)
    # No await between the start and the task group: a cancellation there would leak it.
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(pipes.read)
        tasks.start_soon(pipes.write)
        try:
            yield pipes.streams
        finally:
            with anyio.CancelScope(shield=True):  # the process must be stopped, whatever
                await pipes.shutdown()
            tasks.cancel_scope.cancel()


class _Pipes:
    """The two tasks between the server's pipes and the session's streams."""

    def __init__(self, process: Any, report: StdoutReport) -> None:
        self._process = process
        self._report = report
        self._to_session, from_server = anyio.create_memory_object_stream[
            SessionMessage | Exception
        ](0)
        to_server, self._from_session = anyio.create_memory_object_stream[SessionMessage](0)
        self.streams: TransportStreams = (from_server, to_server)
        self._written = anyio.Event()

    async def read(self) -> None:
        """Stdout's lines to the session, until either ends; then drain what is left."""
        splitter = LineSplitter()
        try:
            async with self._to_session:
                while (chunk := await self._receive()) is not None:
                    for line in splitter.feed(chunk):
                        if not await self._deliver(line):
                            return
        except (anyio.ClosedResourceError, anyio.BrokenResourceError):
            pass  # the session is gone (or shutting down)
        finally:
            await self._drain()

    async def write(self) -> None:
        """The session's messages to stdin, one JSON line each."""
        try:
            async with self._from_session:
                async for message in self._from_session:
                    text = message.message.model_dump_json(by_alias=True, exclude_unset=True)
                    await self._process.stdin.send(text.encode() + b"\n")
        except (anyio.ClosedResourceError, anyio.BrokenResourceError, OSError):
            # The server no longer reads: end the session's stream, so no call hangs.
            await self._to_session.aclose()
        finally:
            self._written.set()

    async def shutdown(self) -> None:
        """Stop traffic, let written messages flush, stop the server, close the streams."""
        from_server, to_server = self.streams
        from_server.close()  # the reader goes to its drain: a server blocked writing can exit
        to_server.close()
        with anyio.move_on_after(_FLUSH):
            await self._written.wait()
        await server_process.stop(self._process)
        for stream in (from_server, to_server, self._to_session, self._from_session):
            await stream.aclose()
        await anyio.lowlevel.checkpoint()  # let the tasks leave by their except paths
        if self._report.noise > NOISE_SHOWN:
            logger.warning(
                "The MCP server %s wrote %d lines that are not MCP messages on its stdout; "
                "each was skipped.",
                self._report.server,
                self._report.noise,
            )

    async def _receive(self) -> bytes | None:
        try:
            return bytes(await self._process.stdout.receive(_CHUNK))
        except _PIPE_ERRORS:
            return None

    async def _deliver(self, line: Line) -> bool:
        """Send one line to the session; False when reading must end."""
        if not line.cut:
            try:
                message = types.jsonrpc_message_adapter.validate_json(line.data, by_name=False)
            except pydantic.ValidationError as exc:
                why = f"a message that is not valid MCP ({_first(exc)})"
                return await self._unreadable(line, Dropped.INVALID, why)
            await self._to_session.send(SessionMessage(message))
            return True
        size, cap = _sizes(line.size, MAX_MESSAGE)
        why = f"a message of {size}, more than the {cap} this client reads"
        return await self._unreadable(line, Dropped.TOO_LONG, why)

    async def _unreadable(self, line: Line, reason: Dropped, why: str) -> bool:
        """A line the session cannot have: an error for its call, skipped, or the end."""
        kind, request = line.kind()
        if kind is Kind.ANSWER and request is not None:
            error = types.ErrorData(code=reason, message=why)
            await self._to_session.send(
                SessionMessage(types.JSONRPCError(jsonrpc="2.0", id=request, error=error))
            )
            return True
        if kind is Kind.FROM_SERVER or not line.cut:
            self._skip(line, why)
            return True
        self._report.unreadable = f"it sent {why}, without saying which call it answers"
        return False

    def _skip(self, line: Line, why: str) -> None:
        self._report.noise += 1
        if self._report.noise > NOISE_SHOWN:
            return
        more = (
            " Further lines like it are counted, not shown."
            if self._report.noise == NOISE_SHOWN
            else ""
        )
        text = line.data[:80].decode("utf-8", "replace")
        logger.warning(
            "The MCP server %s wrote %s on its stdout; skipped: %r.%s",
            self._report.server,
            why if line.cut else "a line that is not an MCP message",
            text + ("..." if line.size > 80 else ""),
            more,
        )

    async def _drain(self) -> None:
        """Read and drop what the server still writes, so that it is never blocked on a
        full pipe and can exit; ends when the pipe closes."""
        with anyio.CancelScope(shield=True):
            while await self._receive() is not None:
                pass


def _sizes(size: int, cap: int) -> tuple[str, str]:
    """``size`` and ``cap`` in words: megabytes, or bytes where megabytes would read alike."""
    megabytes = f"{size / 2**20:.1f} MB"
    if megabytes != f"{cap / 2**20:.1f} MB":
        return megabytes, f"{cap / 2**20:g} MB"
    return f"{size:,} bytes", f"{cap:,} bytes"


def _first(exc: pydantic.ValidationError) -> str:
    errors = exc.errors(include_url=False)
    text = str(errors[0]["msg"]) if errors else str(exc)
    return text if len(text) <= 120 else text[:117] + "..."
