"""Hostile tool arguments: whatever a model sends, the call gives an error result saying
what was wrong and what to send, the run goes on, and no result outgrows its limit."""

from __future__ import annotations

import datetime
import enum

import pytest

from fcplayground import ModelClient, ScriptedModel, ToolRegistry, wire
from fcplayground.agent import run
from fcplayground.wire import anthropic, openai_legacy
from fcplayground.wire._common import parse_arguments

DEEP = '{"d": ' + "[" * 10_000 + "]" * 10_000 + "}"
LONG_INT = '{"d": {}, "i": ' + "1" * 5_000 + "}"


class Level(enum.Enum):
    LOW = "low"
    HIGH = "high"


def hostile_tools(strict: bool = True, max_result_chars: int | None = 2_000) -> ToolRegistry:
    tools = ToolRegistry(max_result_chars=max_result_chars, strict=strict)

    @tools.tool
    def f(d: dict, i: int = 0, x: float = 0.0, b: bool = False) -> dict:
        """Echo its arguments.

        Args:
            d: Any object.
            i: An integer.
            x: A number.
            b: A flag.
        """
        return {"i": i, "x": x, "b": b}

    @tools.tool
    def tag(names: list[str]) -> int:
        """Count names.

        Args:
            names: The names.
        """
        return len(names)

    @tools.tool
    def book(day: datetime.date, level: Level) -> str:
        """Book a day.

        Args:
            day: The day, as YYYY-MM-DD.
            level: How urgent.
        """
        return f"{day.isoformat()} {level.value}"

    return tools


@pytest.mark.fault(
    "tool arguments",
    "JSON nested 10,000 levels deep",
    "an error result saying the arguments are nested too deeply and to send flatter ones",
)
def test_deeply_nested_arguments_are_an_error_result():
    result = hostile_tools().call("f", DEEP)
    assert result.is_error
    assert "nested too deeply" in result.content and "Send flatter arguments" in result.content


@pytest.mark.fault(
    "tool arguments",
    "an integer of 5,000 digits",
    "an error result saying the integer is too long and to send a shorter number",
)
def test_an_integer_beyond_the_digit_limit_is_an_error_result():
    result = hostile_tools().call("f", LONG_INT)
    assert result.is_error
    assert "more than 4,300 digits" in result.content and "shorter number" in result.content


@pytest.mark.fault(
    "tool arguments",
    "bytes that are not UTF-8",
    "an error result naming the bad byte and asking for UTF-8",
)
def test_arguments_that_are_not_utf8_are_an_error_result():
    result = hostile_tools().call("f", b'{"d": {"k": "\xff"}}')
    assert result.is_error
    assert "not valid UTF-8 (byte 13 is 0xff)" in result.content


@pytest.mark.fault(
    "tool arguments",
    "a lone surrogate (\\ud800), escaped or raw",
    "an error result saying the text is not valid Unicode",
)
@pytest.mark.parametrize("text", ['{"d": {"k": "\\ud800"}}', '{"d": {"\ud800": 1}}'])
def test_a_lone_surrogate_is_an_error_result(text):
    result = hostile_tools().call("f", text)
    assert result.is_error
    assert "lone surrogate (\\ud800)" in result.content and "not valid Unicode" in result.content


@pytest.mark.fault(
    "tool arguments",
    "NaN, Infinity or -Infinity for a number",
    "an error result saying JSON does not allow it and to send a number or null",
)
@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_an_error_result(constant):
    result = hostile_tools().call("f", f'{{"d": {{}}, "x": {constant}}}')
    assert result.is_error
    assert f"contain {constant}, which JSON does not allow" in result.content


@pytest.mark.fault(
    "tool arguments",
    "NaN, Infinity or -Infinity for a number",
    "an error result saying JSON does not allow it and to send a number or null",
)
def test_nan_in_a_dict_of_arguments_is_an_error_result():
    result = hostile_tools().call("f", {"d": {}, "x": float("nan")})
    assert result.is_error and "contain NaN" in result.content


@pytest.mark.fault(
    "tool arguments",
    "a 20 MB string",
    "an error result giving the size and the 1,000,000-character limit",
)
def test_arguments_over_a_megabyte_are_an_error_result():
    ran = []
    tools = ToolRegistry()

    @tools.tool
    def store(text: str) -> int:
        """Store text.

        Args:
            text: The text.
        """
        ran.append(text)
        return len(text)

    result = tools.call("store", '{"text": "' + "x" * 20_000_000 + '"}')
    assert result.is_error and not ran
    assert "20,000,012 characters long, more than the 1,000,000 accepted" in result.content


@pytest.mark.fault(
    "tool arguments",
    "JSON nested 10,000 levels deep",
    "an error result saying the arguments are nested too deeply and to send flatter ones",
)
@pytest.mark.parametrize(
    "text",
    [DEEP, LONG_INT, '{"x": NaN}', '{"k": "\\udfff"}', "[1]"],
    ids=["deep", "long int", "NaN", "lone surrogate", "array"],
)
def test_the_wire_reader_keeps_unreadable_arguments_as_text(text):
    assert parse_arguments(text) == text


@pytest.mark.fault(
    "tool arguments",
    "JSON nested 10,000 levels deep",
    "an error result saying the arguments are nested too deeply and to send flatter ones",
)
def test_a_streamed_anthropic_tool_call_too_deep_to_read_stays_text():
    start = {"type": "message_start", "message": {"role": "assistant", "usage": {}}}
    block = {"type": "tool_use", "id": "toolu_1", "name": "f", "input": {}}
    delta = {"type": "input_json_delta", "partial_json": DEEP}
    stream = wire.sse(
        [
            ("message_start", start),
            (
                "content_block_start",
                {"type": "content_block_start", "index": 0, "content_block": block},
            ),
            ("content_block_delta", {"type": "content_block_delta", "index": 0, "delta": delta}),
        ]
    )
    turn = anthropic.turn_from_stream(b"".join(stream).decode())
    assert turn.tool_calls[0].arguments == DEEP


