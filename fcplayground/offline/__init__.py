"""Offline providers: real SDK clients answered in-process by a local model."""

from __future__ import annotations

from .clients import (
    anthropic_client,
    async_anthropic_client,
    async_openai_client,
    openai_client,
)
from .handler import Reply, handle, make_handler

__all__ = [
    "Reply",
    "anthropic_client",
    "async_anthropic_client",
    "async_openai_client",
    "handle",
    "make_handler",
    "openai_client",
]
