"""OpenAI Responses state offline: ``store``, ``previous_response_id``, the stored
responses read back (``retrieve``, ``delete``, ``input_items.list``), ``allowed_tools``
and custom tools, through the real SDK in-process and over HTTP."""

from __future__ import annotations

import json
import typing
from typing import Any

import openai
import pytest
from openai.types.responses import Response, ResponseItemList, ResponseStreamEvent

from fcplayground import offline
from fcplayground.models import ScriptedModel
from fcplayground.offline.state import ProviderState

WEATHER = {
    "type": "function",
    "name": "get_weather",
    "description": "Current weather for a city.",
    "parameters": {
        "type": "object",
        "properties": {"city": {"type": "string"}},
        "required": ["city"],
    },
}
TIME = WEATHER | {"name": "get_time", "description": "Local time in a city."}
SQL = {"type": "custom", "name": "run_sql", "description": "Runs one SQLite query."}
EVENT_MODELS = {  # event type -> its model
    typing.get_args(cls.model_fields["type"].annotation)[0]: cls
    for cls in typing.get_args(typing.get_args(ResponseStreamEvent)[0])
}


def weather_script() -> ScriptedModel:
    return ScriptedModel([("get_weather", {"city": "Paris"}), "It is sunny in Paris."])


def post(answerer: Any, state: ProviderState, **body: Any) -> offline.Reply:
    """The handler's reply to one ``POST /v1/responses`` with this body."""
    return offline.handle(answerer, "POST", "/v1/responses", json.dumps(body).encode(), None, state)


def test_function_call_output_continues_from_previous_response_id() -> None:
    # What the Agents SDK sends with auto_previous_response_id=True: only the new items.
    model = weather_script()
    client = offline.openai_client(model)
    first = client.responses.create(
        model="m", input="Weather in Paris?", tools=[WEATHER], instructions="Be brief."
    )
    call = first.output[0]
    second = client.responses.create(
        model="m",
        previous_response_id=first.id,
        input=[{"type": "function_call_output", "call_id": call.call_id, "output": "sunny"}],
        tools=[WEATHER],
    )
    assert second.output_text == "It is sunny in Paris."
    assert second.previous_response_id == first.id
    seen = model.requests[1].messages
    assert [m.role for m in seen] == ["user", "assistant", "tool"]
    assert seen[0].content == "Weather in Paris?"
    assert seen[1].tool_calls[0].id == call.call_id
    assert seen[2].tool_results[0].content == "sunny"


def test_a_chain_of_three_responses_sees_the_whole_conversation() -> None:
    model = ScriptedModel(["Hello.", "Paris is in France.", "About 2 million people."])
    client = offline.openai_client(model)
    first = client.responses.create(model="m", input="Hi")
    second = client.responses.create(
        model="m", input="Where is Paris?", previous_response_id=first.id
    )
    client.responses.create(model="m", input="How many live there?", previous_response_id=second.id)
    seen = [(m.role, m.content) for m in model.requests[2].messages]
    assert seen == [
        ("user", "Hi"),
        ("assistant", "Hello."),
        ("user", "Where is Paris?"),
        ("assistant", "Paris is in France."),
        ("user", "How many live there?"),
    ]


def test_an_unknown_previous_response_id_gets_the_apis_400() -> None:
    client = offline.openai_client(weather_script())
    with pytest.raises(openai.BadRequestError) as caught:
        client.responses.create(model="m", input="Hi", previous_response_id="resp_nope")
    assert caught.value.body["message"] == "Previous response with id 'resp_nope' not found."
    assert caught.value.body["param"] == "previous_response_id"
    assert caught.value.body["type"] == "invalid_request_error"


def test_a_response_made_with_store_false_cannot_be_continued_or_retrieved() -> None:
    client = offline.openai_client(ScriptedModel(["Hello.", "Again."]))
    first = client.responses.create(model="m", input="Hi", store=False)
    assert first.store is False
    with pytest.raises(openai.BadRequestError, match=f"Previous response with id '{first.id}'"):
        client.responses.create(model="m", input="More", previous_response_id=first.id)
    with pytest.raises(openai.NotFoundError):
        client.responses.retrieve(first.id)


def test_a_tool_output_answering_no_call_in_the_history_is_refused() -> None:
    client = offline.openai_client(ScriptedModel(["Hello."]))
    first = client.responses.create(model="m", input="Hi")
    stray = [{"type": "function_call_output", "call_id": "call_stray", "output": "x"}]
    with pytest.raises(openai.BadRequestError, match="No tool call found .* call_stray"):
        client.responses.create(model="m", input=stray, previous_response_id=first.id)


