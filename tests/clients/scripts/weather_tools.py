"""The two tools, the question and the report that every client script shares.

Each script runs in its framework's own venv (never the project's), so this module uses the
standard library only. A script calls :func:`run_cases` with one function per case; each
case returns the final text, the tools record their own calls, and one JSON object is
printed for the test to read: ``{"client", "version", "cases": {key: {calls, text} | {error}}}``.
"""

from __future__ import annotations

import json
import sys
import traceback
from collections.abc import Callable
from importlib.metadata import version
from typing import Literal

QUESTION = "What is the weather in Paris right now, and what is that temperature in Fahrenheit?"
SYSTEM = "You are a helpful assistant. Use the tools to answer."
MAX_TOKENS = 1024
# The project's default model names (fcplayground.settings.model_for).
OPENAI_MODEL = "gpt-5.4-mini"
ANTHROPIC_MODEL = "claude-haiku-4-5"

WEATHER_DESCRIPTION = (
    "Get the current weather for a city: temperature in degrees Celsius and conditions."
)
CONVERT_DESCRIPTION = "Convert a temperature in degrees Celsius to Fahrenheit or Kelvin."
CITY_DESCRIPTION = "City name, e.g. Paris"
CELSIUS_DESCRIPTION = "Temperature in degrees Celsius"
TO_DESCRIPTION = "Target unit"

# Every call any tool gets, in order; run_cases clears it before each case.
CALLS: list[dict[str, object]] = []


def get_weather(city: str) -> str:
    """Get the current weather for a city: temperature in degrees Celsius and conditions.

    Args:
        city: City name, e.g. Paris
    """
    CALLS.append({"name": "get_weather", "arguments": {"city": city}})
    return json.dumps({"city": city, "celsius": 18, "conditions": "sunny"})


def convert_temperature(celsius: float, to: Literal["fahrenheit", "kelvin"]) -> str:
    """Convert a temperature in degrees Celsius to Fahrenheit or Kelvin.

    Args:
        celsius: Temperature in degrees Celsius
        to: Target unit
    """
    CALLS.append({"name": "convert_temperature", "arguments": {"celsius": celsius, "to": to}})
    value = celsius * 9 / 5 + 32 if to == "fahrenheit" else celsius + 273.15
    return json.dumps({"value": round(value, 2), "unit": to})


TOOLS: dict[str, Callable[..., str]] = {
    "get_weather": get_weather,
    "convert_temperature": convert_temperature,
}

# JSON Schemas of the two tools' parameters, for clients that take raw schemas.
WEATHER_SCHEMA = {
    "type": "object",
    "properties": {"city": {"type": "string", "description": CITY_DESCRIPTION}},
    "required": ["city"],
}
CONVERT_SCHEMA = {
    "type": "object",
    "properties": {
        "celsius": {"type": "number", "description": CELSIUS_DESCRIPTION},
        "to": {"type": "string", "enum": ["fahrenheit", "kelvin"], "description": TO_DESCRIPTION},
    },
    "required": ["celsius", "to"],
}


def call_tool(name: str, arguments: str | dict[str, object]) -> str:
    """Run one tool by name with JSON (or already decoded) arguments."""
    args = json.loads(arguments) if isinstance(arguments, str) else arguments
    return TOOLS[name](**args)


def openai_chat_tools() -> list[dict[str, object]]:
    """The two tools in Chat Completions' shape."""
    return [
        {"type": "function", "function": {"name": n, "description": d, "parameters": s}}
        for n, d, s in _specs()
    ]


def openai_responses_tools() -> list[dict[str, object]]:
    """The two tools in the Responses API's shape."""
    return [
        {"type": "function", "name": n, "description": d, "parameters": s, "strict": False}
        for n, d, s in _specs()
    ]


def anthropic_tools() -> list[dict[str, object]]:
    """The two tools in the Messages API's shape."""
    return [{"name": n, "description": d, "input_schema": s} for n, d, s in _specs()]


def _specs() -> list[tuple[str, str, dict[str, object]]]:
    return [
        ("get_weather", WEATHER_DESCRIPTION, WEATHER_SCHEMA),
        ("convert_temperature", CONVERT_DESCRIPTION, CONVERT_SCHEMA),
    ]


def run_cases(client: str, package: str, cases: dict[str, Callable[[], str]]) -> None:
    """Run every case, each isolated from the others' failures, and print the report."""
    report: dict[str, object] = {"client": client, "version": version(package), "cases": {}}
    results: dict[str, object] = report["cases"]  # type: ignore[assignment]
    for key, case in cases.items():
        CALLS.clear()
        try:
            text = case()
            results[key] = {"calls": list(CALLS), "text": str(text)}
        except Exception as error:  # the test shows it; the next case still runs
            results[key] = {"calls": list(CALLS), "error": _describe(error)}
    json.dump(report, sys.stdout)
    sys.stdout.write("\n")


def _describe(error: BaseException) -> str:
    """The error, the errors it was raised from (runners often hide the cause), and where."""
    chain = [repr(error)]
    cause = error.__cause__ or error.__context__
    while cause is not None and len(chain) < 4:
        chain.append(f"caused by {cause!r}")
        cause = cause.__cause__ or cause.__context__
    where = traceback.format_exception(error)[-2].strip().splitlines()[0]
    return "; ".join(chain) + f" ({where})"


def base_urls(argv: list[str]) -> tuple[str, str]:
    """(OpenAI base URL, Anthropic base URL) from the server URL given as argv[1]."""
    root = argv[1].rstrip("/")
    return f"{root}/v1", root
