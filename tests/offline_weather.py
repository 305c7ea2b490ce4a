"""What the offline-client tests share: one weather tool in the OpenAI and the Anthropic
shape, and the question that asks for it."""

from __future__ import annotations

WEATHER_OPENAI = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Current weather for a city.",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
        },
    },
}


WEATHER_ANTHROPIC = {
    "name": "get_weather",
    "description": "Current weather for a city.",
    "input_schema": WEATHER_OPENAI["function"]["parameters"],
}


ASK = [{"role": "user", "content": "Weather in Paris?"}]
