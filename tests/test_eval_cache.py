"""The eval answer cache: keyed on the whole request, and never crashed by a bad entry."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

from fcplayground import ModelTurn, Request
from fcplayground.chat import Message, ToolCall, ToolResult
from fcplayground.cli import main
from fcplayground.evals import Case, evaluate
from fcplayground.evals.cache import CacheWarning, cache_key
from fcplayground.tools import ToolRegistry


def weather_tools() -> ToolRegistry:
    tools = ToolRegistry()

    @tools.tool
    def get_weather(city: str) -> dict:
        """Gets the current weather in a city.

        Args:
            city: The city name, e.g. Paris.
        """
        return {}

    return tools


TOOLS = weather_tools()


def after_a_call(city: str, sky: str = "Sunny") -> Case:
    """A multi-turn case: the same question, one call made, and its result for ``city``."""
    call = ToolCall("get_weather", {"city": city}, id="call_1")
    result = ToolResult("call_1", json.dumps({"city": city, "sky": sky}), name="get_weather")
    messages = [
        Message.user("What is the weather there?"),
        Message.assistant(tool_calls=[call]),
        Message.tool([result]),
    ]
    return Case(id=city.lower(), category="multi_turn", messages=messages, tools=TOOLS.specs())


class ReadsTheResult:
    """A local model that answers from the latest tool result, and counts what it is asked."""

    name = "reads-the-result"

    def __init__(self) -> None:
        self.asked = 0

    def respond(self, request: Request) -> ModelTurn:
        self.asked += 1
        result = json.loads(request.messages[-1].tool_results[0].content)
        return ModelTurn(text=f"{result['sky']} in {result['city']}.")


@pytest.mark.fault(
    "evaluation",
    "two multi-turn cases that differ only in a tool result",
    "each gets its own answer: the cache key covers tool calls, results, tools, tool_choice, model and system",
)
def test_cases_differing_only_in_a_tool_result_get_their_own_answers(tmp_path):
    paris, rome = after_a_call("Paris"), after_a_call("Rome")
    model = ReadsTheResult()
    run = evaluate([paris, rome], model=model, cache=tmp_path)
    assert [r.text for r in run.results] == ["Sunny in Paris.", "Sunny in Rome."]
    again = evaluate([paris, rome], model=model, cache=tmp_path)
    assert [r.text for r in again.results] == ["Sunny in Paris.", "Sunny in Rome."]
    assert model.asked == 2 and all(r.cached for r in again.results)


def test_the_cache_key_changes_with_each_part_of_the_request():
    base = after_a_call("Paris")
    other_call = after_a_call("Paris")
    other_call.messages[1].tool_calls[0].arguments = {"city": "Lyon"}
    other_id = after_a_call("Paris")
    other_id.messages[2].tool_results[0].call_id = "call_2"
    failed = after_a_call("Paris")
    failed.messages[2].tool_results[0].is_error = True
    with_system = Case(**{**base.__dict__, "system": "Answer in French."})
    no_tools = Case(**{**base.__dict__, "tools": []})
    keys = {cache_key("m", c) for c in (base, other_call, other_id, failed, with_system, no_tools)}
    assert len(keys) == 6
    assert cache_key("other model", base) != cache_key("m", base)
    timed = after_a_call("Paris")
    timed.messages[2].tool_results[0].duration = 3.5  # how long the tool ran is not sent
    assert cache_key("m", timed) == cache_key("m", base)


@pytest.mark.fault(
    "evaluation",
    "a corrupted answer cache entry ({ in <key>.json)",
    "a warning naming the entry; the case is asked again and the entry rewritten",
)
def test_a_corrupted_cache_entry_is_ignored_with_a_warning_and_rewritten(tmp_path):
    case, model = after_a_call("Rome", "Rainy"), ReadsTheResult()
    evaluate([case], model=model, cache=tmp_path)
    (entry,) = tmp_path.glob("*.json")
    for broken in ("{", '{"calls": 5, "text": "x"}', '{"text": ["x"], "calls": []}', "\xff"):
        entry.write_text(broken)
        with pytest.warns(CacheWarning, match=f"{entry.name}.*asked again"):
            run = evaluate([case], model=model, cache=tmp_path)
        assert run.results[0].text == "Rainy in Rome." and not run.results[0].cached
        assert json.loads(entry.read_text())["text"] == "Rainy in Rome."  # rewritten
    assert model.asked == 5


@pytest.mark.fault(
    "evaluation",
    "a corrupted answer cache entry ({ in <key>.json)",
    "a warning naming the entry; the case is asked again and the entry rewritten",
)
def test_fcplayground_eval_survives_corrupted_cache_entries(tmp_path: Path, capsys):
    args = ["eval", "--suite", "travel", "--limit", "2", "--json", "--cache", str(tmp_path)]
    assert main(args) == 0
    first = json.loads(capsys.readouterr().out)
    entries = sorted(tmp_path.glob("*.json"))
    assert entries
    for entry in entries:
        entry.write_text("{")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert main(args) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["accuracy"] == first["accuracy"]
    assert len([w for w in caught if issubclass(w.category, CacheWarning)]) == len(entries)
    assert all(json.loads(e.read_text())["calls"] is not None for e in entries)
