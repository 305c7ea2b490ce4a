"""An MCP server whose tools/list answer comes in pages of two, for the pagination tests.

It also lists two tools no registry can hold: one whose name has a dot, one whose input
schema is not a valid JSON Schema. ``python tests/mcp_servers/paged.py``."""

from __future__ import annotations

from typing import Any

import mcp_types as types
from mcp.server.mcpserver import MCPServer

PAGE = 2


class PagedServer(MCPServer):
    """An MCPServer that lists its tools ``PAGE`` at a time, the cursor being an offset."""

    async def _handle_list_tools(self, ctx: Any, params: Any) -> types.ListToolsResult:
        tools = await self.list_tools()
        tools += [
            types.Tool(
                name="dotted.name",
                description="A name with a dot.",
                input_schema={"type": "object"},
            ),
            types.Tool(
                name="broken_schema",
                description="A schema that is not JSON Schema.",
                input_schema={"type": "object", "properties": {"a": {"type": 5}}},
            ),
        ]
        start = int(params.cursor) if params is not None and params.cursor else 0
        end = start + PAGE
        cursor = str(end) if end < len(tools) else None
        return types.ListToolsResult(tools=tools[start:end], next_cursor=cursor)


def build() -> PagedServer:
    """The server with five ordinary tools, listed in four pages with the two odd ones."""
    server = PagedServer("fcplayground-test-paged")
    for i in range(5):

        def tool(n: int, i: int = i) -> int:
            return n * i

        server.add_tool(tool, name=f"times_{i}", description=f"Multiply n by {i}.")
    return server


if __name__ == "__main__":
    build().run()
