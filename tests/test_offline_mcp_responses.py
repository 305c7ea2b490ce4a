"""The offline provider's remote MCP tool for OpenAI Responses (``{"type": "mcp"}``), through
the real ``openai`` SDK, against a real MCP server over streamable HTTP in a subprocess."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import openai
import pytest
from mcp_servers import provider_desk, provider_process
from mcp_servers.black_hole import black_hole
from openai.types.responses import Response

from fcplayground import offline
from fcplayground.models import ScriptedModel
from fcplayground.offline import mcp_loop, mcp_remote

MODEL = "gpt-5.4-mini"
TOKEN = provider_desk.TOKEN.removeprefix("Bearer ")


@pytest.fixture(scope="module")
def desk() -> Iterator[provider_process.Running]:
    running = provider_process.start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def client() -> openai.OpenAI:
    return offline.openai_client()


def mcp_tool(desk: provider_process.Running, **settings: Any) -> dict[str, Any]:
    return {"type": "mcp", "server_label": "desk", "server_url": desk.url, **settings}


def create(client: openai.OpenAI, **body: Any) -> tuple[Response, dict[str, Any]]:
    """A response through the SDK, and its raw JSON checked against the SDK's own model."""
    raw = client.responses.with_raw_response.create(model=MODEL, **body)
    data = raw.http_response.json()
    return Response.model_validate(data), data


def items(response: Response, kind: str) -> list[Any]:
    return [item for item in response.output if item.type == kind]


def test_the_provider_lists_the_servers_tools_calls_one_and_the_model_answers(desk, client):
    response, _ = create(
        client,
        input="What is the status of order A-1001?",
        tools=[mcp_tool(desk, require_approval="never")],
    )
    [listing] = items(response, "mcp_list_tools")
    assert listing.server_label == "desk"
    assert {t.name for t in listing.tools} >= {"lookup_order", "create_ticket"}
    [call] = items(response, "mcp_call")
    assert (call.name, json.loads(call.arguments)) == ("lookup_order", {"order_id": "A-1001"})
    assert call.output == "Order A-1001: shipped on 2026-11-28" and call.error is None
    assert "shipped on 2026-11-28" in response.output_text
    assert [item.type for item in response.output] == ["mcp_list_tools", "mcp_call", "message"]
    assert response.tools[0].type == "mcp" and response.tools[0].server_label == "desk"


def test_a_follow_up_with_previous_response_id_does_not_list_the_tools_again(desk, client):
    tools = [mcp_tool(desk, require_approval="never")]
    first, _ = create(client, input="What is the status of order A-1001?", tools=tools)
    second, _ = create(
        client, input="And order A-1002?", tools=tools, previous_response_id=first.id
    )
    assert items(second, "mcp_list_tools") == []
    [call] = items(second, "mcp_call")
    assert call.output == "Order A-1002: waiting for stock"


def test_a_call_waits_for_approval_by_default_and_runs_once_approved(desk, client):
    tools = [mcp_tool(desk)]  # require_approval left out: the API's default, "always"
    first, _ = create(client, input="Create a ticket about a broken zipper", tools=tools)
    assert items(first, "mcp_call") == []  # nothing ran yet
    [asked] = items(first, "mcp_approval_request")
    assert asked.name == "create_ticket" and asked.server_label == "desk"
    approval = {"type": "mcp_approval_response", "approval_request_id": asked.id, "approve": True}
    second, _ = create(client, input=[approval], tools=tools, previous_response_id=first.id)
    [call] = items(second, "mcp_call")
    assert call.approval_request_id == asked.id and call.name == "create_ticket"
    assert call.output.startswith("Ticket T-") and "Broken zipper" in call.output
    assert items(second, "mcp_list_tools") == []
    assert "Ticket T-" in second.output_text


def test_an_approval_sent_with_the_whole_input_runs_the_call_and_never_twice(desk, client):
    tools = [mcp_tool(desk, require_approval="always")]
    question = {"role": "user", "content": "Create a ticket about a lost parcel"}
    first, data = create(client, input=[question], tools=tools, store=False)
    [asked] = items(first, "mcp_approval_request")
    approval = {"type": "mcp_approval_response", "approval_request_id": asked.id, "approve": True}
    history = [question, *data["output"], approval]
    second, again = create(client, input=history, tools=tools, store=False)
    [call] = items(second, "mcp_call")
    assert call.approval_request_id == asked.id and "Lost parcel" in call.output
    third, _ = create(client, input=[*history, *again["output"]], tools=tools, store=False)
    assert items(third, "mcp_call") == []  # the approved call already ran


