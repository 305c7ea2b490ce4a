"""The Responses stream of a response that used MCP tools, from its final object.

The provider has run every MCP call before it streams (offline, the calls are quick), so
the stream replays the finished response item by item, with the events the API sends:
``response.mcp_list_tools.in_progress``/``completed``, ``response.mcp_call.in_progress``,
``response.mcp_call_arguments.delta``/``done``, ``response.mcp_call.completed``/``failed``,
each item between ``response.output_item.added`` and ``response.output_item.done``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ..wire._common import chunks

Event = tuple[str, dict[str, Any]]
Emit = Callable[..., Event]


def responses_events(response: dict[str, Any]) -> Iterator[Event]:
    """Every event of the stream of ``response`` (a finished Response object)."""
    seq = iter(range(1_000_000))

    def event(kind: str, **data: Any) -> Event:
        return kind, {"type": kind, **data, "sequence_number": next(seq)}

    start = response | {"status": "in_progress", "output": [], "usage": None}
    start |= {"completed_at": None, "incomplete_details": None}
    yield event("response.created", response=start)
    yield event("response.in_progress", response=start)
    for index, item in enumerate(response["output"]):
        yield from ITEM_EVENTS.get(item["type"], _plain)(event, item, index)
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


def _function_call(event: Emit, item: dict[str, Any], index: int) -> Iterator[Event]:
    where = {"item_id": item["id"], "output_index": index}
    started = item | {"arguments": "", "status": "in_progress"}
    yield event("response.output_item.added", item=started, output_index=index)
    for piece in chunks(item["arguments"], 12):
        yield event("response.function_call_arguments.delta", delta=piece, **where)
    yield event(
        "response.function_call_arguments.done",
        arguments=item["arguments"],
        name=item["name"],
        **where,
    )
    yield event("response.output_item.done", item=item, output_index=index)


ITEM_EVENTS: dict[str, Callable[[Emit, dict[str, Any], int], Iterator[Event]]] = {
    "mcp_list_tools": _list_tools,
    "mcp_call": _mcp_call,
    "message": _message,
    "function_call": _function_call,
}
