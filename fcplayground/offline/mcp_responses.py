"""OpenAI Responses' remote MCP tool (``{"type": "mcp", "server_label", "server_url", ...}``),
answered offline: the provider is the MCP client of the server the tool names.

A response lists each server's tools once per conversation (an ``mcp_list_tools`` item; a
conversation that holds one for the label, through ``previous_response_id`` or sent again
in ``input``, is not listed again), then the model's calls on them become ``mcp_call`` items
(``arguments`` a JSON string, ``output`` or ``error``), or ``mcp_approval_request`` items when
``require_approval`` asks; the next request answers those with ``mcp_approval_response``
input items (``approval_request_id``, ``approve``). A server that cannot be listed fails the
request with HTTP 424, as the API does. ``headers`` and ``authorization`` go to the server
only: the response's ``tools`` echo leaves them out (the API does not keep them either).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .. import wire
from ..chat import ModelTurn, Request
from ..models import Model
from . import mcp_loop, mcp_policy, mcp_remote
from .clock import CREATED
from .ids import IDS
from .mcp_loop import DENIED, Offered, Step
from .mcp_remote import Endpoint, Failure, RemoteTool
from .replies import Refused
from .validation import sorted_json

SECRET_FIELDS = ("headers", "authorization")  # sent to the server, never echoed or stored
APPROVAL = "mcp_approval_request"


@dataclass(frozen=True)
class Server:
    """One ``mcp`` tool of a request: its definition and where to reach it."""

    entry: dict[str, Any]
    endpoint: Endpoint


def offers_mcp(body: dict[str, Any]) -> bool:
    """Whether a (checked) Responses body offers an ``mcp`` tool."""
    tools = body.get("tools")
    return type(tools) is list and any(t.get("type") == "mcp" for t in tools)


def _servers(body: dict[str, Any]) -> list[Server]:
    out = []
    for entry in body["tools"]:
        if entry.get("type") != "mcp":
            continue
        headers = dict(entry.get("headers") or {})
        if entry.get("authorization"):
            headers["Authorization"] = f"Bearer {entry['authorization']}"
        out.append(Server(entry, Endpoint(entry["server_label"], entry["server_url"], headers)))
    return out


def _items(body: dict[str, Any]) -> list[dict[str, Any]]:
    given = body.get("input", [])
    return [{"role": "user", "content": given}] if isinstance(given, str) else list(given)


def answer(model: Model, body: dict[str, Any], stamp: Callable[..., ModelTurn]) -> dict[str, Any]:
    """The Response object for ``body`` (its whole conversation in ``input``); raises
    :class:`Refused` for what the API refuses. ``stamp`` is the handler's id giver."""
    with mcp_remote.Connections() as connections:
        return _answer(model, body, stamp, connections)


def _answer(
    model: Model,
    body: dict[str, Any],
    stamp: Callable[..., ModelTurn],
    connections: mcp_remote.Connections,
) -> dict[str, Any]:
    items = _items(body)
    seed = IDS.ticket(f"responses-mcp\n{sorted_json(body)}").seed
    ids = _Ids(seed)
    output: list[dict[str, Any]] = []
    offered: dict[str, Offered] = {}
    for server in _servers(body):
        tools = _listed(items, server.endpoint.label)
        if tools is None:  # the listing shows only the tools allowed_tools lets through
            tools = [
                t for t in _list(connections, server) if mcp_policy.openai_allows(server.entry, t)
            ]
            output.append(_list_item(ids, server, tools))
        for tool in tools:
            if mcp_policy.openai_allows(server.entry, tool) and tool.name not in offered:
                approval = mcp_policy.openai_needs_approval(server.entry, tool)
                offered[tool.name] = Offered(server.endpoint, tool, approval)
    approved = _answer_approvals(connections, items, offered, ids)
    output += approved
    request = wire.openai_responses.request_from_wire(_neutral_body(body, items + approved))
    offered = mcp_loop.with_tools(request, offered)

    def stamp_turn(turn: ModelTurn, req: Request, round_: int) -> ModelTurn:
        return stamp(turn, "responses", req, body | {"input": [seed, round_]})

    result = mcp_loop.run(model, request, offered, stamp_turn, connections)
    output += [_step_item(ids, step) for step in result.steps]
    response = wire.openai_responses.turn_to_wire(result.final, request, CREATED, body=body)
    response["output"] = output + response["output"]
    response["tools"] += [_echoed(s.entry) for s in _servers(body)]
    return response


