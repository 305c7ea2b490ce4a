"""The simulated model keeps the turn it gave for a request's content: the same content
again gets the same turn without deciding again, each caller gets a turn of its own, and
anything that could change the decision is part of what the turn is kept by."""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from typing import Any

from fcplayground import Message, NamedTool, Request, ToolCall, ToolResult, ToolSpec
from fcplayground.models import SimulatedModel
from fcplayground.models.simulated.model import DECISIONS
from fcplayground.models.simulated.relevance import ToolScore

WEATHER = ToolSpec(
    "get_weather",
    "Returns the current weather for a city.",
    {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
)
EMAIL = ToolSpec(
    "send_email",
    "Sends an email to an address with a subject and a body.",
    {
        "type": "object",
        "properties": {"to": {"type": "string"}, "subject": {"type": "string"}},
        "required": ["to", "subject"],
    },
)


def weather(text: str = "Weather in Paris and in Oslo?", **extra: Any) -> Request:
    return Request([Message.user(text)], tools=[WEATHER, EMAIL], **extra)


def test_the_same_request_again_is_answered_with_the_kept_turn():
    model = SimulatedModel()
    first = model.respond(weather())
    again = model.respond(weather())
    assert (model.decisions.misses, model.decisions.hits) == (1, 1)
    assert again == first and again is not first
    assert [c.arguments for c in again.tool_calls] == [{"city": "Paris"}, {"city": "Oslo"}]
    assert str(again.explanation) == str(first.explanation)
    assert str(model.explain()) == str(first.explanation)


def test_what_a_caller_changes_in_its_turn_is_not_handed_to_the_next():
    model = SimulatedModel()
    first = model.respond(weather())
    pristine = str(first.explanation)
    first.id, first.model, first.text = "msg_1", "m", "changed"
    first.tool_calls[0].arguments["city"] = "Lima"
    first.tool_calls[0].id = "toolu_1"
    first.usage.input_tokens = 0
    first.explanation.notes.append("a note of the caller's")
    first.explanation.calls[0].arguments["city"] = "Lima"
    first.explanation.calls[0].evidence["city"].detail = "changed"
    first.explanation.scores.clear()
    again = model.respond(weather())
    assert (again.id, again.model, again.text) == ("", "", "")
    assert [(c.arguments, c.id) for c in again.tool_calls] == [
        ({"city": "Paris"}, ""),
        ({"city": "Oslo"}, ""),
    ]
    assert again.usage.input_tokens > 0
    assert str(again.explanation) == pristine
    assert again == SimulatedModel().respond(weather())


# What each container holds, by exact type (tuples are walked, never changed themselves).
CHILDREN = {dict: dict.values, list: iter, set: iter, tuple: iter}


def containers(value: Any, found: list[Any]) -> list[Any]:
    """Every list, dict, set and record reachable from ``value`` (tool scores left out:
    the model shares them, unchanged, between the turns of one question)."""
    if type(value) is ToolScore:
        return found
    if is_dataclass(value) and not isinstance(value, type):
        found.append(value)
        children: Any = [getattr(value, f.name) for f in fields(value)]
    elif (walk := CHILDREN.get(type(value))) is not None:
        if type(value) is not tuple:
            found.append(value)
        children = walk(value)
    else:
        return found
    for child in children:
        containers(child, found)
    return found


def test_two_turns_of_the_same_request_share_nothing_that_can_change():
    model = SimulatedModel()
    system = "Always confirm with the user before sending an email."
    request = weather("Email jane@example.com about the weather in Paris.", system=system)
    first, again = model.respond(request), model.respond(request)
    assert model.decisions.hits == 1 and first.explanation.rules  # a rule record too
    mine, theirs = containers(first, []), containers(again, [])
    assert len(mine) == len(theirs) > 10
    assert not [a for a in mine if any(a is b for b in theirs)]


def test_whatever_could_change_the_decision_is_decided_afresh():
    model = SimulatedModel()
    model.respond(weather())
    variants = [
        weather("Weather in Paris and in Rome?"),
        weather(system="Only use tools for account questions."),
        weather(tool_choice="none"),
        weather(tool_choice=NamedTool("send_email")),
        weather(parallel_tool_calls=False),
        replace(weather(), tools=[WEATHER]),
        replace(weather(), tools=[replace(WEATHER, description="Returns the tides of a port.")]),
    ]
    answers = [model.respond(v) for v in variants]
    assert (model.decisions.misses, model.decisions.hits) == (1 + len(variants), 0)
    assert [len(a.tool_calls) for a in answers[2:5]] == [0, 1, 1]
    model.threshold = 5.0  # a setting changed after the model was made
    assert not model.respond(weather()).tool_calls
    model.threshold, model.naive = SimulatedModel().threshold, True
    model.respond(weather())
    assert (model.decisions.misses, model.decisions.hits) == (3 + len(variants), 0)


def test_results_that_differ_only_in_type_are_different_requests():
    model = SimulatedModel()
    call = ToolCall("get_weather", {"city": "Paris", "days": 1}, "call_1")
    for days in (1, 1.0, True):
        asked = replace(call, arguments={"city": "Paris", "days": days})
        model.respond(
            Request(
                [
                    Message.user("Weather in Paris?"),
                    Message.assistant(tool_calls=[asked]),
                    Message.tool([ToolResult("call_1", "sunny")]),
                ],
                tools=[WEATHER],
            )
        )
    assert (model.decisions.misses, model.decisions.hits) == (3, 0)


def test_a_request_that_cannot_be_written_out_is_answered_without_being_kept():
    class Odd:
        def __repr__(self) -> str:
            return "Odd()"

    model = SimulatedModel()
    odd = replace(
        weather(), tools=[replace(WEATHER, parameters={**WEATHER.parameters, "x": Odd()})]
    )
    turns = [model.respond(odd) for _ in range(2)]
    assert len(model.decisions) == 0 and turns[0] == turns[1]
    assert turns[0].tool_calls[0].name == "get_weather"


def test_the_kept_turns_are_bounded():
    model = SimulatedModel()
    for n in range(DECISIONS + 10):
        model.respond(weather(f"Weather in city number {n}?"))
    assert len(model.decisions) == DECISIONS == 128


def finder(name: str = "tool_search_tool_bm25", parameter: str = "query") -> ToolSpec:
    """A tool that finds tools, as the offline provider hands a provider's search tool over."""
    properties = {parameter: {"type": "string", "description": "What to search for."}}
    schema = {"type": "object", "properties": properties, "required": [parameter]}
    return ToolSpec(name, "Searches the deferred tools.", schema, finds_tools=True)


def searching(text: str, *finders: ToolSpec) -> Request:
    return Request([Message.user(text)], tools=[WEATHER, *finders])


def test_a_request_that_searches_again_gets_the_kept_search_of_its_own():
    model = SimulatedModel()
    request = searching("Book a table for two at Barrafina tonight.", finder())
    first, again = model.respond(request), model.respond(request)
    assert (model.decisions.misses, model.decisions.hits) == (1, 1)
    assert [c.name for c in again.tool_calls] == ["tool_search_tool_bm25"]
    assert again == first and first.explanation.search is not None
    mine, theirs = containers(first, []), containers(again, [])
    assert first.explanation.search in mine
    assert not [a for a in mine if any(a is b for b in theirs)]


def test_another_search_tool_or_a_search_already_run_is_decided_afresh():
    model = SimulatedModel()
    text = "Book a table for two at Barrafina tonight."
    bm25 = model.respond(searching(text, finder()))
    regex = model.respond(searching(text, finder("tool_search_tool_regex", "pattern")))
    assert (model.decisions.misses, model.decisions.hits) == (2, 0)
    assert list(bm25.tool_calls[0].arguments) == ["query"]
    assert list(regex.tool_calls[0].arguments) == ["pattern"]
    call = ToolCall("tool_search_tool_bm25", bm25.tool_calls[0].arguments, "toolu_1")
    searched = searching(text, finder())
    searched.messages += [
        Message.assistant("", [call]),
        Message.tool([ToolResult("toolu_1", "No tools found.")]),
    ]
    after = model.respond(searched)
    assert model.decisions.misses == 3
    assert not after.tool_calls  # it searched once for this request: no second search
