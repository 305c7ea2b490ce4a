"""What the client suite runs: each client script, where it runs, and the cases it prints.

A case key is ``"<api>/<mode>"`` (mode ``plain`` or ``stream``); :data:`APIS` names each
api for the README's matrix. Every case asks the same question, which needs both tools:
:data:`EXPECTED_CALLS` are the calls its tool loop must make and :data:`EXPECTED_TEXT`
must appear in its final answer.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent


class Runtime(enum.Enum):
    """Where a client script runs."""

    PYTHON = "python"  # in its framework's own venv (client_envs.venv_python)
    NODE = "node"  # with tests/clients/node/node_modules


class Mode(enum.Enum):
    """How the client talks to the server."""

    PLAIN = "plain"
    STREAM = "stream"


@dataclass(frozen=True)
class Script:
    """One client script and the cases (``api/mode`` keys) it prints results for."""

    name: str  # short, for test ids and the results file, e.g. "pydantic-ai"
    client: str  # the matrix's row label
    runtime: Runtime
    path: Path
    apis: tuple[str, ...]
    env: str = ""  # the requirements file's stem, for Python scripts

    @property
    def cases(self) -> tuple[Case, ...]:
        return tuple(Case(self, api, mode) for api in self.apis for mode in Mode)


@dataclass(frozen=True)
class Case:
    """One client, one API, plain or streaming."""

    script: Script
    api: str
    mode: Mode

    @property
    def key(self) -> str:
        return f"{self.api}/{self.mode.value}"

    @property
    def id(self) -> str:
        return f"{self.script.name}:{self.key}"


EXPECTED_CALLS = [
    {"name": "get_weather", "arguments": {"city": "Paris"}},
    {"name": "convert_temperature", "arguments": {"celsius": 18, "to": "fahrenheit"}},
]
EXPECTED_TEXT = "64.4"  # 18 °C in Fahrenheit, which only the second tool's result gives

APIS = {
    "chat": "Chat Completions",
    "chat-runTools": "Chat Completions, `runTools`",
    "responses": "Responses",
    "responses-chained": "Responses, `auto_previous_response_id`",
    "responses-allowed-tools": "Responses, `allowed_tools`",
    "anthropic": "Messages",
    "responses-runner": "Responses, `ResponsesToolRunner`",
    "anthropic-runner": "Messages, tool runner (default: message threads)",
}

_PY = HERE / "scripts"
_NODE = HERE / "node"
SCRIPTS = (
    Script(
        "pydantic-ai",
        "pydantic-ai",
        Runtime.PYTHON,
        _PY / "pydantic_ai_client.py",
        ("chat", "responses", "anthropic"),
        env="pydantic-ai",
    ),
    Script(
        "openai-agents",
        "openai-agents",
        Runtime.PYTHON,
        _PY / "openai_agents_client.py",
        ("chat", "responses", "responses-chained"),
        env="openai-agents",
    ),
    Script(
        "langgraph",
        "LangGraph + langchain-openai / langchain-anthropic",
        Runtime.PYTHON,
        _PY / "langgraph_client.py",
        ("chat", "responses", "anthropic"),
        env="langgraph",
    ),
    Script(
        "litellm",
        "litellm",
        Runtime.PYTHON,
        _PY / "litellm_client.py",
        ("chat", "responses", "anthropic"),
        env="litellm",
    ),
    Script(
        "anthropic-runner",
        "anthropic `client.beta.messages.tool_runner` (Python)",
        Runtime.PYTHON,
        _PY / "anthropic_runner_client.py",
        ("anthropic-runner",),
        env="sdk-runners",
    ),
    Script(
        "openai-runner",
        "openai `ResponsesToolRunner` (Python)",
        Runtime.PYTHON,
        _PY / "openai_runner_client.py",
        ("responses-runner", "responses-allowed-tools"),
        env="sdk-runners",
    ),
    Script(
        "node-openai",
        "openai (Node)",
        Runtime.NODE,
        _NODE / "openai_client.mjs",
        ("chat", "responses", "chat-runTools"),
    ),
    Script(
        "node-anthropic",
        "@anthropic-ai/sdk (Node)",
        Runtime.NODE,
        _NODE / "anthropic_client.mjs",
        ("anthropic", "anthropic-runner"),
    ),
    Script(
        "vercel-ai",
        "Vercel AI SDK (`ai`, @ai-sdk/openai, @ai-sdk/anthropic)",
        Runtime.NODE,
        _NODE / "vercel_ai_client.mjs",
        ("chat", "responses", "anthropic"),
    ),
)

CASES = tuple(case for script in SCRIPTS for case in script.cases)
