"""stdin's lines for the stdio server, read by the event loop rather than by a thread.

The SDK reads stdin in a worker thread, which a cancellation cannot stop: on SIGINT or
SIGTERM the server would wait for the client's next line. Read through the loop, the
wait for a line is cancelled like any other, so the server stops at once."""

from __future__ import annotations

import asyncio
import os
import sys

# A longer line (one JSON-RPC message) is dropped and answered as unreadable.
MAX_LINE = 16 * 1024 * 1024


class StdinLines:
    """The lines of a pipe, as the SDK's ``stdio_server(stdin=...)`` iterates them."""

    def __init__(self, reader: asyncio.StreamReader) -> None:
        self._reader = reader

    def __aiter__(self) -> StdinLines:
        return self

    async def __anext__(self) -> str:
        try:
            line = await self._reader.readline()
        except ValueError:  # over MAX_LINE: the reader dropped it; an unreadable line
            return "\n"
        if not line:
            raise StopAsyncIteration
        return line.decode("utf-8", errors="replace")


async def stdin_lines() -> StdinLines | None:
    """This process's stdin as :class:`StdinLines`, or None where the loop cannot watch
    it (a regular file, Windows): then the SDK reads it its own way."""
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=MAX_LINE)
    try:
        pipe = os.fdopen(os.dup(sys.stdin.fileno()), "rb", buffering=0)
    except (AttributeError, OSError, ValueError):  # no stdin at all
        return None
    try:
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), pipe)
    except (NotImplementedError, OSError, ValueError):
        pipe.close()
        return None
    return StdinLines(reader)
