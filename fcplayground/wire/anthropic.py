"""Anthropic Messages (``POST /v1/messages``) <-> neutral types.

Tool calls are ``tool_use`` content blocks with an ``input`` object; results are
``tool_result`` blocks inside the next *user* message, with an ``is_error`` flag.
``parallel_tool_calls=False`` is ``disable_parallel_tool_use`` inside ``tool_choice``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..chat import (
    Message,
    ModelTurn,
    NamedTool,
    Request,
    ToolCall,
    ToolChoice,
    ToolResult,
    ToolSpec,
    Usage,
)
from ._common import append_merged, chunks, name_results, parse_arguments, parse_sse, text_of

STOP = {
    "end_turn": "end_turn",
    "stop_sequence": "end_turn",
    "pause_turn": "end_turn",
    "tool_use": "tool_use",
    "max_tokens": "max_tokens",
    "refusal": "content_filter",
}
STOP_REASON = {
    "end_turn": "end_turn",
    "tool_use": "tool_use",
    "max_tokens": "max_tokens",
    "content_filter": "refusal",
}
DEFAULT_MAX_TOKENS = 1024  # required by the Messages API


# -- tools and tool_choice ------------------------------------------------------------


def tool_to_wire(spec: ToolSpec) -> dict[str, Any]:
    tool: dict[str, Any] = {
        "name": spec.name,
        "description": spec.description,
        "input_schema": spec.parameters,
    }
    if spec.strict is not None:
        tool["strict"] = spec.strict
    if spec.input_examples:
        tool["input_examples"] = spec.input_examples
    return tool


def tool_from_wire(tool: dict[str, Any]) -> ToolSpec:
    examples = tool.get("input_examples")
    return ToolSpec(
        tool["name"],
        tool.get("description") or "",
        tool.get("input_schema") or {"type": "object", "properties": {}},
        tool.get("strict"),
        [e for e in examples if isinstance(e, dict)] if isinstance(examples, list) else [],
    )


def choice_to_wire(choice: ToolChoice | None, parallel: bool | None) -> dict[str, Any] | None:
    if choice is None and parallel is None:
        return None
    if isinstance(choice, NamedTool):
        out: dict[str, Any] = {"type": "tool", "name": choice.name}
    else:
        out = {"type": {"required": "any"}.get(choice or "auto", choice or "auto")}
    if parallel is False and out["type"] != "none":
        out["disable_parallel_tool_use"] = True
    return out


def choice_from_wire(choice: dict[str, Any] | None) -> tuple[ToolChoice | None, bool | None]:
    """(tool_choice, parallel_tool_calls) from Anthropic's ``tool_choice`` object."""
    if not choice:
        return None, None
    kind = choice["type"]
    neutral: ToolChoice = (
        NamedTool(choice["name"]) if kind == "tool" else {"any": "required"}.get(kind, kind)
    )
    return neutral, (False if choice.get("disable_parallel_tool_use") else None)


# -- messages -------------------------------------------------------------------------


def _result_block(result: ToolResult) -> dict[str, Any]:
    block = {"type": "tool_result", "tool_use_id": result.call_id, "content": result.content}
    return block | ({"is_error": True} if result.is_error else {})


def _call_block(call: ToolCall) -> dict[str, Any]:
    arguments = call.arguments if isinstance(call.arguments, dict) else {}
    return {"type": "tool_use", "id": call.id, "name": call.name, "input": arguments}


def messages_to_wire(messages: list[Message]) -> list[dict[str, Any]]:
    """Neutral messages as Messages API messages (results join the next user text)."""
    out: list[dict[str, Any]] = []
    previous = None
    for message in messages:
        after_results, previous = previous == "tool", message.role
        if message.role == "assistant":
            text = [{"type": "text", "text": message.content}] if message.content else []
            out.append(
                {
                    "role": "assistant",
                    "content": text + [_call_block(c) for c in message.tool_calls],
                }
            )
        elif message.role == "tool":
            out.append(
                {"role": "user", "content": [_result_block(r) for r in message.tool_results]}
            )
        elif after_results:
            out[-1]["content"].append({"type": "text", "text": message.content})
        else:
            out.append({"role": "user", "content": message.content})
    return out


