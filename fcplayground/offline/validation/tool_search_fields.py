"""Checks of the providers' tool search that span fields: deferred tools and the search
tool that loads them, namespaces (OpenAI), and references to loaded tools (Anthropic).

OpenAI words these as ``Invalid Value: 'tools.defer_loading'. Deferred tools require
tools.tool_search.`` (``param: "tools"``), as the Responses API answers them; Anthropic's
are the documented ``All tools have defer_loading set. At least one tool must be
non-deferred.`` and ``Tool reference '...' has no corresponding tool definition``.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from functools import cache
from typing import Any

from anthropic.types.beta.beta_tool_union_param import BetaToolUnionParam
from anthropic.types.tool_union_param import ToolUnionParam

from .wording import Refusal as Problem

SEARCH_TYPES = {  # Anthropic's tool search tools: type -> the name each must have
    "tool_search_tool_regex_20251119": "tool_search_tool_regex",
    "tool_search_tool_regex": "tool_search_tool_regex",
    "tool_search_tool_bm25_20251119": "tool_search_tool_bm25",
    "tool_search_tool_bm25": "tool_search_tool_bm25",
}
SEARCH_FAMILY = "tool_search_tool_"
NO_SEARCH_TOOL = "Invalid Value: 'tools.defer_loading'. Deferred tools require tools.tool_search."
NOTHING_DEFERRED = (
    "Invalid Value: 'tools.tool_search'. tools.tool_search requires at least one deferred tool."
)
ALL_DEFERRED = "All tools have defer_loading set. At least one tool must be non-deferred."


def _invalid(message: str, param: str = "tools") -> Problem:
    return Problem(message, param, "invalid_value")


# -- OpenAI Responses -------------------------------------------------------------------


def deferred_functions(tools: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every function or custom tool (top level or in a namespace) and MCP server marked
    ``defer_loading``."""
    for tool in tools:
        if tool.get("type") == "namespace":
            yield from (t for t in tool.get("tools") or [] if t.get("defer_loading"))
        elif tool.get("type") in ("function", "custom", "mcp") and tool.get("defer_loading"):
            yield tool


def openai_tools(tools: list[dict[str, Any]]) -> Problem | None:
    """The first problem with a Responses request's tool search, deferred tools and
    namespaces (their shapes were checked before)."""
    searches = [t for t in tools if t.get("type") == "tool_search"]
    if len(searches) > 1:
        return _invalid(
            f"Invalid Value: 'tools.tool_search'. A request takes one tool_search tool; "
            f"this one has {len(searches)}."
        )
    deferred = next(deferred_functions(tools), None) is not None
    if deferred and not searches:
        return _invalid(NO_SEARCH_TOOL)
    if searches and not deferred and searches[0].get("execution", "server") == "server":
        return _invalid(NOTHING_DEFERRED)
    return _namespaces(tools)


def _namespaces(tools: list[dict[str, Any]]) -> Problem | None:
    taken = {t.get("name") for t in tools if t.get("type") in ("function", "custom")}
    for i, tool in enumerate(tools):
        if tool.get("type") != "namespace":
            continue
        name = tool.get("name")
        if name in taken:
            return _invalid(
                f"Invalid Value: 'tools.namespace'. User-defined namespace '{name}' collides "
                "with an existing tool namespace.",
                f"tools[{i}].name",
            )
        taken.add(name)
        seen: set[str] = set()
        for j, member in enumerate(tool.get("tools") or []):
            if member.get("name") in seen:
                return _invalid(
                    f"Invalid Value: 'tools.namespace'. Namespace '{name}' has two tools named "
                    f"'{member.get('name')}': each needs a name of its own.",
                    f"tools[{i}].tools[{j}].name",
                )
            seen.add(member.get("name"))
    return None


