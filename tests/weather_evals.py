"""What the evaluation-harness tests share: two weather tools, three cases asked of them (one
call, two calls, no call), and a local model that answers each request with fixed calls."""

from __future__ import annotations

from fcplayground import ModelTurn, Request
from fcplayground.chat import ToolCall
from fcplayground.evals import Case, expect
from fcplayground.tools import ToolRegistry


def weather_tools() -> ToolRegistry:
    """A new registry with get_weather and get_time."""
    tools = ToolRegistry()

    @tools.tool
    def get_weather(city: str, unit: str = "celsius") -> dict:
        """Gets the current weather in a city.

        Args:
            city: The city name, e.g. Paris.
            unit: celsius or fahrenheit.
        """
        return {}

    @tools.tool
    def get_time(city: str) -> str:
        """Gets the local time in a city.

        Args:
            city: The city name, e.g. Tokyo.
        """
        return ""

    return tools


TOOLS = weather_tools()


PARIS = Case.ask("Weather in Paris?", TOOLS, expect("get_weather", city="Paris"), id="paris")


TWO = Case.ask(
    "Weather in Rome and the time in Oslo?",
    TOOLS,
    expect("get_weather", city="Rome"),
    expect("get_time", city="Oslo"),
    id="two",
)


JOKE = Case.ask("Tell me a joke", TOOLS, id="joke")


class Answers:
    """A local model that answers each request text with fixed calls, and counts asks."""

    name = "answers"

    def __init__(self, calls: dict[str, list[ToolCall]]) -> None:
        self.calls = calls
        self.asked: list[str] = []

    def respond(self, request: Request) -> ModelTurn:
        text = request.messages[-1].content
        self.asked.append(text)
        return ModelTurn(tool_calls=list(self.calls.get(text, [])))


def right_answers() -> Answers:
    """A model that answers PARIS and TWO rightly (and JOKE with no call)."""
    return Answers(
        {
            "Weather in Paris?": [ToolCall("get_weather", {"city": "paris"})],
            "Weather in Rome and the time in Oslo?": [
                ToolCall("get_time", {"city": "Oslo"}),
                ToolCall("get_weather", {"city": "Rome"}),
            ],
        }
    )
