"""``input_examples`` offline, through the real SDKs: the Messages API takes them (with or
without the old beta header) and refuses examples that do not fit the ``input_schema``, or
that a server tool carries, in its own error shape; OpenAI's APIs have no such field and
refuse it by name."""

from __future__ import annotations

import anthropic
import openai
import pytest
from flights import FLIGHTS, flight_tools

from fcplayground import offline

SCHEMA = {
    "type": "object",
    "properties": {
        "flight": {"type": "string", "description": "The flight."},
        "date": {"type": "string", "description": "The day it leaves."},
    },
    "required": ["flight"],
}
ASK = [{"role": "user", "content": "Where is flight LH 454 now?"}]


def tool(**fields: object) -> dict:
    return {
        "name": "track_flight",
        "description": "Where a flight is now.",
        "input_schema": SCHEMA,
    } | fields


def messages(tools: list[dict], client: anthropic.Anthropic | None = None):
    client = client or offline.anthropic_client()
    return client.messages.create(model="claude-x", max_tokens=200, messages=ASK, tools=tools)


def bad_request(tools: list[dict]) -> str:
    """The message of the 400 the request gets, checked for Anthropic's error shape."""
    with pytest.raises(anthropic.BadRequestError) as caught:
        messages(tools)
    assert caught.value.status_code == 400
    assert caught.value.body["type"] == "error"
    assert caught.value.body["error"]["type"] == "invalid_request_error"
    return caught.value.body["error"]["message"]


def test_the_messages_api_takes_input_examples_on_a_custom_tool():
    reply = messages([tool(input_examples=FLIGHTS)])
    assert reply.stop_reason == "tool_use"
    assert reply.content[-1].input["flight"] == "LH 454"


def test_the_old_beta_header_is_still_taken():
    client = offline.anthropic_client()
    reply = client.beta.messages.create(
        model="claude-x",
        max_tokens=200,
        messages=ASK,
        tools=[tool(input_examples=FLIGHTS)],
        betas=["advanced-tool-use-2025-11-20"],
    )
    assert reply.stop_reason == "tool_use"


@pytest.mark.fault(
    "offline requests",
    "an `input_examples` entry that does not fit its tool's `input_schema`",
    "Anthropic's 400 naming the tool, the example and the argument",
)
def test_an_example_of_the_wrong_type_is_a_400_naming_the_tool_the_example_and_the_field():
    message = bad_request([tool(input_examples=[FLIGHTS[0], {"flight": 454}])])
    assert message.startswith("tools.0.custom.input_examples.1: ")
    assert "'flight'" in message and "string" in message


def test_an_example_missing_a_required_field_is_a_400():
    message = bad_request([tool(input_examples=[{"date": "2026-03-14"}])])
    assert "input_examples.0" in message and "missing required argument 'flight'" in message


def test_input_examples_that_are_not_a_list_of_objects_are_a_400_in_pydantic_words():
    message = bad_request([tool(input_examples={"flight": "LH 454"})])
    assert message == "tools.0.custom.input_examples: Input should be a valid list"
    message = bad_request([tool(input_examples=["LH 454"])])
    assert message == "tools.0.custom.input_examples.0: Input should be a valid dictionary"


def test_a_server_tool_takes_no_input_examples():
    search = {"type": "web_search_20250305", "name": "web_search", "input_examples": [{}]}
    message = bad_request([tool(), search])
    assert message == "tools.1.web_search_20250305.input_examples: Extra inputs are not permitted"


@pytest.mark.fault(
    "offline requests",
    "Anthropic's `input_examples` in an OpenAI tool definition",
    "OpenAI's 400 `unknown_parameter`, naming `tools[0].function.input_examples`",
)
def test_openai_chat_completions_refuses_input_examples_by_name():
    client = offline.openai_client()
    function = {"name": "track_flight", "parameters": SCHEMA, "input_examples": FLIGHTS}
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(
            model="gpt-x", messages=ASK, tools=[{"type": "function", "function": function}]
        )
    assert caught.value.code == "unknown_parameter"
    assert caught.value.param == "tools[0].function.input_examples"


def test_openai_responses_refuses_input_examples_by_name():
    client = offline.openai_client()
    function = {"type": "function", "name": "track_flight", "parameters": SCHEMA}
    with pytest.raises(openai.BadRequestError) as caught:
        client.responses.create(
            model="gpt-x", input="Where is LH 454?", tools=[function | {"input_examples": FLIGHTS}]
        )
    assert caught.value.param == "tools[0].input_examples"


def test_a_registry_export_passes_both_apis_offline():
    tools = flight_tools()
    assert messages(tools.to_anthropic()).stop_reason == "tool_use"
    assert messages(tools.to_anthropic(strict=True)).stop_reason == "tool_use"
    chat = offline.openai_client().chat.completions.create(
        model="gpt-x", messages=ASK, tools=tools.to_openai()
    )
    assert chat.choices[0].message.tool_calls[0].function.name == "track_flight"


def test_the_sdks_own_tool_runner_sends_input_examples_and_the_model_reads_them():
    from anthropic import beta_tool

    @beta_tool(input_examples=[{"flight": "LH 454"}, {"flight": "BA 2490"}])
    def track_flight(flight: str) -> str:
        """Where a flight is now.

        Args:
            flight: The flight.
        """
        return f"{flight} is on time"

    runner = offline.anthropic_client().beta.messages.tool_runner(
        model="claude-x",
        max_tokens=300,
        tools=[track_flight],
        messages=[{"role": "user", "content": "where is lh454 now?"}],
    )
    calls = [b.input for message in runner for b in message.content if b.type == "tool_use"]
    assert calls == [{"flight": "LH 454"}]
