"""OpenAI Responses' tool search offline (``{"type": "tool_search"}``, ``defer_loading``,
namespaces), through the real ``openai`` SDK: what the model sees, the items emitted, the
stream, continuations, token counts and the API's 400s."""

from __future__ import annotations

import json
from typing import Any

import openai
import pytest
import tool_catalogs as catalogs
from openai.types.beta.beta_response import BetaResponse
from openai.types.responses import Response

from fcplayground import offline
from fcplayground.models import ScriptedModel

MODEL = "gpt-5.4"
WEATHER = "What's the weather forecast for Lisbon this weekend?"


@pytest.fixture(scope="module")
def client() -> openai.OpenAI:
    return offline.openai_client()


def catalog(deferred: bool = True, search: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """A clock that is never deferred, and 200 functions in 20 namespaces."""
    tools = [
        catalogs.openai_function(*catalogs.CLOCK, False),
        *catalogs.openai_namespaces(deferred),
    ]
    return ([search or {"type": "tool_search"}] if deferred else []) + tools


def create(client: openai.OpenAI, **body: Any) -> tuple[Response, dict[str, Any]]:
    """A response through the SDK, its raw JSON checked against the SDK's own models."""
    raw = client.responses.with_raw_response.create(model=MODEL, **body)
    data = raw.http_response.json()
    BetaResponse.model_validate(data)
    return Response.model_validate(data), data


def kinds(response: Response) -> list[str]:
    return [item.type for item in response.output]


def refusal(client: openai.OpenAI, **body: Any) -> openai.BadRequestError:
    with pytest.raises(openai.BadRequestError) as caught:
        client.responses.create(model=MODEL, **body)
    return caught.value


def test_a_deferred_function_among_200_is_searched_loaded_and_called(client):
    response, data = create(client, input=WEATHER, tools=catalog())
    assert kinds(response) == ["tool_search_call", "tool_search_output", "function_call"]
    search, output, call = response.output
    assert (search.execution, search.call_id, search.arguments) == (
        "server",
        None,
        {"paths": ["weather"]},
    )
    [namespace] = data["output"][1]["tools"]
    assert namespace["name"] == "weather" and len(namespace["tools"]) == 10
    assert output.execution == "server" and output.status == "completed"
    assert (call.namespace, call.name, json.loads(call.arguments)) == (
        "weather",
        "get_forecast",
        {"city": "Lisbon"},
    )


def test_a_visible_tool_that_fits_is_called_without_a_search(client):
    response, _ = create(client, input="What time is it in Tokyo?", tools=catalog())
    assert kinds(response) == ["function_call"]
    assert response.output[0].name == "get_time" and response.output[0].namespace is None


def test_the_response_echoes_the_tools_as_they_were_given(client):
    response, data = create(client, input=WEATHER, tools=catalog())
    echoed = [t["type"] for t in data["tools"]]
    assert echoed == ["tool_search", "function"] + ["namespace"] * 20
    assert data["tools"][0]["execution"] == "server"
    assert all(t["defer_loading"] for t in data["tools"][2]["tools"])


def test_a_deferred_top_level_function_is_called_with_its_own_name_as_namespace(client):
    tools = [
        {"type": "tool_search"},
        *[catalogs.openai_function(*t, True) for t in catalogs.LEARNER],
    ]
    response, data = create(
        client, input="Could you run the sprinklers for 15 minutes?", tools=tools
    )
    assert kinds(response) == ["tool_search_call", "tool_search_output", "function_call"]
    assert response.output[0].arguments == {"paths": ["water_the_garden"]}
    assert data["output"][1]["tools"][0]["name"] == "water_the_garden"
    call = response.output[2]
    assert (call.name, call.namespace, json.loads(call.arguments)) == (
        "water_the_garden",
        "water_the_garden",
        {"minutes": 15},
    )


@pytest.mark.parametrize(
    ("request_text", "tool", "arguments"),
    [
        ("Please give Miso 40 grams of food", "feed_the_cat", {"grams": 40}),
        ("I can't find my keys anywhere!", "find_my_keys", {}),
    ],
)
def test_tools_in_a_learners_own_words_are_found(client, request_text, tool, arguments):
    tools = catalog() + [catalogs.openai_function(*t, True) for t in catalogs.LEARNER]
    response, _ = create(client, input=request_text, tools=tools)
    assert response.output[0].arguments == {"paths": [tool]}
    assert (response.output[-1].name, json.loads(response.output[-1].arguments)) == (
        tool,
        arguments,
    )


def test_the_stream_carries_the_search_items_and_the_sdk_helper_accumulates_them(client):
    with client.responses.stream(model=MODEL, input=WEATHER, tools=catalog()) as stream:
        events = list(stream)
        final = stream.get_final_response()
    Response.model_validate(final.model_dump(mode="json", by_alias=True))
    assert kinds(final) == ["tool_search_call", "tool_search_output", "function_call"]
    added = [e.item for e in events if e.type == "response.output_item.added"]
    assert [(i.type, i.status) for i in added[:2]] == [
        ("tool_search_call", "in_progress"),
        ("tool_search_output", "in_progress"),
    ]
    assert final.output[2].namespace == "weather"
    assert final.output[0].arguments == {"paths": ["weather"]}


def test_continuing_with_previous_response_id_answers_from_the_result(client):
    first, _ = create(client, input=WEATHER, tools=catalog())
    result = {
        "type": "function_call_output",
        "call_id": first.output[2].call_id,
        "output": "Sunny, 24 C",
    }
    second, _ = create(client, previous_response_id=first.id, input=[result], tools=catalog())
    assert kinds(second) == ["message"]
    assert "Sunny, 24 C" in second.output_text


def test_sending_the_whole_input_again_keeps_what_was_loaded(client):
    first, data = create(client, input=WEATHER, tools=catalog())
    result = {"type": "function_call_output", "call_id": first.output[2].call_id, "output": "Sunny"}
    history = [{"role": "user", "content": WEATHER}, *data["output"], result]
    again, _ = create(
        client,
        input=[*history, {"role": "user", "content": "And the forecast for Rome?"}],
        tools=catalog(),
    )
    assert kinds(again) == ["function_call"]  # loaded already: no second search
    assert (again.output[0].namespace, json.loads(again.output[0].arguments)) == (
        "weather",
        {"city": "Rome"},
    )


def test_deferring_the_tools_cuts_the_input_tokens(client):
    deferred, _ = create(client, input=WEATHER, tools=catalog(deferred=True))
    loaded, _ = create(client, input=WEATHER, tools=catalog(deferred=False))
    assert loaded.output[0].name == deferred.output[-1].name == "get_forecast"
    assert deferred.usage.input_tokens * 4 < loaded.usage.input_tokens


def test_a_client_executed_search_leaves_the_search_to_the_application(client):
    tools = catalog(search={"type": "tool_search", "execution": "client"})
    first, _ = create(client, input=WEATHER, tools=tools)
    assert kinds(first) == ["tool_search_call"]
    call = first.output[0]
    assert (call.execution, call.arguments) == ("client", {"paths": ["weather"]})
    assert call.call_id and call.call_id.startswith("call_")
    [weather] = [t for t in tools if t.get("name") == "weather"]
    answer = {
        "type": "tool_search_output",
        "call_id": call.call_id,
        "execution": "client",
        "tools": [weather],
    }
    second, _ = create(client, previous_response_id=first.id, input=[answer], tools=tools)
    assert kinds(second) == ["function_call"]
    assert (second.output[0].name, second.output[0].namespace) == ("get_forecast", "weather")


def test_a_client_search_with_its_own_parameters_is_called_with_the_requests_words(client):
    goal = {"type": "object", "properties": {"goal": {"type": "string"}}, "required": ["goal"]}
    search = {
        "type": "tool_search",
        "execution": "client",
        "description": "Finds project tools.",
        "parameters": goal,
    }
    first, _ = create(client, input="Track parcel PX-77 for me", tools=[search])
    [call] = first.output
    assert call.type == "tool_search_call" and call.execution == "client"
    assert call.arguments == {"goal": "track parcel"}
    loaded = catalogs.openai_function(
        "track_parcel",
        "Tracks a parcel by its tracking number.",
        {
            "type": "object",
            "properties": {"tracking_number": {"type": "string"}},
            "required": ["tracking_number"],
        },
        True,
    )
    answer = {
        "type": "tool_search_output",
        "call_id": call.call_id,
        "execution": "client",
        "tools": [loaded],
    }
    second, _ = create(client, previous_response_id=first.id, input=[answer], tools=[search])
    assert (second.output[0].name, json.loads(second.output[0].arguments)) == (
        "track_parcel",
        {"tracking_number": "PX-77"},
    )


def test_a_scripted_model_asks_for_a_deferred_tool_by_name_and_then_calls_it():
    model = ScriptedModel([("get_forecast", {}), ("get_forecast", {"city": "Oslo"})])
    response, _ = create(
        offline.openai_client(model=model), input="Weather in Oslo?", tools=catalog()
    )
    assert kinds(response) == ["tool_search_call", "tool_search_output", "function_call"]
    assert response.output[0].arguments == {"paths": ["weather"]}
    assert json.loads(response.output[2].arguments) == {"city": "Oslo"}
    assert len(model.requests) == 2
    assert {t.name for t in model.requests[0].tools} == {"get_time"} | set(catalogs.domains())
    assert "get_forecast" in {t.name for t in model.requests[1].tools}


@pytest.mark.fault(
    "offline requests",
    "Responses tool search asked for wrongly (deferred tools and no `tool_search`, a "
    "`tool_search` with nothing deferred, `defer_loading` on the search tool or a namespace, "
    "an empty namespace, an unknown `execution`, a namespace name used twice, a deferred "
    "tool named in `tool_choice`)",
    "400 in the API's words, naming the field",
)
@pytest.mark.parametrize(
    ("tools", "choice", "param", "words"),
    [
        (catalog()[1:], None, "tools", "Deferred tools require tools.tool_search."),
        (
            [{"type": "tool_search"}, catalogs.openai_function(*catalogs.CLOCK, False)],
            None,
            "tools",
            "requires at least one deferred tool",
        ),
        (
            [{"type": "tool_search", "defer_loading": True}, *catalog()[1:]],
            None,
            "tools[0].defer_loading",
            "Unknown parameter",
        ),
        (
            catalog()[:2] + [catalog()[2] | {"defer_loading": True}],
            None,
            "tools[2].defer_loading",
            "Unknown parameter",
        ),
        (catalog()[:2] + [catalog()[2] | {"tools": []}], None, "tools[2].tools", "empty array"),
        (
            [{"type": "tool_search", "execution": "hosted"}, *catalog()[1:]],
            None,
            "tools[0].execution",
            "'server' and 'client'",
        ),
        (
            catalog() + [catalog()[2]],
            None,
            "tools[22].name",
            "collides with an existing tool namespace",
        ),
        (catalog(), {"type": "function", "name": "get_forecast"}, "tool_choice", "deferred tool"),
        (catalog(), {"type": "function", "name": "weather"}, "tool_choice", "is a namespace"),
    ],
)
def test_tool_search_asked_for_wrongly_is_refused_with_the_apis_400(
    client, tools, choice, param, words
):
    body: dict[str, Any] = {"input": WEATHER, "tools": tools}
    if choice:
        body["tool_choice"] = choice
    error = refusal(client, **body)
    assert error.status_code == 400
    assert error.body["param"] == param
    assert words in error.body["message"]


@pytest.mark.fault(
    "offline requests",
    "a Responses conversation that drops a `function_call`'s namespace, names an unknown "
    "namespace, or leaves a client tool search unanswered",
    "400 saying what to send back",
)
def test_a_conversation_that_loses_what_tool_search_needs_is_refused(client):
    first, data = create(client, input=WEATHER, tools=catalog())
    call = {k: v for k, v in data["output"][2].items() if k != "namespace"}
    result = {"type": "function_call_output", "call_id": call["call_id"], "output": "Sunny"}
    error = refusal(
        client, input=[{"role": "user", "content": WEATHER}, call, result], tools=catalog()
    )
    assert "Missing namespace for function_call 'get_forecast'" in error.body["message"]
    wrong = call | {"namespace": "climate"}
    error = refusal(
        client, input=[{"role": "user", "content": WEATHER}, wrong, result], tools=catalog()
    )
    assert (
        "namespace 'climate'" in error.body["message"]
        and error.body["param"] == "input[1].namespace"
    )
    tools = catalog(search={"type": "tool_search", "execution": "client"})
    pending, _ = create(client, input=WEATHER, tools=tools)
    error = refusal(client, previous_response_id=pending.id, input="hello?", tools=tools)
    assert (
        f"No tool search output found for tool_search_call {pending.output[0].call_id}"
        in error.body["message"]
    )


def test_a_deferred_custom_tool_in_a_namespace_is_called_as_a_custom_tool_call():
    notes = {
        "type": "namespace",
        "name": "notes",
        "description": "Note-taking tools.",
        "tools": [
            {
                "type": "custom",
                "name": "write_note",
                "description": "Writes a note.",
                "defer_loading": True,
            }
        ],
    }
    script = [("write_note", {}), ("write_note", {"input": "buy milk"})]
    client = offline.openai_client(model=ScriptedModel(script * 2))
    response, data = create(client, input="Note: buy milk", tools=[*catalog(), notes])
    assert kinds(response) == ["tool_search_call", "tool_search_output", "custom_tool_call"]
    assert response.output[0].arguments == {"paths": ["notes"]}
    call = response.output[2]
    assert (call.name, call.namespace, call.input) == ("write_note", "notes", "buy milk")
    assert data["tools"][-1]["tools"][0] == {
        "type": "custom",
        "name": "write_note",
        "description": "Writes a note.",
        "format": {"type": "text"},
        "defer_loading": True,
    }
    with client.responses.stream(
        model=MODEL, input="Note: buy milk", tools=[*catalog(), notes]
    ) as stream:
        streamed = stream.get_final_response()
    assert (streamed.output[2].type, streamed.output[2].input) == ("custom_tool_call", "buy milk")
