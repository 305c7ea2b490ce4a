"""Anthropic's MCP connector (``mcp_servers``, a beta), answered offline: the provider is the
MCP client of each server the request names.

With the beta header ``anthropic-beta: mcp-client-2025-11-20`` each server of
``mcp_servers`` (``type: "url"``, ``url``, ``name``, ``authorization_token``) is referenced by
exactly one ``{"type": "mcp_toolset", "mcp_server_name": ...}`` entry of ``tools``, whose
``default_config``/``configs`` enable its tools; the older ``mcp-client-2025-04-04`` puts a
``tool_configuration`` (``enabled``, ``allowed_tools``) on the server instead. Without either
header the API refuses ``mcp_servers``. Each call the model makes on an MCP tool becomes an
``mcp_tool_use`` block and its result an ``mcp_tool_result`` block (``is_error`` when the tool
or the server failed), then the model's text follows, all in one response. The token goes to
the server only (as ``Authorization: Bearer ...``), never into the response.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .. import wire
from ..chat import ModelTurn, Request
from ..models import Model
from . import mcp_loop, mcp_policy, mcp_remote
from .mcp_loop import Offered, Step
from .mcp_remote import Endpoint
from .replies import Refused

CURRENT, DEPRECATED = "mcp-client-2025-11-20", "mcp-client-2025-04-04"
BETAS = (CURRENT, DEPRECATED)
NEEDS_BETA = (
    "mcp_servers: Extra inputs are not permitted. The MCP connector is a beta: send the header "
    f"`anthropic-beta: {CURRENT}` (in Python, client.beta.messages.create(..., "
    f'betas=["{CURRENT}"])).'
)


def beta(header: str) -> str | None:
    """Which MCP connector beta an ``anthropic-beta`` header turns on (None: neither)."""
    given = [b.strip() for b in header.split(",")]
    return next((b for b in BETAS if b in given), None)


def _toolsets(payload: dict[str, Any], version: str) -> dict[str, dict[str, Any]]:
    """Each server's ``mcp_toolset``, after the checks the beta ``version`` makes."""
    toolsets = {
        t["mcp_server_name"]: t
        for t in payload.get("tools") or []
        if t.get("type") == "mcp_toolset"
    }
    for i, server in enumerate(payload["mcp_servers"]):
        if version == CURRENT and "tool_configuration" in server:
            raise Refused(
                f"mcp_servers.{i}.tool_configuration: Extra inputs are not permitted. With "
                f"{CURRENT}, configure tools in an mcp_toolset entry of tools.",
            )
        if version == CURRENT and server["name"] not in toolsets:
            raise Refused(
                f"mcp_servers.{i}: MCP server '{server['name']}' is not referenced by an "
                "mcp_toolset in tools. Add "
                f'{{"type": "mcp_toolset", "mcp_server_name": "{server["name"]}"}} to tools.',
            )
    if version == DEPRECATED and toolsets:
        raise Refused(
            f"tools: mcp_toolset needs the beta {CURRENT}; with {DEPRECATED}, use the "
            "server's tool_configuration instead.",
        )
    return toolsets


def _offered(
    payload: dict[str, Any], version: str, connections: mcp_remote.Connections
) -> dict[str, Offered]:
    toolsets = _toolsets(payload, version)
    offered: dict[str, Offered] = {}
    for server in payload["mcp_servers"]:
        token = server.get("authorization_token")
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        endpoint = Endpoint(server["name"], server["url"], headers)
        toolset = toolsets.get(server["name"])
        try:
            tools = connections.list_tools(endpoint)
        except mcp_remote.Unreachable as e:
            raise Refused(
                f"Connection error while communicating with MCP server '{server['name']}': "
                f"{e.message}",
            ) from None
        for tool in tools:
            if mcp_policy.anthropic_enabled(server, toolset, tool) and tool.name not in offered:
                offered[tool.name] = Offered(endpoint, tool)
    return offered


def answer(
    model: Model, payload: dict[str, Any], version: str, stamp: Callable[..., ModelTurn]
) -> dict[str, Any]:
    """The message for a checked ``payload`` with ``mcp_servers``; raises :class:`Refused`."""
    with mcp_remote.Connections() as connections:
        return _answer(model, payload, version, stamp, connections)


def _answer(
    model: Model,
    payload: dict[str, Any],
    version: str,
    stamp: Callable[..., ModelTurn],
    connections: mcp_remote.Connections,
) -> dict[str, Any]:
    offered = _offered(payload, version, connections)
    request = wire.anthropic.request_from_wire(_neutral(payload))
    offered = mcp_loop.with_tools(request, offered)

    def stamp_turn(turn: ModelTurn, req: Request, round_: int) -> ModelTurn:
        return stamp(turn, "anthropic", req, payload | {"messages": [version, round_]})

    result = mcp_loop.run(model, request, offered, stamp_turn, connections)
    message = wire.anthropic.turn_to_wire(result.final)
    message["content"] = [b for step in result.steps for b in _blocks(step)] + message["content"]
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
