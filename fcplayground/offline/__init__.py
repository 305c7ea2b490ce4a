"""Offline providers: real SDK clients answered in-process by a local model, and the same
provider over HTTP (:class:`Server`, ``fcplayground serve``)."""

from __future__ import annotations

from .clients import (
    anthropic_client,
    async_anthropic_client,
    async_openai_client,
    openai_client,
)
from .handler import Reply, handle, make_handler
from .server import Server, serve

__all__ = [
    "Reply",
    "Server",
    "anthropic_client",
    "async_anthropic_client",
    "async_openai_client",
    "handle",
    "make_handler",
    "openai_client",
    "serve",
]