@pytest.mark.fault(
    "offline requests",
    "a legacy function_call whose arguments nest 10,000 levels deep",
    "a 400 naming messages.[0].function_call.arguments and asking for flatter arguments",
)
def test_a_legacy_function_call_too_deep_to_read_is_a_format_error():
    message = {"role": "assistant", "function_call": {"name": "f", "arguments": DEEP}}
    with pytest.raises(openai_legacy.LegacyFormatError) as caught:
        openai_legacy.modern_messages([message])
    assert caught.value.param == "messages.[0].function_call.arguments"
    assert "nested too deeply: send flatter arguments" in str(caught.value)
    assert len(str(caught.value)) < 1_000  # the 20,000 brackets are not echoed back


@pytest.mark.fault(
    "agent loop",
    "a model sends arguments nested 10,000 levels deep or an integer of 5,000 digits",
    "the model gets an error result to correct and the run goes on to its answer",
)
@pytest.mark.parametrize("api", ["chat", "responses"])  # Anthropic's input is an object
@pytest.mark.parametrize("text", [DEEP, LONG_INT], ids=["deep", "long int"])
def test_a_run_goes_on_after_unreadable_arguments(api, text):
    model = ScriptedModel([("f", text), "Sorry, I could not read that."])
    trace = run(ModelClient.offline(model, provider="openai", api=api), hostile_tools(), "Go")
    assert trace.stop_reason == "answered", trace.error
    (tool_run,) = trace.tool_runs
    assert tool_run.result.is_error and "The arguments for f" in tool_run.result.content


# --- Error results obey max_result_chars ---------------------------------------------


@pytest.mark.fault(
    "tool arguments",
    "5,000 integers for a list of strings",
    "an error result listing the first 20 problems and how many more, within max_result_chars",
)
def test_a_validation_error_lists_the_first_problems_and_obeys_the_limit():
    result = hostile_tools(max_result_chars=5_000).call("tag", {"names": list(range(5_000))})
    assert result.is_error
    assert len(result.content) <= 5_000
    assert result.content.startswith("The arguments for tag are invalid:\n- argument 'names[0]'")
    assert "- and 4,980 more problems like these" in result.content
    assert result.content.endswith("Call it again with corrected arguments.")


@pytest.mark.fault(
    "tool execution",
    "a tool raises an exception with a 10 MB message",
    "an error result cut at max_result_chars, keeping its start, with the truncation marker",
)
def test_a_huge_exception_message_is_cut_like_a_result():
    tools = ToolRegistry(max_result_chars=1_000)

    @tools.tool
    def boom() -> str:
        """Fail loudly."""
        raise RuntimeError("y" * 10_000_000)

    result = tools.call("boom")
    assert result.is_error
    assert result.content.startswith("boom failed: RuntimeError: yyy")
    assert len(result.content) < 1_200
    assert "[truncated: 10000027 characters, showing the first 1000." in result.content


# --- Strict by default, lax on request -----------------------------------------------

REFUSED = [
    ("i", True),
    ("i", "3"),
    ("i", 1.5),
    ("i", 3.0),
    ("x", "nan"),
    ("x", "inf"),
    ("x", True),
    ("b", "yes"),
    ("b", 1),
    ("b", "true"),
]


@pytest.mark.fault(
    "tool arguments",
    'true or 1.5 for an integer, "nan" for a number, "yes" for a flag',
    "strict by default: an error result naming the argument and the type it should be",
)
@pytest.mark.parametrize(("key", "value"), REFUSED)
def test_strict_arguments_take_numbers_and_flags_only_as_their_json_type(key, value):
    result = hostile_tools().call("f", {"d": {}, key: value})
    assert result.is_error
    assert f"argument '{key}' should be" in result.content


def test_strict_arguments_accept_an_integer_for_a_number_and_dates_and_enums_as_text():
    tools = hostile_tools()
    assert tools.call("f", '{"d": {}, "i": 3, "x": 2, "b": false}').content == (
        '{"i": 3, "x": 2.0, "b": false}'
    )
    assert tools.call("book", {"day": "2026-03-01", "level": "low"}).content == "2026-03-01 low"


def test_lax_arguments_convert_text_and_flags_as_pydantic_does():
    tools = hostile_tools(strict=False)
    result = tools.call("f", {"d": {}, "i": "3", "x": "2.5", "b": "yes"})
    assert result.content == '{"i": 3, "x": 2.5, "b": true}'
    assert tools.copy().strict is False


@pytest.mark.fault(
    "offline requests",
    "a request whose history holds tool-call arguments 10,000 levels deep or of 5,000 digits",
    "the request is read (the arguments kept as text) and answered, not a 500",
)
@pytest.mark.parametrize("text", [DEEP, LONG_INT], ids=["deep", "long int"])
def test_a_request_with_unreadable_arguments_in_its_history_is_read(text):
    chat = {
        "model": "m",
        "messages": [
            {"role": "user", "content": "Go"},
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {"id": "c1", "type": "function", "function": {"name": "f", "arguments": text}}
                ],
            },
        ],
    }
    responses = {
        "model": "m",
        "input": [{"type": "function_call", "call_id": "c1", "name": "f", "arguments": text}],
    }
    for api, body in (("chat", chat), ("responses", responses)):
        request = wire.FORMATS[api].request_from_wire(body)
        (call,) = [c for m in request.messages for c in m.tool_calls]
        assert call.arguments == text
