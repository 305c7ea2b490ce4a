"""Broken and hostile cassettes: every error names the file, the exchange and what to do.

A cassette comes from disk (a teammate's upload, a hand edit, a half-written file), so
each malformed shape must give a :class:`CassetteError` that a learner can act on, and
nothing a file holds may make replay hang.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest

from fcplayground import ReplayModel
from fcplayground.offline.faults import ProviderFault
from fcplayground.recording import Cassette, Exchange
from fcplayground.recording.checks import CassetteError

CHAT = "/v1/chat/completions"
REQUEST = {"method": "POST", "path": CHAT, "body": {"model": "m", "messages": []}}
RESPONSE = {"status": 200, "content_type": "application/json", "body_lines": ['{"id": "x"}']}
RE_RECORD = "fcplayground.record(path)"


def cassette(*exchanges: Any, **header: Any) -> dict[str, Any]:
    return {"format": "fcplayground-cassette", "version": 1, **header, "exchanges": list(exchanges)}


def load_error(tmp_path: Path, text: str, name: str = "session.json") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CassetteError) as caught:
        Cassette.load(path)
    message = str(caught.value)
    assert name in message and RE_RECORD in message
    return message


def exchange_error(tmp_path: Path, bad: Any) -> str:
    """The error for a cassette whose second exchange is ``bad``."""
    good = {"request": REQUEST, "response": RESPONSE}
    message = load_error(tmp_path, json.dumps(cassette(good, bad)))
    assert "exchange 2 of 2 (exchanges[1])" in message
    return message


@pytest.mark.fault(
    "replay", "an empty cassette file", "an error naming the file and saying to re-record"
)
def test_an_empty_cassette_says_the_file_is_empty(tmp_path):
    assert "the file is empty" in load_error(tmp_path, "  \n")
    assert "the file is empty" in load_error(tmp_path, "", name="session.yaml")


@pytest.mark.fault(
    "replay",
    "a cassette that is not JSON or YAML",
    "an error naming the file, the parse problem and saying to re-record",
)
def test_a_cassette_cut_short_says_it_is_not_valid_json(tmp_path):
    assert "is not valid JSON" in load_error(tmp_path, '{"format": "fcplayground-cas')
    assert "is not valid YAML" in load_error(tmp_path, "interactions: [", name="s.yaml")


@pytest.mark.fault(
    "replay",
    'a cassette whose "exchanges" is missing or not a list',
    "an error naming the file and the field, and saying to re-record",
)
def test_exchanges_missing_or_not_a_list_is_named(tmp_path):
    header = {k: v for k, v in cassette().items() if k != "exchanges"}
    assert 'the file has no "exchanges"' in load_error(tmp_path, json.dumps(header))
    wrong = json.dumps({**header, "exchanges": {"0": {}}})
    assert 'the file\'s "exchanges" is an object, not a list' in load_error(tmp_path, wrong)
    assert 'the file has no "interactions"' in load_error(tmp_path, "foo: 1", name="s.yaml")


@pytest.mark.fault(
    "replay",
    "a recorded exchange with a missing key",
    "an error naming the file, the exchange number and the missing key",
)
def test_a_missing_key_names_the_exchange_and_the_key(tmp_path):
    assert 'the exchange has no "response"' in exchange_error(tmp_path, {"request": REQUEST})
    no_status = {k: v for k, v in RESPONSE.items() if k != "status"}
    message = exchange_error(tmp_path, {"request": REQUEST, "response": no_status})
    assert 'the response has no "status"' in message
    no_path = {k: v for k, v in REQUEST.items() if k != "path"}
    assert 'the request has no "path"' in exchange_error(
        tmp_path, {"request": no_path, "response": RESPONSE}
    )


@pytest.mark.fault(
    "replay",
    "a recorded exchange with a field of the wrong type",
    "an error naming the file, the exchange number, the field and the type it must have",
)
def test_a_wrongly_typed_field_names_the_field_and_the_type_it_needs(tmp_path):
    assert "the exchange is text, not an object" in exchange_error(tmp_path, "oops")
    as_text = {**RESPONSE, "status": "200"}
    message = exchange_error(tmp_path, {"request": REQUEST, "response": as_text})
    assert 'the response\'s "status" is text, not a whole number' in message
    lines = {**RESPONSE, "body_lines": 5}
    message = exchange_error(tmp_path, {"request": REQUEST, "response": lines})
    assert 'the response\'s "body_lines" is a whole number, not a list' in message
    base64 = {"status": 200, "body_base64": "not base64!"}
    message = exchange_error(tmp_path, {"request": REQUEST, "response": base64})
    assert '"body_base64" is not base64' in message


@pytest.mark.fault(
    "replay",
    "a recorded JSON reply whose body is not JSON",
    "an error naming the file and the exchange when the cassette is loaded, not a crash at replay",
)
def test_a_json_reply_that_is_not_json_is_refused_on_load(tmp_path):
    broken = {**RESPONSE, "body_lines": ['{"id": "chatcmpl-1", "choi']}
    message = exchange_error(tmp_path, {"request": REQUEST, "response": broken})
    assert "says application/json but its body is not JSON" in message


@pytest.mark.fault(
    "replay",
    "a cassette nested 100,000 levels deep",
    "an error saying it nests too deeply, not a RecursionError",
)
def test_a_deeply_nested_cassette_says_it_nests_too_deep(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    text = json.dumps(cassette(REQUEST)).replace('"messages": []', f'"messages": {deep}')
    assert "nests more than 200 levels deep" in load_error(tmp_path, text)
    yaml_deep = "interactions: " + "[" * 5_000 + "]" * 5_000
    assert "nests more than" in load_error(tmp_path, yaml_deep, name="s.yaml")


@pytest.mark.fault(
    "replay",
    "a cassette of a version this fcplayground does not read",
    "an error naming the version and saying to upgrade or re-record",
)
def test_a_wrong_version_names_the_versions_read(tmp_path):
    newer = load_error(tmp_path, json.dumps(cassette(version=9)))
    assert "version 9 cassette" in newer and "Upgrade fcplayground" in newer
    as_text = load_error(tmp_path, json.dumps(cassette(version="2")))
    assert 'the file\'s "version" is text, not a whole number' in as_text


@pytest.mark.fault(
    "replay",
    "a vcrpy interaction missing its request, uri or status",
    "an error naming the file, the interaction number and the missing key",
)
def test_a_broken_vcr_interaction_names_the_interaction(tmp_path):
    text = "interactions:\n- response: {status: {code: 200}}\n"
    message = load_error(tmp_path, text, name="s.yaml")
    assert "exchange 1 of 1 (interactions[0])" in message
    assert 'the interaction has no "request"' in message
    no_uri = "interactions:\n- request: {method: POST}\n  response: {status: {code: 200}}\n"
    assert 'the request has no "uri"' in load_error(tmp_path, no_uri, name="s.yaml")


def alias_bomb(levels: int = 10, width: int = 10) -> str:
    """A vcrpy cassette of a few hundred bytes whose request body expands to width**levels."""
    lines = [f"l0: &l0 [{', '.join(['lol'] * width)}]"]
    for level in range(1, levels):
        lines.append(f"l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * width)}]")
    lines += [
        "interactions:",
        "- request:",
        "    method: POST",
        "    uri: https://api.openai.com/v1/chat/completions",
        f"    parsed_body: {{model: m, messages: *l{levels - 1}}}",
        "  response:",
        "    status: {code: 200}",
        "    headers: {content-type: [application/json]}",
        '    body: {string: \'{"id": "x"}\'}',
    ]
    return "\n".join(lines) + "\n"


def finishes(work: Any) -> Any:
    """Run ``work`` in a thread; assert it ends within a generous hang guard."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except Exception as error:
            outcome["error"] = error

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout=10)
    assert not thread.is_alive(), "still running after 10 s"
    return outcome