def openai_choice(body: dict[str, Any]) -> Problem | None:
    """A named ``tool_choice`` cannot name a deferred tool or a namespace."""
    choice = body.get("tool_choice")
    if not isinstance(choice, dict) or choice.get("type") not in ("function", "custom"):
        return None
    name, tools = choice.get("name"), body.get("tools") or []
    namespaces = {t.get("name") for t in tools if t.get("type") == "namespace"}
    deferred = {t.get("name") for t in deferred_functions(tools)}
    visible = {t.get("name") for t in tools if t.get("type") in ("function", "custom")} - deferred
    if name in namespaces or (name in deferred and name not in visible):
        what = "a namespace" if name in namespaces else "a deferred tool (defer_loading: true)"
        return Problem(
            f"Invalid value for 'tool_choice': '{name}' is {what}, which tool_choice cannot "
            "name. Use 'auto' or 'required' and let the model load it with tool_search.",
            "tool_choice",
            "invalid_value",
        )
    return None


# -- Anthropic Messages -----------------------------------------------------------------


@cache
def anthropic_tags() -> tuple[str, ...]:
    """Every tool ``type`` the installed SDK knows (GA and beta), as the API lists them."""
    tags: set[str] = set()
    for union in (ToolUnionParam, BetaToolUnionParam):
        for typed in typing.get_args(union):
            kind = typing.get_type_hints(typed).get("type")
            for arg in typing.get_args(kind):
                tags.update(a for a in (typing.get_args(arg) or (arg,)) if isinstance(a, str))
    return tuple(sorted(tags))


def anthropic_tools(tools: list[dict[str, Any]]) -> Problem | None:
    """The first problem with a Messages request's tool search tools and deferred tools."""
    searching = False
    for i, tool in enumerate(tools):
        kind = str(tool.get("type", "custom"))
        if kind.startswith(SEARCH_FAMILY) and kind not in SEARCH_TYPES:
            tags = ", ".join(f"'{t}'" for t in anthropic_tags())
            return Problem(
                f"tools.{i}: Input tag '{kind}' found using 'type' does not match any of the "
                f"expected tags: {tags}"
            )
        if kind in SEARCH_TYPES:
            searching = True
            if tool.get("defer_loading") and not all(t.get("defer_loading") for t in tools):
                return Problem(
                    f"tools.{i}.{kind}.defer_loading: The tool search tool itself must not be "
                    "deferred: it is what loads the deferred tools. Remove defer_loading from it."
                )
    if tools and all(t.get("defer_loading") for t in tools):
        return Problem(ALL_DEFERRED)
    if searching:
        for i, tool in enumerate(tools):
            if tool.get("input_examples"):
                return Problem(
                    f"tools.{i}.custom.input_examples: Tool use examples are not compatible "
                    "with the tool search tool. Remove input_examples, or call tools without "
                    "tool search."
                )
    return None


def references(messages: list[dict[str, Any]]) -> Iterator[tuple[str, Any]]:
    """Every ``tool_reference`` of a conversation: where it is, and the tool it names
    (in ``tool_search_tool_result`` blocks and in ``tool_result`` content)."""
    for i, message in enumerate(messages):
        content = message.get("content")
        for j, block in enumerate(content if isinstance(content, list) else []):
            inner = block.get("content") if isinstance(block, dict) else None
            if block.get("type") == "tool_search_tool_result" and isinstance(inner, dict):
                found = inner.get("tool_references")
                where = f"messages.{i}.content.{j}.content.tool_references"
            elif block.get("type") == "tool_result" and isinstance(inner, list):
                found, where = inner, f"messages.{i}.content.{j}.content"
            else:
                continue
            for k, ref in enumerate(found if isinstance(found, list) else []):
                if isinstance(ref, dict) and ref.get("type") == "tool_reference":
                    yield f"{where}.{k}", ref.get("tool_name")


def anthropic_references(body: dict[str, Any]) -> Problem | None:
    """Every ``tool_reference`` names a tool the request defines."""
    names = {t.get("name") for t in body.get("tools") or [] if "input_schema" in t}
    for where, name in references(body.get("messages") or []):
        if not isinstance(name, str):
            return Problem(f"{where}.tool_name: Input should be a valid string")
        if name not in names:
            return Problem(f"Tool reference '{name}' has no corresponding tool definition")
    return None
