"""OpenAI Responses API (``POST /v1/responses``) <-> neutral types.

The conversation is a list of input items: messages, ``function_call`` items (one
per call) and ``function_call_output`` items (one per result); custom tools (free-text
input) have ``custom_tool_call`` and ``custom_tool_call_output`` items. Neutrally a
custom tool is a function of one string argument, ``input``. Items a teaching model
has no use for (reasoning) are skipped on the way in.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..chat import Message, ModelTurn, NamedTool, Request, ToolCall, ToolChoice, ToolSpec, Usage
from ..tools.examples import with_examples
from . import openai_responses_object as settings
from ._common import (
    append_merged,
    chunks,
    error_text,
    name_results,
    parse_sse,
    result_from_text,
    stable_id,
    text_of,
    tool_call,
)


def item_id(prefix: str, call_id: str) -> str:
    """The item id of a call (``fc_…``), the same for the same call id (``call_…``) but,
    as the API's are, a different string: the call id cannot be read from it."""
    return stable_id(prefix, call_id)


# -- tools and tool_choice ------------------------------------------------------------


def tool_to_wire(spec: ToolSpec) -> dict[str, Any]:
    tool: dict[str, Any] = {
        "type": "function",
        "name": spec.name,
        "description": with_examples(spec.description, spec.input_examples),
        "parameters": spec.parameters,
    }
    if spec.strict is not None:
        tool["strict"] = spec.strict
    return tool


CUSTOM_INPUT = "input"  # the one argument of a custom tool, neutrally


def _custom_parameters(tool: dict[str, Any]) -> dict[str, Any]:
    """A custom tool's free-text input as a one-string schema the model can fill."""
    form = tool.get("format") or {}
    about = "Free-form text input for the tool."
    if form.get("type") == "grammar":
        about = f"Text in the tool's {form.get('syntax', '')} grammar: {form.get('definition', '')}"
    text = {"type": "string", "description": about}
    return {"type": "object", "properties": {CUSTOM_INPUT: text}, "required": [CUSTOM_INPUT]}


def tool_from_wire(tool: dict[str, Any]) -> ToolSpec:
    if tool.get("type") == "custom":
        return ToolSpec(tool["name"], tool.get("description") or "", _custom_parameters(tool))
    return ToolSpec(
        tool["name"],
        tool.get("description") or "",
        tool.get("parameters") or {"type": "object", "properties": {}},
        tool.get("strict"),
    )


def choice_to_wire(choice: ToolChoice) -> Any:
    if isinstance(choice, NamedTool):
        return {"type": "function", "name": choice.name}
    return choice


def choice_from_wire(choice: Any) -> ToolChoice | None:
    if isinstance(choice, dict):
        if choice.get("type") == "allowed_tools":
            return choice.get("mode", "auto")  # the tools it names are all that is offered
        return NamedTool(choice["name"])
    return choice


def _offered(body: dict[str, Any]) -> list[dict[str, Any]]:
    """The function and custom tools the model may call (``allowed_tools`` narrows them)."""
    tools = [t for t in body.get("tools") or [] if t.get("type") in ("function", "custom")]
    choice = body.get("tool_choice")
    if isinstance(choice, dict) and choice.get("type") == "allowed_tools":
        allowed = {t.get("name") for t in choice.get("tools") or []}
        tools = [t for t in tools if t["name"] in allowed]
    return tools


def custom_names(body: dict[str, Any]) -> frozenset[str]:
    """Names of the custom (free-text) tools a request body offers."""
    return frozenset(t["name"] for t in body.get("tools") or [] if t.get("type") == "custom")


# -- requests -------------------------------------------------------------------------


def _call_item(call: ToolCall, status: str | None = None) -> dict[str, Any]:
    item = {
        "type": "function_call",
        "id": item_id("fc_", call.id),
        "call_id": call.id,
        "name": call.name,
        "arguments": call.arguments_json,
    }
    return item | ({"status": status} if status else {})


def _message_to_items(message: Message) -> list[dict[str, Any]]:
    if message.role == "tool":
        return [
            {"type": "function_call_output", "call_id": r.call_id, "output": error_text(r)}
            for r in message.tool_results
        ]
    if message.role == "assistant":
        text = [{"role": "assistant", "content": message.content}] if message.content else []
        return text + [_call_item(c) for c in message.tool_calls]
    return [{"role": "user", "content": message.content}]


def _item_to_message(item: dict[str, Any]) -> Message | None:
    kind = item.get("type", "message")
    if kind == "function_call":
        return Message.assistant(
            tool_calls=[tool_call(item["name"], item.get("arguments"), item["call_id"])]
        )
    if kind == "custom_tool_call":
        call = ToolCall(item["name"], {CUSTOM_INPUT: item.get("input", "")}, item["call_id"])
        return Message.assistant(tool_calls=[call])
    if kind in ("function_call_output", "custom_tool_call_output"):
        return Message.tool([result_from_text(item["call_id"], text_of(item.get("output")))])
    if kind == "message" and item.get("role") in ("user", "assistant"):
        return Message(item["role"], text_of(item.get("content")))
    return None  # reasoning and other items carry nothing a neutral conversation keeps


