"""A request's cost does not grow with how often its tools were offered before: the checks
that only depend on a tool's content are made once per distinct tool, not per request."""

from __future__ import annotations

import anthropic

from fcplayground import offline
from fcplayground.offline.validation import cross_field


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


def test_a_tool_schema_is_checked_once_however_often_it_is_offered():
    client = offline.anthropic_client()
    tools = weather_tools(20)
    ask(client, tools)
    before = cross_field._meta_schema_problem.cache_info()
    for _ in range(5):
        ask(client, tools)
    after = cross_field._meta_schema_problem.cache_info()
    assert after.misses == before.misses  # no schema checked again
    assert after.hits - before.hits == 5 * 20


def test_the_same_schema_written_in_another_key_order_is_one_check():
    first = {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]}
    second = {"required": ["a"], "properties": {"a": {"type": "string"}}, "type": "object"}
    cross_field.schema_problem(first)
    misses = cross_field._meta_schema_problem.cache_info().misses
    assert cross_field.schema_problem(second) is None
    assert cross_field._meta_schema_problem.cache_info().misses == misses


def test_a_cached_bad_schema_is_still_refused_with_its_reason_every_time():
    bad = weather_tools(1)
    bad[0]["input_schema"]["properties"]["city"]["type"] = "text"
    client = offline.anthropic_client()
    for _ in range(2):
        try:
            ask(client, bad)
        except anthropic.BadRequestError as error:
            message = str(error)
        else:
            raise AssertionError("a schema with type 'text' was accepted")
        assert "tools.0.custom.input_schema: JSON schema is invalid" in message
        assert "'text' is not valid" in message and "properties/city/type" in message


def test_the_schema_cache_is_bounded():
    assert cross_field._meta_schema_problem.cache_info().maxsize == cross_field.SCHEMA_CACHE_SIZE
