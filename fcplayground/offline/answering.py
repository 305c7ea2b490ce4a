"""Answering a checked request: the model's turn, with ids of the provider's style, in the
provider's format (a JSON body or an SSE stream); a Responses request stored; a request
that offers MCP servers or tool search answered by running them (see :mod:`.mcp_responses`,
:mod:`.mcp_anthropic`, :mod:`.tool_search_responses`, :mod:`.tool_search_anthropic`)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from .. import wire
from ..chat import ModelTurn, Request
from ..models import Model, ModelError
from . import (
    mcp_anthropic,
    mcp_responses,
    mcp_stream,
    responses_store,
    structured,
    tool_search_anthropic,
    tool_search_responses,
    tool_search_stream,
)
from .bodies import Body, Facts, Finding
from .clock import CREATED
from .faults import ProviderFault, TruncatedStream, truncate_sse
from .ids import IDS
from .replies import Refused, Reply, error_reply, fault_reply, headers
from .state import ProviderState
from .validation import verdicts

PREFIXES = {  # (response id, tool call id) prefixes, as each provider writes them
    "chat": ("chatcmpl-", "call_"),
    "responses": ("resp_", "call_"),
    "anthropic": ("msg_", "toolu_"),
}


def respond_stored(
    model: Model, read: Body, payload: dict[str, Any], state: ProviderState
) -> Reply:
    """A Responses request (``payload``, of the body ``read``): answered with its stored
    history, and stored itself."""
    try:
        continuation = responses_store.continued(state, payload)
    except Refused as e:
        return e.reply("responses")
    body = continuation.body
    if mcp_responses.offers_mcp(body):  # the provider calls the MCP server
        reply = _finished(
            "responses",
            body,
            partial(mcp_responses.answer, model, body, stamp),
            mcp_stream.responses_events,
        )
    elif tool_search_responses.offers(body):  # deferred tools
        run = partial(tool_search_responses.answer, model, body, stamp)
        reply = _finished("responses", body, run, tool_search_stream.responses_events)
    else:
        reply = respond(model, "responses", body, read.facts(body))
    if reply.status == 200:
        responses_store.remember(state, continuation, reply.body)
    return reply


def respond_mcp_anthropic(model: Model, payload: dict[str, Any], beta: str) -> Reply:
    """A Messages request with ``mcp_servers`` (see :mod:`.mcp_anthropic`)."""
    run = partial(mcp_anthropic.answer, model, payload, beta, stamp)
    return _finished("anthropic", payload, run, mcp_stream.anthropic_events)


def respond_tool_search_anthropic(model: Model, payload: dict[str, Any]) -> Reply:
    """A Messages request with tool search or deferred tools (see
    :mod:`.tool_search_anthropic`)."""
    run = partial(tool_search_anthropic.answer, model, payload, stamp)
    return _finished("anthropic", payload, run, tool_search_stream.anthropic_events)


Events = Callable[[dict[str, Any]], Iterable[tuple[str | None, Any]]]  # an SSE stream's


def _finished(
    api: str, payload: dict[str, Any], run: Callable[[], dict[str, Any]], events: Events
) -> Reply:
    """The reply to a request the provider answers by running tools itself (MCP calls, tool
    searches): ``run`` builds the finished response or message, sent as JSON or replayed
    as SSE by ``events``."""
    try:
        finished = run()
    except Refused as e:
        return e.reply(api)
    except ModelError as e:
        return error_reply(api, 500, "api_error", str(e), retry=False)
    if payload.get("stream"):
        return Reply(200, b"".join(wire.sse(events(finished))), headers(api, "text/event-stream"))
    body_out = json.dumps(finished, ensure_ascii=False).encode()
    return Reply(200, body_out, headers(api, "application/json"))


def respond(model: Model, api: str, payload: dict[str, Any], facts: Facts | None = None) -> Reply:
    """Ask the model for a turn and write it in the provider's format (``facts``: what is
    known about the body ``payload`` was read from)."""
    format = wire.FORMATS[api]
    try:
        request = format.request_from_wire(payload)
    except wire.openai_legacy.LegacyFormatError as e:
        return error_reply(api, 400, "invalid_request_error", e.message, e.param)
    truncated = False
    try:
        turn = structured.respond(model, request, payload, api)  # a response_format too
    except TruncatedStream as e:
        turn, truncated = e.turn, True
    except ProviderFault as e:
        return fault_reply(api, e)
    except ModelError as e:
        return error_reply(api, 500, "api_error", str(e), retry=False)
    turn = stamp(turn, api, request, payload, facts)
    if request.stream:
        include_usage = bool((payload.get("stream_options") or {}).get("include_usage"))
        stream = b"".join(wire.sse(_events(api, turn, request, include_usage, payload)))
        if truncated:
            stream = truncate_sse(stream)
        return Reply(200, stream, headers(api, "text/event-stream"))
    body_out = _turn_body(api, turn, request, payload)
    return Reply(
        200, json.dumps(body_out, ensure_ascii=False).encode(), headers(api, "application/json")
    )


def stamp(
    turn: ModelTurn,
    api: str,
    request: Request,
    payload: dict[str, Any],
    facts: Facts | None = None,
) -> ModelTurn:
    """Give a turn the model name and provider-style ids of its own (ids a model set are
    kept): derived from the request and from how often this process has answered it, so
    each answer's ids are new yet a replayed sequence gets the same ones (see :mod:`.ids`).
    ``facts``: what is known about the body ``payload`` was read from."""
    facts = facts or Facts()
    tools = facts.find(Finding.TOOLS_KEY, lambda: verdicts.tools_key(payload.get("tools")))
    digest = facts.find(Finding.DIGEST, lambda: verdicts.request_digest(api, payload, tools))
    seed = IDS.ticket_of(digest).seed
    turn_prefix, call_prefix = PREFIXES[api]
    turn.model = turn.model or request.model
    turn.id = turn.id or wire.stable_id(turn_prefix, seed)
    for index, call in enumerate(turn.tool_calls):
        call.id = call.id or wire.stable_id(call_prefix, f"{seed}#{index}")
    return turn


def _turn_body(
    api: str, turn: ModelTurn, request: Request, payload: dict[str, Any]
) -> dict[str, Any]:
    if api == "chat":
        return wire.openai_chat.turn_to_wire(turn, CREATED, request)
    if api == "responses":
        return wire.openai_responses.turn_to_wire(turn, request, CREATED, body=payload)
    return wire.anthropic.turn_to_wire(turn)


def _events(
    api: str, turn: ModelTurn, request: Request, include_usage: bool, payload: dict[str, Any]
):
    if api == "chat":
        return wire.openai_chat.stream_events(turn, CREATED, include_usage, request)
    if api == "responses":
        return wire.openai_responses.stream_events(turn, request, CREATED, payload)
    return wire.anthropic.stream_events(turn)