def test_a_denied_call_is_not_run_and_the_model_is_told(desk):
    model = ScriptedModel([("create_ticket", {"subject": "Refund"}), "Understood."])
    client = offline.openai_client(model)
    tools = [mcp_tool(desk)]
    first, _ = create(client, input="Open a ticket", tools=tools)
    [asked] = items(first, "mcp_approval_request")
    denial = {"type": "mcp_approval_response", "approval_request_id": asked.id, "approve": False}
    second, _ = create(client, input=[denial], tools=tools, previous_response_id=first.id)
    assert items(second, "mcp_call") == [] and second.output_text == "Understood."
    seen = model.requests[-1].messages[-1].tool_results[0]
    assert (seen.content, seen.is_error) == (mcp_loop.DENIED, True)


def test_after_a_denial_the_simulated_model_says_the_call_was_not_run(desk, client):
    tools = [mcp_tool(desk)]
    first, _ = create(client, input="Create a ticket about a broken zipper", tools=tools)
    [asked] = items(first, "mcp_approval_request")
    denial = {"type": "mcp_approval_response", "approval_request_id": asked.id, "approve": False}
    second, _ = create(client, input=[denial], tools=tools, previous_response_id=first.id)
    text = second.output_text
    assert "create_ticket" in text and "was not approved, so it was not run" in text
    assert "returned" not in text


def test_a_failed_call_sent_back_reads_as_a_failure(desk):
    model = ScriptedModel([("explode", {"reason": "test"}), "Down.", "Still down."])
    client = offline.openai_client(model)
    tools = [mcp_tool(desk, require_approval="never")]
    question = {"role": "user", "content": "Run it"}
    _, data = create(client, input=[question], tools=tools, store=False)
    again = {"role": "user", "content": "Again?"}
    create(client, input=[question, *data["output"], again], tools=tools, store=False)
    seen = [r for m in model.requests[-1].messages for r in m.tool_results]
    assert [r.is_error for r in seen] == [True]
    assert "the warehouse database is down (test)" in seen[0].content


def test_require_approval_object_spares_the_tools_it_names(desk, client):
    rule = {"never": {"tool_names": ["lookup_order"]}}
    response, _ = create(
        client,
        input="What is the status of order A-1001?",
        tools=[mcp_tool(desk, require_approval=rule)],
    )
    assert items(response, "mcp_approval_request") == []
    assert items(response, "mcp_call")[0].name == "lookup_order"


@pytest.mark.parametrize("allowed", [["lookup_order"], {"read_only": True}])
def test_allowed_tools_narrows_what_is_listed_and_offered(desk, allowed):
    model = ScriptedModel(["No tool for that."])
    client = offline.openai_client(model)
    tools = [mcp_tool(desk, allowed_tools=allowed, require_approval="never")]
    response, _ = create(client, input="Create a ticket", tools=tools)
    [listing] = items(response, "mcp_list_tools")
    assert [t.name for t in listing.tools] == ["lookup_order"]
    assert [t.name for t in model.requests[0].tools] == ["lookup_order"]


@pytest.mark.fault(
    "provider",
    "a Responses `mcp` tool whose server is unreachable, or not an MCP server",
    "HTTP 424 naming the server label and what to check, as the API answers",
)
@pytest.mark.parametrize("where", ["http://127.0.0.1:9/mcp", "not-mcp"])
def test_a_server_that_cannot_be_listed_fails_the_request_with_424(desk, client, where):
    url = desk.url.replace("/mcp", "/nothing") if where == "not-mcp" else where
    tool = {"type": "mcp", "server_label": "gone", "server_url": url}
    with pytest.raises(openai.APIStatusError) as caught:
        client.responses.create(model=MODEL, input="hi", tools=[tool])
    assert caught.value.status_code == 424
    message = caught.value.body["message"]
    assert "Error retrieving tool list from MCP server: 'gone'" in message
    assert "Check that the URL names a running MCP server" in message


@pytest.mark.fault(
    "provider",
    "a provider-side MCP server that accepts the connection and never answers",
    "after `FCP_MCP_TIMEOUT` seconds the API's error (OpenAI: 424) says it did not answer in time",
)
def test_a_server_that_never_answers_is_said_not_to_answer_in_time(client, monkeypatch):
    monkeypatch.setenv(mcp_remote.ENV_TIMEOUT, "1")
    with black_hole() as url, pytest.raises(openai.APIStatusError) as caught:
        tool = {"type": "mcp", "server_label": "silent", "server_url": url}
        client.responses.create(model=MODEL, input="hi", tools=[tool])
    assert caught.value.status_code == 424
    assert caught.value.body["type"] == "external_connector_error"
    message = caught.value.body["message"]
    assert message.startswith("Error retrieving tool list from MCP server: 'silent'.")
    assert "did not answer within 1 s" in message and "Could not reach" not in message