class _Ids:
    """Item ids of one response, derived from its request (see :mod:`.ids`)."""

    def __init__(self, seed: str) -> None:
        self.seed, self.count = seed, 0

    def new(self, prefix: str) -> str:
        self.count += 1
        return wire.stable_id(prefix, f"{self.seed}#mcp{self.count}")


def _listed(items: list[dict[str, Any]], label: str) -> list[RemoteTool] | None:
    """The tools an earlier ``mcp_list_tools`` item of the conversation listed for ``label``."""
    for item in reversed(items):
        if item.get("type") == "mcp_list_tools" and item.get("server_label") == label:
            if item.get("error"):
                return None
            return [RemoteTool.listed(t) for t in item.get("tools") or [] if isinstance(t, dict)]
    return None


def _list(connections: mcp_remote.Connections, server: Server) -> list[RemoteTool]:
    try:
        return connections.list_tools(server.endpoint)
    except mcp_remote.Unreachable as e:
        label = server.endpoint.label
        raise Refused(
            f"Error retrieving tool list from MCP server: '{label}'. Http status code: 424 "
            f"(Failed Dependency). {e.message}",
            "tools",
            status=424,
            kind="external_connector_error",
            code="http_error",
        ) from None


def _list_item(ids: _Ids, server: Server, tools: list[RemoteTool]) -> dict[str, Any]:
    listed = [
        {
            "name": t.name,
            "description": t.description,
            "input_schema": t.input_schema,
            "annotations": t.annotations,
        }
        for t in tools
    ]
    return {
        "id": ids.new("mcpl_"),
        "type": "mcp_list_tools",
        "server_label": server.endpoint.label,
        "tools": listed,
        "error": None,
    }


def _answer_approvals(
    connections: mcp_remote.Connections,
    items: list[dict[str, Any]],
    offered: dict[str, Offered],
    ids: _Ids,
) -> list[dict[str, Any]]:
    """Run the approved calls that no ``mcp_call`` has run yet; refuse unknown requests."""
    requests = {i.get("id"): i for i in items if i.get("type") == APPROVAL}
    ran = {i.get("approval_request_id") for i in items if i.get("type") == "mcp_call"}
    out = []
    for item in items:
        if item.get("type") != "mcp_approval_response":
            continue
        request_id = item.get("approval_request_id")
        asked = requests.get(request_id)
        if asked is None:
            raise Refused(
                f"No approval request found with id '{request_id}'. An mcp_approval_response "
                "answers an mcp_approval_request of this conversation: send its id, with "
                "previous_response_id or with the request in input.",
                "input",
            )
        if request_id in ran or not item.get("approve"):
            continue
        ran.add(request_id)
        out.append(_approved_call(connections, ids, asked, offered))
    return out


def _approved_call(
    connections: mcp_remote.Connections,
    ids: _Ids,
    asked: dict[str, Any],
    offered: dict[str, Offered],
) -> dict[str, Any]:
    name, label = asked.get("name"), asked.get("server_label")
    target = offered.get(str(name))
    call = wire._common.tool_call(str(name), asked.get("arguments"), str(asked.get("id")))
    if target is None or target.endpoint.label != label:
        outcome = mcp_remote.Outcome(
            f"The tool {name!r} is not offered by MCP server '{label}' in this request.",
            Failure.PROTOCOL,
        )
    else:
        outcome = mcp_loop.execute(connections, target, call)
    step = Step(call, target or Offered(Endpoint(str(label), ""), RemoteTool(str(name), "", {})))
    step.outcome = outcome
    return _call_item(ids, step) | {"approval_request_id": asked.get("id")}


def _step_item(ids: _Ids, step: Step) -> dict[str, Any]:
    if step.outcome is None:
        return {
            "id": ids.new("mcpr_"),
            "type": APPROVAL,
            "server_label": step.offered.endpoint.label,
            "name": step.call.name,
            "arguments": step.call.arguments_json,
        }
    return _call_item(ids, step)


