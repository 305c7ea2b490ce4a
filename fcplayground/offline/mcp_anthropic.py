"""Anthropic's MCP connector (``mcp_servers``, a beta), answered offline: the provider is the
MCP client of each server the request names.

Three betas (:class:`Beta`). With ``anthropic-beta: mcp-client-2025-11-20`` each server of
``mcp_servers`` (``type: "url"``, ``url``, ``name``, ``authorization_token``) is referenced by
exactly one ``{"type": "mcp_toolset", "mcp_server_name": ...}`` entry of ``tools``, whose
``default_config``/``configs`` enable its tools; the older ``mcp-client-2025-04-04`` puts a
``tool_configuration`` (``enabled``, ``allowed_tools``) on the server instead. The current
``mcp-client-2026-09-15`` does all that 2025-11-20 does and records each listing: a response
whose servers were asked for their tools starts with one ``mcp_tool_listing`` block per server
(the tools as the server listed them); sent back in the assistant message, the block stands
for that server's tools in later requests, which do not ask it again; and a toolset's
``tools`` pins the list (the server is not asked; ``default_config``/``configs`` still apply).
Without a beta the API refuses ``mcp_servers``. Each call the model makes on an MCP tool
becomes an ``mcp_tool_use`` block and its result an ``mcp_tool_result`` block (``is_error``
when the tool or the server failed), then the model's text follows, all in one response. The
token goes to the server only (as ``Authorization: Bearer ...``), never into the response.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any

from .. import wire
from ..chat import ModelTurn, Request
from ..models import Model
from . import mcp_loop, mcp_policy, mcp_remote
from .mcp_loop import Offered, Step
from .mcp_remote import Endpoint, RemoteTool
from .replies import Refused


class Beta(str, Enum):
    """The MCP connector's ``anthropic-beta`` values, newest first."""

    LISTINGS = "mcp-client-2026-09-15"  # TOOLSETS, and mcp_tool_listing blocks, pinned tools
    TOOLSETS = "mcp-client-2025-11-20"  # mcp_toolset entries of tools
    DEPRECATED = "mcp-client-2025-04-04"  # the server's tool_configuration


LISTING = "mcp_tool_listing"
SUPPORTED = ", ".join(b.value + (" (deprecated)" if b is Beta.DEPRECATED else "") for b in Beta)
NEEDS_BETA = (
    "mcp_servers: Extra inputs are not permitted. The MCP connector is a beta: send the header "
    f"`anthropic-beta: {Beta.LISTINGS.value}` (in Python, client.beta.messages.create(..., "
    f'betas=["{Beta.LISTINGS.value}"])). The MCP connector betas, newest first: {SUPPORTED}.'
)


def beta(header: str) -> Beta | None:
    """The newest MCP connector beta an ``anthropic-beta`` header turns on (None: none)."""
    given = {b.strip() for b in header.split(",")}
    return next((b for b in Beta if b.value in given), None)


def _toolsets(payload: dict[str, Any], version: Beta) -> dict[str, dict[str, Any]]:
    """Each server's ``mcp_toolset``, after the checks the beta ``version`` makes."""
    toolsets: dict[str, dict[str, Any]] = {}
    for i, tool in enumerate(payload.get("tools") or []):
        if tool.get("type") != "mcp_toolset":
            continue
        if tool.get("tools") is not None and version is not Beta.LISTINGS:
            raise Refused(
                f"tools.{i}.mcp_toolset.tools: Extra inputs are not permitted. A pinned tool "
                f"list needs the beta {Beta.LISTINGS.value}: send it instead of {version.value}.",
            )
        toolsets[tool["mcp_server_name"]] = tool
    for i, server in enumerate(payload["mcp_servers"]):
        if version is not Beta.DEPRECATED and "tool_configuration" in server:
            raise Refused(
                f"mcp_servers.{i}.tool_configuration: Extra inputs are not permitted. With "
                f"{version.value}, configure tools in an mcp_toolset entry of tools.",
            )
        if version is not Beta.DEPRECATED and server["name"] not in toolsets:
            raise Refused(
                f"mcp_servers.{i}: MCP server '{server['name']}' is not referenced by an "
                "mcp_toolset in tools. Add "
                f'{{"type": "mcp_toolset", "mcp_server_name": "{server["name"]}"}} to tools.',
            )
    if version is Beta.DEPRECATED and toolsets:
        raise Refused(
            f"tools: mcp_toolset needs the beta {Beta.LISTINGS.value} (or "
            f"{Beta.TOOLSETS.value}); with {version.value}, use the server's "
            "tool_configuration instead.",
        )
    return toolsets


def _recorded(payload: dict[str, Any], version: Beta) -> dict[str, list[RemoteTool]]:
    """The tools each server's newest ``mcp_tool_listing`` block of the conversation lists."""
    recorded: dict[str, list[RemoteTool]] = {}
    for i, message in enumerate(payload.get("messages") or []):
        content = message.get("content")
        for j, block in enumerate(content if isinstance(content, list) else []):
            if not isinstance(block, Mapping) or block.get("type") != LISTING:
                continue
            if version is not Beta.LISTINGS:
                raise Refused(
                    f"messages.{i}.content.{j}: an {LISTING} block needs the beta "
                    f"{Beta.LISTINGS.value}: send it on every request that carries one.",
                )
            recorded[block["mcp_server_name"]] = [RemoteTool.listed(t) for t in block["tools"]]
    return recorded


