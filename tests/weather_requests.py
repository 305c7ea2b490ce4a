"""What the record-and-replay tests share: one weather question as a Chat Completions,
Responses and Messages request body, with its tool in each API's shape."""

from __future__ import annotations

WEATHER_CHAT = [
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "Returns the current weather for a city.",
            "parameters": {
                "type": "object",
                "properties": {"city": {"type": "string", "description": "The city name."}},
                "required": ["city"],
            },
        },
    }
]


WEATHER_RESPONSES = [{"type": "function", **WEATHER_CHAT[0]["function"]}]


WEATHER_ANTHROPIC = [
    {
        "name": "get_weather",
        "description": "Returns the current weather for a city.",
        "input_schema": WEATHER_CHAT[0]["function"]["parameters"],
    }
]


ASK = "What is the weather in Paris?"


CHAT = {
    "model": "gpt-5.4-mini",
    "messages": [{"role": "user", "content": ASK}],
    "tools": WEATHER_CHAT,
}


RESPONSES = {"model": "gpt-5.4-mini", "input": ASK, "tools": WEATHER_RESPONSES}


MESSAGES = {
    "model": "claude-haiku-4-5",
    "max_tokens": 512,
    "messages": [{"role": "user", "content": ASK}],
    "tools": WEATHER_ANTHROPIC,
}