@pytest.mark.fault(
    "replay",
    "a YAML alias bomb in a cassette (845 bytes that expand to 10^10 values)",
    "refused on load: an error saying the file expands far beyond its size",
)
def test_a_yaml_alias_bomb_is_refused_on_load(tmp_path):
    text = alias_bomb()
    assert len(text) < 1_000
    path = tmp_path / "bomb.yaml"
    path.write_text(text)
    outcome = finishes(lambda: Cassette.load(path))
    loaded = "value" in outcome  # not shown on failure: its repr would expand the bomb
    assert not loaded, "the alias bomb was loaded"
    assert isinstance(outcome.get("error"), CassetteError)
    message = str(outcome["error"])
    assert "bomb.yaml" in message and "alias bomb" in message and RE_RECORD in message


def shared_bomb(levels: int = 10, width: int = 10) -> list[Any]:
    """The same bomb built in code: each level is ``width`` references to the one below."""
    value: list[Any] = ["lol"] * width
    for _ in range(levels - 1):
        value = [value] * width
    return value


@pytest.mark.fault(
    "replay",
    "an unmatched request beside a recording that expands to 10^10 values",
    "a 404 naming the closest recording, found with bounded work",
)
def test_the_closest_recording_search_is_bounded_in_work():
    bomb = {"model": "m", "messages": shared_bomb()}
    recorded = Exchange("POST", CHAT, bomb, 200, "application/json", b"{}")
    model = ReplayModel(Cassette([recorded], "bomb.json"))
    sent = json.dumps({"model": "m", "messages": [{"role": "user", "content": "hi"}]})
    outcome = finishes(lambda: model.reply("POST", CHAT, sent.encode()))
    fault = outcome.get("error")
    assert isinstance(fault, ProviderFault) and fault.status == 404
    assert "The closest is exchange 1 of 1" in fault.message and "messages" in fault.message


@pytest.mark.fault(
    "replay",
    "a request body nested deeper than the JSON parser allows",
    "a 404 saying what differs, not a RecursionError",
)
def test_a_request_nested_too_deep_gets_a_404_not_a_recursion_error():
    recorded = Exchange("POST", CHAT, REQUEST["body"], 200, "application/json", b"{}")
    model = ReplayModel(Cassette([recorded], "s.json"))
    deep = '{"model": "m", "messages": ' + "[" * 50_000 + "]" * 50_000 + "}"
    with pytest.raises(ProviderFault) as caught:
        model.reply("POST", CHAT, deep.encode())
    assert caught.value.status == 404 and "the body differs" in caught.value.message
