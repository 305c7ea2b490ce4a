"""The offline provider as the MCP client of a remote server (streamable HTTP).

When a request offers a provider-side MCP tool (OpenAI's ``{"type": "mcp"}``, Anthropic's
``mcp_servers``), the provider itself lists the server's tools and calls them, with the
official ``mcp`` SDK's :class:`mcp.Client`, one session per server per request
(:class:`Connections`). The handler is synchronous (and may run inside an event loop, under
the async SDK clients), so each session lives in a thread of its own with its own loop, and
every operation is bounded by :func:`timeout` seconds (``FCP_MCP_TIMEOUT``, 5 s by default):
a dead or hanging server costs a clear error, never a stalled request.

The credentials a request gives (``headers``, ``authorization_token``) go to the MCP server
only: no error text here holds them, nor the URL's user name, password or query.
"""

from __future__ import annotations

import json
import os
import queue
import threading
from collections.abc import Awaitable, Callable, Mapping
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, TypeVar
from urllib.parse import urlsplit

ENV_TIMEOUT = "FCP_MCP_TIMEOUT"
DEFAULT_TIMEOUT = 5.0  # seconds for one list or call, connection included
GRACE = 2.0  # beyond the timeout, how long the worker thread may take to give up
MAX_OUTPUT_CHARS = 20_000  # of a tool's text output kept in an item (then a marker)

T = TypeVar("T")