def _blocks(content: Any) -> list[dict[str, Any]]:
    return [{"type": "text", "text": content}] if isinstance(content, str) else list(content)


def _calls(blocks: list[dict[str, Any]]) -> list[ToolCall]:
    return [
        ToolCall(b["name"], b.get("input") or {}, b["id"])
        for b in blocks
        if b.get("type") == "tool_use"
    ]


def _texts(blocks: list[dict[str, Any]]) -> str:
    return "".join(b.get("text", "") for b in blocks if b.get("type") == "text")


def merge_roles(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Consecutive messages of one role as one message, their blocks in order, as the
    Messages API reads them (two user messages in a row are one user turn, not an error).
    The messages given are not changed."""
    out: list[dict[str, Any]] = []
    for m in messages:
        if out and out[-1]["role"] == m["role"]:
            out[-1] = {**out[-1], "content": _blocks(out[-1]["content"]) + _blocks(m["content"])}
        else:
            out.append(m)
    return out


def messages_from_wire(messages: list[dict[str, Any]]) -> list[Message]:
    """Neutral messages from Messages API ones. Same-role neighbours are one turn to the
    API: their calls (or results) become one neutral message; user texts stay apart."""
    out: list[Message] = []
    for m in messages:
        blocks = _blocks(m["content"])
        if m["role"] == "assistant":
            append_merged(out, Message.assistant(_texts(blocks), _calls(blocks)))
            continue
        results = [
            ToolResult(b["tool_use_id"], text_of(b.get("content")), bool(b.get("is_error")))
            for b in blocks
            if b.get("type") == "tool_result"
        ]
        if results:
            append_merged(out, Message.tool(results))
        if any(b.get("type") == "text" for b in blocks):
            out.append(Message.user(_texts(blocks)))
    return name_results(out)


# -- requests -------------------------------------------------------------------------


def request_to_wire(request: Request) -> dict[str, Any]:
    """The Messages request body for a neutral request."""
    body: dict[str, Any] = {
        "model": request.model,
        "max_tokens": request.max_tokens or DEFAULT_MAX_TOKENS,
        "messages": messages_to_wire(request.messages),
    }
    if request.system:
        body["system"] = request.system
    if request.tools:
        body["tools"] = [tool_to_wire(t) for t in request.tools]
    choice = choice_to_wire(request.tool_choice, request.parallel_tool_calls)
    if choice is not None:
        body["tool_choice"] = choice
    if request.stream:
        body["stream"] = True
    return body


def request_from_wire(body: dict[str, Any]) -> Request:
    """A neutral request from a Messages request body."""
    choice, parallel = choice_from_wire(body.get("tool_choice"))
    return Request(
        messages=messages_from_wire(body.get("messages", [])),
        model=body.get("model", ""),
        system=text_of(body.get("system")) or None,
        tools=[
            tool_from_wire(t)
            for t in body.get("tools") or []
            if "input_schema" in t or "type" not in t
        ],
        tool_choice=choice,
        parallel_tool_calls=parallel,
        max_tokens=body.get("max_tokens"),
        stream=bool(body.get("stream")),
    )


# -- responses ------------------------------------------------------------------------


def _content(turn: ModelTurn) -> list[dict[str, Any]]:
    text = [{"type": "text", "text": turn.text}] if turn.text else []
    return text + [_call_block(c) for c in turn.tool_calls]


def _usage(usage: Usage, output: int | None = None) -> dict[str, Any]:
    return {
        "input_tokens": usage.input_tokens,
        "cache_creation_input_tokens": 0,
        "cache_read_input_tokens": 0,
        "output_tokens": usage.output_tokens if output is None else output,
        "service_tier": "standard",
    }


def _delta_usage(usage: Usage) -> dict[str, Any]:
    """``message_delta.usage``: the cumulative counts, as the real stream sends them
    (``server_tool_use`` only comes when a server tool ran, which never happens here)."""
    return {
        "input_tokens": usage.input_tokens,
        "cache_creation_input_tokens": 0,
        "cache_read_input_tokens": 0,
        "output_tokens": usage.output_tokens,
    }


def turn_to_wire(turn: ModelTurn) -> dict[str, Any]:
    """A ``message`` object for a neutral turn."""
    return {
        "id": turn.id,
        "type": "message",
        "role": "assistant",
        "model": turn.model,
        "content": _content(turn),
        "stop_reason": STOP_REASON[turn.stop_reason or "end_turn"],
        "stop_sequence": None,
        "usage": _usage(turn.usage),
    }


def turn_from_wire(body: dict[str, Any]) -> ModelTurn:
    """A neutral turn from a ``message`` object."""
    blocks = body.get("content", [])
    usage = body.get("usage") or {}
    return ModelTurn(
        text=_texts(blocks),
        tool_calls=_calls(blocks),
        stop_reason=STOP.get(body.get("stop_reason") or "end_turn", "end_turn"),  # type: ignore[arg-type]
        usage=Usage(usage.get("input_tokens", 0), usage.get("output_tokens", 0)),
        model=body.get("model", ""),
        id=body.get("id", ""),
    )


# -- streaming ------------------------------------------------------------------------


def stream_events(turn: ModelTurn) -> Iterator[tuple[str | None, Any]]:
    """The Messages stream for a turn, with ``event:`` names as Anthropic sends them."""

    def event(kind: str, **data: Any) -> tuple[str, Any]:
        return kind, {"type": kind, **data}

    start = turn_to_wire(turn) | {
        "content": [],
        "stop_reason": None,
        "usage": _usage(turn.usage, 1),
    }
    yield event("message_start", message=start)
    for index, block in enumerate(_content(turn)):
        if block["type"] == "text":
            yield event(
                "content_block_start", index=index, content_block={"type": "text", "text": ""}
            )
            if index == 0:
                yield event("ping")
            for piece in chunks(block["text"], 16):
                yield event(
                    "content_block_delta", index=index, delta={"type": "text_delta", "text": piece}
                )
        else:
            yield event("content_block_start", index=index, content_block=block | {"input": {}})
            if index == 0:
                yield event("ping")
            arguments = "" if not block["input"] else ToolCall("", block["input"]).arguments_json
            for piece in chunks(arguments, 12):
                yield event(
                    "content_block_delta",
                    index=index,
                    delta={"type": "input_json_delta", "partial_json": piece},
                )
        yield event("content_block_stop", index=index)
    yield event(
        "message_delta",
        delta={"stop_reason": STOP_REASON[turn.stop_reason or "end_turn"], "stop_sequence": None},
        usage=_delta_usage(turn.usage),
    )
    yield event("message_stop")


def turn_from_stream(text: str) -> ModelTurn:
    """A neutral turn from a Messages SSE stream (what the SDK accumulates)."""
    message: dict[str, Any] = {}
    partial: dict[int, str] = {}
    for _, data in parse_sse(text):
        if not isinstance(data, dict):
            continue
        kind = data.get("type")
        if kind == "message_start":
            message = dict(data["message"], content=[])
        elif kind == "content_block_start":
            message["content"].append(dict(data["content_block"]))
        elif kind == "content_block_delta":
            block, delta = message["content"][data["index"]], data["delta"]
            if delta["type"] == "text_delta":
                block["text"] = block.get("text", "") + delta["text"]
            elif delta["type"] == "input_json_delta":
                partial[data["index"]] = partial.get(data["index"], "") + delta["partial_json"]
        elif kind == "message_delta":
            message.update(data.get("delta") or {})
            message.setdefault("usage", {}).update(data.get("usage") or {})
    for index, raw in partial.items():
        message["content"][index]["input"] = parse_arguments(raw) if raw.strip() else {}
    return turn_from_wire(message)