def test_retrieve_returns_the_stored_response_plain_and_streamed() -> None:
    client = offline.openai_client(ScriptedModel(["Hello.", "Streamed hello."]))
    created = client.responses.create(model="m", input="Hi", tools=[WEATHER])
    assert created.store is True  # the API's default
    assert client.responses.retrieve(created.id) == created
    with client.responses.stream(model="m", input="Hi again") as stream:
        final = stream.get_final_response()
    assert client.responses.retrieve(final.id).output_text == "Streamed hello."


def test_delete_answers_deleted_and_forgets_the_response() -> None:
    client = offline.openai_client(ScriptedModel(["Hello."]))
    created = client.responses.create(model="m", input="Hi")
    raw = client.responses.with_raw_response.delete(created.id)
    assert json.loads(raw.content) == {"id": created.id, "object": "response", "deleted": True}
    with pytest.raises(openai.NotFoundError, match=f"Response with id '{created.id}' not found"):
        client.responses.retrieve(created.id)
    with pytest.raises(openai.NotFoundError):
        client.responses.delete(created.id)


def test_input_items_list_pages_the_requests_own_items() -> None:
    client = offline.openai_client(ScriptedModel(["Noted."]))
    said = [{"role": "user", "content": f"note {n}"} for n in range(5)]
    created = client.responses.create(model="m", input=said)
    newest_first = client.responses.input_items.list(created.id)
    assert [item.content[0].text for item in newest_first] == [
        f"note {n}" for n in range(4, -1, -1)
    ]
    page = client.responses.input_items.list(created.id, limit=2, order="asc")
    ResponseItemList.model_validate(page.model_dump(mode="json"))
    assert [item.content[0].text for item in page.data] == ["note 0", "note 1"]
    assert page.has_more is True
    every = [
        item.content[0].text
        for item in client.responses.input_items.list(created.id, limit=2, order="asc")
    ]
    assert every == [f"note {n}" for n in range(5)]  # auto-pagination follows `after` to the end


def test_input_items_limit_out_of_range_is_refused() -> None:
    client = offline.openai_client(ScriptedModel(["Noted."]))
    created = client.responses.create(model="m", input="Hi")
    with pytest.raises(openai.BadRequestError, match="between 1 and 100"):
        client.responses.input_items.list(created.id, limit=500)


def test_stored_responses_over_http_server() -> None:
    with offline.Server(weather_script()) as server:
        client = openai.OpenAI(api_key="x", base_url=f"{server.url}/v1", max_retries=0)
        first = client.responses.create(model="m", input="Weather in Paris?", tools=[WEATHER])
        output = {
            "type": "function_call_output",
            "call_id": first.output[0].call_id,
            "output": "sunny",
        }
        second = client.responses.create(
            model="m", input=[output], tools=[WEATHER], previous_response_id=first.id
        )
        assert second.output_text == "It is sunny in Paris."
        assert client.responses.retrieve(second.id).output_text == "It is sunny in Paris."
        items = client.responses.input_items.list(second.id, order="asc", limit=1)
        assert [item.type for item in items] == ["function_call_output"]
        client.responses.delete(first.id)
        with pytest.raises(openai.NotFoundError):
            client.responses.retrieve(first.id)


def test_stored_responses_are_bounded_and_the_oldest_forgotten() -> None:
    state = ProviderState(limit=2)
    model = ScriptedModel(["one", "two", "three", "never"])
    ids = [post(model, state, model="m", input=f"turn {n}").json["id"] for n in range(3)]
    reply = post(model, state, model="m", input="again", previous_response_id=ids[0])
    assert reply.status == 400
    assert reply.json["error"]["message"] == f"Previous response with id '{ids[0]}' not found."


def test_allowed_tools_offers_only_the_tools_it_names() -> None:
    model = ScriptedModel([("get_time", {"city": "Paris"})])
    client = offline.openai_client(model)
    choice = {
        "type": "allowed_tools",
        "mode": "required",
        "tools": [{"type": "function", "name": "get_time"}],
    }
    created = client.responses.create(
        model="m", input="Time in Paris?", tools=[WEATHER, TIME], tool_choice=choice
    )
    assert [t.name for t in model.requests[0].tools] == ["get_time"]
    assert model.requests[0].tool_choice == "required"
    assert created.tool_choice.type == "allowed_tools"
    assert [t.name for t in created.tools] == ["get_weather", "get_time"]  # all echoed, as sent


def test_allowed_tools_naming_a_tool_not_in_tools_is_refused() -> None:
    client = offline.openai_client(ScriptedModel(["x"]))
    choice = {
        "type": "allowed_tools",
        "mode": "auto",
        "tools": [{"type": "function", "name": "nope"}],
    }
    with pytest.raises(openai.BadRequestError, match="tool 'nope' was not found in 'tools'"):
        client.responses.create(model="m", input="Hi", tools=[WEATHER], tool_choice=choice)


