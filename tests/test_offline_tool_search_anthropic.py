"""Anthropic's tool search offline (``tool_search_tool_regex_20251119``,
``tool_search_tool_bm25_20251119``, ``defer_loading``, ``tool_reference``), through the
real ``anthropic`` SDK: the blocks emitted, the stream, continuations, the client-side
search, token counts, hostile patterns and the API's 400s."""

from __future__ import annotations

from typing import Any

import anthropic
import pytest
import tool_catalogs as catalogs
from anthropic.types import Message
from anthropic.types.beta import BetaMessage

from fcplayground import offline
from fcplayground.models import ScriptedModel

MODEL = "claude-sonnet-4-5"
WEATHER = "What's the weather forecast for Lisbon this weekend?"
REGEX = {"type": "tool_search_tool_regex_20251119", "name": "tool_search_tool_regex"}
BM25 = {"type": "tool_search_tool_bm25_20251119", "name": "tool_search_tool_bm25"}
CLOCK = {
    "name": catalogs.CLOCK[0],
    "description": catalogs.CLOCK[1],
    "input_schema": catalogs.CLOCK[2],
}


@pytest.fixture(scope="module")
def client() -> anthropic.Anthropic:
    return offline.anthropic_client()


def catalog(search: dict[str, Any] | None = REGEX, deferred: bool = True) -> list[dict[str, Any]]:
    """The search tool, a clock that is never deferred, and 200 deferred tools."""
    return ([search] if search else []) + [CLOCK, *catalogs.anthropic_tools(deferred)]


def create(client: anthropic.Anthropic, text: str | list[dict[str, Any]], **body: Any) -> Message:
    """A message through the SDK, its raw JSON checked against the SDK's own models."""
    messages = [{"role": "user", "content": text}] if isinstance(text, str) else text
    raw = client.messages.with_raw_response.create(
        model=MODEL, max_tokens=512, messages=messages, **body
    )
    data = raw.http_response.json()
    BetaMessage.model_validate(data)
    return Message.model_validate(data)


def kinds(message: Message) -> list[str]:
    return [block.type for block in message.content]


def found(message: Message) -> list[str]:
    result = next(b for b in message.content if b.type == "tool_search_tool_result")
    return [r.tool_name for r in result.content.tool_references]


def refusal(client: anthropic.Anthropic, **body: Any) -> anthropic.BadRequestError:
    body.setdefault("messages", [{"role": "user", "content": WEATHER}])
    with pytest.raises(anthropic.BadRequestError) as caught:
        client.messages.create(model=MODEL, max_tokens=512, **body)
    return caught.value


@pytest.mark.parametrize(
    ("search", "given"),
    [
        (REGEX, {"pattern": "(?i)weather|forecast|lisbon|weekend"}),
        (BM25, {"query": "weather forecast lisbon weekend"}),
        (
            REGEX | {"type": "tool_search_tool_regex"},
            {"pattern": "(?i)weather|forecast|lisbon|weekend"},
        ),
    ],
)
def test_a_deferred_tool_among_200_is_searched_found_and_called(client, search, given):
    message = create(client, WEATHER, tools=catalog(search))
    assert kinds(message) == ["server_tool_use", "tool_search_tool_result", "tool_use"]
    use, result, call = message.content
    assert (use.name, use.input) == (search["name"], given)
    assert use.id.startswith("srvtoolu_") and result.tool_use_id == use.id
    assert found(message)[0] == "weather_get_forecast" and 1 <= len(found(message)) <= 5
    assert (call.name, call.input) == ("weather_get_forecast", {"city": "Lisbon"})
    assert message.stop_reason == "tool_use"
    assert message.usage.server_tool_use.model_dump()["tool_search_requests"] == 1


def test_a_visible_tool_that_fits_is_called_without_a_search(client):
    message = create(client, "What time is it in Tokyo?", tools=catalog())
    assert kinds(message) == ["tool_use"]
    assert message.content[0].name == "get_time"


@pytest.mark.parametrize(
    ("request_text", "tool", "arguments"),
    [
        ("Could you run the sprinklers for 15 minutes?", "water_the_garden", {"minutes": 15}),
        ("Please give Miso 40 grams of food", "feed_the_cat", {"grams": 40}),
        ("I can't find my keys anywhere!", "find_my_keys", {}),
    ],
)
@pytest.mark.parametrize("search", [REGEX, BM25])
def test_tools_in_a_learners_own_words_are_found(client, search, request_text, tool, arguments):
    learner = [
        {"name": n, "description": d, "input_schema": p, "defer_loading": True}
        for n, d, p in catalogs.LEARNER
    ]
    message = create(client, request_text, tools=catalog(search) + learner)
    assert tool in found(message)
    assert (message.content[-1].name, message.content[-1].input) == (tool, arguments)


