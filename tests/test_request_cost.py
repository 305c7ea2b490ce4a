"""A request's cost does not grow with how often its tools were offered before: the checks
that only depend on a tool's content are made once per distinct tool, not per request."""

from __future__ import annotations

import json
import random

import anthropic
import pytest

from fcplayground import offline
from fcplayground.offline.validation import GOOD_TOOLS, body, cross_field, verdicts
from fcplayground.offline.validation.cross_field import SCHEMAS
from fcplayground.offline.validation.verdicts import Remembered, digest


def weather_tools(count: int) -> list[dict]:
    return [
        {
            "name": f"get_weather_{i}",
            "description": f"Returns the weather for city number {i}.",
            "input_schema": {
                "type": "object",
                "properties": {"city": {"type": "string", "maxLength": 100 + i}},
                "required": ["city"],
            },
        }
        for i in range(count)
    ]


def ask(client: anthropic.Anthropic, tools: list[dict]) -> anthropic.types.Message:
    return client.messages.create(
        model="m",
        max_tokens=64,
        messages=[{"role": "user", "content": "Weather in Paris?"}],
        tools=tools,
    )


def test_a_tools_list_offered_again_is_not_checked_again():
    client = offline.anthropic_client()
    tools = weather_tools(20)
    ask(client, tools)
    schemas, lists = SCHEMAS.misses + SCHEMAS.hits, GOOD_TOOLS.hits
    for city in ("Oslo", "Lima", "Quito", "Accra", "Hanoi"):  # other words, the same tools
        client.messages.create(
            model="m", max_tokens=64, messages=[{"role": "user", "content": city}], tools=tools
        )
    assert SCHEMAS.misses + SCHEMAS.hits == schemas  # no schema looked at again
    assert GOOD_TOOLS.hits == lists + 5
    ask(client, tools)  # the very same body again: its verdict is known
    assert GOOD_TOOLS.hits == lists + 5


def test_a_tool_schema_is_checked_once_across_lists_that_share_it():
    client = offline.anthropic_client()
    tools = weather_tools(20)
    ask(client, tools)
    misses = SCHEMAS.misses
    ask(client, [*tools[:19], {**tools[19], "name": "get_weather_elsewhere"}])  # same schemas
    ask(client, [*tools, *weather_tools(21)[20:]])  # one new schema
    assert SCHEMAS.misses == misses + 1


def test_the_same_schema_written_in_another_key_order_is_one_check():
    first = {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]}
    second = {"required": ["a"], "properties": {"a": {"type": "string"}}, "type": "object"}
    cross_field.schema_problem(first)
    misses = SCHEMAS.misses
    assert cross_field.schema_problem(second) is None
    assert SCHEMAS.misses == misses


def refusal(client: anthropic.Anthropic, tools: list[dict], **extra: object) -> str:
    try:
        client.messages.create(
            model="m",
            max_tokens=64,
            messages=[{"role": "user", "content": "Weather in Paris?"}],
            tools=tools,
            **extra,
        )
    except anthropic.BadRequestError as error:
        return str(error)
    raise AssertionError("the request was answered")


def test_a_bad_schema_is_refused_with_its_reason_every_time():
    bad = weather_tools(1)
    bad[0]["input_schema"]["properties"]["city"]["type"] = "text"
    client = offline.anthropic_client()
    for _ in range(2):
        message = refusal(client, bad)
        assert "tools.0.custom.input_schema: JSON schema is invalid" in message
        assert "'text' is not valid" in message and "properties/city/type" in message


def test_known_good_tools_do_not_hide_what_else_is_wrong():
    client = offline.anthropic_client()
    tools = weather_tools(3)
    ask(client, tools)
    assert "Tool 'nope' not found in provided tools" in refusal(
        client, tools, tool_choice={"type": "tool", "name": "nope"}
    )
    assert "temperature" in refusal(client, tools, extra_body={"temperature": "hot"})


def test_what_is_remembered_is_bounded():
    remembered: Remembered[int] = Remembered(3)
    for n in range(10):
        remembered.put(digest(n), n)
    assert len(remembered) == 3
    assert remembered.get(digest(9)) == (True, 9) and remembered.get(digest(0)) == (False, None)
    assert SCHEMAS.size == 4096 and GOOD_TOOLS.size == 256


def random_json(rng: random.Random, level: int = 0) -> object:
    """A JSON value whose strings are full of brackets, quotes and backslashes."""
    pick = rng.random()
    if level > 6 or pick < 0.4:
        return "".join(rng.choice('[]{}"\\\\n\\"ab\u2028é') for _ in range(rng.randrange(6)))
    if pick < 0.5:
        return rng.choice([1, -2.5, True, None])
    if pick < 0.75:
        return [random_json(rng, level + 1) for _ in range(rng.randrange(4))]
    return {random_json(rng, 7): random_json(rng, level + 1) for _ in range(rng.randrange(4))}


