"""The handler's door to the providers' tool search: which requests use it, and their
replies (JSON, or the SSE stream of the finished object).

The handler hands over how it writes a reply (:class:`Replies`), so that this module
needs nothing else of it: see :mod:`.tool_search_responses` and
:mod:`.tool_search_anthropic` for what is answered.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .. import wire
from ..chat import ModelTurn
from ..models import Model, ModelError
from . import tool_search_anthropic, tool_search_responses, tool_search_stream


@dataclass(frozen=True)
class Replies:
    """How the handler writes replies: its ``Reply`` type, its headers, its error reply
    (``error(api, status, kind, message, param, retry=..., code=...)``) and its id giver."""

    reply: Callable[[int, bytes, dict[str, str]], Any]
    headers: Callable[[str, str], dict[str, str]]
    error: Callable[..., Any]
    stamp: Callable[..., ModelTurn]


def offers(api: str, body: dict[str, Any]) -> bool:
    """Whether a checked request body for ``api`` uses tool search (or, on Responses,
    namespaces; on Messages, deferred tools)."""
    if api == "responses":
        return tool_search_responses.offers(body)
    return api == "anthropic" and tool_search_anthropic.offers(body)


def answer(model: Model, api: str, body: dict[str, Any], replies: Replies) -> Any:
    """The reply to a request that :func:`offers` says uses tool search."""
    try:
        if api == "responses":
            found = tool_search_responses.answer(model, body, replies.stamp)
        else:
            found = tool_search_anthropic.answer(model, body, replies.stamp)
    except tool_search_responses.Refused as e:
        return replies.error(api, 400, "invalid_request_error", e.message, e.param)
    except ModelError as e:
        return replies.error(api, 500, "api_error", str(e), retry=False)
    if body.get("stream"):
        events = (
            tool_search_stream.responses_events(found)
            if api == "responses"
            else tool_search_stream.anthropic_events(found)
        )
        return replies.reply(
            200, b"".join(wire.sse(events)), replies.headers(api, "text/event-stream")
        )
    body_out = json.dumps(found, ensure_ascii=False).encode()
    return replies.reply(200, body_out, replies.headers(api, "application/json"))
