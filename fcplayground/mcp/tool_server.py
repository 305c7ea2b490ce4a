"""A :class:`~fcplayground.tools.ToolRegistry` as an MCP server.

Built on the official SDK's low-level ``Server``, which hands out each tool's schema as
given: ``tools/list`` sends the registry's names, descriptions and JSON Schemas untouched,
and ``tools/call`` runs :meth:`ToolRegistry.acall`, so arguments are checked (strictly, by
default) and errors read exactly as they do in-process. The low-level server does no input
validation of its own, so nothing comes between the client's arguments and the registry.
Over streamable HTTP, a request body over the size limit is refused in JSON-RPC (see
:mod:`fcplayground.mcp.http_refusals`).
"""

from __future__ import annotations

import json
from typing import Any

import mcp_types as types
from mcp.server.context import ServerRequestContext
from mcp.server.lowlevel import Server
from mcp.server.transport_security import DEFAULT_MAX_REQUEST_BODY_SIZE
from starlette.applications import Starlette

from fcplayground import __version__
from fcplayground.chat import ToolResult
from fcplayground.mcp.http_refusals import TooLargeAsJsonRpc
from fcplayground.tools import Tool, ToolInterrupted, ToolRegistry

DEFAULT_NAME = "fcplayground"


def mcp_tool(tool: Tool) -> types.Tool:
    """``tool`` as MCP lists it: the same name, description and parameters schema.

    A tool marked ``side_effect=True`` changes data, so it is neither read-only nor
    known to be harmless (``destructiveHint``, which MCP reads only when ``readOnlyHint``
    is false); any other tool is read-only."""
    hints = (
        types.ToolAnnotations(read_only_hint=False, destructive_hint=True)
        if tool.side_effect
        else types.ToolAnnotations(read_only_hint=True)
    )
    return types.Tool(
        name=tool.name,
        description=tool.description,
        input_schema=tool.to_spec().parameters,  # a copy, as to_anthropic() gives it
        annotations=hints,
    )


def mcp_result(result: ToolResult) -> types.CallToolResult:
    """A registry's result as MCP sends it: its content as text (what a model would be
    sent), ``isError`` for an error, and the object itself as ``structuredContent``
    when the content is a JSON object (a tool that returned a dict)."""
    text = types.TextContent(type="text", text=result.content)
    structured = None if result.is_error else _json_object(result.content)
    return types.CallToolResult(
        content=[text], is_error=result.is_error, structured_content=structured
    )


def _reject_constant(name: str) -> Any:
    raise ValueError(name)


def _json_object(text: str) -> dict[str, Any] | None:
    """``text`` as a dict if it is one JSON object; None for anything else, cut text
    (a truncated result) and NaN or Infinity (which JSON-RPC cannot carry)."""
    if not text.startswith("{"):
        return None
    try:
        value = json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


class ToolServer(Server[Any]):
    """The SDK's low-level ``Server``, whose streamable HTTP app refuses a body over its
    size limit with a JSON-RPC error the client can show, not the SDK's plain text."""

    def streamable_http_app(self, **options: Any) -> Starlette:
        """The SDK's app (same options), with that refusal."""
        app = super().streamable_http_app(**options)
        limit = options.get("max_request_body_size", DEFAULT_MAX_REQUEST_BODY_SIZE)
        app.add_middleware(TooLargeAsJsonRpc, limit=limit)
        return app


def server(
    registry: ToolRegistry, *, name: str = DEFAULT_NAME, timeout: float | None = None
) -> ToolServer:
    """An MCP server (the SDK's low-level ``Server``) offering ``registry``'s tools.

    ``name`` is the server name clients show. ``timeout`` (seconds, None: none) bounds
    each call as in :meth:`ToolRegistry.call`. Sync tools run in the registry's worker
    threads, so a slow tool never holds up the server's event loop; async tools are
    awaited. Run it with :func:`fcplayground.mcp.serve_stdio` or
    :func:`fcplayground.mcp.serve_http`, or pass it to ``mcp.Client`` in-process."""

    async def list_tools(
        ctx: ServerRequestContext[Any], params: types.PaginatedRequestParams | None
    ) -> types.ListToolsResult:
        return types.ListToolsResult(tools=[mcp_tool(tool) for tool in registry])

    async def call_tool(
        ctx: ServerRequestContext[Any], params: types.CallToolRequestParams
    ) -> types.CallToolResult:
        try:
            result = await registry.acall(params.name, params.arguments, timeout)
        except ToolInterrupted:  # Ctrl-C inside one tool must not end the whole server
            return types.CallToolResult(
                content=[
                    types.TextContent(
                        type="text",
                        text=f"{params.name} was interrupted (KeyboardInterrupt). "
                        "Carry on without this result.",
                    )
                ],
                is_error=True,
            )
        return mcp_result(result)

    def input_schema(tool_name: str) -> dict[str, Any] | None:
        # For the SDK's header checks: the schema by name, without listing every tool.
        return registry[tool_name].parameters if tool_name in registry else None

    return ToolServer(
        name,
        version=__version__,
        get_tool_input_schema=input_schema,
        on_list_tools=list_tools,
        on_call_tool=call_tool,
    )
