"""What the tests of Chat Completions' legacy function-calling fields share: two functions in
the legacy ``functions`` shape, a question and a result, and builders for legacy messages
and request bodies."""

from __future__ import annotations

import json

WEATHER = {
    "name": "get_weather",
    "description": "Returns the current weather for a city.",
    "parameters": {
        "type": "object",
        "properties": {"city": {"type": "string", "description": "The city name, e.g. Paris."}},
        "required": ["city"],
    },
}


LOCAL_TIME = {
    "name": "get_local_time",
    "description": "Returns the current local time in a city.",
    "parameters": {
        "type": "object",
        "properties": {"city": {"type": "string", "description": "The city name, e.g. Tokyo."}},
        "required": ["city"],
    },
}


ASK = [{"role": "user", "content": "What's the weather in Paris?"}]


PARIS = json.dumps({"city": "Paris", "sky": "sunny", "celsius": 22})


def legacy_call(name: str, arguments: str) -> dict:
    """An assistant message with a legacy ``function_call``."""
    return {"role": "assistant", "content": None, "function_call": {"name": name, "arguments": arguments}}  # fmt: skip


def function_result(name: str, content: str) -> dict:
    """A ``role: "function"`` message answering ``name``."""
    return {"role": "function", "name": name, "content": content}


def body(messages: list[dict] | None = None, **fields) -> dict:
    """A Chat Completions request body: ``messages`` (the question by default) and ``fields``."""
    return {"model": "m", "messages": ASK if messages is None else messages, **fields}
