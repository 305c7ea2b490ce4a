"""A small MCP server over streamable HTTP, for the offline provider's MCP tool tests.

Run as ``python tests/mcp_servers/provider_desk.py``: it binds 127.0.0.1 on a free port,
prints ``PORT <n>`` on its first line, and serves ``/mcp`` until it is stopped. Its tools:
a read-only lookup, a side-effecting ticket creator (numbered, so a repeat shows), one that
raises, one that sleeps, one that tells whether the caller sent the expected token, and one
whose output is as long as asked.
"""

from __future__ import annotations

import asyncio
import socket
import sys

import uvicorn
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import ToolAnnotations

TOKEN = "Bearer desk-secret-token-123"  # what `whoami` expects in the Authorization header
ORDERS = {"A-1001": "shipped on 2026-11-28", "A-1002": "waiting for stock"}

desk = MCPServer("provider_desk")
tickets: list[str] = []


@desk.tool(annotations=ToolAnnotations(readOnlyHint=True))
def lookup_order(order_id: str) -> str:
    """Look up the status of an order by its order id (like A-1001)."""
    return f"Order {order_id}: {ORDERS.get(order_id, 'not found')}"


@desk.tool(annotations=ToolAnnotations(readOnlyHint=False))
def create_ticket(subject: str) -> str:
    """Create a support ticket with a subject line."""
    tickets.append(subject)
    return f"Ticket T-{len(tickets)} created: {subject}"


@desk.tool()
def explode(reason: str) -> str:
    """Always fails: for testing a tool error."""
    raise ToolError(f"the warehouse database is down ({reason})")


@desk.tool()
async def slow_report(seconds: float) -> str:
    """Build a report slowly (sleeps for the given number of seconds)."""
    await asyncio.sleep(seconds)
    return "report ready"


@desk.tool()
def whoami(ctx: Context) -> str:
    """Say whether the caller presented the desk's access token."""
    request = ctx.request_context.request
    sent = request.headers.get("authorization") if request is not None else None
    return "authorized" if sent == TOKEN else "anonymous"


@desk.tool()
def long_report(chars: int) -> str:
    """Write a report of the given number of characters."""
    line = "All orders are on time. "
    return (line * (chars // len(line) + 1))[:chars]


def main() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    print("PORT", sock.getsockname()[1], flush=True)
    app = desk.streamable_http_app()
    config = uvicorn.Config(app, log_level="warning")
    uvicorn.Server(config).run(sockets=[sock])


if __name__ == "__main__":
    sys.exit(main())
