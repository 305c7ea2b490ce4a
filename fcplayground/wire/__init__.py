"""Translate neutral conversations to and from the providers' wire formats.

Three formats, one module each, with the same functions:
``request_to_wire`` / ``request_from_wire`` (request bodies), ``turn_to_wire`` /
``turn_from_wire`` (response bodies), ``stream_events`` (the SSE events a provider
streams for a turn) and ``turn_from_stream`` (what a client accumulates from them).
"""

from __future__ import annotations

from . import anthropic, openai_chat, openai_responses
from ._common import ERROR_PREFIX, parse_sse, sse, stable_id

FORMATS = {
    "chat": openai_chat,
    "responses": openai_responses,
    "anthropic": anthropic,
}
# The provider endpoint each format is spoken at.
ENDPOINTS = {
    "/v1/chat/completions": "chat",
    "/v1/responses": "responses",
    "/v1/messages": "anthropic",
}


def endpoint(path: str) -> str:
    """A request path without its query string or trailing slash (``/v1/messages``)."""
    return path.split("?")[0].rstrip("/") or "/"


__all__ = [
    "ENDPOINTS",
    "ERROR_PREFIX",
    "FORMATS",
    "anthropic",
    "endpoint",
    "openai_chat",
    "openai_responses",
    "parse_sse",
    "sse",
    "stable_id",
]