def request_to_wire(request: Request) -> dict[str, Any]:
    """The Responses request body for a neutral request."""
    body: dict[str, Any] = {"model": request.model}
    if request.system:
        body["instructions"] = request.system
    body["input"] = [item for m in request.messages for item in _message_to_items(m)]
    if request.tools:
        body["tools"] = [tool_to_wire(t) for t in request.tools]
    if request.tool_choice is not None:
        body["tool_choice"] = choice_to_wire(request.tool_choice)
    if request.parallel_tool_calls is not None:
        body["parallel_tool_calls"] = request.parallel_tool_calls
    if request.max_tokens is not None:
        body["max_output_tokens"] = request.max_tokens
    if request.stream:
        body["stream"] = True
    return body


def request_from_wire(body: dict[str, Any]) -> Request:
    """A neutral request from a Responses request body."""
    items = body.get("input", [])
    if isinstance(items, str):
        items = [{"role": "user", "content": items}]
    system = [body["instructions"]] if body.get("instructions") else []
    messages: list[Message] = []
    for item in items:
        if item.get("role") in ("system", "developer"):
            system.append(text_of(item.get("content")))
        elif (message := _item_to_message(item)) is not None:
            append_merged(messages, message)
    return Request(
        messages=name_results(messages),
        model=body.get("model", ""),
        system="\n\n".join(system) or None,
        tools=[tool_from_wire(t) for t in _offered(body)],
        tool_choice=choice_from_wire(body.get("tool_choice")),
        parallel_tool_calls=body.get("parallel_tool_calls"),
        max_tokens=body.get("max_output_tokens"),
        stream=bool(body.get("stream")),
    )


# -- responses ------------------------------------------------------------------------


def _message_item(turn: ModelTurn, status: str = "completed", text: str | None = None):
    return {
        "type": "message",
        "id": item_id("msg_", turn.id.removeprefix("resp_")),
        "role": "assistant",
        "status": status,
        "content": [
            {
                "type": "output_text",
                "text": turn.text if text is None else text,
                "annotations": [],
                "logprobs": [],
            }
        ],
    }


def _custom_call_item(call: ToolCall, status: str = "completed") -> dict[str, Any]:
    given = call.arguments.get(CUSTOM_INPUT) if isinstance(call.arguments, dict) else None
    return {
        "type": "custom_tool_call",
        "id": item_id("ctc_", call.id),
        "call_id": call.id,
        "name": call.name,
        "input": given if isinstance(given, str) else call.arguments_json,
        "status": status,
    }


