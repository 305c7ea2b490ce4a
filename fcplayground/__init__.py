# ruff: noqa: F401  (the TYPE_CHECKING imports name what __getattr__ hands out)
"""fcplayground: learn LLM function calling (tool use) hands-on, offline or live.

>>> from fcplayground import ToolRegistry, ScriptedModel, offline

Names load on first use (PEP 562), so ``import fcplayground`` stays light: the SDKs, the
simulated model and its field libraries are imported only when something needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lazy import lazy_names

__version__ = "0.1.0"

# name -> the module that defines it (a module itself when the name is the module's)
_LAZY = {
    "Message": ".chat", "ModelTurn": ".chat", "NamedTool": ".chat", "Request": ".chat",
    "ToolCall": ".chat", "ToolResult": ".chat", "ToolSpec": ".chat", "Usage": ".chat",
    "ModelClient": ".client",
    "anthropic_client": ".providers", "async_anthropic_client": ".providers",
    "async_openai_client": ".providers", "connect": ".providers", "openai_client": ".providers",
    "Explanation": ".models", "Model": ".models", "ModelError": ".models",
    "PlainTextModel": ".models", "ReplayModel": ".models", "ScriptedModel": ".models",
    "SimulatedModel": ".models",
    "record": ".recording", "model_for": ".settings",
    "Tool": ".tools", "ToolRegistry": ".tools", "UndocumentedParameterWarning": ".tools",
}  # fmt: skip
_SUBMODULES = {"offline", "wire"}

__all__ = sorted([*_LAZY, *_SUBMODULES])


__getattr__, __dir__ = lazy_names(__name__, globals(), _LAZY, _SUBMODULES)


if TYPE_CHECKING:  # for type checkers and editors: the names as they are
    from . import offline, wire
    from .chat import Message, ModelTurn, NamedTool, Request, ToolCall, ToolResult, ToolSpec, Usage
    from .client import ModelClient
    from .models import (
        Explanation,
        Model,
        ModelError,
        PlainTextModel,
        ReplayModel,
        ScriptedModel,
        SimulatedModel,
    )  # fmt: skip
    from .providers import (
        anthropic_client,
        async_anthropic_client,
        async_openai_client,
        connect,
        openai_client,
    )  # fmt: skip
    from .recording import record
    from .settings import model_for
    from .tools import Tool, ToolRegistry, UndocumentedParameterWarning