@pytest.mark.fault(
    "tool execution",
    "a tool on a Responses `mcp` server raises",
    "`mcp_call.error` holds the tool's message; the model reads it and answers",
)
def test_a_tool_that_fails_becomes_an_mcp_call_error(desk):
    model = ScriptedModel([("explode", {"reason": "test"}), "The warehouse is down."])
    client = offline.openai_client(model)
    response, _ = create(client, input="Run it", tools=[mcp_tool(desk, require_approval="never")])
    [call] = items(response, "mcp_call")
    assert call.output is None and call.status == "failed"
    assert call.error.type == "mcp_tool_execution_error"
    assert "the warehouse database is down (test)" in call.error.content[0]["text"]
    result = model.requests[1].messages[-1].tool_results[0]
    assert result.is_error and "warehouse database is down" in result.content
    assert response.output_text == "The warehouse is down."


@pytest.mark.fault(
    "tool execution",
    "a tool on a Responses `mcp` server hangs",
    "after `FCP_MCP_TIMEOUT` seconds `mcp_call.error` says the server did not answer in time",
)
def test_a_tool_that_hangs_is_cut_off_by_the_timeout(desk, monkeypatch):
    monkeypatch.setenv(mcp_remote.ENV_TIMEOUT, "1")
    model = ScriptedModel([("slow_report", {"seconds": 30}), "It took too long."])
    client = offline.openai_client(model)
    response, _ = create(client, input="Report", tools=[mcp_tool(desk, require_approval="never")])
    [call] = items(response, "mcp_call")
    assert call.error.type == "mcp_protocol_error"
    assert "did not answer within 1 s" in call.error.message
    assert "FCP_MCP_TIMEOUT" in call.error.message


@pytest.mark.fault(
    "tool execution",
    "a tool on a provider-side MCP server returns more than 20,000 characters",
    "the output keeps its first 20,000 and ends with a marker saying how long it was",
)
def test_a_long_output_is_cut_with_a_marker_saying_so(desk):
    limit = mcp_remote.MAX_OUTPUT_CHARS
    model = ScriptedModel([("long_report", {"chars": limit + 5000}), "Long."])
    client = offline.openai_client(model)
    response, _ = create(client, input="Report", tools=[mcp_tool(desk, require_approval="never")])
    [call] = items(response, "mcp_call")
    kept, marker = call.output.rsplit("\n", 1)
    assert len(kept) == limit and kept.startswith("All orders are on time.")
    assert marker.startswith(f"[truncated: {limit + 5000} characters, showing the first {limit}.")
    assert model.requests[1].messages[-1].tool_results[0].content == call.output


def test_the_loop_stops_after_its_round_limit_with_a_clear_message(desk):
    calls = [("lookup_order", {"order_id": "A-1001"})] * (mcp_loop.MAX_ROUNDS + 1)
    client = offline.openai_client(ScriptedModel(calls))
    response, _ = create(client, input="Loop", tools=[mcp_tool(desk, require_approval="never")])
    assert len(items(response, "mcp_call")) == mcp_loop.MAX_ROUNDS
    assert f"stopped after {mcp_loop.MAX_ROUNDS} rounds" in response.output_text


@pytest.mark.fault(
    "offline requests",
    "an invalid Responses `mcp` tool (no URL, a non-http URL, a label used twice)",
    "400 naming the field and what it must be",
)
@pytest.mark.parametrize(
    ("tools", "said"),
    [
        ([{"type": "mcp", "server_url": "http://127.0.0.1:9/mcp"}], "'tools[0].server_label'"),
        ([{"type": "mcp", "server_label": "a"}], "'tools[0].server_url'"),
        (
            [{"type": "mcp", "server_label": "a", "server_url": "file:///etc/passwd"}],
            "must be an http:// or https:// URL",
        ),
        (
            [
                {"type": "mcp", "server_label": "a", "server_url": "http://127.0.0.1:9/mcp"},
                {"type": "mcp", "server_label": "a", "server_url": "http://127.0.0.1:8/mcp"},
            ],
            "Duplicate MCP server_label 'a'",
        ),
        (
            [{"type": "mcp", "server_label": "a", "server_url": "x", "require_approval": "maybe"}],
            "Supported values are: 'always' and 'never'",
        ),
    ],
)
def test_invalid_mcp_tools_are_refused_with_400(client, tools, said):
    with pytest.raises(openai.BadRequestError) as caught:
        client.responses.create(model=MODEL, input="hi", tools=tools)
    assert said in caught.value.body["message"]