def _output(turn: ModelTurn, custom: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    text = [_message_item(turn)] if turn.text else []
    return text + [
        _custom_call_item(c) if c.name in custom else _call_item(c, "completed")
        for c in turn.tool_calls
    ]


def _echoed_tool(tool: dict[str, Any]) -> dict[str, Any]:
    if tool.get("type") == "custom":
        return {
            "type": "custom",
            "name": tool["name"],
            "description": tool.get("description"),
            "format": tool.get("format") or {"type": "text"},
        }
    spec = tool_from_wire(tool)
    return tool_to_wire(spec) | {"strict": bool(spec.strict)}


def turn_to_wire(
    turn: ModelTurn,
    request: Request | None = None,
    created: int = 0,
    status: str = "completed",
    body: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A ``response`` object for a neutral turn; it echoes the request ``body``'s settings
    (when not given, the body ``request`` would be sent as)."""
    request = request or Request([])
    body = request_to_wire(request) if body is None else body
    incomplete = {
        "max_tokens": {"reason": "max_output_tokens"},
        "content_filter": {"reason": "content_filter"},
    }.get(turn.stop_reason or "")
    done = status == "completed"
    tools = [t for t in body.get("tools") or [] if t.get("type") in ("function", "custom")]
    return {
        "id": turn.id,
        "object": "response",
        "created_at": created,
        "status": ("incomplete" if incomplete else "completed") if done else status,
        "completed_at": created if done else None,
        "error": None,
        "incomplete_details": incomplete if done else None,
        "instructions": body.get("instructions"),
        "max_output_tokens": body.get("max_output_tokens"),
        "model": turn.model,
        "output": _output(turn, custom_names(body)) if done else [],
        "parallel_tool_calls": body.get("parallel_tool_calls") is not False,
        "tool_choice": body.get("tool_choice") or choice_to_wire(request.tool_choice or "auto"),
        "tools": [_echoed_tool(t) for t in tools],
        **settings.settings(body),
        "usage": settings.usage(turn) if done else None,
    }


def turn_from_wire(body: dict[str, Any]) -> ModelTurn:
    """A neutral turn from a ``response`` object."""
    text, calls = [], []
    for item in body.get("output", []):
        if item.get("type") == "function_call":
            calls.append(tool_call(item["name"], item.get("arguments"), item["call_id"]))
        elif item.get("type") == "custom_tool_call":
            given = {CUSTOM_INPUT: item.get("input", "")}
            calls.append(ToolCall(item["name"], given, item["call_id"]))
        elif item.get("type") == "message":
            text.append(text_of(item.get("content")))
    reason = (body.get("incomplete_details") or {}).get("reason")
    stop = {"max_output_tokens": "max_tokens", "content_filter": "content_filter"}.get(reason or "")
    usage = body.get("usage") or {}
    return ModelTurn(
        text="".join(text),
        tool_calls=calls,
        stop_reason=stop,  # type: ignore[arg-type]  (None: derived from the calls)
        usage=Usage(usage.get("input_tokens", 0), usage.get("output_tokens", 0)),
        model=body.get("model", ""),
        id=body.get("id", ""),
    )


# -- streaming ------------------------------------------------------------------------


def stream_events(
    turn: ModelTurn,
    request: Request | None = None,
    created: int = 0,
    body: dict[str, Any] | None = None,
) -> Iterator[tuple[str | None, Any]]:
    """The Responses stream for a turn: created … output items … completed. Each
    ``response`` it carries is the full object :func:`turn_to_wire` makes."""
    seq = iter(range(1_000_000))

    def event(kind: str, **data: Any) -> tuple[str, Any]:
        return kind, {"type": kind, **data, "sequence_number": next(seq)}

    start = turn_to_wire(turn, request, created, "in_progress", body)
    yield event("response.created", response=start)
    yield event("response.in_progress", response=start)
    final = turn_to_wire(turn, request, created, body=body)
    for index, item in enumerate(final["output"]):
        if item["type"] == "message":
            yield from _text_events(event, turn, item, index)
        elif item["type"] == "custom_tool_call":
            yield from _custom_call_events(event, item, index)
        else:
            yield from function_call_events(event, item, index)
    # A turn cut short (max_tokens, content filter) ends with response.incomplete.
    yield event(f"response.{final['status']}", response=final)


def _text_events(event, turn: ModelTurn, item: dict[str, Any], index: int):
    where = {"item_id": item["id"], "output_index": index, "content_index": 0}
    yield event(
        "response.output_item.added",
        item=_message_item(turn, "in_progress", "") | {"content": []},
        output_index=index,
    )
    empty = {"type": "output_text", "text": "", "annotations": [], "logprobs": []}
    yield event("response.content_part.added", part=empty, **where)
    for piece in chunks(turn.text, 16):
        yield event("response.output_text.delta", delta=piece, logprobs=[], **where)
    yield event("response.output_text.done", text=turn.text, logprobs=[], **where)
    yield event("response.content_part.done", part=item["content"][0], **where)
    yield event("response.output_item.done", item=item, output_index=index)


def function_call_events(event, item: dict[str, Any], index: int):
    """The stream events of one finished ``function_call`` item at ``index``: added, the
    arguments in pieces, done (the offline MCP stream emits them too)."""
    where = {"item_id": item["id"], "output_index": index}
    yield event(
        "response.output_item.added",
        item=item | {"arguments": "", "status": "in_progress"},
        output_index=index,
    )
    for piece in chunks(item["arguments"], 12):
        yield event("response.function_call_arguments.delta", delta=piece, **where)
    yield event(
        "response.function_call_arguments.done",
        arguments=item["arguments"],
        name=item["name"],
        **where,
    )
    yield event("response.output_item.done", item=item, output_index=index)


def _custom_call_events(event, item: dict[str, Any], index: int):
    where = {"item_id": item["id"], "output_index": index}
    yield event(
        "response.output_item.added",
        item=item | {"input": "", "status": "in_progress"},
        output_index=index,
    )
    for piece in chunks(item["input"], 12):
        yield event("response.custom_tool_call_input.delta", delta=piece, **where)
    yield event("response.custom_tool_call_input.done", input=item["input"], **where)
    yield event("response.output_item.done", item=item, output_index=index)


custom_call_events = _custom_call_events  # the offline tool search stream emits them too


def turn_from_stream(text: str) -> ModelTurn:
    """A neutral turn from a Responses SSE stream: its final ``response`` object."""
    for name, data in reversed(parse_sse(text)):
        if name in ("response.completed", "response.incomplete") and isinstance(data, dict):
            return turn_from_wire(data["response"])
    raise ValueError("the stream has no response.completed event: it was cut short")
