"""A request body sent again is neither parsed nor checked again, yet every request gets a
parsed body of its own, the same answer it got before, and the same refusal."""

from __future__ import annotations

import gc
import json

import pytest

from fcplayground import offline
from fcplayground.models import SimulatedModel
from fcplayground.offline import bodies, validation
from fcplayground.offline.bodies import Body, Facts, Finding, KeptBodies

TOOLS = [
    {
        "name": "get_weather_kept",
        "description": "Returns the current weather for a city.",
        "input_schema": {
            "type": "object",
            "properties": {"city": {"type": "string", "maxLength": 80}},
            "required": ["city"],
        },
    }
]


def body(question: str, **extra: object) -> bytes:
    ask = [{"role": "user", "content": question}]
    return json.dumps(
        {"model": "m", "max_tokens": 64, "messages": ask, "tools": TOOLS, **extra}
    ).encode()


def test_every_reading_of_a_body_gives_a_value_of_its_own():
    raw = body("Weather in Tallinn, read three times?")
    readings = [bodies.read("anthropic", raw) for _ in range(3)]
    assert all(r.payload == json.loads(raw) for r in readings)
    readings[1].payload["tools"][0]["input_schema"]["properties"].clear()
    readings[1].payload["messages"].append("changed")
    assert bodies.read("anthropic", raw).payload == json.loads(raw)
    assert readings[2].payload == json.loads(raw)
    assert readings[0].payload is not readings[2].payload
    assert gc.isenabled()  # the collector paused for the copy is on again


def test_a_body_sent_again_is_checked_once_and_answered_the_same(monkeypatch):
    checked = []
    validate = validation.validate
    monkeypatch.setattr(validation, "validate", lambda *a: checked.append(a) or validate(*a))
    model = SimulatedModel()
    raw = body("Weather in Vilnius, please?")
    replies = [offline.handle(model, "POST", "/v1/messages", raw).json for _ in range(4)]
    assert len(checked) == 1
    assert [r["content"][-1]["input"] for r in replies] == [{"city": "Vilnius"}] * 4
    assert len({r["id"] for r in replies}) == 4  # ids of their own, as before


def test_a_refused_body_sent_again_is_refused_the_same_way():
    raw = body("Weather in Riga?", temperature="warm")
    replies = [offline.handle(SimulatedModel(), "POST", "/v1/messages", raw) for _ in range(3)]
    assert [r.status for r in replies] == [400] * 3
    assert {r.json["error"]["message"] for r in replies} == {
        "temperature: Input should be a valid number or a valid integer"
    }
    assert len({r.json["request_id"] for r in replies}) == 3


def test_the_same_bytes_sent_to_another_api_are_checked_by_that_api():
    raw = json.dumps({"model": "m", "messages": [{"role": "user", "content": "Hi there"}]}).encode()
    for _ in range(2):
        assert offline.handle(SimulatedModel(), "POST", "/v1/chat/completions", raw).status == 200
        anthropic = offline.handle(SimulatedModel(), "POST", "/v1/messages", raw)
        assert anthropic.status == 400
        assert anthropic.json["error"]["message"] == "max_tokens: Field required"


def test_what_is_known_of_a_body_is_not_used_for_another_value():
    read = bodies.read("anthropic", body("Weather in Minsk?"))
    read.facts(read.payload).find(Finding.DIGEST, lambda: b"digest")
    joined = {**read.payload, "messages": []}  # a thread's whole conversation, say
    assert read.facts(read.payload).find(Finding.DIGEST, lambda: b"other") == b"digest"
    assert read.facts(joined).find(Finding.DIGEST, lambda: b"other") == b"other"


def test_a_body_that_cannot_be_read_is_refused_every_time():
    for _ in range(2):
        with pytest.raises(validation.BodyError, match="not valid JSON"):
            bodies.read("anthropic", b'{"model": ')


def test_the_kept_bodies_are_bounded_in_number_and_in_bytes():
    kept = KeptBodies(limit=3, budget=100)
    for n in range(5):
        kept.put(("anthropic", bytes([n]) * 10), Facts())
    assert len(kept) == 3 and kept.bytes == 30
    assert kept.get(("anthropic", bytes([0]) * 10)) is None
    kept.put(("anthropic", b"x" * 40), Facts(copy=b"y" * 40))  # 80 bytes with its copy
    assert len(kept) == 3 and kept.bytes == 100  # the oldest went
    kept.put(("anthropic", b"z" * 200), Facts())  # more than the whole budget
    assert len(kept) == 0 and kept.bytes == 0


def test_a_very_long_body_is_read_afresh_every_time(monkeypatch):
    monkeypatch.setattr(bodies, "MAX_KEPT_BODY", 100)
    raw = body("Weather in Kyiv? " + "very " * 40)
    kept = len(bodies.KEPT)
    readings: list[Body] = [bodies.read("anthropic", raw) for _ in range(3)]
    assert len(bodies.KEPT) == kept
    assert all(r.payload == json.loads(raw) and r.known.copy is None for r in readings)
