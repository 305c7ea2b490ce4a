"""PlainTextModel: an offline model that only ever answers in words."""

from __future__ import annotations

from dataclasses import dataclass

from ..chat import ModelTurn, Request, Usage


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
        return max(1, request_chars(value) // 4)
    return max(1, len(str(value)) // 4)


def request_chars(request: Request) -> int:
    """About how many characters a request holds: messages, and tools with their schemas."""
    text = sum(
        len(m.content) + 40 * (len(m.tool_calls) + len(m.tool_results)) for m in request.messages
    )
    tools = sum(
        len(str(t.name)) + len(str(t.description)) + 40 * _property_count(t.parameters)
        for t in request.tools
    )
    tools += sum(len(str(t.input_examples)) for t in request.tools if t.input_examples)
    return text + tools + len(request.system or "")


def _property_count(parameters: object) -> int:
    properties = parameters.get("properties") if isinstance(parameters, dict) else None
    return len(properties) if isinstance(properties, dict) else 0
