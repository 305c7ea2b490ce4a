# ruff: noqa: F401  (the TYPE_CHECKING imports name what __getattr__ hands out)
"""Offline providers: real SDK clients answered in-process by a local model, and the same
provider over HTTP (:class:`Server`, ``fcplayground serve``). Names load on first use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_names

_LAZY = {
    "anthropic_client": ".clients", "async_anthropic_client": ".clients",
    "async_openai_client": ".clients", "openai_client": ".clients",
    "Reply": ".handler", "handle": ".handler", "make_handler": ".handler",
    "Server": ".server", "serve": ".server",
}  # fmt: skip

__all__ = sorted(_LAZY)


__getattr__, __dir__ = lazy_names(__name__, globals(), _LAZY)


if TYPE_CHECKING:
    from .clients import (
        anthropic_client,
        async_anthropic_client,
        async_openai_client,
        openai_client,
    )
    from .handler import Reply, handle, make_handler
    from .server import Server, serve
