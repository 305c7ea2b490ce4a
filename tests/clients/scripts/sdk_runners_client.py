"""The official Python SDKs' own tool runners, in their default modes: anthropic's
``client.beta.messages.tool_runner`` (message threads) and openai's ``ResponsesToolRunner``
(openai 3.x has no ``chat.completions.run_tools``)."""

from __future__ import annotations

import sys

import anthropic
import openai
from anthropic import beta_tool
from openai.lib.responses_tool_runner import RegisteredFunction, ResponsesToolRunner
from weather_tools import (
    ANTHROPIC_MODEL,
    MAX_TOKENS,
    OPENAI_MODEL,
    QUESTION,
    SYSTEM,
    base_urls,
    call_tool,
    convert_temperature,
    get_weather,
    openai_responses_tools,
    run_cases,
)

OPENAI_URL, ANTHROPIC_URL = base_urls(sys.argv)


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


# Responses' tool_choice that narrows the tools offered to a named subset (here: both).
ALLOWED_TOOLS = {
    "type": "allowed_tools",
    "mode": "auto",
    "tools": [
        {"type": "function", "name": "get_weather"},
        {"type": "function", "name": "convert_temperature"},
    ],
}


def openai_runner(stream: bool, tool_choice: dict[str, object] | None = None) -> str:
    client = openai.OpenAI(base_url=OPENAI_URL, api_key="offline", max_retries=0)
    functions = [
        RegisteredFunction(tool=spec, execute=lambda args, name=spec["name"]: call_tool(name, args))
        for spec in openai_responses_tools()
    ]
    params = {"model": OPENAI_MODEL, "instructions": SYSTEM, "input": QUESTION}
    if tool_choice is not None:
        params["tool_choice"] = tool_choice
    response = ResponsesToolRunner(functions=functions).run(client, params, stream=stream)
    return response.output_text


run_cases(
    "official SDK tool runners",
    "anthropic",
    {
        "anthropic/plain": lambda: anthropic_runner(False),
        "anthropic/stream": lambda: anthropic_runner(True),
        "responses/plain": lambda: openai_runner(False),
        "responses/stream": lambda: openai_runner(True),
        "responses-allowed-tools/plain": lambda: openai_runner(False, ALLOWED_TOOLS),
        "responses-allowed-tools/stream": lambda: openai_runner(True, ALLOWED_TOOLS),
    },
)
