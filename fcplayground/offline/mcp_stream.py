"""The Responses stream of a response that used MCP tools, from its final object.

The provider has run every MCP call before it streams (offline, the calls are quick), so
the stream replays the finished response item by item, with the events the API sends:
``response.mcp_list_tools.in_progress``/``completed``, ``response.mcp_call.in_progress``,
``response.mcp_call_arguments.delta``/``done``, ``response.mcp_call.completed``/``failed``,
each item between ``response.output_item.added`` and ``response.output_item.done``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from ..wire._common import chunks
from ..wire.openai_responses import function_call_events

Event = tuple[str, dict[str, Any]]
Emit = Callable[..., Event]
ItemEvents = Callable[[Emit, dict[str, Any], int], Iterator[Event]]


def responses_events(
    response: dict[str, Any], items: Mapping[str, ItemEvents] | None = None
) -> Iterator[Event]:
    """Every event of the stream of ``response`` (a finished Response object); ``items``
    says how each kind of output item streams (:data:`ITEM_EVENTS` when not given)."""
    table = ITEM_EVENTS if items is None else items
    seq = iter(range(1_000_000))

    def event(kind: str, **data: Any) -> Event:
        return kind, {"type": kind, **data, "sequence_number": next(seq)}

    start = response | {"status": "in_progress", "output": [], "usage": None}
    start |= {"completed_at": None, "incomplete_details": None}
    yield event("response.created", response=start)
    yield event("response.in_progress", response=start)
    for index, item in enumerate(response["output"]):
        yield from table.get(item["type"], _plain)(event, item, index)
    yield event(f"response.{response['status']}", response=response)


def _plain(event: Emit, item: dict[str, Any], index: int) -> Iterator[Event]:
    yield event("response.output_item.added", item=item, output_index=index)
    yield event("response.output_item.done", item=item, output_index=index)


def _list_tools(event: Emit, item: dict[str, Any], index: int) -> Iterator[Event]:
    where = {"item_id": item["id"], "output_index": index}
    yield event("response.output_item.added", item=item | {"tools": []}, output_index=index)
    yield event("response.mcp_list_tools.in_progress", **where)
    outcome = "failed" if item.get("error") else "completed"
    yield event(f"response.mcp_list_tools.{outcome}", **where)
    yield event("response.output_item.done", item=item, output_index=index)


def _mcp_call(event: Emit, item: dict[str, Any], index: int) -> Iterator[Event]:
    where = {"item_id": item["id"], "output_index": index}
    started = item | {"arguments": "", "output": None, "error": None, "status": "in_progress"}
    yield event("response.output_item.added", item=started, output_index=index)
    yield event("response.mcp_call.in_progress", **where)
    for piece in chunks(item["arguments"], 12):
        yield event("response.mcp_call_arguments.delta", delta=piece, **where)
    yield event("response.mcp_call_arguments.done", arguments=item["arguments"], **where)
    outcome = "failed" if item.get("error") else "completed"
    yield event(f"response.mcp_call.{outcome}", **where)
    yield event("response.output_item.done", item=item, output_index=index)


def _message(event: Emit, item: dict[str, Any], index: int) -> Iterator[Event]:
    where = {"item_id": item["id"], "output_index": index, "content_index": 0}
    part = item["content"][0]
    started = item | {"status": "in_progress", "content": []}
    yield event("response.output_item.added", item=started, output_index=index)
    yield event("response.content_part.added", part=part | {"text": ""}, **where)
    for piece in chunks(part["text"], 16):
        yield event("response.output_text.delta", delta=piece, logprobs=[], **where)
    yield event("response.output_text.done", text=part["text"], logprobs=[], **where)
    yield event("response.content_part.done", part=part, **where)
    yield event("response.output_item.done", item=item, output_index=index)


ITEM_EVENTS: dict[str, ItemEvents] = {
    "mcp_list_tools": _list_tools,
    "mcp_call": _mcp_call,
    "message": _message,
    "function_call": function_call_events,
}


def anthropic_events(message: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """The Messages stream of a finished ``message`` whose content holds MCP blocks:
    each block between ``content_block_start`` and ``content_block_stop``, a call's input
    as ``input_json_delta`` pieces, as the SDK's stream helpers accumulate them."""

    def event(kind: str, **data: Any) -> tuple[str, dict[str, Any]]:
        return kind, {"type": kind, **data}

    usage = message["usage"]
    start = message | {"content": [], "stop_reason": None, "usage": usage | {"output_tokens": 1}}
    yield event("message_start", message=start)
    for index, block in enumerate(message["content"]):
        yield from _anthropic_block(event, block, index)
    delta = {"stop_reason": message["stop_reason"], "stop_sequence": None}
    yield event("message_delta", delta=delta, usage=usage)
    yield event("message_stop")


def _anthropic_block(event: Emit, block: dict[str, Any], index: int) -> Iterator[Event]:
    import json

    if block["type"] == "text":
        yield event("content_block_start", index=index, content_block=block | {"text": ""})
        for piece in chunks(block["text"], 16):
            text = {"type": "text_delta", "text": piece}
            yield event("content_block_delta", index=index, delta=text)
    elif "input" in block:  # tool_use, mcp_tool_use: the input comes in pieces
        yield event("content_block_start", index=index, content_block=block | {"input": {}})
        arguments = json.dumps(block["input"], ensure_ascii=False) if block["input"] else ""
        for piece in chunks(arguments, 12):
            partial = {"type": "input_json_delta", "partial_json": piece}
            yield event("content_block_delta", index=index, delta=partial)
    else:  # mcp_tool_result: whole
        yield event("content_block_start", index=index, content_block=block)
    yield event("content_block_stop", index=index)
