"""The Model protocol: a model reads a neutral request and returns a neutral turn."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from ..chat import ModelTurn, Request


@runtime_checkable
class Model(Protocol):
    """Anything that can answer a request. Models never run tools: applications do."""

    name: str

    def respond(self, request: Request) -> ModelTurn:
        """The model's turn for ``request`` (text, tool calls, or both)."""
        ...


class ModelError(RuntimeError):
    """A model could not answer (for example a script ran out of turns).

    The offline transport reports it as an HTTP 500 that the SDKs do not retry.
    """
