"""LangGraph's ``create_react_agent`` over langchain-openai (Chat and Responses) and
langchain-anthropic, plain (``invoke``) and streaming (``stream``, the model streaming)."""

from __future__ import annotations

import sys
import warnings

from langchain_anthropic import ChatAnthropic
from langchain_core.tools import tool
from langchain_openai import ChatOpenAI
from langgraph.prebuilt import create_react_agent
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
warnings.filterwarnings("ignore")  # create_react_agent's move to langchain.agents is announced


def model(api: str, streaming: bool) -> ChatOpenAI | ChatAnthropic:
    if api == "anthropic":
        return ChatAnthropic(
            model=ANTHROPIC_MODEL,
            base_url=ANTHROPIC_URL,
            api_key="offline",
            max_tokens=1024,
            streaming=streaming,
        )
    return ChatOpenAI(
        model=OPENAI_MODEL,
        base_url=OPENAI_URL,
        api_key="offline",
        use_responses_api=api == "responses",
        streaming=streaming,
    )


def run(api: str, streaming: bool) -> str:
    tools = [
        tool(get_weather, parse_docstring=True),
        tool(convert_temperature, parse_docstring=True),
    ]
    agent = create_react_agent(model(api, streaming), tools, prompt=SYSTEM)
    request = {"messages": [("user", QUESTION)]}
    if not streaming:
        return agent.invoke(request)["messages"][-1].text
    states = list(agent.stream(request, stream_mode="values"))
    assert states, "the graph streamed no state"
    return states[-1]["messages"][-1].text


run_cases(
    "langchain + langgraph",
    "langgraph",
    {
        f"{api}/{mode}": (lambda api=api, streaming=mode == "stream": run(api, streaming))
        for api in ("chat", "responses", "anthropic")
        for mode in ("plain", "stream")
    },
)
