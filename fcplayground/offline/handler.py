"""The offline provider: one pure handler from (path, JSON body) to an HTTP reply.

It speaks ``/v1/chat/completions``, ``/v1/responses`` and ``/v1/messages`` (plain
JSON or SSE streams), checks requests the way the real APIs do, and asks a
:class:`~fcplayground.models.Model` for the answer. The same handler backs the
in-process SDK clients (:mod:`fcplayground.offline.clients`) and an HTTP server.

A model that can answer raw HTTP (a method ``reply(method, path, body) -> Reply | None``,
as :class:`~fcplayground.models.ReplayModel` has) is asked first, before any check: its
``Reply`` is sent as-is, and ``None`` means "answer the usual way, with ``respond``".
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any
from urllib.parse import parse_qsl

import httpx2

from .. import wire
from ..chat import ModelTurn, Request
from ..models import Model, ModelError
from . import (
    mcp_anthropic,
    mcp_responses,
    mcp_stream,
    model_list,
    responses_store,
    structured,
    threads,
    tool_search_replies,
    validation,
)
from .clock import CREATED
from .faults import ProviderFault, TruncatedStream, truncate_sse
from .ids import IDS
from .state import HTTPRequest, ProviderState
from .validation import verdicts

ROUTES = dict(wire.ENDPOINTS)  # path -> api ("chat", "responses" or "anthropic")
# api -> the check of a parsed body (a Refusal or None); benchmarks/hosted_agreement.py uses it.
CHECKS = {api: partial(validation.validate, api) for api in ("chat", "responses", "anthropic")}
REFUSALS = frozenset({400, 404, 405, 413, 422})  # statuses no retry can change
MAX_ERROR_CHARS = 2000  # of an exception's text in a 500 reply
PREFIXES = {  # (response id, tool call id) prefixes, as each provider writes them
    "chat": ("chatcmpl-", "call_"),
    "responses": ("resp_", "call_"),
    "anthropic": ("msg_", "toolu_"),
}


@dataclass
class Reply:
    """An HTTP reply: status, headers and body bytes."""

    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def json(self) -> Any:
        return json.loads(self.body)


def api_of(path: str) -> str:
    """Which provider's format an endpoint speaks ("chat", "responses" or "anthropic"),
    so that even an error about the HTTP itself comes in that provider's shape."""
    path = wire.endpoint(path)
    if api := ROUTES.get(path):
        return api
    return "anthropic" if path.endswith("/messages") else "chat"


def handle(
    model: Model,
    method: str,
    path: str,
    body: bytes,
    headers: Mapping[str, str] | None = None,
    state: ProviderState | None = None,
) -> Reply:
    """Answer one provider request as the real API would.

    ``headers`` are the request's (any case; the provider reads ``anthropic-version`` and
    ``anthropic-beta``, never a key), and ``state`` what this provider remembers between
    requests (a fresh, empty one when not given).

    Never raises (but for an injected ``timeout`` fault, which is the absence of a
    reply): whatever goes wrong becomes an HTTP reply in the provider's shape, so an SDK
    raises its own ``BadRequestError`` or ``InternalServerError`` naming the problem."""
    api = api_of(path)
    http = HTTPRequest(
        method.upper(), wire.endpoint(path), body, _readable(headers or {}), _paging(path)
    )
    try:
        return _answer(model, http, state or ProviderState(), api)
    except httpx2.TimeoutException:
        raise  # the injected timeout: no reply at all, as from a provider that hangs
    except Exception as e:  # a bug here or in a custom model must not look like a hang
        return error_reply(api, 500, "api_error", _failure(e), retry=False)


# Never kept past the door: nothing downstream (state, models, logs) may hold a key.
SECRET_HEADERS = frozenset({"authorization", "x-api-key", "api-key", "proxy-authorization"})


# The only query parameters kept (list pages): a query string may carry a key (?key=...).
PAGING = frozenset({"after", "limit", "order"})


def _readable(headers: Mapping[str, str]) -> dict[str, str]:
    return {k.lower(): v for k, v in headers.items() if k.lower() not in SECRET_HEADERS}


def _paging(path: str) -> dict[str, str]:
    return {k: v for k, v in parse_qsl(path.partition("?")[2]) if k in PAGING}


def _failure(error: Exception) -> str:
    text = str(error)
    if len(text) > MAX_ERROR_CHARS:  # a model may raise with a huge message
        text = text[:MAX_ERROR_CHARS] + f"... ({len(text) - MAX_ERROR_CHARS} more characters)"
    return f"The offline model failed: {type(error).__name__}: {text}"


