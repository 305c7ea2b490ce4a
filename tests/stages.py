"""What the stage tests share: a tiny tool spec, the model's calls for one request, and the
fixed reference date (a Thursday) that relative dates are read against."""

from __future__ import annotations

from datetime import date

from fcplayground.chat import Message, Request, ToolSpec
from fcplayground.models import SimulatedModel

TODAY = date(2026, 1, 15)


def spec(name: str, description: str, properties: dict, required: list[str]) -> ToolSpec:
    """A tool with these parameters (a JSON Schema object)."""
    return ToolSpec(
        name, description, {"type": "object", "properties": properties, "required": required}
    )


def called(tool: ToolSpec, text: str) -> list[dict]:
    """The arguments of each call the simulated model makes for ``text`` with ``tool``."""
    turn = SimulatedModel().respond(Request([Message.user(text)], tools=[tool]))
    return [c.arguments for c in turn.tool_calls]


def text(description: str) -> dict:
    """A string parameter."""
    return {"type": "string", "description": description}


def number(description: str) -> dict:
    """An integer parameter."""
    return {"type": "integer", "description": description}
