"""The SSE streams of responses that used tool search, from their finished objects.

The provider has run every search before it streams, so each stream replays the
finished response item by item (Responses) or block by block (Messages), with the
events the APIs send: a ``tool_search_call`` or ``tool_search_output`` item between
``response.output_item.added`` (``in_progress``) and ``response.output_item.done``
(the Responses API has no other events for them); ``server_tool_use`` blocks with their
input as ``input_json_delta`` pieces and ``tool_search_tool_result`` blocks whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..wire.openai_responses import custom_call_events
from . import mcp_stream
from .mcp_stream import Emit, Event


def _search_item(event: Emit, item: dict[str, Any], index: int) -> Iterator[Event]:
    started = item | {"status": "in_progress"}
    yield event("response.output_item.added", item=started, output_index=index)
    yield event("response.output_item.done", item=item, output_index=index)


ITEM_EVENTS = {
    **mcp_stream.ITEM_EVENTS,
    "tool_search_call": _search_item,
    "tool_search_output": _search_item,
    "custom_tool_call": custom_call_events,
}


def responses_events(response: dict[str, Any]) -> Iterator[Event]:
    """Every event of the Responses stream of a finished ``response``."""
    return mcp_stream.responses_events(response, ITEM_EVENTS)


def anthropic_events(message: dict[str, Any]) -> Iterator[Event]:
    """Every event of the Messages stream of a finished ``message``."""
    return mcp_stream.anthropic_events(message)
