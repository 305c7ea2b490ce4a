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
from functools import partial
from typing import Any
from urllib.parse import parse_qsl, unquote

import httpx2

from .. import wire
from ..models import Model
from . import (
    bodies,
    mcp_anthropic,
    model_list,
    responses_store,
    threads,
    token_counts,
    tool_search_anthropic,
    validation,
)
from .answering import (
    PREFIXES,
    respond,
    respond_mcp_anthropic,
    respond_stored,
    respond_tool_search_anthropic,
    stamp,
)
from .bodies import Finding
from .faults import ProviderFault
from .replies import REFUSALS, Refused, Reply, error_reply, fault_reply, headers
from .state import HTTPRequest, ProviderState
from .validation import verdicts

__all__ = [
    "CHECKS", "PREFIXES", "REFUSALS", "ROUTES", "Reply", "api_of", "error_reply", "handle",
    "make_handler", "stamp",
]  # fmt: skip

ROUTES = dict(wire.ENDPOINTS)  # path -> api ("chat", "responses" or "anthropic")
# api -> the check of a parsed body (a Refusal or None); benchmarks/hosted_agreement.py uses it.
CHECKS = {api: partial(validation.validate, api) for api in ("chat", "responses", "anthropic")}
MAX_ERROR_CHARS = 2000  # of an exception's text in a 500 reply


def api_of(path: str) -> str:
    """Which provider's format an endpoint speaks ("chat", "responses" or "anthropic"),
    so that even an error about the HTTP itself comes in that provider's shape."""
    path = wire.endpoint(path)
    if api := ROUTES.get(path) or token_counts.APIS.get(path):
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
            return fault_reply(api, e)
    if path in token_counts.APIS and method == "POST":
        return _counted(http, state)
    if responses_store.is_stored_path(path):
        return _stored(http, state)
    if path.startswith(model_list.PATH) and method == "GET":
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
        read = bodies.read(api, body)
    except validation.BodyError as e:
        return error_reply(api, 400, "invalid_request_error", e.message)
    payload = read.payload
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
            partial(_checked, model, state, api, read, mcp_beta=mcp_beta),
            partial(error_reply, api),
        )
    return _checked(model, state, api, read, payload)


def _checked(
    model: Model,
    state: ProviderState,
    api: str,
    read: bodies.Body,
    payload: dict[str, Any],
    mcp_beta: str | None = None,
) -> Reply:
    """Refuse the request body as the provider would, or answer it."""
    facts = read.facts(payload)
    tools = facts.find(Finding.TOOLS_KEY, lambda: verdicts.tools_key(payload.get("tools")))
    if refusal := facts.find(Finding.REFUSAL, lambda: _refusal(api, read.raw, payload, tools)):
        return error_reply(
            api, 400, "invalid_request_error", refusal.message, refusal.param, code=refusal.code
        )
    if mcp_beta and payload.get("mcp_servers"):  # the provider calls the MCP servers
        return respond_mcp_anthropic(model, payload, mcp_beta)
    if api == "anthropic" and tool_search_anthropic.offers(payload):  # deferred tools
        return respond_tool_search_anthropic(model, payload)
    if api == "responses":
        return respond_stored(model, read, payload, state)
    return respond(model, api, payload, facts)


def _counted(http: HTTPRequest, state: ProviderState) -> Reply:
    """``POST /v1/messages/count_tokens`` and ``/v1/responses/input_tokens``."""
    api = token_counts.APIS[http.path]
    try:
        payload = bodies.read(api, http.body).payload
    except validation.BodyError as e:
        return error_reply(api, 400, "invalid_request_error", e.message)
    if type(payload) is not dict:
        return error_reply(
            api, 400, "invalid_request_error", "The request body must be a JSON object."
        )
    return token_counts.answer(http.path, payload, state)


def _stored(http: HTTPRequest, state: ProviderState) -> Reply:
    """``GET``/``DELETE /v1/responses/{id}`` (and its ``input_items``)."""
    try:
        out = responses_store.lookup(state, http)
    except Refused as e:
        return e.reply("responses")
    return Reply(200, json.dumps(out).encode(), headers("responses", "application/json"))


def _model_list(http: HTTPRequest) -> Reply:
    """``GET /v1/models`` (or ``/v1/models/{id}``), in Anthropic's shape when the client
    sends ``anthropic-version``."""
    api = "anthropic" if http.header("anthropic-version") else "chat"
    wanted = http.path.removeprefix(model_list.PATH)
    if wanted and not wanted.startswith("/"):  # /v1/modelsfoo: no such route
        return error_reply(api, 404, "not_found_error", f"No route for GET {http.path}.")
    model_id = unquote(wanted.removeprefix("/"))
    found = model_list.model(api == "anthropic", model_id) if model_id else None
    body = json.dumps(found or model_list.page(api == "anthropic")).encode()
    return Reply(200, body, headers(api, "application/json"))


def _refusal(
    api: str, body: bytes, payload: dict[str, Any], tools: bytes | None
) -> validation.Refusal | None:
    if refusal := validation.validate(api, payload, tools):
        return refusal
    if validation.lone_surrogate(body, payload):
        return validation.Refusal(
            "The request body holds a lone UTF-16 surrogate (an unpaired \\ud800-\\udfff "
            "escape) in a string, which is not valid Unicode. Send valid UTF-8 text."
        )
    return None


def make_handler(model: Model) -> Callable[[httpx2.Request], httpx2.Response]:
    """An ``httpx2.MockTransport`` handler that answers with ``model``."""

    state = ProviderState()  # one per transport: what this client's provider remembers

    def handler(request: httpx2.Request) -> httpx2.Response:
        path = request.url.raw_path.decode("ascii")  # with its query: list pages read it
        reply = handle(model, request.method, path, request.content, request.headers, state)
        return httpx2.Response(reply.status, headers=reply.headers, content=reply.body)

    return handler
