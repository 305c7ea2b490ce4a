"""Checks of the providers' MCP tool definitions that span fields: a label and an http(s)
URL for each server, and no label twice (OpenAI's ``mcp`` tools, Anthropic's ``mcp_servers``
and the ``mcp_toolset`` entries that name them)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from .wording import Refusal as Problem

SCHEMES = ("http", "https")


def url_problem(url: Any) -> str | None:
    """Why ``url`` cannot name a remote MCP server, or None."""
    parts = urlsplit(url) if isinstance(url, str) else None
    if parts is None or parts.scheme not in SCHEMES or not parts.hostname:
        return "it must be an http:// or https:// URL with a host, like https://example.com/mcp"
    return None


def openai_mcp_tools(tools: list[dict[str, Any]]) -> Problem | None:
    """The first problem with a Responses request's ``mcp`` tools."""
    labels: set[str] = set()
    for i, tool in enumerate(tools):
        if tool.get("type") != "mcp":
            continue
        label, where = tool.get("server_label"), f"tools[{i}]"
        if "server_url" not in tool:
            return Problem(
                f"Missing required parameter: '{where}.server_url'. Offline, an mcp tool "
                "names a remote MCP server by its URL (connectors are not simulated).",
                f"{where}.server_url",
            )
        if problem := url_problem(tool["server_url"]):
            return Problem(f"Invalid '{where}.server_url': {problem}.", f"{where}.server_url")
        if not label:
            return Problem(
                f"Invalid '{where}.server_label': empty string.", f"{where}.server_label"
            )
        if label in labels:
            return Problem(
                f"Duplicate MCP server_label '{label}' in tools: each mcp tool needs a label "
                "of its own.",
                f"{where}.server_label",
            )
        labels.add(label)
    return None


def mcp_choice(body: dict[str, Any], choice: dict[str, Any]) -> Problem | None:
    """A ``tool_choice`` of type ``mcp`` names a server the tools define (its tool names
    are only known once the server is listed)."""
    labels = [t.get("server_label") for t in body.get("tools") or [] if t.get("type") == "mcp"]
    if choice.get("server_label") not in labels:
        return Problem(
            f"Invalid value for 'tool_choice': MCP server '{choice.get('server_label')}' was "
            f"not found in 'tools'. Available MCP servers: {', '.join(labels) or 'none'}.",
            "tool_choice",
        )
    return None


def anthropic_mcp_servers(body: dict[str, Any]) -> Problem | None:
    """The first problem with a Messages request's ``mcp_servers`` and ``mcp_toolset``s."""
    servers = body.get("mcp_servers")
    if servers is None:
        return _toolsets(body, set())
    if type(servers) is not list:
        return Problem("mcp_servers: Input should be a valid list")
    names: set[str] = set()
    for i, server in enumerate(servers):
        if type(server) is not dict:
            return Problem(f"mcp_servers.{i}: Input should be a valid dictionary")
        for field in ("type", "url", "name"):
            if field not in server:
                return Problem(f"mcp_servers.{i}.{field}: Field required")
        if server["type"] != "url":
            return Problem(f"mcp_servers.{i}.type: Input should be 'url'")
        if problem := url_problem(server["url"]):
            return Problem(f"mcp_servers.{i}.url: {problem}")
        if server["name"] in names:
            return Problem(f"mcp_servers.{i}.name: Duplicate MCP server name '{server['name']}'")
        names.add(server["name"])
    return _toolsets(body, names)


def _toolsets(body: dict[str, Any], names: set[str]) -> Problem | None:
    seen: set[str] = set()
    for i, tool in enumerate(body.get("tools") or []):
        if type(tool) is not dict or tool.get("type") != "mcp_toolset":
            continue
        name = tool.get("mcp_server_name")
        if name not in names:
            return Problem(
                f"tools.{i}.mcp_toolset.mcp_server_name: MCP server '{name}' is not defined "
                "in mcp_servers. Add it there, or remove this toolset."
            )
        if name in seen:
            return Problem(
                f"tools.{i}.mcp_toolset.mcp_server_name: MCP server '{name}' is referenced by "
                "more than one mcp_toolset. Use one toolset per server."
            )
        seen.add(name)
    return None
