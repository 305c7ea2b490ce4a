"""The calls the offline OpenAI and Anthropic clients return for one user message, for tests
that ask the simulated model through the real SDKs."""

from __future__ import annotations

import json

from fcplayground import ToolRegistry, offline


def openai_calls(tools: ToolRegistry, request: str) -> list[tuple[str, dict]]:
    """The calls an offline OpenAI client returns for one user message."""
    reply = offline.openai_client().chat.completions.create(
        model="simulated",
        messages=[{"role": "user", "content": request}],
        tools=tools.to_openai(),
    )
    calls = reply.choices[0].message.tool_calls or []
    return [(c.function.name, json.loads(c.function.arguments)) for c in calls]


def anthropic_calls(tools: ToolRegistry, request: str) -> list[tuple[str, dict]]:
    """The calls an offline Anthropic client returns for one user message."""
    reply = offline.anthropic_client().messages.create(
        model="simulated",
        max_tokens=300,
        messages=[{"role": "user", "content": request}],
        tools=tools.to_anthropic(),
    )
    return [(b.name, b.input) for b in reply.content if b.type == "tool_use"]
