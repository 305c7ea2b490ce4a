"""Counting a request's input tokens without answering it: Anthropic's
``POST /v1/messages/count_tokens`` and OpenAI's ``POST /v1/responses/input_tokens``.

The count is the one the same request's ``usage.input_tokens`` reports offline (messages,
system prompt and tools with their schemas, about four characters a token; see
:func:`fcplayground.models.plain.request_chars`), so a learner can see what tools cost
before sending them. The body is checked as the endpoint it counts for checks it: a body
that endpoint would refuse is refused here, in the same words.
"""

from __future__ import annotations

import json
import typing
from dataclasses import dataclass
from typing import Any

from anthropic.types import message_count_tokens_params

from .. import wire
from ..models.plain import request_chars, tokens
from . import responses_store, validation
from .replies import Refused, Reply, headers
from .state import ProviderState

MESSAGES_PATH = "/v1/messages/count_tokens"
RESPONSES_PATH = "/v1/responses/input_tokens"
APIS = {MESSAGES_PATH: "anthropic", RESPONSES_PATH: "responses"}  # path -> its error shape
# The fields count_tokens takes, as the SDK's types list them: max_tokens and stream are not.
COUNT_FIELDS = frozenset(
    typing.get_type_hints(message_count_tokens_params.MessageCountTokensParams)
) | {"mcp_servers"}


@dataclass(frozen=True)
class Counted:
    """A count read from a body: the API whose shape it is answered in, and the count."""

    api: str
    input_tokens: int


def answer(path: str, payload: dict[str, Any], state: ProviderState) -> Reply:
    """The count ``payload`` asks ``path`` for, or the refusal its endpoint would give."""
    try:
        counted = _messages(payload) if path == MESSAGES_PATH else _responses(payload, state)
    except Refused as e:
        return e.reply(APIS[path])
    body: dict[str, Any] = {"input_tokens": counted.input_tokens}
    if counted.api == "responses":
        body["object"] = "response.input_tokens"
    return Reply(200, json.dumps(body).encode(), headers(counted.api, "application/json"))


def _messages(payload: dict[str, Any]) -> Counted:
    if extra := sorted(set(payload) - COUNT_FIELDS - {"model", "messages"}):
        raise Refused(f"{extra[0]}: Extra inputs are not permitted")
    # Checked as a message it would count: max_tokens is what count_tokens does not take.
    if refusal := validation.validate("anthropic", payload | {"max_tokens": 1}):
        raise Refused(refusal.message, refusal.param, code=refusal.code)
    request = wire.anthropic.request_from_wire(payload)
    return Counted("anthropic", tokens(request_chars(request)))


def _responses(payload: dict[str, Any], state: ProviderState) -> Counted:
    body = {"model": ""} | payload  # the count's model is optional
    if refusal := validation.validate("responses", body):
        raise Refused(refusal.message, refusal.param, code=refusal.code)
    continuation = responses_store.continued(state, body)  # a stored history counts too
    request = wire.openai_responses.request_from_wire(continuation.body)
    return Counted("responses", tokens(request_chars(request)))


__all__ = ["APIS", "answer"]