@pytest.mark.fault(
    "offline requests",
    "an `mcp_approval_response` answering no approval request",
    "400 naming the id and how to send the request it answers",
)
def test_an_approval_for_an_unknown_request_is_refused(desk, client):
    approval = {"type": "mcp_approval_response", "approval_request_id": "mcpr_x", "approve": True}
    with pytest.raises(openai.BadRequestError) as caught:
        client.responses.create(model=MODEL, input=[approval], tools=[mcp_tool(desk)])
    assert "No approval request found with id 'mcpr_x'" in caught.value.body["message"]


@pytest.mark.fault(
    "secrets",
    "credentials in a Responses `mcp` tool's `headers` or `authorization`",
    "sent to the MCP server only; never in the response, its stored copy or its input items",
)
@pytest.mark.parametrize("given", ["headers", "authorization"])
def test_credentials_reach_the_server_and_appear_nowhere_in_what_comes_back(desk, given):
    secret = {"headers": {"Authorization": provider_desk.TOKEN}, "authorization": TOKEN}
    tool = mcp_tool(desk, require_approval="never", **{given: secret[given]})
    client = offline.openai_client(ScriptedModel([("whoami", {}), "Done."]))
    raw = client.responses.with_raw_response.create(model=MODEL, input="Who am I?", tools=[tool])
    response = raw.parse()
    assert items(response, "mcp_call")[0].output == "authorized"  # the server got it
    assert TOKEN not in raw.http_response.text
    assert TOKEN not in client.responses.retrieve(response.id).model_dump_json()
    assert TOKEN not in client.responses.input_items.list(response.id).model_dump_json()


def test_a_streamed_response_sends_the_mcp_events_and_the_same_items(desk, client):
    tools = [mcp_tool(desk, require_approval="never")]
    with client.responses.stream(
        model=MODEL, input="What is the status of order A-1002?", tools=tools
    ) as stream:
        kinds = [event.type for event in stream]
        final = stream.get_final_response()
    for kind in (
        "response.mcp_list_tools.in_progress",
        "response.mcp_list_tools.completed",
        "response.mcp_call.in_progress",
        "response.mcp_call_arguments.done",
        "response.mcp_call.completed",
        "response.output_text.done",
    ):
        assert kind in kinds
    assert [item.type for item in final.output] == ["mcp_list_tools", "mcp_call", "message"]
    assert "waiting for stock" in final.output_text


def test_a_function_tool_of_the_same_name_goes_back_to_the_application(desk):
    own = {"type": "function", "name": "lookup_order", "parameters": {"type": "object"}}
    model = ScriptedModel([("lookup_order", {"order_id": "A-1001"})])
    client = offline.openai_client(model)
    tools = [own, mcp_tool(desk, require_approval="never")]
    response, _ = create(client, input="Order A-1001?", tools=tools)
    assert items(response, "mcp_call") == []
    assert [item.name for item in items(response, "function_call")] == ["lookup_order"]


def test_the_async_client_gets_the_same_items(desk):
    import asyncio

    async def ask() -> Response:
        client = offline.async_openai_client()
        return await client.responses.create(
            model=MODEL,
            input="What is the status of order A-1001?",
            tools=[mcp_tool(desk, require_approval="never")],
        )

    response = asyncio.run(ask())
    assert [item.type for item in response.output] == ["mcp_list_tools", "mcp_call", "message"]


def test_tool_choice_mcp_forces_the_named_server_tool(desk, client):
    tools = [mcp_tool(desk, require_approval="never")]
    choice = {"type": "mcp", "server_label": "desk", "name": "whoami"}
    response, _ = create(client, input="Hello there", tools=tools, tool_choice=choice)
    assert [call.name for call in items(response, "mcp_call")] == ["whoami"]


def test_tool_choice_mcp_naming_no_server_is_refused(desk, client):
    choice = {"type": "mcp", "server_label": "elsewhere"}
    with pytest.raises(openai.BadRequestError) as caught:
        client.responses.create(model=MODEL, input="hi", tools=[mcp_tool(desk)], tool_choice=choice)
    assert "MCP server 'elsewhere' was not found in 'tools'" in caught.value.body["message"]


@pytest.mark.fault(
    "model output",
    "arguments for an MCP tool that are not a JSON object",
    "`mcp_call.error` says so; nothing is sent to the server",
)
def test_arguments_that_are_not_an_object_never_reach_the_server(desk):
    model = ScriptedModel([("create_ticket", "subject=oops"), "Sorry."])
    client = offline.openai_client(model)
    tools = [mcp_tool(desk, require_approval="never")]
    response, _ = create(client, input="Open a ticket", tools=tools)
    [call] = items(response, "mcp_call")
    assert call.arguments == "subject=oops" and call.status == "failed"
    assert "are not a JSON object" in call.error.content[0]["text"]
