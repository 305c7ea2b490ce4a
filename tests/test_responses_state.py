"""OpenAI Responses state offline: ``store``, ``previous_response_id``, and the stored
responses read back (``retrieve``, ``delete``, ``input_items.list``), through the real SDK."""

from __future__ import annotations

import openai
import pytest
from openai.types.responses import Response

from fcplayground import offline
from fcplayground.models import ScriptedModel

WEATHER = {
    "type": "function",
    "name": "get_weather",
    "description": "Current weather for a city.",
    "parameters": {
        "type": "object",
        "properties": {"city": {"type": "string"}},
        "required": ["city"],
    },
}


def weather_script() -> ScriptedModel:
    return ScriptedModel([("get_weather", {"city": "Paris"}), "It is sunny in Paris."])


def test_function_call_output_continues_from_previous_response_id() -> None:
    # What the Agents SDK sends with auto_previous_response_id=True: only the new items.
    model = weather_script()
    client = offline.openai_client(model)
    first = client.responses.create(
        model="m", input="Weather in Paris?", tools=[WEATHER], instructions="Be brief."
    )
    call = first.output[0]
    second = client.responses.create(
        model="m",
        previous_response_id=first.id,
        input=[{"type": "function_call_output", "call_id": call.call_id, "output": "sunny"}],
        tools=[WEATHER],
    )
    assert second.output_text == "It is sunny in Paris."
    assert second.previous_response_id == first.id
    seen = model.requests[1].messages
    assert [m.role for m in seen] == ["user", "assistant", "tool"]
    assert seen[0].content == "Weather in Paris?"
    assert seen[1].tool_calls[0].id == call.call_id
    assert seen[2].tool_results[0].content == "sunny"