def _answer(model: Model, http: HTTPRequest, state: ProviderState, api: str) -> Reply:
    method, path, body = http.method, http.path, http.body
    if (raw := getattr(model, "reply", None)) is not None:
        try:
            if (reply := raw(method, path, body)) is not None:
                return reply
        except ProviderFault as e:
            return _fault(api, e)
    if responses_store.is_stored_path(path):
        return _stored(http, state)
    if path == model_list.PATH and method == "GET":
        return _model_list(http)
    if path not in ROUTES:
        known = ", ".join(ROUTES)
        return error_reply(
            api,
            404,
            "not_found_error",
            f"No route for {method} {path}. This offline server answers POST {known}.",
        )
    if method.upper() != "POST":
        reply = error_reply(
            api, 405, "invalid_request_error", f"Invalid method for URL ({method} {path})"
        )
        reply.headers["allow"] = "POST"
        return reply
    try:
        payload = validation.read_json(body)
    except validation.BodyError as e:
        return error_reply(api, 400, "invalid_request_error", e.message)
    if type(payload) is not dict:
        return error_reply(
            api, 400, "invalid_request_error", "The request body must be a JSON object."
        )
    if api == "anthropic":  # a message thread's stored turns join the request first
        mcp_beta = mcp_anthropic.beta(http.header("anthropic-beta"))
        if "mcp_servers" in payload and mcp_beta is None:
            return error_reply(api, 400, "invalid_request_error", mcp_anthropic.NEEDS_BETA)
        return threads.answer(
            http,
            state,
            payload,
            partial(_checked, model, state, api, body, mcp_beta=mcp_beta),
            partial(error_reply, api),
        )
    return _checked(model, state, api, body, payload)


def _checked(
    model: Model,
    state: ProviderState,
    api: str,
    body: bytes,
    payload: dict[str, Any],
    mcp_beta: str | None = None,
) -> Reply:
    """Refuse the request body as the provider would, or answer it."""
    if refusal := _refusal(api, body, payload):
        return error_reply(
            api, 400, "invalid_request_error", refusal.message, refusal.param, code=refusal.code
        )
    if mcp_beta and payload.get("mcp_servers"):  # the provider calls the MCP servers
        return _respond_mcp_anthropic(model, payload, mcp_beta)
    if api == "anthropic" and tool_search_replies.offers(api, payload):  # deferred tools
        return tool_search_replies.answer(model, api, payload, REPLIES)
    if api == "responses":
        return _respond_stored(model, payload, state)
    return _respond(model, api, payload)


def _stored(http: HTTPRequest, state: ProviderState) -> Reply:
    """``GET``/``DELETE /v1/responses/{id}`` (and its ``input_items``)."""
    try:
        out = responses_store.lookup(state, http)
    except responses_store.Refused as e:
        return error_reply("responses", e.status, "invalid_request_error", e.message, e.param)
    return Reply(200, json.dumps(out).encode(), _headers("responses", "application/json"))


def _respond_stored(model: Model, payload: dict[str, Any], state: ProviderState) -> Reply:
    """A Responses request: answered with its stored history, and stored itself."""
    try:
        continuation = responses_store.continued(state, payload)
    except responses_store.Refused as e:
        return error_reply("responses", e.status, "invalid_request_error", e.message, e.param)
    if mcp_responses.offers_mcp(continuation.body):  # the provider calls the MCP server
        reply = _respond_mcp(model, continuation.body)
    elif tool_search_replies.offers("responses", continuation.body):  # deferred tools
        reply = tool_search_replies.answer(model, "responses", continuation.body, REPLIES)
    else:
        reply = _respond(model, "responses", continuation.body)
    if reply.status == 200:
        responses_store.remember(state, continuation, reply.body)
    return reply


def _respond_mcp(model: Model, body: dict[str, Any]) -> Reply:
    """A Responses request offering an ``mcp`` tool (see :mod:`.mcp_responses`)."""
    try:
        response = mcp_responses.answer(model, body, stamp)
    except mcp_responses.Refused as e:
        return error_reply("responses", e.status, e.kind, e.message, e.param, code=e.code)
    except ModelError as e:
        return error_reply("responses", 500, "api_error", str(e), retry=False)
    if body.get("stream"):
        stream = b"".join(wire.sse(mcp_stream.responses_events(response)))
        return Reply(200, stream, _headers("responses", "text/event-stream"))
    return Reply(200, json.dumps(response).encode(), _headers("responses", "application/json"))


def _respond_mcp_anthropic(model: Model, payload: dict[str, Any], beta: str) -> Reply:
    """A Messages request with ``mcp_servers`` (see :mod:`.mcp_anthropic`)."""
    try:
        message = mcp_anthropic.answer(model, payload, beta, stamp)
    except mcp_anthropic.Refused as e:
        return error_reply("anthropic", e.status, e.kind, e.message)
    except ModelError as e:
        return error_reply("anthropic", 500, "api_error", str(e), retry=False)
    if payload.get("stream"):
        stream = b"".join(wire.sse(mcp_stream.anthropic_events(message)))
        return Reply(200, stream, _headers("anthropic", "text/event-stream"))
    return Reply(200, json.dumps(message).encode(), _headers("anthropic", "application/json"))


