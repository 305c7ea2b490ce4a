"""The stdio server's transport: stdin read here, stdout written by the SDK.

The SDK's ``stdio_server`` keeps fd 1 for the protocol (what tools print goes to stderr)
and writes each reply as one line; its own reader of stdin is given no lines. Stdin is
read by :class:`~fcplayground.mcp.stdin_lines.StdinLines` and parsed here, once, so that
a line that cannot be read is answered with a JSON-RPC error rather than dropped."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import anyio
import mcp_types as types
from anyio.streams.memory import MemoryObjectSendStream
from mcp.server.stdio import stdio_server
from mcp.shared.message import SessionMessage

from fcplayground.mcp.stdin_lines import MAX_LINE, Oversize, StdinLines, stdin_lines
from fcplayground.mcp.unreadable import Unreadable, read_message, too_large


async def run_stdio(app: Any) -> None:
    """Run the MCP server ``app`` over this process's stdin and stdout until stdin closes."""
    lines = await stdin_lines()
    if lines is None:  # the loop cannot watch stdin: the SDK reads it, dropping bad lines
        async with stdio_server() as (read, write):
            await app.run(read, write, app.create_initialization_options())
        return
    async with stdio_server(stdin=_no_lines()) as (unused, write):  # type: ignore[arg-type]
        unused.close()
        inbox_writer, inbox = anyio.create_memory_object_stream[SessionMessage | Exception](0)
        async with anyio.create_task_group() as group:
            group.start_soon(_read, lines, inbox_writer, write)
            await app.run(inbox, write, app.create_initialization_options())
            group.cancel_scope.cancel()


async def _no_lines() -> AsyncIterator[str]:
    return
    yield  # an async generator that ends at once


async def _read(
    lines: StdinLines,
    inbox: MemoryObjectSendStream[SessionMessage | Exception],
    write: Any,
) -> None:
    """Pass each message on stdin to the server, answer each unreadable one, and close
    the server's inbox when stdin closes (which ends the session)."""
    async with inbox:
        async for line in lines:
            read = _message_in(line)
            if read is None:
                continue
            if isinstance(read, Unreadable):
                await write.send(SessionMessage(read.error()))
            else:
                await inbox.send(SessionMessage(read))


def _message_in(line: bytes | Oversize) -> types.JSONRPCMessage | Unreadable | None:
    """The message ``line`` holds, why it cannot be read, or None for a blank line (no
    message at all, so nothing to answer)."""
    if isinstance(line, Oversize):
        return too_large(line.size, MAX_LINE, line.head)
    if not line.strip():
        return None
    return read_message(line)
