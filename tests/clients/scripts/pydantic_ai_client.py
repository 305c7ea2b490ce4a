"""pydantic-ai's own tool loop: Chat, Responses and Anthropic models, plain and streaming."""

from __future__ import annotations

import asyncio
import sys

from pydantic_ai import Agent
from pydantic_ai.models.anthropic import AnthropicModel
from pydantic_ai.models.openai import OpenAIChatModel, OpenAIResponsesModel
from pydantic_ai.providers.anthropic import AnthropicProvider
from pydantic_ai.providers.openai import OpenAIProvider
from weather_tools import (
    ANTHROPIC_MODEL,
    OPENAI_MODEL,
    QUESTION,
    SYSTEM,
    base_urls,
    convert_temperature,
    get_weather,
    run_cases,
)

OPENAI_URL, ANTHROPIC_URL = base_urls(sys.argv)


def agent(api: str) -> Agent:
    if api == "anthropic":
        provider = AnthropicProvider(base_url=ANTHROPIC_URL, api_key="offline")
        model = AnthropicModel(ANTHROPIC_MODEL, provider=provider)
    else:
        openai = OpenAIProvider(base_url=OPENAI_URL, api_key="offline")
        kind = OpenAIChatModel if api == "chat" else OpenAIResponsesModel
        model = kind(OPENAI_MODEL, provider=openai)
    return Agent(model, instructions=SYSTEM, tools=[get_weather, convert_temperature])


def plain(api: str) -> str:
    return agent(api).run_sync(QUESTION).output


def stream(api: str) -> str:
    async def go() -> str:
        async with agent(api).run_stream(QUESTION) as result:
            return await result.get_output()

    return asyncio.run(go())


run_cases(
    "pydantic-ai",
    "pydantic-ai-slim",
    {
        f"{api}/{mode}": (lambda api=api, run=run: run(api))
        for api in ("chat", "responses", "anthropic")
        for mode, run in (("plain", plain), ("stream", stream))
    },
)
