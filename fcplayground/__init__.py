"""fcplayground: learn LLM function calling (tool use) hands-on, offline or live.

>>> from fcplayground import ToolRegistry, ScriptedModel, offline
"""

from __future__ import annotations

from . import offline, wire
from .chat import Message, ModelTurn, NamedTool, Request, ToolCall, ToolResult, ToolSpec, Usage
from .client import ModelClient
from .connect import (
    anthropic_client,
    async_anthropic_client,
    async_openai_client,
    connect,
    openai_client,
)
from .models import (
    Explanation,
    Model,
    ModelError,
    PlainTextModel,
    ReplayModel,
    ScriptedModel,
    SimulatedModel,
)
from .recording import record
from .settings import model_for
from .tools import Tool, ToolRegistry, UndocumentedParameterWarning

__version__ = "0.1.0"

__all__ = [
    "Explanation",
    "Message",
    "Model",
    "ModelClient",
    "ModelError",
    "ModelTurn",
    "NamedTool",
    "PlainTextModel",
    "ReplayModel",
    "Request",
    "ScriptedModel",
    "SimulatedModel",
    "Tool",
    "ToolCall",
    "ToolRegistry",
    "ToolResult",
    "ToolSpec",
    "UndocumentedParameterWarning",
    "Usage",
    "anthropic_client",
    "async_anthropic_client",
    "async_openai_client",
    "connect",
    "model_for",
    "offline",
    "openai_client",
    "record",
    "wire",
]
