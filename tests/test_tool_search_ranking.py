"""The offline tool search's ranking (BM25 and regex), the bound on a regex's work, and
the simulated model's decision to search."""

from __future__ import annotations

import pytest

from fcplayground import SimulatedModel
from fcplayground.chat import Message, NamedTool, Request, ToolCall, ToolResult, ToolSpec
from fcplayground.offline import tool_search, tool_search_regex
from fcplayground.offline.tool_search import ErrorCode, SearchError


def spec(name: str, about: str, **params: str) -> ToolSpec:
    properties = {p: {"type": "string", "description": d} for p, d in params.items()}
    return ToolSpec(name, about, {"type": "object", "properties": properties})


TOOLS = [
    spec("book_hotel", "Books a hotel room.", city="The city to stay in."),
    spec("get_weather", "Returns today's weather.", city="The city."),
    spec("city_guide", "Suggests sights to see."),
    spec("send_email", "Sends an email.", to="Address of the recipient."),
]
ENTRIES = [tool_search.entry(t) for t in TOOLS]


def names(hits: list[tool_search.Hit]) -> list[str]:
    return [h.name for h in hits]


def test_bm25_ranks_a_name_match_above_a_parameter_match():
    ranked = names(tool_search.bm25("city", ENTRIES))
    assert ranked[0] == "city_guide" and sorted(ranked[1:]) == ["book_hotel", "get_weather"]


def test_bm25_reads_inflections_and_keeps_only_tools_that_share_a_word():
    assert names(tool_search.bm25("emails to send", ENTRIES)) == ["send_email"]
    assert tool_search.bm25("juggling", ENTRIES) == []


def test_searches_return_at_most_five_tools_and_ties_keep_the_request_order():
    many = [tool_search.entry(spec(f"tool_{i}", "Returns the weather.")) for i in range(9)]
    assert names(tool_search.bm25("weather", many)) == [f"tool_{i}" for i in range(5)]
    assert names(tool_search.regex("weather", many)) == [f"tool_{i}" for i in range(5)]


def test_regex_is_case_sensitive_unless_the_pattern_says_otherwise():
    assert names(tool_search.regex("Books", ENTRIES)) == ["book_hotel"]
    assert tool_search.regex("BOOKS", ENTRIES) == []
    assert names(tool_search.regex("(?i)BOOKS", ENTRIES)) == ["book_hotel"]


def test_regex_searches_names_descriptions_and_parameter_descriptions():
    assert names(tool_search.regex("recipient", ENTRIES)) == ["send_email"]
    assert names(tool_search.regex("city", ENTRIES)) == ["city_guide", "book_hotel", "get_weather"]


def test_an_empty_query_or_pattern_is_an_input_error():
    for search in (tool_search.bm25, tool_search.regex):
        with pytest.raises(SearchError) as caught:
            search("  ", ENTRIES)
        assert caught.value.code is ErrorCode.INVALID_TOOL_INPUT


@pytest.mark.parametrize("pattern", ["(a+)+", "(a|aa)*", "(?:\\w+\\s?)+$", "((ab)*c)*"])
def test_a_repeat_over_a_repeat_or_alternatives_has_no_bound(pattern):
    with pytest.raises(tool_search_regex.Unbounded):
        tool_search_regex.cost(pattern)


@pytest.mark.parametrize(
    ("pattern", "degree"),
    [("weather|forecast", 0), ("get_.*_data", 1), (".*a.*b", 2), ("(?:a.*){3}", 3), ("x{2,9}", 0)],
)
def test_the_degree_counts_the_wildcards_that_follow_one_another(pattern, degree):
    assert tool_search_regex.cost(pattern).degree == degree


def test_alternatives_in_a_row_multiply_the_ways_to_match():
    assert tool_search_regex.cost("(a|bc)" * 3).ways == 8
    assert tool_search_regex.cost("a|bc|de").ways == 3


def test_more_wildcards_over_longer_text_cost_more_steps():
    one, two = tool_search_regex.cost(".*x"), tool_search_regex.cost(".*x.*y")
    assert tool_search_regex.steps(one, [100]) < tool_search_regex.steps(one, [1000])
    assert tool_search_regex.steps(one, [1000]) * 100 < tool_search_regex.steps(two, [1000])


FINDER = ToolSpec(
    "search_tools",
    "Finds more tools.",
    {"type": "object", "properties": {"query": {"type": "string"}}, "required": ["query"]},
    finds_tools=True,
)
CLOCK = spec("get_time", "Returns the current time in a time zone.", zone="An IANA time zone.")


def test_the_model_calls_a_tool_that_fits_rather_than_searching():
    turn = SimulatedModel().respond(
        Request([Message.user("What time is it in Asia/Tokyo?")], tools=[FINDER, CLOCK])
    )
    assert [c.name for c in turn.tool_calls] == ["get_time"]


def test_the_model_searches_with_the_requests_words_when_nothing_fits():
    turn = SimulatedModel().respond(
        Request([Message.user("Please water the tomatoes")], tools=[FINDER, CLOCK])
    )
    assert turn.tool_calls == [ToolCall("search_tools", {"query": "water tomatoes"})]
    assert "searches for more with search_tools" in turn.explanation.decision


def test_the_model_does_not_search_twice_for_the_same_request():
    call = ToolCall("search_tools", {"query": "water tomatoes"}, "call_1")
    messages = [
        Message.user("Please water the tomatoes"),
        Message.assistant("", [call]),
        Message.tool([ToolResult("call_1", "Found tools: none", name="search_tools")]),
    ]
    turn = SimulatedModel().respond(Request(messages, tools=[FINDER, CLOCK]))
    assert turn.tool_calls == [] and "None of my tools fits" in turn.text


def test_tool_choice_naming_the_finder_makes_the_model_search():
    request = Request(
        [Message.user("What time is it in Asia/Tokyo?")],
        tools=[FINDER, CLOCK],
        tool_choice=NamedTool("search_tools"),
    )
    turn = SimulatedModel().respond(request)
    assert [c.name for c in turn.tool_calls] == ["search_tools"]


def test_a_pattern_parameter_gets_a_regex_of_the_requests_word_stems():
    finder = ToolSpec(
        "tool_search_tool_regex",
        "Searches tools.",
        {"type": "object", "properties": {"pattern": {"type": "string"}}},
        finds_tools=True,
    )
    turn = SimulatedModel().respond(
        Request([Message.user("Any forecasts for Lisbon?")], tools=[finder])
    )
    assert turn.tool_calls[0].arguments == {"pattern": "(?i)forecast|lisbon"}