def _model_list(http: HTTPRequest) -> Reply:
    """``GET /v1/models``, in Anthropic's shape when the client sends ``anthropic-version``."""
    api = "anthropic" if http.header("anthropic-version") else "chat"
    body = json.dumps(model_list.page(api == "anthropic")).encode()
    return Reply(200, body, _headers(api, "application/json"))


def _refusal(api: str, body: bytes, payload: dict[str, Any]) -> validation.Refusal | None:
    if refusal := validation.validate(api, payload):
        return refusal
    if validation.lone_surrogate(body, payload):
        return validation.Refusal(
            "The request body holds a lone UTF-16 surrogate (an unpaired \\ud800-\\udfff "
            "escape) in a string, which is not valid Unicode. Send valid UTF-8 text."
        )
    return None


def _respond(model: Model, api: str, payload: dict[str, Any]) -> Reply:
    """Ask the model for a turn and write it in the provider's format."""
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
        return _fault(api, e)
    except ModelError as e:
        return error_reply(api, 500, "api_error", str(e), retry=False)
    turn = stamp(turn, api, request, payload)
    if request.stream:
        include_usage = bool((payload.get("stream_options") or {}).get("include_usage"))
        stream = b"".join(wire.sse(_events(api, turn, request, include_usage, payload)))
        if truncated:
            stream = truncate_sse(stream)
        return Reply(200, stream, _headers(api, "text/event-stream"))
    body_out = _turn_body(api, turn, request, payload)
    return Reply(
        200, json.dumps(body_out, ensure_ascii=False).encode(), _headers(api, "application/json")
    )


def stamp(turn: ModelTurn, api: str, request: Request, payload: dict[str, Any]) -> ModelTurn:
    """Give a turn the model name and provider-style ids of its own (ids a model set are
    kept): derived from the request and from how often this process has answered it, so
    each answer's ids are new yet a replayed sequence gets the same ones (see :mod:`.ids`)."""
    seed = IDS.ticket_of(verdicts.request_digest(api, payload)).seed
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


def _headers(
    api: str, content_type: str, retry: bool = True, request_id: str | None = None
) -> dict[str, str]:
    headers = {"content-type": content_type}
    # Anthropic's SDK reads `request-id`, OpenAI's `x-request-id`: each reply has its own.
    request_id = request_id or IDS.request_id(api)
    headers["request-id" if api == "anthropic" else "x-request-id"] = request_id
    if not retry:
        headers["x-should-retry"] = "false"  # both SDKs honour it: no pointless retries
    return headers


def _fault(api: str, fault: ProviderFault) -> Reply:
    """What the provider sends for a fault: its error body, or no reply at all (timeout)."""
    if fault.kind == "timeout":
        raise httpx2.ReadTimeout(fault.message) from None
    reply = error_reply(api, fault.status_for(api), fault.kind, fault.message)
    reply.headers.update(fault.headers)
    return reply


def error_reply(
    api: str,
    status: int,
    kind: str,
    message: str,
    param: str | None = None,
    retry: bool = True,
    code: str | None = None,
) -> Reply:
    """An error reply in the provider's own shape (``api`` as :func:`api_of` names it),
    with a request id of its own (in the body too, for Anthropic)."""
    request_id = IDS.request_id(api)
    if api == "anthropic":
        body = {
            "type": "error",
            "error": {"type": kind, "message": message},
            "request_id": request_id,
        }
    else:
        openai_kind = {"api_error": "server_error", "not_found_error": "invalid_request_error"}.get(
            kind, kind
        )
        body = {"error": {"message": message, "type": openai_kind, "param": param, "code": code}}
    # A request the provider refuses fails the same way every time: no point retrying.
    retry = retry and status not in REFUSALS
    headers = _headers(api, "application/json", retry, request_id)
    return Reply(status, json.dumps(body).encode(), headers)


def make_handler(model: Model) -> Callable[[httpx2.Request], httpx2.Response]:
    """An ``httpx2.MockTransport`` handler that answers with ``model``."""

    state = ProviderState()  # one per transport: what this client's provider remembers

    def handler(request: httpx2.Request) -> httpx2.Response:
        path = request.url.raw_path.decode("ascii")  # with its query: list pages read it
        reply = handle(model, request.method, path, request.content, request.headers, state)
        return httpx2.Response(reply.status, headers=reply.headers, content=reply.body)

    return handler


REPLIES = tool_search_replies.Replies(Reply, _headers, error_reply, stamp)  # for tool search
