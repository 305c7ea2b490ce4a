"""An MCP server's tools in a :class:`~fcplayground.tools.ToolRegistry`.

>>> with tools(["python", "-m", "fcplayground", "mcp", "--scenario", "support_desk"]) as registry:
...     trace = run(ModelClient.offline(), registry, "Where is order 1042?")

:func:`tools` starts the server (a command, over stdio) or reaches it (an ``http(s)://``
URL, over streamable HTTP), lists its tools and returns a registry whose tools send each
call over MCP. Everything a registry does works with them: ``call``, ``acall``,
``call_many(parallel=True)``, ``agent.run`` and ``arun``, ``to_openai()`` and
``to_anthropic()`` for a hand-written loop. :func:`atools` is the same for async code.

The arguments are checked against the schema the server listed before they are sent, so
a model's mistake gets the same kind of error text as with a local tool, without a round
trip; the server checks them again. A failure is an error result for the model, never an
exception in the loop: the server dying mid-call, a call timing out, a tool the server
refuses. Only :func:`tools` itself raises (:class:`MCPConnectionError`), when the server
cannot be started or reached, since there is no registry yet.
"""

from __future__ import annotations

import asyncio
import copy
import os
import warnings
from collections import deque
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from fcplayground import settings
from fcplayground.chat import ToolResult
from fcplayground.mcp.remote_tools import to_tool
from fcplayground.mcp.session import MCPConnectionError, Session, Target
from fcplayground.tools import ToolRegistry
from fcplayground.tools.execution import Arguments

__all__ = [
    "MCPConnectionError",
    "MCPToolRegistry",
    "SentCall",
    "SkippedToolWarning",
    "atools",
    "tools",
]

# How long starting the server and listing its tools may take: for a command, long enough
# for a Python server that imports the MCP SDK on a slow machine (a few seconds); for a
# URL, whose server is already running, much less, so a wrong address fails soon.
CONNECT_TIMEOUT = 60.0
URL_CONNECT_TIMEOUT = 10.0
# The most tools kept from one server: far more than a model is offered at once (OpenAI
# takes 128), and a bound on the work a hostile listing can ask of us.
MAX_TOOLS = 512
# Passed to a stdio server when set here: where Python finds packages, which a Python
# server needs and which holds no secret. Nothing else is, API keys least of all (the
# SDK passes only HOME, PATH, SHELL, TERM, USER and LOGNAME); add more with env=.
_PASSED_ON = ("PYTHONPATH", "VIRTUAL_ENV")
# The most calls a registry remembers sending (the latest): a bound on what a long run holds.
MAX_SENT = 1000


class SkippedToolWarning(UserWarning):
    """A tool the server lists that no registry can hold (its name or its schema)."""


@dataclass(frozen=True)
class SentCall:
    """A call an :class:`MCPToolRegistry` ran: the model's call id, the tool, the arguments
    and what came back."""

    call_id: str
    name: str
    arguments: dict[str, Any]
    content: str
    is_error: bool


class MCPToolRegistry(ToolRegistry):
    """A registry of one MCP server's tools; close it (or use ``with``) to end the session
    and stop the server process. Closing twice is fine; one never closed is closed when
    Python exits. It remembers the calls it ran (:attr:`sent`), so that a trace's calls
    can be told to have gone over MCP."""

    def __init__(self, session: Session, max_result_chars: int | None = 20_000) -> None:
        """Use :func:`tools` or :func:`atools` to get one."""
        super().__init__(max_result_chars=max_result_chars)
        self.session = session
        self._sent: deque[SentCall] = deque(maxlen=MAX_SENT)

    @property
    def sent(self) -> list[SentCall]:
        """The calls this registry ran over MCP, oldest first (the latest 1000)."""
        return list(self._sent)

    def _ran(self, arguments: Arguments, result: ToolResult) -> ToolResult:
        """Remember the call in :attr:`sent`."""
        given = copy.deepcopy(arguments) if isinstance(arguments, dict) else {}
        self._sent.append(
            SentCall(result.call_id, result.name, given, result.content, result.is_error)
        )
        return result

    @property
    def server(self) -> str:
        """The server, as a command line or a URL."""
        return self.session.target.shown

    @property
    def closed(self) -> bool:
        """Whether the session was closed; calls then fail with an error saying so."""
        return self.session.closed

    def close(self) -> None:
        """End the session and stop the server (a stdio one); safe to call again."""
        self.session.close()

    async def aclose(self) -> None:
        """:meth:`close`, without blocking the running event loop."""
        await asyncio.to_thread(self.session.close)

    def __enter__(self) -> MCPToolRegistry:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    async def __aenter__(self) -> MCPToolRegistry:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        state = "closed" if self.closed else "open"
        return f"<MCPToolRegistry {self.server!r}: {', '.join(self.names) or 'no tools'} ({state})>"


