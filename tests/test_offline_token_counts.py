"""Counting a request's tokens before sending it, offline: Anthropic's
``messages.count_tokens`` and OpenAI's ``responses.input_tokens.count`` answer with the
count the same request's ``usage`` reports, so a learner can see what tools cost before
paying for them; a body the API would refuse is refused the same way."""

from __future__ import annotations

import anthropic
import openai
import pytest

from fcplayground import offline
from fcplayground.scenarios import SupportDesk

CLAUDE, GPT = "claude-haiku-4-5", "gpt-5.4-mini"
ASK = [{"role": "user", "content": "Where is my order ORD-1042?"}]


def desk_tools() -> tuple[list[dict], list[dict]]:
    tools = SupportDesk().tools
    return tools.to_anthropic(), tools.to_openai(api="responses")


def test_messages_count_tokens_is_what_the_same_request_uses():
    client = offline.anthropic_client()
    tools, _ = desk_tools()
    counted = client.messages.count_tokens(model=CLAUDE, messages=ASK, tools=tools)
    used = client.messages.create(model=CLAUDE, max_tokens=300, messages=ASK, tools=tools)
    assert counted.input_tokens == used.usage.input_tokens


def test_tools_are_counted_so_more_tools_cost_more_tokens():
    client = offline.anthropic_client()
    tools, _ = desk_tools()
    bare = client.messages.count_tokens(model=CLAUDE, messages=ASK).input_tokens
    one = client.messages.count_tokens(model=CLAUDE, messages=ASK, tools=tools[:1]).input_tokens
    every = client.messages.count_tokens(model=CLAUDE, messages=ASK, tools=tools).input_tokens
    assert bare < one < every


def test_responses_input_tokens_count_is_what_the_same_request_uses():
    client = offline.openai_client()
    _, tools = desk_tools()
    text = ASK[0]["content"]
    counted = client.responses.input_tokens.count(model=GPT, input=text, tools=tools)
    used = client.responses.create(model=GPT, input=text, tools=tools)
    assert counted.object == "response.input_tokens"
    assert counted.input_tokens == used.usage.input_tokens


def test_a_count_after_a_stored_response_includes_its_history():
    client = offline.openai_client()
    first = client.responses.create(model=GPT, input="Hello there, I have a question.")
    alone = client.responses.input_tokens.count(model=GPT, input="And another one.")
    after = client.responses.input_tokens.count(
        model=GPT, input="And another one.", previous_response_id=first.id
    )
    assert after.input_tokens > alone.input_tokens


def test_count_tokens_refuses_what_the_api_refuses():
    client = offline.anthropic_client()
    with pytest.raises(anthropic.BadRequestError) as refused:
        client.messages.count_tokens(model=CLAUDE, messages=[{"role": "robot", "content": "hi"}])
    assert "messages.0.role" in refused.value.body["error"]["message"]
    with pytest.raises(anthropic.BadRequestError) as refused:
        client.messages.count_tokens(model=CLAUDE, messages=ASK, extra_body={"max_tokens": 10})
    assert refused.value.body["error"]["message"] == "max_tokens: Extra inputs are not permitted"


def test_input_tokens_refuses_an_unknown_previous_response():
    client = offline.openai_client()
    with pytest.raises(openai.BadRequestError) as refused:
        client.responses.input_tokens.count(
            model=GPT, input="hi", previous_response_id="resp_unknown"
        )
    assert "resp_unknown" in str(refused.value)
