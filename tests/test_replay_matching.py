"""How ReplayModel matches requests to its recordings: a cell run twice replays them again in
order, key order does not matter but content does, an unmatched request gets a 404
naming the closest recording and the difference; neutral requests and a whole agent run
replay too."""

from __future__ import annotations

import json

import anthropic
import openai
import pytest
from weather_requests import ASK, CHAT, MESSAGES, RESPONSES, WEATHER_CHAT

import fcplayground
from fcplayground import ModelClient, ReplayModel, ScriptedModel, offline
from fcplayground.agent import run
from fcplayground.chat import Message, Request, ToolSpec
from fcplayground.models import FaultyModel
from fcplayground.scenarios import SupportDesk


def test_a_cell_run_twice_replays_its_recordings_again_in_order(tmp_path):
    path = tmp_path / "twice.json"
    with fcplayground.record(path):
        client = offline.openai_client(model=ScriptedModel(["one", "two"]))
        client.chat.completions.create(**CHAT)
        client.chat.completions.create(**CHAT)
    client = offline.openai_client(model=ReplayModel(path))
    answers = [client.chat.completions.create(**CHAT).choices[0].message.content for _ in range(4)]
    assert answers == ["one", "two", "one", "two"]


def test_key_order_does_not_matter_but_content_does(tmp_path):
    path = tmp_path / "order.json"
    with fcplayground.record(path):
        offline.openai_client().chat.completions.create(**CHAT)
    model = ReplayModel(path)
    reordered = json.dumps(dict(reversed(list(CHAT.items())))).encode()
    assert model.reply("POST", "/v1/chat/completions", reordered).status == 200


def test_an_unmatched_request_gets_a_404_naming_the_closest_recording_and_the_difference(tmp_path):
    path = tmp_path / "desk.json"
    follow_up = [
        *MESSAGES["messages"],
        {"role": "assistant", "content": "Sunny."},
        {"role": "user", "content": "And Rome?"},
    ]
    with fcplayground.record(path):
        offline.openai_client().chat.completions.create(**CHAT)
        offline.anthropic_client().messages.create(**MESSAGES | {"messages": follow_up})
    replay = ReplayModel(path)
    oa = offline.openai_client(model=replay, max_retries=0)
    with pytest.raises(openai.NotFoundError) as error:
        oa.chat.completions.create(
            **CHAT | {"messages": [{"role": "user", "content": "Weather in Oslo?"}]}
        )
    message = error.value.body["message"]
    assert "No recorded exchange matches this request (POST /v1/chat/completions)" in message
    assert "exchange 1 of 2" in message
    assert (
        'messages[0].content differs: recorded "What is the weather in Paris?", sent "Weather in Oslo?"'
        in message
    )
    assert "fcplayground.record" in message and "simulated model" in message

    an = offline.anthropic_client(model=replay, max_retries=0)
    changed = [*follow_up[:2], {"role": "user", "content": "And Berlin?"}]
    with pytest.raises(anthropic.NotFoundError) as error:
        an.messages.create(**MESSAGES | {"messages": changed})
    assert error.value.body["type"] == "error"
    assert "messages[2].content differs" in error.value.body["error"]["message"]
    with pytest.raises(openai.NotFoundError, match=r"it holds 1 x POST /v1/chat/completions"):
        oa.responses.create(**RESPONSES)


def test_replay_model_answers_neutral_requests_too(tmp_path):
    path = tmp_path / "neutral.json"
    with fcplayground.record(path):
        turn = ModelClient.offline().complete(
            ASK, [ToolSpec("get_weather", "Weather.", WEATHER_CHAT[0]["function"]["parameters"])]
        )
    model = ReplayModel(path)
    request = Request(
        [Message.user(ASK)],
        model=turn.model,
        tools=[ToolSpec("get_weather", "Weather.", WEATHER_CHAT[0]["function"]["parameters"])],
    )
    replayed = model.respond(request)
    assert [(c.name, c.arguments, c.id) for c in replayed.tool_calls] == [
        (c.name, c.arguments, c.id) for c in turn.tool_calls
    ]
    # A wrapper without reply() goes through respond(): the Model protocol path.
    client = offline.openai_client(model=FaultyModel(model, [None]))
    body = ModelClient.offline().request_body(ASK, request.tools)
    via_respond = client.chat.completions.create(**body).choices[0].message.tool_calls
    assert [c.function.name for c in via_respond] == ["get_weather"]
    with pytest.raises(openai.NotFoundError, match="No recorded exchange matches"):
        client.chat.completions.create(**body | {"messages": [{"role": "user", "content": "Hi"}]})


# --- an agent run -------------------------------------------------------------------------


TASK = (
    "Look up jane@example.com, then search the help center for double charges, then open a "
    "ticket about the double charge, then email her the answer."
)


@pytest.mark.parametrize(
    ("provider", "api"), [("openai", "chat"), ("openai", "responses"), ("anthropic", "messages")]
)
def test_an_agent_run_replayed_makes_the_same_tool_calls(tmp_path, provider, api):
    path = tmp_path / "agent.json"
    with fcplayground.record(path):
        original = run(ModelClient.offline(provider=provider, api=api), SupportDesk().tools, TASK)
    assert [name for name, _ in original.calls()] == [
        "lookup_customer", "search_knowledge_base", "create_ticket", "send_response",
    ]  # fmt: skip
    client = ModelClient.offline(model=ReplayModel(path), provider=provider, api=api)
    replayed = run(client, SupportDesk().tools, TASK)
    assert replayed.calls() == original.calls()
    assert [s.request for s in replayed.steps] == [s.request for s in original.steps]
    assert (replayed.final_text, replayed.stop_reason) == (original.final_text, "answered")
    assert [r.result.content for r in replayed.tool_runs] == [
        r.result.content for r in original.tool_runs
    ]