def test_the_nesting_read_off_the_text_is_the_nesting_of_the_value():
    rng = random.Random(15)
    for _ in range(400):
        value = random_json(rng)
        for ascii_only in (True, False):
            text = json.dumps(value, ensure_ascii=ascii_only).encode()
            assert body.nesting(text) == body.depth(value), text
    assert body.nesting(json.dumps([[["x"]]]).encode("utf-16")) == 3


def test_a_body_nested_too_deeply_is_still_refused():
    deep = b"[" * 101 + b"]" * 101
    wide_and_deep = b"[" + b",".join([b"[" * 100 + b"]" * 100] * 50) + b"]"
    for text in (deep, wide_and_deep, b'{"a": ' + deep + b"}"):
        try:
            body.read_json(text)
        except body.BodyError as error:
            assert "nested at most 100 levels" in error.message
        else:
            raise AssertionError(f"{text[:20]!r}... was read")
    assert body.read_json(b"[" * 100 + b"]" * 100) is not None
    assert body.read_json(b'["' + b"[" * 200 + b'"]') == ["[" * 200]


def test_the_sorted_json_of_a_body_is_json_dumps_own():
    rng = random.Random(7)
    tools = weather_tools(5)
    for _ in range(200):
        extra = {str(random_json(rng, 7)): random_json(rng) for _ in range(rng.randrange(4))}
        body = {"model": "m", **extra, "tools": tools, "messages": [random_json(rng)]}
        if rng.random() < 0.3:
            body["tools"] = [random_json(rng), *tools]
        assert verdicts.sorted_json(body) == json.dumps(body, sort_keys=True)
    assert verdicts.sorted_json({"tools": []}) == '{"tools": []}'


def test_the_simulated_model_reads_a_tool_offered_again_without_rewriting_its_schema(
    monkeypatch,
):
    from fcplayground.models.simulated import profiles

    rewrites = []
    readable = profiles.readable
    monkeypatch.setattr(profiles, "readable", lambda spec: rewrites.append(spec) or readable(spec))
    client = offline.anthropic_client()
    tools = weather_tools(30)
    first = ask(client, tools)
    count = len(rewrites)
    again = ask(client, tools)
    assert len(rewrites) == count  # every tool found as sent
    assert [b.model_dump(exclude={"id"}) for b in again.content] == [
        b.model_dump(exclude={"id"}) for b in first.content
    ]


def weather_request(tools: list[dict], question: str = "Weather in Paris?") -> bytes:
    return json.dumps(
        {
            "model": "m",
            "max_tokens": 64,
            "messages": [{"role": "user", "content": question}],
            "tools": tools,
        }
    ).encode()


def test_a_question_asked_again_is_understood_and_bound_once():
    from fcplayground.models import SimulatedModel
    from fcplayground.models.simulated.matching import ASSIGNMENTS
    from fcplayground.models.simulated.understanding import UNDERSTOOD

    model = SimulatedModel()
    body = weather_request(weather_tools(5), "Weather in Reykjavik, please?")
    first = offline.handle(model, "POST", "/v1/messages", body).json
    understood, assigned = UNDERSTOOD.misses, ASSIGNMENTS.misses
    again = offline.handle(model, "POST", "/v1/messages", body).json
    assert (UNDERSTOOD.misses, ASSIGNMENTS.misses) == (understood, assigned)
    assert (model.decisions.misses, model.decisions.hits) == (1, 1)  # the same turn again
    assert again["content"][-1]["input"] == first["content"][-1]["input"] == {"city": "Reykjavik"}
    assert again["id"] != first["id"]  # each answer still has ids of its own
    # the next turn of the loop (the call's result added) reads the same question again
    hits = UNDERSTOOD.hits
    call = first["content"][-1]
    answered = json.loads(body) | {
        "messages": [
            {"role": "user", "content": "Weather in Reykjavik, please?"},
            {"role": "assistant", "content": first["content"]},
            {
                "role": "user",
                "content": [{"type": "tool_result", "tool_use_id": call["id"], "content": "sunny"}],
            },
        ]
    }
    offline.handle(model, "POST", "/v1/messages", json.dumps(answered).encode())
    assert (UNDERSTOOD.misses, UNDERSTOOD.hits) == (understood, hits + 1)


def test_other_words_or_other_tools_are_understood_afresh():
    from fcplayground.models import SimulatedModel
    from fcplayground.models.simulated.understanding import UNDERSTOOD

    model = SimulatedModel()
    tools = weather_tools(4)
    offline.handle(model, "POST", "/v1/messages", weather_request(tools, "Weather in Oslo?"))
    misses = UNDERSTOOD.misses
    offline.handle(model, "POST", "/v1/messages", weather_request(tools, "Weather in Lima?"))
    renamed = [*tools[:3], {**tools[3], "description": "Returns the tide tables of a port."}]
    reply = offline.handle(
        model, "POST", "/v1/messages", weather_request(renamed, "Weather in Oslo?")
    )
    assert UNDERSTOOD.misses == misses + 2
    assert reply.json["content"][-1]["input"] == {"city": "Oslo"}


