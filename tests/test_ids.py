"""Ids the offline provider hands out: unique per response, tool call and request, the
same again when a fresh process replays the same requests, and bounded in memory."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import anthropic
import openai
import pytest
from id_masks import without_ids

from fcplayground import ScriptedModel, offline
from fcplayground.offline import answering, replies
from fcplayground.offline.ids import IdSource

ROOT = Path(__file__).resolve().parents[1]
WEATHER = {
    "name": "get_weather",
    "description": "Current weather for a city.",
    "parameters": {
        "type": "object",
        "properties": {"city": {"type": "string"}},
        "required": ["city"],
    },
}
CHAT_TOOLS = [{"type": "function", "function": WEATHER}]
ANTHROPIC_TOOLS = [{**{k: WEATHER[k] for k in ("name", "description")}, "input_schema": WEATHER["parameters"]}]  # fmt: skip
RESPONSES_TOOLS = [{"type": "function", **WEATHER}]
ASK = [{"role": "user", "content": "Weather in Paris?"}]
ORPHAN_RESULT = [  # a tool_result answering no tool_use: a 400
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_x", "content": "x"}]}
]
OPENAI_REQUEST_ID = re.compile(r"^req_[0-9a-f]{32}$")
ANTHROPIC_REQUEST_ID = re.compile(r"^req_011C[A-Za-z0-9]{20}$")


def chat_twice() -> list[openai.types.chat.ChatCompletion]:
    client = offline.openai_client()
    return [client.chat.completions.create(model="m", messages=ASK, tools=CHAT_TOOLS) for _ in "ab"]


def test_identical_chat_requests_get_different_completion_and_call_ids():
    first, second = chat_twice()
    assert first.id != second.id
    assert first.id.startswith("chatcmpl-") and second.id.startswith("chatcmpl-")
    first_call, second_call = (r.choices[0].message.tool_calls[0] for r in (first, second))
    assert first_call.id != second_call.id and second_call.id.startswith("call_")


def test_identical_requests_get_the_same_content_but_for_the_ids():
    first, second = chat_twice()
    assert without_ids(first.model_dump()) == without_ids(second.model_dump())


def test_identical_anthropic_requests_get_different_message_and_tool_use_ids():
    client = offline.anthropic_client()
    first, second = (
        client.messages.create(model="m", max_tokens=100, messages=ASK, tools=ANTHROPIC_TOOLS)
        for _ in "ab"
    )
    assert first.id != second.id and second.id.startswith("msg_")
    assert first.content[0].id != second.content[0].id
    assert second.content[0].id.startswith("toolu_")


def test_identical_responses_requests_get_different_response_and_call_ids():
    client = offline.openai_client()
    first, second = (
        client.responses.create(model="m", input="Weather in Paris?", tools=RESPONSES_TOOLS)
        for _ in "ab"
    )
    assert first.id != second.id and second.id.startswith("resp_")
    assert first.output[0].call_id != second.output[0].call_id
    assert first.output[0].id != second.output[0].id


def test_parallel_calls_in_one_answer_have_distinct_ids():
    model = ScriptedModel([[("get_weather", {"city": "Paris"}), ("get_weather", {"city": "Rome"})]])
    client = offline.openai_client(model)
    reply = client.chat.completions.create(model="m", messages=ASK, tools=CHAT_TOOLS)
    ids = [c.id for c in reply.choices[0].message.tool_calls]
    assert len(set(ids)) == 2


def test_each_openai_reply_has_its_own_request_id_in_openai_style():
    first, second = chat_twice()
    assert first._request_id != second._request_id
    assert OPENAI_REQUEST_ID.match(first._request_id), first._request_id
    assert OPENAI_REQUEST_ID.match(second._request_id), second._request_id


def test_each_anthropic_reply_has_its_own_request_id_in_anthropic_style():
    client = offline.anthropic_client()
    first, second = (client.messages.create(model="m", max_tokens=50, messages=ASK) for _ in "ab")
    assert first._request_id != second._request_id
    assert ANTHROPIC_REQUEST_ID.match(first._request_id), first._request_id


def test_anthropic_error_body_and_header_carry_the_same_new_request_id():
    client = offline.anthropic_client(max_retries=0)
    errors = []
    for _ in "ab":
        with pytest.raises(anthropic.BadRequestError) as caught:
            client.messages.create(model="m", max_tokens=50, messages=ORPHAN_RESULT)
        errors.append(caught.value)
    first, second = errors
    assert first.request_id == first.body["request_id"]
    assert ANTHROPIC_REQUEST_ID.match(first.request_id), first.request_id
    assert first.request_id != second.request_id


def test_openai_errors_each_have_their_own_request_id():
    client = offline.openai_client(max_retries=0)
    ids = []
    for _ in "ab":
        with pytest.raises(openai.BadRequestError) as caught:
            client.chat.completions.create(model="m", messages=[])
        ids.append(caught.value.request_id)
    assert ids[0] != ids[1] and all(OPENAI_REQUEST_ID.match(i) for i in ids)


def three_requests() -> list[list[str]]:
    """The (completion, tool call, request) ids of three requests, the first and last
    identical, as one client in this process gets them."""
    client = offline.openai_client()
    ids = []
    for ask in ("Weather in Paris?", "Weather in Rome?", "Weather in Paris?"):
        messages = [{"role": "user", "content": ask}]
        raw = client.chat.completions.with_raw_response.create(
            model="m", messages=messages, tools=CHAT_TOOLS
        )
        reply = raw.parse()
        ids.append([reply.id, reply.choices[0].message.tool_calls[0].id, raw.request_id])
    return ids


FRESH_PROCESS = """
import json, sys
sys.path.insert(0, sys.argv[1])
from test_ids import three_requests
print(json.dumps(three_requests()))
"""


def test_a_fresh_process_replaying_the_same_requests_gets_the_same_ids(monkeypatch):
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    script = [sys.executable, "-c", FRESH_PROCESS, str(ROOT / "tests")]
    fresh = subprocess.Popen(script, env=env, stdout=subprocess.PIPE, text=True)
    # Meanwhile, here: a fresh id source is all a fresh process has that this one has not.
    fresh_ids = IdSource()
    for module in (answering, replies):  # response ids, and request ids
        monkeypatch.setattr(module, "IDS", fresh_ids)
    here = three_requests()
    output = fresh.communicate(timeout=120)[0]
    assert fresh.returncode == 0
    assert json.loads(output) == here
    ids = [i for triple in here for i in triple]
    assert len(ids) == 9 and len(set(ids)) == 9  # the repeated request got new ids too


# -- the id source itself -------------------------------------------------------------


def test_a_body_answered_again_gets_a_new_seed_and_other_bodies_do_not_shift_it():
    alone, mixed = IdSource(), IdSource()
    alone_seeds = [alone.ticket("A").seed for _ in range(3)]
    mixed.ticket("B")  # an unrelated request in between (another thread, another cell)
    mixed_seeds = [mixed.ticket("A").seed, mixed.ticket("C").seed, mixed.ticket("A").seed]
    assert len(set(alone_seeds)) == 3
    assert [mixed_seeds[0], mixed_seeds[2]] == alone_seeds[:2]


def test_the_source_forgets_bodies_past_its_limit_without_repeating_a_seed():
    source = IdSource(limit=3)
    seeds = [source.ticket(body).seed for body in "ABCDABCDAB"]
    assert len(source._seen) <= 3
    assert len(set(seeds)) == len(seeds)


def test_tickets_from_many_threads_are_all_different():
    source, seeds, lock = IdSource(), [], threading.Lock()

    def take() -> None:
        mine = [source.ticket("same body").seed for _ in range(50)]
        with lock:
            seeds.extend(mine)

    threads = [threading.Thread(target=take) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert not any(thread.is_alive() for thread in threads)
    assert len(set(seeds)) == 400


def test_request_ids_never_repeat_and_follow_each_providers_style():
    source = IdSource()
    openai_ids = {source.request_id("chat") for _ in range(100)}
    anthropic_ids = {source.request_id("anthropic") for _ in range(100)}
    assert len(openai_ids) == len(anthropic_ids) == 100
    assert all(OPENAI_REQUEST_ID.match(i) for i in openai_ids)
    assert all(ANTHROPIC_REQUEST_ID.match(i) for i in anthropic_ids)
