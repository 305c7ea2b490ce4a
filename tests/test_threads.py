"""One client, one model, one recorder shared by many threads: every answer is right.

``evaluate(concurrency=...)`` and any learner's thread pool share one ``ModelClient``;
these tests hammer one from 16 threads at once (16 x 10 requests) and check each answer
belongs to its own question, and each send's ``attempts`` to its own send.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any

import pytest

import fcplayground
from fcplayground import ModelClient, ReplayModel, ScriptedModel, SimulatedModel, ToolRegistry
from fcplayground.chat import Message, ModelTurn, Request
from fcplayground.models import FaultyModel
from fcplayground.recording import Cassette

THREADS, EACH = 16, 10  # 160 requests through the real SDK, all 16 threads at once
CITIES = ["Paris", "Rome", "Oslo", "Lima", "Cairo", "Tokyo", "Madrid", "Berlin"]

tools = ToolRegistry()


@tools.tool
def get_weather(city: str) -> dict:
    """Returns the current weather for a city.

    Args:
        city: The city name, e.g. Paris.
    """
    return {"city": city, "sky": "sunny"}


def hammer(work: Callable[[int, int], None], threads: int = THREADS, each: int = EACH) -> None:
    """Run ``work(thread, i)`` ``each`` times in each of ``threads`` threads started
    together; re-raise the first failure, and fail if any thread is still running."""
    start = threading.Barrier(threads, timeout=10)
    failures: list[BaseException] = []

    def worker(thread: int) -> None:
        try:
            start.wait()
            for i in range(each):
                work(thread, i)
        except BaseException as error:
            failures.append(error)

    pool = [threading.Thread(target=worker, args=(t,), daemon=True) for t in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in pool), "a thread still runs after 60 s"
    assert not failures, f"{len(failures)} of {threads} threads failed; first: {failures[0]!r}"


def echo(request: Request) -> str:
    return f"echo: {request.messages[-1].content}"


@pytest.mark.fault(
    "evaluation",
    "one offline client shared by 16 threads (16 x 10 requests)",
    "every thread gets the answer to its own question, and its own attempts",
)
@pytest.mark.parametrize(("provider", "api"), [("openai", "chat"), ("anthropic", "messages")])
def test_one_scripted_client_shared_by_16_threads_answers_each_its_own(provider, api):
    model = ScriptedModel([echo] * (THREADS * EACH))
    client = ModelClient.offline(model, provider=provider, api=api)

    def work(thread: int, i: int) -> None:
        question = f"question {thread}-{i}"
        turn = client.complete([Message.user(question)], tools)
        assert turn.text == f"echo: {question}"
        assert [status for status, _ in client.attempts] == [200]  # its own send's only

    hammer(work)
    assert model.remaining == 0 and len(model.requests) == THREADS * EACH


@pytest.mark.fault(
    "evaluation",
    "one offline client shared by 16 threads (16 x 10 requests)",
    "every thread gets the answer to its own question, and its own attempts",
)
def test_one_simulated_client_shared_by_16_threads_answers_each_its_own():
    client = ModelClient.offline(SimulatedModel())
    client.complete("What is the weather in Paris?", tools)  # loads its libraries, once

    def work(thread: int, i: int) -> None:
        city = CITIES[(thread + i) % len(CITIES)]
        turn = client.complete([Message.user(f"What is the weather in {city}?")], tools)
        assert [(c.name, c.arguments) for c in turn.tool_calls] == [("get_weather", {"city": city})]
        assert len(client.attempts) == 1

    hammer(work)


def test_concurrent_async_sends_keep_their_own_attempts():
    model = ScriptedModel([echo] * 40)
    client = ModelClient.offline(model)

    async def one(n: int) -> tuple[str, int]:
        turn = await client.acomplete([Message.user(f"q{n}")], tools)
        return turn.text, len(client.attempts)

    async def main() -> list[tuple[str, int]]:
        return await asyncio.gather(*(one(n) for n in range(40)))

    assert asyncio.run(main()) == [(f"echo: q{n}", 1) for n in range(40)]


def record_echoes(path: Any, count: int) -> None:
    client = ModelClient.offline(ScriptedModel([echo] * count))
    with fcplayground.record(path):
        for n in range(count):
            client.complete([Message.user(f"q{n}")], tools)


@pytest.mark.fault(
    "replay",
    "one replay shared by 16 threads (16 x 10 requests)",
    "each request gets its own recorded reply",
)
def test_one_replay_client_shared_by_16_threads_serves_each_its_own_recording(tmp_path):
    path = tmp_path / "echoes.json"
    record_echoes(path, 40)
    replay = ReplayModel(path)
    client = ModelClient.offline(replay)

    def work(thread: int, i: int) -> None:
        n = (thread * EACH + i) % 40
        assert client.complete([Message.user(f"q{n}")], tools).text == f"echo: q{n}"

    hammer(work)
    neutral = ModelClient.offline(FaultyModel(replay))  # respond(), not reply(): the Model path
    hammer(lambda t, i: neutral.complete([Message.user(f"q{i}")], tools), threads=4, each=5)


def test_a_faulty_model_shared_by_16_threads_fires_each_scheduled_fault_once():
    faults = ["server_error", None] * (THREADS * EACH // 2)
    model = FaultyModel(ScriptedModel([echo] * (THREADS * EACH)), faults)

    def work(thread: int, i: int) -> None:
        request = Request(messages=[Message.user(f"{thread}-{i}")], model="m")
        try:
            assert model.respond(request).text == f"echo: {thread}-{i}"
        except Exception as error:  # the scheduled server errors
            assert "Internal server error" in str(error)

    hammer(work)
    assert model.requests == THREADS * EACH
    assert [r.request for r in model.log] == list(range(1, THREADS * EACH, 2))  # in order


def test_recording_16_threads_keeps_every_exchange_with_its_own_reply(tmp_path):
    path = tmp_path / "threads.json"
    client = ModelClient.offline(ScriptedModel([echo] * (THREADS * EACH)))
    with fcplayground.record(path):
        hammer(lambda t, i: client.complete([Message.user(f"q{t}-{i}")], tools))
    exchanges = Cassette.load(path).exchanges
    assert len(exchanges) == THREADS * EACH
    for exchange in exchanges:
        asked = exchange.request["messages"][-1]["content"]
        assert f"echo: {asked}" in exchange.text


def test_scripted_model_shared_by_threads_plays_each_turn_once():
    model = ScriptedModel([ModelTurn(text=str(n)) for n in range(THREADS * EACH)])
    seen: list[str] = []
    hammer(lambda t, i: seen.append(model.respond(Request(messages=[], model="m")).text))
    assert sorted(seen, key=int) == [str(n) for n in range(THREADS * EACH)]