def test_the_explanation_of_a_repeated_question_is_the_same():
    from fcplayground.models import SimulatedModel

    model = SimulatedModel()
    body = weather_request(weather_tools(6), "What's the weather in Quito today?")
    offline.handle(model, "POST", "/v1/messages", body)
    first = str(model.last_explanation)
    offline.handle(model, "POST", "/v1/messages", body)
    assert str(model.last_explanation) == first
    assert "get_weather" in first


def test_a_request_sent_again_is_not_written_out_again_for_its_ids(monkeypatch):
    from fcplayground.offline.validation import verdicts

    written = []
    sorted_json = verdicts.sorted_json
    monkeypatch.setattr(
        verdicts,
        "sorted_json",
        lambda body, tools=None: written.append(1) or sorted_json(body, tools),
    )
    client = offline.anthropic_client()
    tools = [{**t, "name": f"ids_{t['name']}"} for t in weather_tools(7)]  # a body of its own
    ids = {ask(client, tools).id}
    ids |= {ask(client, tools).id for _ in range(3)}
    assert len(written) == 1
    assert len(ids) == 4  # yet every answer has an id of its own


def test_the_memos_are_bounded():
    from fcplayground.models.simulated.matching import ASSIGNMENTS
    from fcplayground.models.simulated.memo import Memo
    from fcplayground.models.simulated.understanding import UNDERSTOOD
    from fcplayground.offline.bodies import KEPT

    memo: Memo[int] = Memo(2)
    for n in range(5):
        assert memo.find(("key", n), lambda n=n: n * n) == n * n
    assert len(memo) == 2 and memo.find(("key", 4), lambda: -1) == 16
    assert memo.find(["a list"], lambda: 7) == 7 and len(memo) == 2  # no key: no entry
    assert (UNDERSTOOD.size, ASSIGNMENTS.size) == (64, 1024)
    assert (KEPT.limit, KEPT.budget) == (64, 32 << 20)


def test_a_tools_list_offered_again_is_read_as_one():
    from fcplayground.models import SimulatedModel
    from fcplayground.models.simulated.profiles import TOOL_LISTS

    model = SimulatedModel()
    body = weather_request(weather_tools(9), "Weather in Nairobi?")
    offline.handle(model, "POST", "/v1/messages", body)
    misses, hits = TOOL_LISTS.misses, TOOL_LISTS.hits
    for _ in range(3):
        reply = offline.handle(model, "POST", "/v1/messages", body)
    assert (TOOL_LISTS.misses, TOOL_LISTS.hits) == (misses, hits + 3)
    assert reply.json["content"][-1]["input"] == {"city": "Nairobi"}


def test_no_garbage_collection_runs_while_a_body_is_parsed():
    import gc
    import sys

    from fcplayground.offline.validation import read_json

    def parsing() -> bool:
        frame = sys._getframe(1)
        while frame is not None and frame.f_code.co_name != "raw_decode":
            frame = frame.f_back
        return frame is not None

    started: list[bool] = []  # for each collection: did it start inside the JSON parser?

    def seen(phase: str, info: dict) -> None:
        if phase == "start":
            started.append(parsing())

    text = json.dumps({"tools": weather_tools(400)}).encode()
    gc.callbacks.append(seen)
    try:
        for _ in range(5):
            parsed = read_json(text)
        gc.collect()
    finally:
        gc.callbacks.remove(seen)
    assert started and not any(started)  # collections ran, yet none inside a parse
    assert len(parsed["tools"]) == 400 and gc.isenabled()


@pytest.mark.fault(
    "offline requests",
    "a body that is not JSON, or nested too deeply, while the collector is paused for parsing",
    "refused with the reason, and the garbage collector is on again afterwards",
)
def test_the_collector_is_on_again_after_a_body_that_cannot_be_read():
    import gc

    from fcplayground.offline.validation import BodyError, read_json

    for bad in (b'{"tools": [', b"[" * 100_000):
        with pytest.raises(BodyError, match="not valid JSON|nested too deeply"):
            read_json(bad)
        assert gc.isenabled()


def test_a_collector_the_program_switched_off_stays_off():
    import gc

    from fcplayground.offline.validation import read_json

    gc.disable()
    try:
        assert read_json(b'{"a": [1, 2]}') == {"a": [1, 2]}
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_new_question_with_the_same_tools_does_not_rewrite_their_names():
    from fcplayground.models import SimulatedModel
    from fcplayground.models.simulated.understanding import TOOL_NAMES

    model = SimulatedModel()
    tools = [*weather_tools(3), {**weather_tools(1)[0], "name": "run_linear_regression"}]
    offline.handle(model, "POST", "/v1/messages", weather_request(tools, "Weather in Bern?"))
    misses = TOOL_NAMES.misses
    asked = "Use the 'run_linear_regression' function for Bern's weather."
    reply = offline.handle(model, "POST", "/v1/messages", weather_request(tools, asked)).json
    assert TOOL_NAMES.misses == misses and TOOL_NAMES.size == 64
    assert reply["content"][-1]["input"] == {"city": "Bern"}  # the name is no value