def _call_item(ids: _Ids, step: Step) -> dict[str, Any]:
    outcome = step.outcome
    assert outcome is not None
    return {
        "id": ids.new("mcp_"),
        "type": "mcp_call",
        "server_label": step.offered.endpoint.label,
        "name": step.call.name,
        "arguments": step.call.arguments_json,
        "output": None if outcome.is_error else outcome.text,
        "error": _error(outcome),
        "status": "failed" if outcome.is_error else "completed",
        "approval_request_id": None,
    }


def _error(outcome: mcp_remote.Outcome) -> dict[str, Any] | None:
    """``mcp_call.error`` as the SDK types it (``McpToolCallError``)."""
    if outcome.failure is None:
        return None
    if outcome.failure is Failure.TOOL:
        text = [{"type": "text", "text": outcome.text}]
        return {"type": "mcp_tool_execution_error", "content": text}
    if outcome.failure is Failure.PROTOCOL:
        return {"type": "mcp_protocol_error", "code": -32001, "message": outcome.text}
    return {"type": "http_error", "code": 424, "message": outcome.text}


def _neutral_body(body: dict[str, Any], items: list[dict[str, Any]]) -> dict[str, Any]:
    """The body with MCP items as function calls and outputs, which the model can read."""
    out: list[dict[str, Any]] = []
    for item in items:
        kind = item.get("type")
        if kind == "mcp_call":
            call_id = item.get("approval_request_id") or item.get("id")
            if not item.get("approval_request_id"):
                out.append(_as_call(item, call_id))
            out.append(_as_output(call_id, item.get("output"), _error_text(item.get("error"))))
        elif kind == APPROVAL:
            out.append(_as_call(item, item.get("id")))
        elif kind == "mcp_approval_response" and not item.get("approve"):
            out.append(_as_output(item.get("approval_request_id"), None, DENIED))
        elif kind not in ("mcp_list_tools", "mcp_approval_response"):
            out.append(item)
    answered = {i.get("call_id") for i in out if i.get("type") == "function_call_output"}
    # A request never answered (no approval response) is left out: nothing ran.
    out = [i for i in out if not (i.get("_mcp") and i.get("call_id") not in answered)]
    return body | {"input": out, "tool_choice": _choice(body.get("tool_choice"))}


def _choice(choice: Any) -> Any:
    """An ``mcp`` tool_choice as the model reads it: that tool, or some tool."""
    if isinstance(choice, dict) and choice.get("type") == "mcp":
        return {"type": "function", "name": choice["name"]} if choice.get("name") else "required"
    return choice


def _as_output(call_id: Any, output: Any, error: str | None) -> dict[str, Any]:
    """A call's outcome as a ``function_call_output``; a failure (``error``'s words) marked
    as one, as the neutral form reads it."""
    text = output if isinstance(output, str) else ""
    if error is not None:
        text = wire.ERROR_PREFIX + error
    return {"type": "function_call_output", "call_id": call_id, "output": text}


def _error_text(error: Any) -> str | None:
    """The words of an ``mcp_call.error`` sent back (None: there is none): its text content
    (``mcp_tool_execution_error``) or its message (the others); JSON for another shape."""
    if error is None:
        return None
    fields = error if type(error) is dict else {}
    content = fields.get("content")
    parts = content if type(content) is list else []
    texts = [p.get("text") for p in parts if type(p) is dict]
    words = "\n".join(t for t in texts if type(t) is str) or fields.get("message")
    return words if type(words) is str and words else json.dumps(error, ensure_ascii=False)


def _as_call(item: dict[str, Any], call_id: Any) -> dict[str, Any]:
    return {
        "type": "function_call",
        "call_id": call_id,
        "name": item.get("name", ""),
        "arguments": item.get("arguments") or "{}",
        "_mcp": True,
    }


def _echoed(entry: dict[str, Any]) -> dict[str, Any]:
    """The ``mcp`` tool as the response echoes it: its settings, never its credentials."""
    echoed = {k: v for k, v in entry.items() if k not in SECRET_FIELDS}
    return {
        "allowed_tools": None,
        "require_approval": "always",
        "server_description": None,
        **echoed,
    }
