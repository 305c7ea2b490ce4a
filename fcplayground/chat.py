"""Neutral conversation types: one vocabulary for every provider.

A conversation is a list of :class:`Message`. The model answers a :class:`Request`
with a :class:`ModelTurn`: some text, zero or more :class:`ToolCall`, a stop reason
and token usage. The application runs the calls and sends back :class:`ToolResult`
values in a ``tool`` message. :mod:`fcplayground.wire` translates all of this to and
from the OpenAI Chat Completions, OpenAI Responses and Anthropic Messages formats.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

Role = Literal["user", "assistant", "tool"]
StopReason = Literal["end_turn", "tool_use", "max_tokens", "content_filter"]


@dataclass
class ToolCall:
    """A model's request to run one tool.

    ``arguments`` is the parsed JSON object the model sent, or the raw text when
    what it sent is not a JSON object (models do make that mistake; the registry
    turns it into a clear error instead of crashing).
    """

    name: str
    arguments: dict[str, Any] | str = field(default_factory=dict)
    id: str = ""

    @property
    def arguments_json(self) -> str:
        """The arguments as the JSON text a provider puts on the wire."""
        if isinstance(self.arguments, str):
            return self.arguments
        return json.dumps(self.arguments, ensure_ascii=False, separators=(",", ":"))


@dataclass
class ToolResult:
    """What running a tool produced, sent back to the model.

    ``content`` is text (JSON for structured values). ``is_error`` marks a failure
    the model should read and act on; ``duration`` is the run time in seconds.
    """

    call_id: str
    content: str
    is_error: bool = False
    name: str = ""
    duration: float | None = field(default=None, compare=False, repr=False)


@dataclass
class Message:
    """One message of a conversation.

    - ``user``: ``content`` is the user's text.
    - ``assistant``: ``content`` is the model's text, ``tool_calls`` what it asked for.
    - ``tool``: ``tool_results`` answers the calls of the previous assistant message.
    """

    role: Role
    content: str = ""
    tool_calls: list[ToolCall] = field(default_factory=list)
    tool_results: list[ToolResult] = field(default_factory=list)

    @classmethod
    def user(cls, text: str) -> Message:
        return cls("user", text)

    @classmethod
    def assistant(cls, text: str = "", tool_calls: list[ToolCall] | None = None) -> Message:
        return cls("assistant", text, tool_calls=list(tool_calls or []))

    @classmethod
    def tool(cls, results: list[ToolResult]) -> Message:
        return cls("tool", tool_results=list(results))


@dataclass
class ToolSpec:
    """A tool as a model sees it: a name, a description and a JSON Schema.

    ``finds_tools`` marks a tool that searches for tools the model cannot see yet (a
    provider's tool search, or the application's own search over its deferred tools):
    a model calls it when none of the tools it sees fits the request.

    ``input_examples`` are example arguments that show how the tool is called (Anthropic's
    ``input_examples``; OpenAI has no such field, so its wire writes them into the
    description)."""

    name: str
    description: str = ""
    parameters: dict[str, Any] = field(default_factory=lambda: {"type": "object", "properties": {}})
    strict: bool | None = None
    input_examples: list[dict[str, Any]] = field(default_factory=list)
    finds_tools: bool = False


@dataclass(frozen=True)
class NamedTool:
    """``tool_choice`` that forces one particular tool."""

    name: str


ToolChoice = Literal["auto", "none", "required"] | NamedTool


@dataclass
class Request:
    """Everything a model receives: what a provider's request body carries.

    ``tool_choice`` and ``parallel_tool_calls`` are ``None`` when the request does not
    set them (the provider's default applies: ``auto`` and parallel calls allowed).
    """

    messages: list[Message]
    model: str = ""
    system: str | None = None
    tools: list[ToolSpec] = field(default_factory=list)
    tool_choice: ToolChoice | None = None
    parallel_tool_calls: bool | None = None
    max_tokens: int | None = None
    stream: bool = False

    @property
    def allows_parallel(self) -> bool:
        return self.parallel_tool_calls is not False

    def tool(self, name: str) -> ToolSpec | None:
        """The offered tool called ``name``, if any."""
        return next((t for t in self.tools if t.name == name), None)


@dataclass
class Usage:
    """Tokens the provider counted for one turn."""

    input_tokens: int = 0
    output_tokens: int = 0


@dataclass
class ModelTurn:
    """A model's answer to one request.

    ``explanation`` is where a model that can explain itself (the simulated model)
    says why; it never goes on the wire. ``raw`` holds the provider's own response
    object when the turn came through an SDK.
    """

    text: str = ""
    tool_calls: list[ToolCall] = field(default_factory=list)
    stop_reason: StopReason | None = None
    usage: Usage = field(default_factory=Usage)
    model: str = ""
    id: str = ""
    explanation: Any = field(default=None, compare=False, repr=False)
    raw: Any = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.stop_reason is None:
            self.stop_reason = "tool_use" if self.tool_calls else "end_turn"

    @property
    def message(self) -> Message:
        """The turn as the assistant message to append to the conversation."""
        return Message.assistant(self.text, self.tool_calls)
