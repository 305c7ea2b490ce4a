"""Starting a stdio MCP server's process, and stopping it (with its children) on close.

As the SDK's stdio client does it, with the SDK's own tools for each platform: the
process runs in a process group of its own (a job object on Windows) so that stopping it
reaches everything it started; stopping closes its stdin (the spec's "please exit"),
waits a moment, then ends the whole group; every wait is bounded."""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Sequence
from typing import IO, Any

import anyio
import anyio.to_thread
from mcp.client.stdio import get_default_environment
from mcp.os.posix.utilities import terminate_posix_process_tree
from mcp.os.win32.utilities import (
    close_process_job,
    create_windows_process,
    get_windows_executable_command,
    terminate_windows_process_tree,
)

logger = logging.getLogger("fcplayground.mcp")

# How long the server has to exit once its stdin is closed, how long after SIGTERM before
# SIGKILL, and how long for the loop to see it dead: the SDK's 2 s each. The session's
# CLOSE_TIMEOUT allows for all three.
EXIT_GRACE = 2.0
KILL_GRACE = 2.0
REAP_GRACE = 2.0
_POLL = 0.01
# What stopping tolerates from a pipe that is already closed or broken.
_PIPE_ERRORS = (OSError, anyio.BrokenResourceError, anyio.ClosedResourceError)


async def start(command: Sequence[str], env: dict[str, str], errlog: IO[bytes]) -> Any:
    """The server's process (anyio's, or the SDK's fallback on some Windows loops), with
    pipes for stdin and stdout and its stderr going to ``errlog``. Its environment is the
    SDK's minimal one (HOME, PATH, ...) and ``env``: nothing else, API keys least of all."""
    program, *args = command
    environment = get_default_environment() | env
    if sys.platform == "win32":  # a job object, so its children end with it
        program = await anyio.to_thread.run_sync(
            get_windows_executable_command, program, abandon_on_cancel=True
        )
        return await create_windows_process(program, args, environment, errlog)  # type: ignore[arg-type]
    return await anyio.open_process(
        [program, *args], env=environment, stderr=errlog, start_new_session=True
    )


async def stop(process: Any) -> None:
    """Close the server's stdin, give it EXIT_GRACE s to exit, then end its whole tree."""
    with contextlib.suppress(*_PIPE_ERRORS):
        await process.stdin.aclose()
    if not await _exited(process, EXIT_GRACE):
        if sys.platform == "win32":
            await terminate_windows_process_tree(process)
        else:
            await terminate_posix_process_tree(process, KILL_GRACE)
        if not await _exited(process, REAP_GRACE):
            logger.warning("MCP server process %d is still alive after SIGKILL.", process.pid)
    close_process_job(process)  # Windows: ends what is left of the job; elsewhere nothing
    with contextlib.suppress(*_PIPE_ERRORS):  # a survivor may hold stdout open: stop reading
        await process.stdout.aclose()


async def _exited(process: Any, within: float) -> bool:
    # The return code, not process.wait(): on 3.11+ wait() also waits for the pipes to
    # close, which a child that inherited them can keep open after the server exited.
    with anyio.move_on_after(within):
        while process.returncode is None:
            await anyio.sleep(_POLL)
    return process.returncode is not None
