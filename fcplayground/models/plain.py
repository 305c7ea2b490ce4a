"""PlainTextModel: an offline model that only ever answers in words."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..chat import ModelTurn, Request, ToolSpec, Usage


@dataclass
class PlainTextModel:
    """Answers every request with a short text and never calls a tool.

    It says what it received, so a learner can see the request arrived intact.
    Pass a :class:`~fcplayground.models.ScriptedModel` to see tool calls.
    """

    name: str = "plain-text-model"

    def respond(self, request: Request) -> ModelTurn:
        last = next((m.content for m in reversed(request.messages) if m.role == "user"), "")
        tools = ", ".join(t.name for t in request.tools) or "none"
        text = (
            f"(offline plain-text model) You said: {last!r}. Tools offered: {tools}. "
            "I answer in words only; give the client a ScriptedModel to see a tool call."
        )
        return ModelTurn(text=text, usage=Usage(count_tokens(request), count_tokens(text)))


def count_tokens(value: object) -> int:
    """A rough, deterministic token count (about four characters a token)."""
    if isinstance(value, Request):
        return tokens(request_chars(value))
    return tokens(len(str(value)))


def tokens(chars: int) -> int:
    """The token count of ``chars`` characters (about four a token, at least one)."""
    return max(1, chars // 4)


def request_chars(request: Request, tools: int | None = None) -> int:
    """About how many characters a request holds: messages, and tools with their schemas
    (``tools``: their :func:`tools_chars`, when already counted)."""
    text = sum(
        len(m.content) + 40 * (len(m.tool_calls) + len(m.tool_results)) for m in request.messages
    )
    if tools is None:
        tools = tools_chars(request.tools)
    return text + tools + len(request.system or "")


def tools_chars(tools: Iterable[ToolSpec]) -> int:
    """About how many characters tools add to a request: names, descriptions, schemas and
    example inputs."""
    tools = list(tools)
    chars = sum(
        len(str(t.name)) + len(str(t.description)) + 40 * _property_count(t.parameters)
        for t in tools
    )
    return chars + sum(len(str(t.input_examples)) for t in tools if t.input_examples)


def _property_count(parameters: object) -> int:
    properties = parameters.get("properties") if isinstance(parameters, dict) else None
    return len(properties) if isinstance(properties, dict) else 0
