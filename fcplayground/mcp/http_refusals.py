"""A request body over the streamable HTTP server's size limit, refused in JSON-RPC.

The SDK refuses such a body with a 413 whose body is the plain text "Request body too
large", which its own client cannot read: the call fails with "Server returned an error
response" and no reason. This middleware sends the same 413 with a JSON-RPC -32700 error
naming the size and the limit, which an MCP client passes on as the call's error."""

from __future__ import annotations

import mcp_types as types
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fcplayground.mcp.unreadable import too_large

_TOO_LARGE = 413


class TooLargeAsJsonRpc:
    """ASGI middleware around an MCP app whose request bodies are limited to ``limit``
    bytes: its 413 (only the SDK's body limit sends one) goes out as a JSON-RPC error."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _declared_size(Headers(scope=scope).get("content-length"))
        replaced = False

        async def refuse_in_json(message: Message) -> None:
            nonlocal replaced
            if message["type"] == "http.response.start" and message["status"] == _TOO_LARGE:
                replaced = True
                await _send_json(send, too_large(declared, self.limit).error())
            elif not replaced:  # what follows a replaced start is its plain-text body
                await send(message)

        await self.app(scope, receive, refuse_in_json)


def _declared_size(content_length: str | None) -> int | None:
    """The body size a request declares, or None (chunked, or not a plain number)."""
    if not (content_length and content_length.isascii() and content_length.isdigit()):
        return None
    return int(content_length) if len(content_length) <= 18 else None


async def _send_json(send: Send, error: types.JSONRPCError) -> None:
    body = error.model_dump_json(by_alias=True, exclude_unset=True).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
    await send({"type": "http.response.start", "status": _TOO_LARGE, "headers": headers})
    await send({"type": "http.response.body", "body": body})