def test_the_stream_carries_the_blocks_and_the_sdk_helper_accumulates_them(client):
    with client.messages.stream(
        model=MODEL,
        max_tokens=512,
        messages=[{"role": "user", "content": WEATHER}],
        tools=catalog(),
    ) as stream:
        events = list(stream)
        final = stream.get_final_message()
    Message.model_validate(final.model_dump(mode="json"))
    assert kinds(final) == ["server_tool_use", "tool_search_tool_result", "tool_use"]
    assert final.content[0].input == {"pattern": "(?i)weather|forecast|lisbon|weekend"}
    assert found(final)[0] == "weather_get_forecast"
    started = [e.content_block.type for e in events if e.type == "content_block_start"]
    assert started == ["server_tool_use", "tool_search_tool_result", "tool_use"]
    assert final.usage.server_tool_use.model_dump()["tool_search_requests"] == 1


def test_the_conversation_continues_and_loaded_tools_stay_loaded(client):
    first = create(client, WEATHER, tools=catalog())
    history = [
        {"role": "user", "content": WEATHER},
        {"role": "assistant", "content": [b.model_dump(exclude_none=True) for b in first.content]},
        {
            "role": "user",
            "content": [
                {
                    "type": "tool_result",
                    "tool_use_id": first.content[-1].id,
                    "content": "Sunny, 24 C",
                }
            ],
        },
    ]
    answer = create(client, history, tools=catalog())
    assert kinds(answer) == ["text"] and "Sunny, 24 C" in answer.content[0].text
    history += [
        {"role": "assistant", "content": answer.content[0].text},
        {"role": "user", "content": "And the forecast for Rome?"},
    ]
    again = create(client, history, tools=catalog())
    assert kinds(again) == ["tool_use"]  # the reference in the history loads it: no new search
    assert (again.content[0].name, again.content[0].input) == (
        "weather_get_forecast",
        {"city": "Rome"},
    )


def test_deferring_the_tools_cuts_the_input_tokens(client):
    deferred = create(client, WEATHER, tools=catalog())
    loaded = create(client, WEATHER, tools=catalog(search=None, deferred=False))
    assert loaded.content[-1].name == deferred.content[-1].name == "weather_get_forecast"
    assert deferred.usage.input_tokens * 4 < loaded.usage.input_tokens


def test_a_search_tool_of_the_applications_own_returns_tool_references(client):
    finder = {
        "name": "search_tools",
        "description": "Searches our tool catalog and returns the tools that fit.",
        "input_schema": {
            "type": "object",
            "properties": {"query": {"type": "string"}},
            "required": ["query"],
        },
    }
    tools = [finder, *catalogs.anthropic_tools()]
    first = create(client, WEATHER, tools=tools)
    assert kinds(first) == ["tool_use"]
    assert (first.content[0].name, first.content[0].input) == (
        "search_tools",
        {"query": "weather forecast lisbon weekend"},
    )
    references = [{"type": "tool_reference", "tool_name": "weather_get_forecast"}]
    history = [
        {"role": "user", "content": WEATHER},
        {"role": "assistant", "content": [b.model_dump(exclude_none=True) for b in first.content]},
        {
            "role": "user",
            "content": [
                {"type": "tool_result", "tool_use_id": first.content[0].id, "content": references}
            ],
        },
    ]
    second = create(client, history, tools=tools)
    assert (second.content[-1].name, second.content[-1].input) == (
        "weather_get_forecast",
        {"city": "Lisbon"},
    )


def test_the_beta_client_with_the_old_beta_header_gets_the_same_blocks(client):
    message = client.beta.messages.create(
        model=MODEL,
        max_tokens=512,
        messages=[{"role": "user", "content": WEATHER}],
        tools=catalog(),
        betas=["advanced-tool-use-2025-11-20"],
    )
    BetaMessage.model_validate(message.model_dump(mode="json"))
    assert [b.type for b in message.content] == [
        "server_tool_use",
        "tool_search_tool_result",
        "tool_use",
    ]


