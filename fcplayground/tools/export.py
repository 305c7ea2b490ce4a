"""The ``tools`` lists a registry exports: OpenAI Chat Completions, OpenAI Responses and
Anthropic Messages, from the neutral :class:`~fcplayground.chat.ToolSpec` of each tool.

Example inputs go where each API takes them: Anthropic's ``input_examples`` field (part of
the Messages API: no beta header is needed), and for OpenAI, which has no field for them,
the end of the description (see :mod:`.examples`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from ..chat import ToolSpec
from .examples import with_examples


def openai_tools(
    specs: Iterable[ToolSpec], strict: bool, api: Literal["chat", "responses"], examples: bool
) -> list[dict[str, Any]]:
    """The ``tools`` list for OpenAI Chat Completions or Responses."""
    if api not in ("chat", "responses"):
        raise ValueError(f"api must be 'chat' or 'responses', not {api!r}.")
    out = []
    for s in specs:
        description = with_examples(s.description, s.input_examples if examples else [])
        fn = {"name": s.name, "description": description, "parameters": s.parameters}
        if api == "responses":  # Responses defaults strict to true, so always say which
            out.append({"type": "function", **fn, "strict": strict})
        else:
            out.append({"type": "function", "function": fn | ({"strict": True} if strict else {})})
    return out


def anthropic_tools(
    specs: Iterable[ToolSpec], strict: bool, examples: bool
) -> list[dict[str, Any]]:
    """The ``tools`` list for the Anthropic Messages API."""
    out = []
    for s in specs:
        tool = {"name": s.name, "description": s.description, "input_schema": s.parameters}
        if strict:
            tool["strict"] = True
        if examples and s.input_examples:
            tool["input_examples"] = s.input_examples
        out.append(tool)
    return out