def test_a_custom_tool_is_called_with_text_and_its_output_round_trips() -> None:
    model = ScriptedModel([("run_sql", {"input": "SELECT 1"}), "The answer is 1."])
    client = offline.openai_client(model)
    first = client.responses.create(model="m", input="Run SELECT 1", tools=[SQL])
    call = first.output[0]
    assert (call.type, call.name, call.input) == ("custom_tool_call", "run_sql", "SELECT 1")
    Response.model_validate(first.model_dump(mode="json", exclude_unset=True))
    output = {"type": "custom_tool_call_output", "call_id": call.call_id, "output": "1"}
    second = client.responses.create(
        model="m", input=[output], tools=[SQL], previous_response_id=first.id
    )
    assert second.output_text == "The answer is 1."
    assert model.requests[1].messages[-1].tool_results[0].content == "1"
    assert [t.type for t in second.tools] == ["custom"]


def test_a_custom_tool_call_streams_its_input_in_valid_events() -> None:
    model = ScriptedModel([("run_sql", {"input": "SELECT name FROM users"})])
    reply = post(model, ProviderState(), model="m", input="names", tools=[SQL], stream=True)
    events = [data for _, data in offline_frames(reply.body)]
    for event in events:
        EVENT_MODELS[event["type"]].model_validate(event)
    deltas = [e["delta"] for e in events if e["type"] == "response.custom_tool_call_input.delta"]
    assert "".join(deltas) == "SELECT name FROM users"


def offline_frames(body: bytes) -> list[tuple[str, dict[str, Any]]]:
    from fcplayground.wire import parse_sse

    return parse_sse(body.decode())


def recorded_response_keys() -> set[str]:
    """Every top-level key of the recorded real Response objects (plain and streamed)."""
    from recorded import all_interactions

    from fcplayground.wire import parse_sse

    keys: set[str] = set()
    for i in all_interactions():
        if i.api == "responses" and i.is_stream:
            keys |= {
                k
                for n, d in parse_sse(i.response_text)
                if n == "response.completed"
                for k in d["response"]
            }
        elif i.api == "responses":
            keys |= set(i.response_json)
    return keys


SETTINGS = {
    "store": False,
    "user": "learner-7",
    "reasoning": {"effort": "low"},
    "truncation": "auto",
    "service_tier": "flex",
    "max_tool_calls": 3,
    "text": {"verbosity": "low"},
    "background": False,
    "metadata": {"lesson": "05"},
}


def test_the_response_object_carries_every_field_a_recorded_real_one_does() -> None:
    reply = post(ScriptedModel(["Hello."]), ProviderState(), model="m", input="Hi", **SETTINGS)
    body = reply.json
    Response.model_validate(body)
    assert recorded_response_keys() <= set(body)
    assert set(body) <= recorded_response_keys() | set(Response.model_fields)
    echoed = {k: body[k] for k in SETTINGS}
    assert echoed == SETTINGS | {
        "reasoning": {"effort": "low", "summary": None},
        "text": {"format": {"type": "text"}, "verbosity": "low"},
    }


def test_the_response_object_has_the_apis_defaults_when_the_request_sets_nothing() -> None:
    body = post(ScriptedModel(["Hello."]), ProviderState(), model="m", input="Hi").json
    defaults = {k: body[k] for k in ("store", "truncation", "service_tier", "background", "user")}
    assert defaults == {
        "store": True,
        "truncation": "disabled",
        "service_tier": "default",
        "background": False,
        "user": None,
    }
    assert body["text"] == {"format": {"type": "text"}, "verbosity": "medium"}
    assert body["previous_response_id"] is None


def test_stream_events_carry_the_same_full_response_object() -> None:
    reply = post(
        ScriptedModel(["Hello."]), ProviderState(), model="m", input="Hi", stream=True, **SETTINGS
    )
    events = [data for _, data in offline_frames(reply.body)]
    for event in events:
        EVENT_MODELS[event["type"]].model_validate(event)
    created, completed = events[0]["response"], events[-1]["response"]
    assert set(created) == set(completed) >= recorded_response_keys()
    assert created["store"] is completed["store"] is False
    assert (created["status"], created["completed_at"], completed["status"]) == (
        "in_progress",
        None,
        "completed",
    )


def test_a_function_call_items_id_is_not_its_call_id_in_disguise() -> None:
    # The real API's item id (fc_…) and call_id (call_…) are unrelated strings; a learner
    # who sees the same suffix in both would think one can be built from the other.
    model = ScriptedModel([[("get_weather", {"city": "Paris"}), ("get_time", {"city": "Oslo"})]])
    reply = offline.openai_client(model).responses.create(
        model="m", input="Weather in Paris, time in Oslo?", tools=[WEATHER, TIME]
    )
    items = [item for item in reply.output if item.type == "function_call"]

    assert len(items) == 2
    for item in items:
        assert item.id.startswith("fc_") and item.call_id.startswith("call_")
        assert item.id.removeprefix("fc_") != item.call_id.removeprefix("call_")
    assert len({item.id for item in items}) == 2
