"""Faults the in-process clients must show clearly: a script run out or a model that raises
is a 500 that is not retried, an unknown path a 404, a body that is not JSON or is
malformed a 400 the SDK raises at once."""

from __future__ import annotations

import anthropic
import openai
import pytest
from offline_weather import ASK

from fcplayground import ScriptedModel, offline
from fcplayground.chat import ModelTurn, Request


def test_exhausted_script_is_a_server_error_that_is_not_retried():
    model = ScriptedModel(["only one"])
    client = offline.openai_client(model)  # retries on: the x-should-retry header stops them
    client.chat.completions.create(model="m", messages=ASK)
    with pytest.raises(openai.InternalServerError, match="no turn left"):
        client.chat.completions.create(model="m", messages=ASK)
    assert len(model.requests) == 2


def test_unknown_path_is_not_found():
    reply = offline.handle(ScriptedModel([]), "POST", "/v1/completions", b"{}")
    assert reply.status == 404
    assert "/v1/chat/completions" in reply.json["error"]["message"]


def test_body_that_is_not_json_is_a_bad_request():
    reply = offline.handle(ScriptedModel([]), "POST", "/v1/messages", b"{not json")
    assert reply.status == 400
    assert reply.json["type"] == "error"
    assert "not valid JSON" in reply.json["error"]["message"]


@pytest.mark.fault(
    "offline requests",
    "a malformed body sent through an in-process SDK client (`client.post`, `extra_body`)",
    "the SDK raises its own `BadRequestError` naming the field, at once (no retries, "
    'no `AttributeError`, no "Connection error.")',
)
def test_in_process_clients_raise_bad_request_for_a_malformed_body():
    chat = offline.openai_client()  # retries on: x-should-retry: false stops them
    with pytest.raises(openai.BadRequestError) as caught:
        chat.post(
            "/chat/completions",
            body={"model": "m", "messages": "hi"},
            cast_to=openai.types.chat.ChatCompletion,
        )
    assert caught.value.body["param"] == "messages"
    assert "expected an array, but got a string" in caught.value.message
    claude = offline.anthropic_client()
    with pytest.raises(anthropic.BadRequestError, match=r"messages\.0\.role: Field required"):
        claude.messages.create(
            model="m", max_tokens=10, messages=ASK, extra_body={"messages": [{"content": "x"}]}
        )


class Exploding:
    """A custom model with a bug: it raises from ``respond``."""

    def respond(self, request: Request) -> ModelTurn:
        raise RuntimeError("y" * 100_000)


@pytest.mark.fault(
    "offline requests",
    "a custom model that raises from `respond` (any exception, huge message)",
    "HTTP 500 naming the exception, cut to 2,000 characters, with `x-should-retry: false`; "
    "the SDK raises `InternalServerError` at once",
)
def test_a_model_that_raises_is_a_500_that_names_it_and_is_not_retried():
    with pytest.raises(openai.InternalServerError, match="RuntimeError: yyy") as caught:
        offline.openai_client(Exploding()).chat.completions.create(model="m", messages=ASK)
    assert len(caught.value.message) < 2_200
    with pytest.raises(anthropic.InternalServerError, match="RuntimeError"):
        offline.anthropic_client(Exploding()).messages.create(
            model="m", max_tokens=10, messages=ASK
        )
