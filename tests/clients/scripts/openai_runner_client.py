"""openai's own tool runner, ``openai.lib.responses_tool_runner.ResponsesToolRunner``, plain
and streaming, also with an ``allowed_tools`` tool_choice. (openai 3.x has no
``chat.completions.run_tools``.)"""

from __future__ import annotations

import sys

import openai
from openai.lib.responses_tool_runner import RegisteredFunction, ResponsesToolRunner
from weather_tools import (
    OPENAI_MODEL,
    QUESTION,
    SYSTEM,
    base_urls,
    call_tool,
    openai_responses_tools,
    run_cases,
)

OPENAI_URL, _ = base_urls(sys.argv)

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
    "openai ResponsesToolRunner (Python)",
    "openai",
    {
        "responses-runner/plain": lambda: openai_runner(False),
        "responses-runner/stream": lambda: openai_runner(True),
        "responses-allowed-tools/plain": lambda: openai_runner(False, ALLOWED_TOOLS),
        "responses-allowed-tools/stream": lambda: openai_runner(True, ALLOWED_TOOLS),
    },
)
