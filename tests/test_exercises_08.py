"""Lesson 08's exercise: record the support desk run once, replay it with no model."""

from __future__ import annotations

import json

from fcplayground import ModelClient, record
from fcplayground.agent import run
from fcplayground.exercises.lesson08 import REQUEST, check_cassette
from fcplayground.scenarios import SupportDesk


def record_run(path, providers=("openai", "anthropic"), request=REQUEST):
    with record(path):
        for provider in providers:
            run(ModelClient.offline(provider=provider), SupportDesk().tools, request)


def test_recording_both_providers_passes_every_check(tmp_path):
    path = tmp_path / "session.json"
    record_run(path)
    feedback = check_cassette(path)
    assert feedback.ok, str(feedback)
    assert sum("Replayed through" in p for p in feedback.passed) == 2


def test_no_cassette_yet_says_to_wrap_the_runs_in_record(tmp_path):
    (problem,) = check_cassette(tmp_path / "missing.json").problems
    assert "'missing.json'" in problem and "with record(PATH)" in problem


def test_a_missing_provider_is_named(tmp_path):
    path = tmp_path / "session.json"
    record_run(path, providers=("openai",))
    (problem,) = check_cassette(path).problems
    assert "No anthropic exchange" in problem


def test_a_recording_of_another_request_does_not_replay_the_run(tmp_path):
    path = tmp_path / "session.json"
    record_run(path, request="Look up jane@example.com")
    problems = check_cassette(path).problems
    assert len(problems) == 2 and all("did not repeat the run" in p for p in problems)


def test_a_key_in_the_cassette_is_reported(tmp_path):
    path = tmp_path / "session.json"
    record_run(path)
    data = json.loads(path.read_text())
    data["exchanges"][0]["request"]["body"]["metadata"] = {"note": "sk-live0123456789abcdef"}
    path.write_text(json.dumps(data))
    assert any("looks like an API key" in p for p in check_cassette(path).problems)
