# ruff: noqa: F401  (the TYPE_CHECKING imports name what __getattr__ hands out)
"""fcplayground: learn LLM function calling (tool use) hands-on, offline or live.

>>> from fcplayground import ToolRegistry, ScriptedModel, offline

Names load on first use (PEP 562), so ``import fcplayground`` stays light: the SDKs, the
simulated model and its field libraries are imported only when something needs them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY, *_SUBMODULES])


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
