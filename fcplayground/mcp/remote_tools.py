"""An MCP server's tools as registry tools: what it lists becomes a :class:`Tool` whose
function sends the call over MCP, and what it answers becomes the tool's result."""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import mcp_types as types
from mcp.shared.exceptions import MCPError

from fcplayground.tools import Tool
from fcplayground.tools.execution import CallError

# A call that sends the arguments over MCP; the future gives the CallToolResult.
Sender = Callable[[str, dict[str, Any]], "concurrent.futures.Future[types.CallToolResult]"]


@dataclass(frozen=True)
class RemoteCall:
    """A tool's function: send the call to the server's tool ``name`` and await the answer.

    Async, so that the registry awaits it on whichever loop it runs (``acall``, or the
    one ``call`` makes) while the session's own loop, in another thread, does the work."""

    send: Sender
    name: str
    output_schema: dict[str, Any] | None

    async def __call__(self, **arguments: Any) -> Any:
        """The tool's result: structured content if any, else the text; CallError on isError."""
        result = await asyncio.wrap_future(self.send(self.name, arguments))
        return result_value(self.name, result, self.output_schema)


def to_tool(listed: types.Tool, send: Sender) -> Tool:
    """The registry tool for one listed MCP tool; ValueError saying why it cannot be one."""
    # MCP's default is "may change things": only a tool that says it is read-only is not
    # a side effect, so the agent asks before running the others when given approve=.
    read_only = listed.annotations is not None and listed.annotations.read_only_hint is True
    return Tool.from_schema(
        listed.name,
        listed.description or listed.title or "",
        listed.input_schema,
        RemoteCall(send, listed.name, listed.output_schema),
        side_effect=not read_only,
    )


def result_value(name: str, result: types.CallToolResult, output_schema: Any) -> Any:
    """What a tools/call answered, as the tool's return value (CallError for isError)."""
    text = "\n".join(_BLOCK_TEXT.get(block.type, _unknown)(block) for block in result.content)
    if result.is_error:
        raise CallError(text or f"{name} failed on the MCP server, which gave no reason.")
    value = result.structured_content
    if value is None:
        return text
    # The SDK's MCPServer sends a return value that is not an object as {"result": value}
    # and says so in its output schema: unwrap it, so 3 stays 3 as it would in-process.
    if _wraps_result(output_schema) and isinstance(value, dict) and list(value) == ["result"]:
        return value["result"]
    return value


def _wraps_result(schema: Any) -> bool:
    return (
        isinstance(schema, dict)
        and list(schema.get("properties", {})) == ["result"]
        and schema.get("required") == ["result"]
    )


def _blob(kind: str) -> Callable[[Any], str]:
    def text(block: Any) -> str:
        return f"[{kind}: {block.mime_type}, {len(block.data):,} characters of base64 not shown]"

    return text


def _resource(block: Any) -> str:
    contents = block.resource
    if getattr(contents, "text", None) is not None:
        return str(contents.text)
    return f"[resource {contents.uri}: binary content not shown]"


def _unknown(block: Any) -> str:
    return f"[{block.type} content not shown]"


# How each kind of content block reads as text for the model, by its "type".
_BLOCK_TEXT: dict[str, Callable[[Any], str]] = {
    "text": lambda block: str(block.text),
    "image": _blob("image"),
    "audio": _blob("audio"),
    "resource": _resource,
    "resource_link": lambda block: f"[resource link: {block.uri}]",
}


def describe_refusal(name: str, server: str, exc: MCPError) -> str:
    """The error text for a call the server answered with an MCP error, with the advice
    its code calls for."""
    advice = _REFUSAL_ADVICE.get(exc.code, "Try again later")
    return (
        f"The MCP server {server} refused the call to {name}: {_short(str(exc))} (MCP error "
        f"{exc.code}). {advice}, or carry on without this result."
    )


# What the caller can do about a refusal, by JSON-RPC error code.
_REFUSAL_ADVICE = {
    # The server could not read the request: past a body limit, it was too big.
    types.PARSE_ERROR: "Send smaller arguments (a shorter text, fewer items)",
    types.INVALID_PARAMS: "Check the tool name and arguments against the tool's schema",
    types.METHOD_NOT_FOUND: "This server does not run tools (no tools/call)",
}


def describe_timeout(name: str, server: str, seconds: float) -> str:
    """The error text for a call whose answer did not come within ``seconds``: the tool
    may have run, or not, so it says only what the client knows."""
    return (
        f"No answer from the MCP server {server} within {seconds:g} s for {name}, so the call "
        "was cancelled (the tool may or may not have run). Try again later, or carry on "
        "without this result."
    )


def describe_unreadable(name: str, server: str, what: str, too_long: bool) -> str:
    """The error text for an answer the client dropped: ``what`` says what it was."""
    advice = "Ask for less (a narrower query, a smaller page)" if too_long else "Try again"
    return (
        f"The MCP server {server} answered {name} with {what}, so the answer was dropped. "
        f"{advice}, or carry on without this result."
    )


def describe_failure(name: str, server: str, exc: Exception) -> str:
    """The error text for a call whose answer could not be read (or never came)."""
    return (
        f"The call to {name} on the MCP server {server} failed: {type(exc).__name__}: "
        f"{_short(str(exc))}. Try again, or carry on without this result."
    )


def _short(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
