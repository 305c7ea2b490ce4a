"""Which of an MCP server's tools a request lets the model use, and which need approval.

OpenAI's ``{"type": "mcp"}`` tool narrows the tools with ``allowed_tools`` (a list of names,
or a filter ``{"tool_names": [...], "read_only": bool}``) and asks for approval with
``require_approval`` (``"always"``, the default, ``"never"``, or ``{"always": filter,
"never": filter}``). Anthropic's MCP connector enables tools with ``mcp_toolset`` entries
(``default_config`` and per-tool ``configs``; betas ``mcp-client-2025-11-20`` and
``mcp-client-2026-09-15``) or, in the older beta ``mcp-client-2025-04-04``, with the
server's ``tool_configuration``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .mcp_remote import RemoteTool


def matches(tool: RemoteTool, rule: Any) -> bool:
    """Whether ``tool`` fits a filter: every criterion the filter gives holds."""
    if not isinstance(rule, Mapping):
        return False
    names, read_only = rule.get("tool_names"), rule.get("read_only")
    if names is None and read_only is None:
        return False  # an empty filter names no tool
    if names is not None and tool.name not in names:
        return False
    return read_only is None or tool.read_only == read_only


def openai_allows(entry: Mapping[str, Any], tool: RemoteTool) -> bool:
    """Whether an OpenAI ``mcp`` tool's ``allowed_tools`` lets the model see ``tool``."""
    allowed = entry.get("allowed_tools")
    if allowed is None:
        return True
    if isinstance(allowed, list):
        return tool.name in allowed
    return matches(tool, allowed)


def openai_needs_approval(entry: Mapping[str, Any], tool: RemoteTool) -> bool:
    """Whether a call of ``tool`` waits for an ``mcp_approval_response`` first."""
    rule = entry.get("require_approval", "always")
    if rule is None or rule == "always":
        return True  # the API's default: nothing is shared with a server unasked
    if rule == "never":
        return False
    if matches(tool, rule.get("never")):
        return False
    if matches(tool, rule.get("always")):
        return True
    return True


def anthropic_enabled(
    server: Mapping[str, Any], toolset: Mapping[str, Any] | None, tool: RemoteTool
) -> bool:
    """Whether the MCP connector offers ``tool`` of ``server`` to the model."""
    if toolset is not None:  # mcp-client-2025-11-20 and later: the toolset decides
        default = toolset.get("default_config") or {}
        config = (toolset.get("configs") or {}).get(tool.name) or {}
        return bool(config.get("enabled", default.get("enabled", True)))
    configuration = server.get("tool_configuration") or {}
    if configuration.get("enabled") is False:
        return False
    allowed = configuration.get("allowed_tools")
    return allowed is None or tool.name in allowed
