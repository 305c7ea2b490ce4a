"""litellm's ``completion`` (OpenAI and Anthropic providers) and ``responses``, each in a tool
loop of the kind litellm's docs show, plain and streaming."""

from __future__ import annotations

import os
import sys

# litellm fetches a model price list from the network at import unless told not to.
os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"

import litellm  # noqa: E402
from weather_tools import (  # noqa: E402
    MAX_TOKENS,
    QUESTION,
    SYSTEM,
    base_urls,
    call_tool,
    openai_chat_tools,
    openai_responses_tools,
    run_cases,
)

OPENAI_URL, ANTHROPIC_URL = base_urls(sys.argv)
MAX_TURNS = 6
TARGETS = {
    "chat": ("openai/gpt-4o-mini", OPENAI_URL),
    "anthropic": ("anthropic/claude-sonnet-4-5", ANTHROPIC_URL),
}


def completion_loop(api: str, stream: bool) -> str:
    model, url = TARGETS[api]
    messages: list[dict] = [
        {"role": "system", "content": SYSTEM},
        {"role": "user", "content": QUESTION},
    ]
    for _ in range(MAX_TURNS):
        common = {"model": model, "api_base": url, "api_key": "offline", "max_tokens": MAX_TOKENS}
        if stream:
            chunks = list(
                litellm.completion(
                    **common, messages=messages, tools=openai_chat_tools(), stream=True
                )
            )
            response = litellm.stream_chunk_builder(chunks, messages=messages)
        else:
            response = litellm.completion(**common, messages=messages, tools=openai_chat_tools())
        message = response.choices[0].message
        if not message.tool_calls:
            return message.content
        messages.append(message.model_dump(exclude_none=True))
        for call in message.tool_calls:
            output = call_tool(call.function.name, call.function.arguments)
            messages.append({"role": "tool", "tool_call_id": call.id, "content": output})
    raise RuntimeError(f"no final answer after {MAX_TURNS} turns")


def responses_loop(stream: bool) -> str:
    items: list[dict] = [{"role": "user", "content": QUESTION}]
    for _ in range(MAX_TURNS):
        common = {
            "model": "openai/gpt-4o-mini",
            "api_base": OPENAI_URL,
            "api_key": "offline",
            "instructions": SYSTEM,
            "tools": openai_responses_tools(),
        }
        if stream:
            response = None
            for event in litellm.responses(**common, input=items, stream=True):
                if getattr(event, "type", "") == "response.completed":
                    response = event.response
            assert response is not None, "the stream had no response.completed event"
        else:
            response = litellm.responses(**common, input=items)
        calls = [item for item in response.output if item.type == "function_call"]
        if not calls:
            return response.output_text if hasattr(response, "output_text") else _text(response)
        for call in calls:
            items.append(
                {
                    "type": "function_call",
                    "call_id": call.call_id,
                    "name": call.name,
                    "arguments": call.arguments,
                }
            )
            output = call_tool(call.name, call.arguments)
            items.append(
                {"type": "function_call_output", "call_id": call.call_id, "output": output}
            )
    raise RuntimeError(f"no final answer after {MAX_TURNS} turns")


def _text(response: object) -> str:
    parts = [
        content.text
        for item in response.output  # type: ignore[attr-defined]
        if item.type == "message"
        for content in item.content
        if content.type == "output_text"
    ]
    return "".join(parts)


run_cases(
    "litellm",
    "litellm",
    {
        "chat/plain": lambda: completion_loop("chat", False),
        "chat/stream": lambda: completion_loop("chat", True),
        "responses/plain": lambda: responses_loop(False),
        "responses/stream": lambda: responses_loop(True),
        "anthropic/plain": lambda: completion_loop("anthropic", False),
        "anthropic/stream": lambda: completion_loop("anthropic", True),
    },
)
