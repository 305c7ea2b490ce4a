"""The OpenAI Agents SDK's Runner: Chat and Responses models, plain and streaming, and the
Responses model chaining turns by ``previous_response_id`` (``auto_previous_response_id``)."""

from __future__ import annotations

import asyncio
import sys

from agents import (
    Agent,
    OpenAIChatCompletionsModel,
    OpenAIResponsesModel,
    Runner,
    function_tool,
    set_tracing_disabled,
)
from openai import AsyncOpenAI
from weather_tools import (
    OPENAI_MODEL,
    QUESTION,
    SYSTEM,
    base_urls,
    convert_temperature,
    get_weather,
    run_cases,
)

OPENAI_URL, _ = base_urls(sys.argv)
set_tracing_disabled(True)  # traces would be uploaded to the real platform


async def run(api: str, streamed: bool, chained: bool = False) -> str:
    # One client per run, closed inside the run's own event loop.
    async with AsyncOpenAI(base_url=OPENAI_URL, api_key="offline") as client:
        kind = OpenAIChatCompletionsModel if api == "chat" else OpenAIResponsesModel
        agent = Agent(
            name="weather",
            instructions=SYSTEM,
            model=kind(model=OPENAI_MODEL, openai_client=client),
            tools=[function_tool(get_weather), function_tool(convert_temperature)],
        )
        if not streamed:
            result = await Runner.run(agent, QUESTION, auto_previous_response_id=chained)
            return str(result.final_output)
        streaming = Runner.run_streamed(agent, QUESTION, auto_previous_response_id=chained)
        async for _event in streaming.stream_events():
            pass
        return str(streaming.final_output)


run_cases(
    "openai-agents",
    "openai-agents",
    {
        "chat/plain": lambda: asyncio.run(run("chat", False)),
        "chat/stream": lambda: asyncio.run(run("chat", True)),
        "responses/plain": lambda: asyncio.run(run("responses", False)),
        "responses/stream": lambda: asyncio.run(run("responses", True)),
        "responses-chained/plain": lambda: asyncio.run(run("responses", False, chained=True)),
        "responses-chained/stream": lambda: asyncio.run(run("responses", True, chained=True)),
    },
)
