"""The Messages API as the real one answers it: the tool_result rules, same-role merging,
the usage in ``message_delta``, and ``GET /v1/models`` in Anthropic's shape."""

from __future__ import annotations

from typing import Any

import anthropic
import openai
import pytest
from anthropic.types import MessageDeltaUsage, ModelInfo

from fcplayground import ScriptedModel, offline
from fcplayground.chat import ModelTurn
from fcplayground.offline.server import Server
from fcplayground.settings import model_for

WEATHER = {
    "name": "get_weather",
    "description": "Get the current weather for a city.",
    "input_schema": {
        "type": "object",
        "properties": {"city": {"type": "string"}},
        "required": ["city"],
    },
}
ASK = {"role": "user", "content": "Weather in Paris?"}
CALL = {
    "role": "assistant",
    "content": [{"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {}}],
}
RESULT = {"type": "tool_result", "tool_use_id": "toolu_1", "content": "sunny"}


def send(messages: list[dict[str, Any]], **extra: Any) -> anthropic.types.Message:
    client = offline.anthropic_client(max_retries=0)
    return client.messages.create(model="m", max_tokens=100, messages=messages, **extra)


def refusal(messages: list[dict[str, Any]], **extra: Any) -> str:
    with pytest.raises(anthropic.BadRequestError) as caught:
        send(messages, **extra)
    assert caught.value.body["error"]["type"] == "invalid_request_error"
    return caught.value.body["error"]["message"]


def test_tool_blocks_without_tools_are_refused_in_the_providers_words():
    message = refusal([ASK, CALL, {"role": "user", "content": [RESULT]}])
    assert message == "Requests which include `tool_use` or `tool_result` blocks must define tools."


def test_tool_blocks_with_an_empty_tools_list_are_refused_too():
    message = refusal([ASK, CALL, {"role": "user", "content": [RESULT]}], tools=[])
    assert "must define tools" in message


def test_text_before_the_tool_results_is_refused():
    text_first = {"role": "user", "content": [{"type": "text", "text": "here:"}, RESULT]}
    message = refusal([ASK, CALL, text_first], tools=[WEATHER])
    assert message == (
        "messages.2: Did not find 1 `tool_result` block(s) at the beginning of this message. "
        "Messages following `tool_use` blocks must begin with a matching number of "
        "`tool_result` blocks."
    )


def test_text_after_the_tool_results_is_fine():
    after = {"role": "user", "content": [RESULT, {"type": "text", "text": "thanks"}]}
    assert send([ASK, CALL, after], tools=[WEATHER]).stop_reason == "end_turn"


def test_two_user_messages_in_a_row_are_merged_not_refused():
    script = ScriptedModel([ModelTurn(text="ok")])
    client = offline.anthropic_client(model=script, max_retries=0)
    messages = [ASK, {"role": "user", "content": "And in Oslo?"}]
    reply = client.messages.create(model="m", max_tokens=100, messages=messages)
    assert reply.content[0].text == "ok"
    assert [m.content for m in script.requests[0].messages] == ["Weather in Paris?", "And in Oslo?"]


def test_tool_results_split_over_two_user_messages_answer_their_calls():
    two_calls = {
        "role": "assistant",
        "content": [
            CALL["content"][0],
            {"type": "tool_use", "id": "toolu_2", "name": "get_weather", "input": {}},
        ],
    }
    second = {"type": "tool_result", "tool_use_id": "toolu_2", "content": "rainy"}
    script = ScriptedModel([ModelTurn(text="ok")])
    client = offline.anthropic_client(model=script, max_retries=0)
    messages = [
        ASK,
        two_calls,
        {"role": "user", "content": [RESULT]},
        {"role": "user", "content": [second]},
    ]
    client.messages.create(model="m", max_tokens=100, messages=messages, tools=[WEATHER])
    results = script.requests[0].messages[-1].tool_results
    assert [(r.call_id, r.content) for r in results] == [("toolu_1", "sunny"), ("toolu_2", "rainy")]


def test_two_assistant_messages_in_a_row_are_one_turn():
    # Merged, the results answer the call that is no longer "the previous message".
    split = [CALL, {"role": "assistant", "content": "Let me check."}]
    reply = send([ASK, *split, {"role": "user", "content": [RESULT]}], tools=[WEATHER])
    assert reply.stop_reason == "end_turn"


def test_message_delta_usage_carries_every_count_the_real_one_does():
    client = offline.anthropic_client(max_retries=0)
    with client.messages.stream(
        model="m", max_tokens=100, messages=[ASK], tools=[WEATHER]
    ) as stream:
        deltas = [event for event in stream if event.type == "message_delta"]
        final = stream.get_final_message()
    raw = deltas[0].usage.model_dump(exclude_unset=True)
    assert raw.keys() >= {
        "input_tokens",
        "output_tokens",
        "cache_creation_input_tokens",
        "cache_read_input_tokens",
    }
    usage = MessageDeltaUsage.model_validate(raw)
    assert usage.input_tokens == final.usage.input_tokens > 0
    assert usage.output_tokens == final.usage.output_tokens > 0


def check_anthropic_models(client: anthropic.Anthropic) -> None:
    models = list(client.models.list())
    assert [m.id for m in models] == [model_for("anthropic")]
    for model in models:
        ModelInfo.model_validate(model.model_dump())
        assert model.type == "model" and model.display_name


def test_anthropic_clients_get_anthropics_model_list_in_process():
    check_anthropic_models(offline.anthropic_client(max_retries=0))


@pytest.fixture(scope="module")
def server():
    with Server() as running:
        yield running


def test_anthropic_clients_get_anthropics_model_list_over_http(server):
    check_anthropic_models(
        anthropic.Anthropic(api_key="any", base_url=server.anthropic_base_url, max_retries=0)
    )


def test_openai_clients_still_get_openais_model_list(server):
    client = openai.OpenAI(api_key="any", base_url=server.openai_base_url, max_retries=0)
    models = list(client.models.list())
    assert model_for("openai") in [m.id for m in models]
    assert all(m.object == "model" for m in models)
    in_process = offline.openai_client(max_retries=0)
    assert model_for("openai") in [m.id for m in in_process.models.list()]


def test_any_model_id_is_retrieved_in_each_providers_shape(server):
    claude = anthropic.Anthropic(api_key="any", base_url=server.anthropic_base_url, max_retries=0)
    for client in (claude, offline.anthropic_client(max_retries=0)):
        info = client.models.retrieve("claude-opus-4-5")
        assert info.id == "claude-opus-4-5" and info.type == "model"
    gpt = openai.OpenAI(api_key="any", base_url=server.openai_base_url, max_retries=0)
    for client in (gpt, offline.openai_client(max_retries=0)):
        model = client.models.retrieve("gpt-5.4")
        assert model.id == "gpt-5.4" and model.object == "model"
