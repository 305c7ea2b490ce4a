"""Stored Responses, as the OpenAI API keeps them: ``store``, ``previous_response_id``,
and ``GET``/``DELETE /v1/responses/{id}`` and ``GET /v1/responses/{id}/input_items``.

A response is stored (unless the request says ``store: false``) in the provider's
bounded ``StoreName.RESPONSES`` store under its id: the Response object as it was sent,
this request's own input items, and the id it continued from. A request with
``previous_response_id`` is answered as if it had sent the whole conversation: every
earlier response's input and output items, oldest first, then its own input (the
earlier ``instructions`` and ``tools`` are not carried over, as the API documents).
Chains are linked, not copied, so memory grows with the items, not with their square.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .. import wire
from .replies import Refused
from .state import HTTPRequest, ProviderState, StoreName
from .validation import cross_field

PREFIX = "/v1/responses/"
LIST_LIMIT = (1, 100, 20)  # input_items.list: smallest, largest and default ``limit``
# Input item id prefixes, as the API writes them (a function call keeps its own ``fc_`` id).
ITEM_PREFIXES = {
    "message": "msg_",
    "function_call": "fc_",
    "function_call_output": "fco_",
    "custom_tool_call": "ctc_",
    "custom_tool_call_output": "ctco_",
    "mcp_approval_response": "mcpr_",
    "tool_search_call": "tsc_",
    "tool_search_output": "tso_",
}


@dataclass(frozen=True)
class StoredResponse:
    """One stored response: the object sent, its own input items, what it continued."""

    response: dict[str, Any]
    input_items: list[dict[str, Any]]
    previous_id: str | None = None


@dataclass(frozen=True)
class Continuation:
    """A request with its stored history: the body the model answers, and its own input."""

    body: dict[str, Any]
    own_input: list[dict[str, Any]] = field(default_factory=list)


def _not_found(response_id: str, param: str | None = None) -> Refused:
    """The API's refusal of an unknown id: 400 as a ``previous_response_id``, else 404."""
    if param:
        return Refused(f"Previous response with id '{response_id}' not found.", param)
    return Refused(f"Response with id '{response_id}' not found.", status=404)


def _own_input(body: dict[str, Any]) -> list[dict[str, Any]]:
    items = body.get("input", [])
    return [{"role": "user", "content": items}] if isinstance(items, str) else list(items)


def history(state: ProviderState, response_id: str) -> list[dict[str, Any]]:
    """Every input and output item of a stored chain ending at ``response_id``, oldest
    first. Refuses an id that is unknown, deleted, forgotten, or was not stored."""
    store = state.store(StoreName.RESPONSES)
    chain: list[StoredResponse] = []
    next_id: str | None = response_id
    while next_id is not None and len(chain) <= store.limit:  # bounded: no id loops forever
        stored = store.get(next_id)
        if stored is None:
            raise _not_found(next_id, "previous_response_id")
        chain.append(stored)
        next_id = stored.previous_id
    items: list[dict[str, Any]] = []
    for stored in reversed(chain):
        items += stored.input_items + stored.response["output"]
    return items


def continued(state: ProviderState, body: dict[str, Any]) -> Continuation:
    """The request ``body`` with its stored history in front of its input, checked as the
    API checks it (every tool output answers a call in the whole conversation)."""
    own = _own_input(body)
    previous = body.get("previous_response_id")
    if previous is None:
        return Continuation(body, own)
    items = history(state, previous) + own
    if problem := cross_field.check_response_items(items):
        raise Refused(problem.message, problem.param)
    return Continuation(body | {"input": items}, own)


def _with_ids(response_id: str, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Input items as the API lists them: each with an id, a type and a status."""
    out = []
    for index, item in enumerate(items):
        kind = item.get("type", "message")
        seed = f"{response_id}#input{index}"
        fresh = {"id": wire.stable_id(ITEM_PREFIXES.get(kind, "item_"), seed), "type": kind}
        item = fresh | item | {"status": item.get("status") or "completed"}
        if kind == "message" and isinstance(item.get("content"), str):
            part = "output_text" if item.get("role") == "assistant" else "input_text"
            item["content"] = [{"type": part, "text": item["content"]}]
        out.append(item)
    return out


def remember(state: ProviderState, continuation: Continuation, reply_body: bytes) -> None:
    """Store the response a reply carries (JSON, or an SSE stream's final object),
    unless the request said ``store: false`` or the stream was cut short."""
    body = continuation.body
    if body.get("store") is False:
        return
    response = _final_object(reply_body, bool(body.get("stream")))
    if response is None:
        return
    items = _with_ids(response["id"], continuation.own_input)
    stored = StoredResponse(response, items, body.get("previous_response_id"))
    state.store(StoreName.RESPONSES).put(response["id"], stored)


def _final_object(reply_body: bytes, stream: bool) -> dict[str, Any] | None:
    if not stream:
        return json.loads(reply_body)
    for name, data in reversed(wire.parse_sse(reply_body.decode())):
        if name in ("response.completed", "response.incomplete"):
            return data["response"]
    return None


def is_stored_path(path: str) -> bool:
    """Whether ``path`` names one stored response (or its input items)."""
    return path.startswith(PREFIX) and len(path) > len(PREFIX)


def lookup(state: ProviderState, http: HTTPRequest) -> dict[str, Any]:
    """Answer ``GET``/``DELETE /v1/responses/{id}`` or ``GET .../{id}/input_items``."""
    response_id, _, rest = http.path.removeprefix(PREFIX).partition("/")
    if rest not in ("", "input_items") or (rest and http.method != "GET"):
        raise Refused(f"Invalid URL ({http.method} {http.path})", status=404)
    if http.method not in ("GET", "DELETE"):
        raise Refused(f"Invalid method for URL ({http.method} {http.path})", status=405)
    store = state.store(StoreName.RESPONSES)
    stored = store.pop(response_id) if http.method == "DELETE" else store.get(response_id)
    if stored is None:
        raise _not_found(response_id)
    if http.method == "DELETE":
        return {"id": response_id, "object": "response", "deleted": True}
    if rest:
        return _item_page(stored, http.query)
    return stored.response


def _item_page(stored: StoredResponse, query: Mapping[str, str]) -> dict[str, Any]:
    """One page of a response's input items (``after``, ``limit``, ``order``)."""
    low, high, default = LIST_LIMIT
    given = query.get("limit", str(default))
    limit = int(given) if given.isascii() and given.isdigit() and len(given) < 6 else -1
    if not low <= limit <= high:
        raise Refused(f"Invalid 'limit': integer must be between {low} and {high}.", "limit")
    order = query.get("order", "desc")
    if order not in ("asc", "desc"):
        raise Refused(f"Invalid value: '{order}'. Supported values are: 'asc' and 'desc'.", "order")
    items = stored.input_items if order == "asc" else stored.input_items[::-1]
    if after := query.get("after"):
        ids = [item["id"] for item in items]
        items = items[ids.index(after) + 1 :] if after in ids else []
    page = items[:limit]
    return {
        "object": "list",
        "data": page,
        "first_id": page[0]["id"] if page else None,
        "last_id": page[-1]["id"] if page else None,
        "has_more": len(items) > limit,
    }
