"""stdin's lines for the stdio server, read by the event loop rather than by a thread.

The SDK reads stdin in a worker thread, which a cancellation cannot stop: on SIGINT or
SIGTERM the server would wait for the client's next line. Read through the loop, the
wait for a line is cancelled like any other, so the server stops at once."""

from __future__ import annotations

import asyncio
import os
import sys
from dataclasses import dataclass

from fcplayground.mcp.unreadable import HEAD

# The longest line (one JSON-RPC message) read. A longer one is skipped, holding no more
# of it than this in memory, and answered with a parse error giving its size.
MAX_LINE = 16 * 1024 * 1024
_NEWLINE = b"\n"


@dataclass(frozen=True)
class Oversize:
    """A line longer than :data:`MAX_LINE`, skipped: its size in bytes (without the
    newline) and its first bytes, where a request's id may be read."""

    size: int
    head: bytes


class StdinLines:
    """The lines of a pipe, newline included, each as bytes or as :class:`Oversize`."""

    def __init__(self, reader: asyncio.StreamReader) -> None:
        self._reader = reader

    def __aiter__(self) -> StdinLines:
        return self

    async def __anext__(self) -> bytes | Oversize:
        try:
            return await self._reader.readuntil(_NEWLINE)
        except asyncio.IncompleteReadError as end:  # the pipe closed
            if not end.partial:
                raise StopAsyncIteration from None
            return end.partial  # a last line without its newline
        except asyncio.LimitOverrunError as over:
            return await self._skip(over.consumed)

    async def _skip(self, consumed: int) -> Oversize:
        """Read past the rest of a line found over the limit, ``consumed`` bytes of which
        are buffered, one buffer at a time."""
        head, size = (await self._reader.readexactly(consumed))[:HEAD], consumed
        while True:
            try:
                size += len(await self._reader.readuntil(_NEWLINE)) - len(_NEWLINE)
            except asyncio.IncompleteReadError as end:
                size += len(end.partial)
            except asyncio.LimitOverrunError as over:
                size += len(await self._reader.readexactly(over.consumed))
                continue
            return Oversize(size, head)


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