@pytest.mark.fault(
    "model output",
    "a hostile regex pattern for Anthropic's tool search (nested repeats, too many "
    "wildcards, over 200 characters, malformed, not a string)",
    "a `tool_search_tool_result_error` at once (`invalid_tool_input` or "
    "`execution_time_exceeded`, with a message); the model carries on",
)
@pytest.mark.parametrize(
    ("pattern", "code", "words"),
    [
        ("(a+)+$", "execution_time_exceeded", "(a+)+"),
        ("(a|aa)*b", "execution_time_exceeded", "backtrack"),
        (".*a.*a.*a.*b", "execution_time_exceeded", "steps"),
        ("a" * 201, "invalid_tool_input", "pattern_too_long"),
        ("(weather", "invalid_tool_input", "invalid_pattern"),
        (["weather"], "invalid_tool_input", "non-empty string"),
    ],
)
def test_a_hostile_pattern_returns_at_once_with_the_apis_error(pattern, code, words):
    model = ScriptedModel([("tool_search_tool_regex", {"pattern": pattern}), "I could not search."])
    trap = {
        "name": "trap",
        "description": "a" * 500,
        "input_schema": {"type": "object"},
        "defer_loading": True,
    }
    message = create(offline.anthropic_client(model=model), WEATHER, tools=[*catalog(), trap])
    assert kinds(message) == ["server_tool_use", "tool_search_tool_result", "text"]
    error = message.content[1].content
    assert (error.type, error.error_code) == ("tool_search_tool_result_error", code)
    assert words in error.error_message
    assert message.content[2].text == "I could not search."


def test_a_working_pattern_from_a_scripted_model_finds_by_name_description_and_parameters():
    model = ScriptedModel(
        [("tool_search_tool_regex", {"pattern": "ultraviolet|ski resort|coastal town"}), "done"]
    )
    message = create(offline.anthropic_client(model=model), WEATHER, tools=catalog())
    assert sorted(found(message)) == [
        "weather_get_snow_report",
        "weather_get_tide_times",
        "weather_get_uv_index",
    ]
    assert {"weather_get_uv_index", "weather_get_tide_times"} <= {
        t.name for t in model.requests[1].tools
    }


@pytest.mark.fault(
    "offline requests",
    "Anthropic tool search asked for wrongly (every tool deferred, the search tool deferred, "
    "an unknown search tool version, a wrong name, a `tool_reference` to no tool, "
    "`input_examples` with tool search)",
    "400 in the API's words (the documented ones where the docs give them)",
)
@pytest.mark.parametrize(
    ("tools", "messages", "words"),
    [
        (
            catalogs.anthropic_tools(),
            None,
            "All tools have defer_loading set. At least one tool must be non-deferred.",
        ),
        (
            [REGEX | {"defer_loading": True}, *catalogs.anthropic_tools()],
            None,
            "All tools have defer_loading set.",
        ),
        (
            [REGEX | {"defer_loading": True}, CLOCK, *catalogs.anthropic_tools()],
            None,
            "tools.0.tool_search_tool_regex_20251119.defer_loading: The tool search tool itself must not be deferred",
        ),
        (
            [{"type": "tool_search_tool_regex_20250101", "name": "tool_search_tool_regex"}, CLOCK],
            None,
            "tools.0: Input tag 'tool_search_tool_regex_20250101' found using 'type' does not match any of the expected tags: ",
        ),
        (
            [{"type": "tool_search_tool_bm25_20251119", "name": "bm25"}, CLOCK],
            None,
            "tools.0.tool_search_tool_bm25_20251119.name: Input should be 'tool_search_tool_bm25'",
        ),
        (
            [REGEX, CLOCK | {"input_examples": [{"zone": "UTC"}]}],
            None,
            "Tool use examples are not compatible with the tool search tool",
        ),
        (
            catalog(),
            [
                {"role": "user", "content": WEATHER},
                {
                    "role": "assistant",
                    "content": [
                        {
                            "type": "server_tool_use",
                            "id": "srvtoolu_1",
                            "name": "tool_search_tool_regex",
                            "input": {"pattern": "x"},
                        },
                        {
                            "type": "tool_search_tool_result",
                            "tool_use_id": "srvtoolu_1",
                            "content": {
                                "type": "tool_search_tool_search_result",
                                "tool_references": [
                                    {"type": "tool_reference", "tool_name": "unknown_tool"}
                                ],
                            },
                        },
                    ],
                },
                {"role": "user", "content": "Well?"},
            ],
            "Tool reference 'unknown_tool' has no corresponding tool definition",
        ),
    ],
)
def test_tool_search_asked_for_wrongly_is_refused_with_the_apis_400(client, tools, messages, words):
    body: dict[str, Any] = {"tools": tools}
    if messages:
        body["messages"] = messages
    error = refusal(client, **body)
    assert error.status_code == 400
    assert error.body["error"]["type"] == "invalid_request_error"
    assert words in error.body["error"]["message"]


def test_tool_choice_any_is_met_by_searching_when_no_visible_tool_fits(client):
    message = create(client, WEATHER, tools=catalog(), tool_choice={"type": "any"})
    assert kinds(message) == ["server_tool_use", "tool_search_tool_result", "tool_use"]
    assert message.content[-1].name == "weather_get_forecast"
