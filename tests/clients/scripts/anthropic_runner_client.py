"""anthropic's own tool runner, ``client.beta.messages.tool_runner``, in its default mode
(message threads), plain and streaming."""

from __future__ import annotations

import sys

import anthropic
from anthropic import beta_tool
from weather_tools import (
    ANTHROPIC_MODEL,
    MAX_TOKENS,
    QUESTION,
    SYSTEM,
    base_urls,
    convert_temperature,
    get_weather,
    run_cases,
)

_, ANTHROPIC_URL = base_urls(sys.argv)


def anthropic_runner(stream: bool) -> str:
    client = anthropic.Anthropic(base_url=ANTHROPIC_URL, api_key="offline", max_retries=0)
    runner = client.beta.messages.tool_runner(
        model=ANTHROPIC_MODEL,
        max_tokens=MAX_TOKENS,
        system=SYSTEM,
        messages=[{"role": "user", "content": QUESTION}],
        tools=[beta_tool(get_weather), beta_tool(convert_temperature)],
        **({"stream": True} if stream else {}),
    )
    message = runner.until_done()
    return "".join(block.text for block in message.content if block.type == "text")


run_cases(
    "anthropic tool_runner (Python)",
    "anthropic",
    {
        "anthropic-runner/plain": lambda: anthropic_runner(False),
        "anthropic-runner/stream": lambda: anthropic_runner(True),
    },
)