def _listing_block(name: str, tools: list[RemoteTool]) -> dict[str, Any]:
    """The ``mcp_tool_listing`` block of one server's tools, as the server listed them."""
    listed = [
        {"name": t.name, "description": t.description or None, "input_schema": t.input_schema}
        for t in tools
    ]
    return {"type": LISTING, "mcp_server_name": name, "tools": listed}


def _offered(
    payload: dict[str, Any], version: Beta, connections: mcp_remote.Connections
) -> tuple[dict[str, Offered], list[dict[str, Any]]]:
    """The MCP tools offered to the model, and the listing blocks of the servers asked."""
    toolsets, recorded = _toolsets(payload, version), _recorded(payload, version)
    offered: dict[str, Offered] = {}
    listings: list[dict[str, Any]] = []
    for server in payload["mcp_servers"]:
        token = server.get("authorization_token")
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        endpoint = Endpoint(server["name"], server["url"], headers)
        toolset = toolsets.get(server["name"])
        pinned = toolset.get("tools") if toolset is not None else None
        if pinned is not None:  # the request's own list: the server is not asked
            tools = [RemoteTool.listed(t) for t in pinned]
        elif server["name"] in recorded:  # listed earlier in the conversation
            tools = recorded[server["name"]]
        else:
            tools = _list(connections, endpoint)
            if version is Beta.LISTINGS:
                listings.append(_listing_block(server["name"], tools))
        for tool in tools:
            if mcp_policy.anthropic_enabled(server, toolset, tool) and tool.name not in offered:
                offered[tool.name] = Offered(endpoint, tool)
    return offered, listings


def _list(connections: mcp_remote.Connections, endpoint: Endpoint) -> list[RemoteTool]:
    try:
        return connections.list_tools(endpoint)
    except mcp_remote.Unreachable as e:
        raise Refused(
            f"Connection error while communicating with MCP server '{endpoint.label}': {e.message}",
        ) from None


def answer(
    model: Model, payload: dict[str, Any], version: str, stamp: Callable[..., ModelTurn]
) -> dict[str, Any]:
    """The message for a checked ``payload`` with ``mcp_servers``, under the beta
    ``version`` (a :class:`Beta` value); raises :class:`Refused`."""
    with mcp_remote.Connections() as connections:
        return _answer(model, payload, Beta(version), stamp, connections)


def _answer(
    model: Model,
    payload: dict[str, Any],
    version: Beta,
    stamp: Callable[..., ModelTurn],
    connections: mcp_remote.Connections,
) -> dict[str, Any]:
    offered, listings = _offered(payload, version, connections)
    request = wire.anthropic.request_from_wire(_neutral(payload))
    offered = mcp_loop.with_tools(request, offered)

    def stamp_turn(turn: ModelTurn, req: Request, round_: int) -> ModelTurn:
        return stamp(turn, "anthropic", req, payload | {"messages": [version.value, round_]})

    result = mcp_loop.run(model, request, offered, stamp_turn, connections)
    message = wire.anthropic.turn_to_wire(result.final)
    steps = [b for step in result.steps for b in _blocks(step)]
    message["content"] = listings + steps + message["content"]
    return message


def _blocks(step: Step) -> list[dict[str, Any]]:
    block_id = "mcptoolu_" + step.call.id.removeprefix("toolu_")
    outcome = step.outcome or mcp_remote.Outcome("The call was not run.", mcp_remote.Failure.TOOL)
    arguments = step.call.arguments if isinstance(step.call.arguments, dict) else {}
    return [
        {
            "type": "mcp_tool_use",
            "id": block_id,
            "name": step.call.name,
            "server_name": step.offered.endpoint.label,
            "input": arguments,
        },
        {
            "type": "mcp_tool_result",
            "tool_use_id": block_id,
            "is_error": outcome.is_error,
            "content": [{"type": "text", "text": outcome.text}],
        },
    ]


def _neutral(payload: dict[str, Any]) -> dict[str, Any]:
    """The body with earlier MCP blocks as ``tool_use``/``tool_result``, which the model reads."""
    messages: list[dict[str, Any]] = []
    for message in payload.get("messages") or []:
        content = message.get("content")
        if message.get("role") != "assistant" or not isinstance(content, list):
            messages.append(message)
            continue
        messages += _split(content)
    return payload | {"messages": messages}


def _split(content: list[Any]) -> list[dict[str, Any]]:
    """An assistant message holding MCP blocks, as assistant and user (result) messages."""
    out: list[dict[str, Any]] = []
    blocks: list[Any] = []
    for block in content:
        kind = block.get("type") if isinstance(block, Mapping) else None
        if kind == LISTING:  # the provider's record of a listing, not the model's words
            continue
        if kind == "mcp_tool_use":
            blocks.append(
                {
                    "type": "tool_use",
                    "id": block.get("id"),
                    "name": block.get("name"),
                    "input": block.get("input"),
                }
            )
        elif kind == "mcp_tool_result":
            out.append({"role": "assistant", "content": blocks})
            result = {k: block.get(k) for k in ("tool_use_id", "content", "is_error")}
            out.append({"role": "user", "content": [{"type": "tool_result", **result}]})
            blocks = []
        else:
            blocks.append(block)
    if blocks:
        out.append({"role": "assistant", "content": blocks})
    return out