def timeout() -> float:
    """Seconds one MCP operation may take (``FCP_MCP_TIMEOUT``; 5 when unset or invalid)."""
    try:
        value = float(os.environ.get(ENV_TIMEOUT, DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if 0 < value <= 600 else DEFAULT_TIMEOUT


@dataclass(frozen=True)
class Endpoint:
    """One MCP server as a request names it: its label, URL and the headers to send."""

    label: str
    url: str
    headers: Mapping[str, str] = field(default_factory=dict, repr=False)  # credentials

    @property
    def shown_url(self) -> str:
        """The URL without user name, password, query or fragment: safe to show."""
        parts = urlsplit(self.url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
        return f"{parts.scheme}://{host}{port}{parts.path}"


@dataclass(frozen=True)
class RemoteTool:
    """A tool as the MCP server lists it."""

    name: str
    description: str
    input_schema: dict[str, Any]
    annotations: dict[str, Any] | None = None

    @property
    def read_only(self) -> bool:
        """Whether the server marks the tool ``readOnlyHint`` (it changes nothing)."""
        return bool((self.annotations or {}).get("readOnlyHint"))

    @classmethod
    def listed(cls, entry: Mapping[str, Any]) -> RemoteTool:
        """A tool as a listing the request carries gives it (an earlier response's
        ``mcp_list_tools`` or ``mcp_tool_listing``, a pinned toolset): missing parts empty."""
        schema, annotations = entry.get("input_schema"), entry.get("annotations")
        return cls(
            str(entry.get("name", "")),
            str(entry.get("description") or ""),
            schema if isinstance(schema, dict) else {"type": "object", "properties": {}},
            annotations if isinstance(annotations, dict) else None,
        )


class Failure(str, Enum):
    """Why a call produced no output: the tool failed, or the exchange with the server did."""

    TOOL = "tool"  # the server ran the tool, which reported an error (isError)
    PROTOCOL = "protocol"  # the server answered with an MCP error, or not in time
    HTTP = "http"  # the server could not be reached


@dataclass(frozen=True)
class Outcome:
    """What one ``tools/call`` gave: the text, and why it failed (``None``: it did not)."""

    text: str
    failure: Failure | None = None

    @property
    def is_error(self) -> bool:
        return self.failure is not None


class Unreachable(Exception):
    """The server could not be asked (refused, not MCP, timed out): a message to show."""

    def __init__(self, message: str, failure: Failure = Failure.HTTP) -> None:
        super().__init__(message)
        self.message, self.failure = message, failure


class Connections:
    """The MCP sessions of one provider request, one per server, opened on first use and
    closed with this context: a server's listing and all its calls share one handshake."""

    def __init__(self) -> None:
        self._open: dict[str, _Session] = {}

    def __enter__(self) -> Connections:
        return self

    def __exit__(self, *exc: object) -> None:
        for session in self._open.values():
            session.close()
        self._open.clear()

    def _session(self, endpoint: Endpoint) -> _Session:
        key = f"{endpoint.label}\n{endpoint.url}"
        if key not in self._open:
            self._open[key] = _Session(endpoint)
        return self._open[key]

    def list_tools(self, endpoint: Endpoint) -> list[RemoteTool]:
        """The server's tools (every page). Raises :class:`Unreachable` naming the server."""

        async def ask(client: Any) -> list[RemoteTool]:
            tools, cursor = [], None
            for _ in range(50):  # bounded: a server that pages for ever is cut off
                page = await client.list_tools(cursor=cursor)
                tools += [_tool(t) for t in page.tools]
                if not (cursor := page.next_cursor):
                    break
            return tools

        return self._session(endpoint).run(ask, "list its tools")

    def call_tool(self, endpoint: Endpoint, name: str, arguments: Mapping[str, Any]) -> Outcome:
        """Call one tool; every failure (the tool's, the server's) comes back as an Outcome."""

        async def ask(client: Any) -> Outcome:
            result = await client.call_tool(name, dict(arguments))
            text = "\n".join(getattr(part, "text", "") or "" for part in result.content)
            if not text and result.structured_content is not None:
                text = json.dumps(result.structured_content, ensure_ascii=False)
            return Outcome(_cut(text), Failure.TOOL if result.is_error else None)

        try:
            return self._session(endpoint).run(ask, f"call its tool {name!r}")
        except Unreachable as e:
            return Outcome(e.message, e.failure)


def _cut(text: str, limit: int = MAX_OUTPUT_CHARS) -> str:
    """``text`` cut to its first ``limit`` characters, with a marker saying so: the
    registry's marker (fcplayground.tools), with a hint of its own, as a provider has no
    ``max_result_chars`` to raise."""
    if len(text) <= limit:
        return text
    return text[:limit] + (
        f"\n[truncated: {len(text)} characters, showing the first {limit}. The provider keeps "
        "no more of an MCP tool's output: ask the tool for less.]"
    )


def _tool(tool: Any) -> RemoteTool:
    annotations = (
        tool.annotations.model_dump(by_alias=True, exclude_none=True) if tool.annotations else None
    )
    return RemoteTool(tool.name, tool.description or "", dict(tool.input_schema), annotations)


@dataclass
class _Job:
    ask: Callable[[Any], Awaitable[Any]]
    done: Future[Any] = field(default_factory=Future)


class _Session:
    """One MCP session, held by a worker thread with its own event loop (the handler may
    run inside another loop); the caller hands it jobs and waits for each, within the
    timeout, so a server that hangs costs an error, never a stalled request."""

    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint, self.limit = endpoint, timeout()
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._ready: Future[None] = Future()
        self._ended: BaseException | None = None
        self._thread = threading.Thread(target=self._work, name="mcp-session", daemon=True)
        self._thread.start()

    def run(self, ask: Callable[[Any], Awaitable[T]], doing: str) -> T:
        job = _Job(ask)
        try:
            self._ready.result(self.limit + GRACE)
            if self._ended is not None:  # the server went away after the handshake
                raise self._ended
            self._jobs.put(job)
            return job.done.result(self.limit + GRACE)
        except FutureTimeout:
            raise self._late(doing) from None
        except Exception as e:  # noqa: BLE001 (the SDK's and the network's, all alike)
            raise self._late(doing) if _timed_out(e) else self._failed(doing, e) from None

    def close(self) -> None:
        self._jobs.put(None)
        self._thread.join(GRACE)  # a daemon: one that hangs on the way out is left behind

    def _where(self) -> str:
        return f"MCP server '{self.endpoint.label}' ({self.endpoint.shown_url})"

    def _late(self, doing: str) -> Unreachable:
        return Unreachable(
            f"The {self._where()} did not answer within {self.limit:g} s when asked to {doing}. "
            f"Check that it is running and quick to answer (the limit is {ENV_TIMEOUT}).",
            Failure.PROTOCOL,
        )

    def _failed(self, doing: str, error: BaseException) -> Unreachable:
        return Unreachable(
            f"Could not reach the {self._where()} to {doing}: {_reason(error)}. Check that the "
            "URL names a running MCP server that speaks streamable HTTP (its path is often /mcp)."
        )

    def _work(self) -> None:
        import anyio

        try:
            anyio.run(self._serve)
            ended: BaseException = RuntimeError("the MCP session has ended")
        except BaseException as e:  # noqa: BLE001 (handed to the waiting caller)
            ended = e
        self._ended = ended
        if not self._ready.done():
            self._ready.set_exception(ended)
        while not self._jobs.empty():  # jobs given after the end: answered, not left waiting
            if (job := self._jobs.get_nowait()) is not None:
                job.done.set_exception(ended)

    async def _serve(self) -> None:
        import anyio
        import httpx2
        from mcp import Client
        from mcp.client.streamable_http import streamable_http_client

        headers, limit = dict(self.endpoint.headers), self.limit
        async with httpx2.AsyncClient(headers=headers, timeout=limit) as http:
            transport = streamable_http_client(self.endpoint.url, http_client=http)
            async with Client(transport, read_timeout_seconds=limit) as client:
                self._ready.set_result(None)
                while (job := await anyio.to_thread.run_sync(self._jobs.get)) is not None:
                    try:
                        with anyio.fail_after(limit):
                            job.done.set_result(await job.ask(client))
                    except Exception as e:  # noqa: BLE001 (the caller reports it)
                        job.done.set_exception(e)


def _leaves(error: BaseException) -> list[BaseException]:
    children = getattr(error, "exceptions", None)  # an exception group (anyio's task groups)
    if isinstance(children, tuple) and children:
        return [leaf for e in children for leaf in _leaves(e)]
    return [error]


def _timed_out(error: BaseException | None) -> bool:
    """Whether the server took the connection and then did not answer in time: httpx's
    ``ReadTimeout`` is not a ``TimeoutError`` (a ``ConnectTimeout`` is not reaching it)."""
    import httpx2

    late = (TimeoutError, httpx2.ReadTimeout)
    return error is not None and any(isinstance(e, late) for e in _leaves(error))


def _reason(error: BaseException) -> str:
    """The innermost cause, in a line (no headers: the SDK's errors do not carry them)."""
    leaf = _leaves(error)[0]
    text = " ".join(str(leaf).split())[:300]
    return f"{type(leaf).__name__}: {text}" if text else type(leaf).__name__
