"""Hostile request bodies at the offline handler: wrong methods, JSON nested too deep,
numbers JSON forbids or Python cannot read, and strings that are not Unicode."""

from __future__ import annotations

import pytest

from fcplayground import PlainTextModel, ScriptedModel, offline


@pytest.mark.fault(
    "offline requests",
    "GET (or any method but POST) on a provider route",
    "HTTP 405 in the provider's shape with `Allow: POST`; an unknown path stays 404",
)
def test_a_wrong_method_on_a_known_route_is_405_with_allow_post():
    reply = offline.handle(ScriptedModel([]), "GET", "/v1/chat/completions", b"")
    assert (reply.status, reply.headers["allow"]) == (405, "POST")
    assert reply.json["error"]["message"] == "Invalid method for URL (GET /v1/chat/completions)"
    anthropic_reply = offline.handle(ScriptedModel([]), "DELETE", "/v1/messages", b"")
    assert anthropic_reply.status == 405 and anthropic_reply.json["type"] == "error"
    assert offline.handle(ScriptedModel([]), "GET", "/v1/nothing", b"").status == 404


def anthropic_error(body: bytes) -> str:
    """The message of the 400 that ``body`` gets from /v1/messages."""
    reply = offline.handle(PlainTextModel(), "POST", "/v1/messages", body)
    assert reply.status == 400 and reply.headers["x-should-retry"] == "false"
    return reply.json["error"]["message"]


@pytest.mark.fault(
    "offline requests",
    "a body nested 10,000 levels deep, or deeper than 100",
    'HTTP 400 "nested too deeply: ... at most 100 levels. Send flatter JSON."',
)
def test_a_deeply_nested_body_is_a_400_saying_to_send_flatter_json():
    assert "nested too deeply" in anthropic_error(b"[" * 10_000 + b"]" * 10_000)
    assert "at most 100 levels" in anthropic_error(b'{"a": ' + b"[" * 101 + b"]" * 101 + b"}")


@pytest.mark.fault(
    "offline requests",
    "a 5,000-digit number, NaN or Infinity in a body",
    "HTTP 400 saying which and what to send instead (a string, a finite number)",
)
def test_numbers_json_forbids_or_python_cannot_read_are_a_400():
    assert "has 5000 digits" in anthropic_error(b'{"max_tokens": ' + b"1" * 5000 + b"}")
    assert "NaN is not a JSON value" in anthropic_error(b'{"max_tokens": NaN}')
    assert "-Infinity is not a JSON value" in anthropic_error(b'{"temperature": -Infinity}')
    assert "too large for a 64-bit float" in anthropic_error(b'{"temperature": 1e999}')


@pytest.mark.fault(
    "offline requests",
    'a lone UTF-16 surrogate (`"\\ud800"`) in a request string',
    "HTTP 400 saying the text is not valid Unicode; never a 500 writing the reply",
)
def test_a_lone_surrogate_anywhere_in_a_body_is_a_400():
    user = b'{"model": "m", "max_tokens": 9, "messages": [{"role": "user", "content": "\\ud800"}]}'
    assert anthropic_error(user) == (
        "messages.0.content: Input should be valid Unicode: the string holds a lone UTF-16 "
        "surrogate. Send valid UTF-8 text."
    )
    schema = b'{"type": "object", "description": "\\udfff"}'
    tool = b'{"model": "m", "max_tokens": 9, "messages": [{"role": "user", "content": "hi"}], '
    tool += b'"tools": [{"name": "f", "input_schema": ' + schema + b"}]}"
    assert "lone UTF-16 surrogate" in anthropic_error(tool)
    pair = b'{"model": "m", "max_tokens": 9, "messages": [{"role": "user", "content": "\\ud83d\\ude00"}]}'
    assert offline.handle(PlainTextModel(), "POST", "/v1/messages", pair).status == 200