def tools(
    server: str | Sequence[str],
    *,
    timeout: float | None = settings.TOOL_TIMEOUT,
    env: dict[str, str] | None = None,
    connect_timeout: float | None = None,
    max_result_chars: int | None = 20_000,
) -> MCPToolRegistry:
    """Connect to an MCP server and return a registry of its tools.

    ``server``: a command that starts the server over stdio (a list of strings, or one
    string split like a shell would), or the ``http(s)://`` URL of a streamable HTTP one.
    ``timeout``: seconds each call may take before it is cancelled (``None``: no limit).
    ``env``: variables for a stdio server, on top of a minimal environment (no API keys
    unless you pass them here). Raises :class:`MCPConnectionError` when the server cannot
    be started or reached within ``connect_timeout`` seconds (``None``: CONNECT_TIMEOUT
    for a command, URL_CONNECT_TIMEOUT for a URL)."""
    target = Target.parse(server, _environment(env))
    if connect_timeout is None:
        connect_timeout = URL_CONNECT_TIMEOUT if target.url else CONNECT_TIMEOUT
    session = Session(target, timeout)
    listed = session.open(connect_timeout)
    registry = MCPToolRegistry(session, max_result_chars)
    for item in listed[MAX_TOOLS:]:
        _skip(item.name, target, f"the registry keeps the first {MAX_TOOLS} tools listed")
    for item in listed[:MAX_TOOLS]:
        if item.name in registry:
            _skip(item.name, target, "the server lists a tool of that name twice")
            continue
        try:
            registry.add(to_tool(item, session.call))
        except (ValueError, TypeError) as exc:
            _skip(item.name, target, str(exc))
    return registry


class _Opening:
    """What :func:`atools` returns: await it for the registry, or ``async with`` it."""

    def __init__(self, server: str | Sequence[str], options: dict[str, Any]) -> None:
        self._server, self._options = server, options
        self._registry: MCPToolRegistry | None = None

    def __await__(self) -> Generator[Any, None, MCPToolRegistry]:
        return asyncio.to_thread(tools, self._server, **self._options).__await__()

    async def __aenter__(self) -> MCPToolRegistry:
        self._registry = await self
        return self._registry

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._registry is not None:
            await self._registry.aclose()


def atools(server: str | Sequence[str], **options: Any) -> _Opening:
    """Async :func:`tools` (same options), for ``acall`` and ``agent.arun``:
    ``registry = await atools(...)`` (then ``await registry.aclose()``), or
    ``async with atools(...) as registry:``. Connecting does not block the event loop."""
    return _Opening(server, options)


def _environment(env: dict[str, str] | None) -> dict[str, str]:
    passed = {name: os.environ[name] for name in _PASSED_ON if os.environ.get(name)}
    return passed | dict(env or {})


def _skip(name: str, target: Target, why: str) -> None:
    warnings.warn(
        SkippedToolWarning(
            f"Tool {name!r} of the MCP server {target.shown} was left out: {why.rstrip('.')}."
        ),
        stacklevel=3,
    )
