"""A small MCP server for the client tests, over stdio: ``python tests/mcp_servers/basic.py``.

Its tools cover every parameter type a registry builds, a failure the tool reports
(``isError``), a tool that kills its own process mid-call and one that sleeps."""

from __future__ import annotations

import asyncio
import enum
import os
from typing import Annotated, Any, Literal

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp_types import ToolAnnotations
from pydantic import BaseModel, Field


class Colour(enum.Enum):
    """A closed vocabulary, sent as its value."""

    RED = "red"
    BLUE = "blue"


class Point(BaseModel):
    """A nested object."""

    x: int
    y: int


READ_ONLY = ToolAnnotations(read_only_hint=True)


def build() -> MCPServer:
    """The server, with its tools registered."""
    server = MCPServer("fcplayground-test-basic")

    @server.tool(annotations=READ_ONLY)
    def echo(text: Annotated[str, Field(description="The text to send back.")]) -> str:
        """Send the text back unchanged."""
        return text

    @server.tool(annotations=READ_ONLY)
    def add(a: int, b: int) -> int:
        """Add two integers."""
        return a + b

    @server.tool(annotations=READ_ONLY)
    def every_type(
        text: str,
        count: int,
        ratio: float,
        flag: bool,
        tags: list[str],
        extra: dict[str, Any],
        mode: Literal["fast", "slow"],
        colour: Colour,
        point: Point,
        note: str | None = None,
    ) -> dict[str, Any]:
        """Send back every argument as received, with its Python type."""
        values = {
            "text": text,
            "count": count,
            "ratio": ratio,
            "flag": flag,
            "tags": tags,
            "extra": extra,
            "mode": mode,
            "colour": colour.value,
            "point": point.model_dump(),
            "note": note,
        }
        return {"values": values, "types": {k: type(v).__name__ for k, v in values.items()}}

    @server.tool()
    def refund(order_id: str) -> str:
        """Refund an order (not read-only: the agent asks before running it)."""
        return f"refunded {order_id}"

    @server.tool(annotations=READ_ONLY)
    def fail(message: str) -> str:
        """Fail on purpose with ``message``."""
        raise ToolError(message)

    @server.tool(annotations=READ_ONLY)
    def pid() -> int:
        """The server's process id."""
        return os.getpid()

    @server.tool(annotations=READ_ONLY)
    def die() -> str:
        """Kill this server's process in the middle of the call."""
        os._exit(3)

    @server.tool(annotations=READ_ONLY)
    async def sleep(seconds: float) -> str:
        """Sleep, then say so."""
        await asyncio.sleep(seconds)
        return f"slept {seconds}"

    arrived: dict[str, int] = {}
    everyone: dict[str, asyncio.Event] = {}

    @server.tool(annotations=READ_ONLY)
    async def rendezvous(group: str, party: int, wait: float) -> str:
        """Wait up to ``wait`` seconds for ``party`` calls of ``group`` to be running at once."""
        arrived[group] = arrived.get(group, 0) + 1
        event = everyone.setdefault(group, asyncio.Event())
        if arrived[group] >= party:
            event.set()
        try:
            await asyncio.wait_for(event.wait(), wait)
        except TimeoutError:
            return "alone"
        return "met"

    return server


if __name__ == "__main__":
    build().run()
