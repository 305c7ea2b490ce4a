"""The offline provider's MCP connector for Anthropic (``mcp_servers``, a beta), through the
real ``anthropic`` SDK, against a real MCP server over streamable HTTP in a subprocess."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import anthropic
import pytest
from anthropic.types.beta import BetaMessage, BetaRawMessageStreamEvent
from mcp_servers import provider_desk, provider_process
from mcp_servers.black_hole import black_hole
from pydantic import TypeAdapter

from fcplayground import offline
from fcplayground.models import ScriptedModel
from fcplayground.offline import mcp_anthropic, mcp_remote

MODEL = "claude-haiku-4-5"
BETA = mcp_anthropic.Beta.TOOLSETS.value  # the behaviour before tool listings, kept as it was
LATEST = mcp_anthropic.Beta.LISTINGS.value
DESK_TOOLS = {"lookup_order", "create_ticket", "explode", "slow_report", "whoami", "long_report"}
STREAM_EVENT = TypeAdapter(BetaRawMessageStreamEvent)
TOKEN = provider_desk.TOKEN.removeprefix("Bearer ")


@pytest.fixture(scope="module")
def desk() -> Iterator[provider_process.Running]:
    running = provider_process.start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def client() -> anthropic.Anthropic:
    return offline.anthropic_client()


def server(desk: provider_process.Running, **settings: Any) -> dict[str, Any]:
    return {"type": "url", "url": desk.url, "name": "desk", **settings}


TOOLSET = {"type": "mcp_toolset", "mcp_server_name": "desk"}


def create(client: anthropic.Anthropic, text: str, **body: Any) -> tuple[BetaMessage, str]:
    """A message through the SDK's beta API, checked against the SDK's own model."""
    body.setdefault("betas", [BETA])
    raw = client.beta.messages.with_raw_response.create(
        model=MODEL, max_tokens=500, messages=[{"role": "user", "content": text}], **body
    )
    return BetaMessage.model_validate(raw.http_response.json()), raw.http_response.text


def kinds(message: BetaMessage) -> list[str]:
    return [block.type for block in message.content]


def test_the_provider_calls_the_mcp_tool_and_the_model_answers_in_one_response(desk, client):
    message, _ = create(
        client, "What is the status of order A-1001?", mcp_servers=[server(desk)], tools=[TOOLSET]
    )
    assert kinds(message) == ["mcp_tool_use", "mcp_tool_result", "text"]
    use, result, text = message.content
    assert (use.name, use.server_name, use.input) == (
        "lookup_order",
        "desk",
        {"order_id": "A-1001"},
    )
    assert result.tool_use_id == use.id and result.is_error is False
    assert result.content[0].text == "Order A-1001: shipped on 2026-11-28"
    assert "shipped on 2026-11-28" in text.text and message.stop_reason == "end_turn"


@pytest.mark.fault(
    "offline requests",
    "Anthropic `mcp_servers` without the MCP connector's beta header",
    "400 in the API's words, naming the header to send",
)
def test_mcp_servers_without_the_beta_header_are_refused_as_the_api_does(desk, client):
    with pytest.raises(anthropic.BadRequestError) as caught:
        client.messages.create(
            model=MODEL,
            max_tokens=100,
            messages=[{"role": "user", "content": "hi"}],
            extra_body={"mcp_servers": [server(desk)]},
        )
    message = caught.value.body["error"]["message"]
    assert message.startswith("mcp_servers: Extra inputs are not permitted.")
    assert f"anthropic-beta: {LATEST}" in message


@pytest.mark.parametrize("header", [None, "mcp-client-2099-01-01"])
def test_the_refusal_lists_the_supported_betas_newest_first(desk, client, header):
    extra = {"extra_headers": {"anthropic-beta": header}} if header else {}
    with pytest.raises(anthropic.BadRequestError) as caught:
        client.messages.create(
            model=MODEL,
            max_tokens=100,
            messages=[{"role": "user", "content": "hi"}],
            extra_body={"mcp_servers": [server(desk)], "tools": [TOOLSET]},
            **extra,
        )
    assert (
        "mcp-client-2026-09-15, mcp-client-2025-11-20, mcp-client-2025-04-04 (deprecated)"
        in caught.value.body["error"]["message"]
    )


def test_toolset_configs_choose_the_tools_the_model_sees(desk):
    model = ScriptedModel(["Nothing to do."])
    toolset = TOOLSET | {
        "default_config": {"enabled": False},
        "configs": {"whoami": {"enabled": True}},
    }
    create(offline.anthropic_client(model), "hi", mcp_servers=[server(desk)], tools=[toolset])
    assert [t.name for t in model.requests[0].tools] == ["whoami"]


def test_the_deprecated_beta_reads_the_servers_tool_configuration(desk):
    model = ScriptedModel(["Nothing to do."])
    settings = {"tool_configuration": {"allowed_tools": ["lookup_order"]}}
    create(
        offline.anthropic_client(model),
        "hi",
        mcp_servers=[server(desk, **settings)],
        betas=[mcp_anthropic.Beta.DEPRECATED.value],
    )
    assert [t.name for t in model.requests[0].tools] == ["lookup_order"]


@pytest.mark.fault(
    "tool execution",
    "a tool on an Anthropic `mcp_servers` server raises",
    "an `mcp_tool_result` with `is_error: true` and the tool's message; the model answers",
)
def test_a_tool_that_fails_gives_an_error_result_and_the_model_still_answers(desk):
    model = ScriptedModel([("explode", {"reason": "test"}), "The warehouse is down."])
    message, _ = create(
        offline.anthropic_client(model), "Run it", mcp_servers=[server(desk)], tools=[TOOLSET]
    )
    assert kinds(message) == ["mcp_tool_use", "mcp_tool_result", "text"]
    result = message.content[1]
    assert result.is_error is True
    assert "the warehouse database is down (test)" in result.content[0].text
    assert message.content[2].text == "The warehouse is down."


@pytest.mark.fault(
    "provider",
    "an Anthropic `mcp_servers` server that is unreachable",
    "400 naming the server and what to check",
)
def test_an_unreachable_server_is_refused_naming_it(client):
    gone = {"type": "url", "url": "http://127.0.0.1:9/mcp", "name": "gone"}
    toolset = {"type": "mcp_toolset", "mcp_server_name": "gone"}
    with pytest.raises(anthropic.BadRequestError) as caught:
        create(client, "hi", mcp_servers=[gone], tools=[toolset])
    message = caught.value.body["error"]["message"]
    assert "MCP server 'gone'" in message and "Check that the URL names a running" in message


@pytest.mark.fault(
    "provider",
    "a provider-side MCP server that accepts the connection and never answers",
    "after `FCP_MCP_TIMEOUT` seconds the API's error (OpenAI: 424) says it did not answer in time",
)
def test_a_server_that_never_answers_is_said_not_to_answer_in_time(client, monkeypatch):
    monkeypatch.setenv(mcp_remote.ENV_TIMEOUT, "1")
    toolset = {"type": "mcp_toolset", "mcp_server_name": "silent"}
    with black_hole() as url, pytest.raises(anthropic.BadRequestError) as caught:
        silent = {"type": "url", "url": url, "name": "silent"}
        create(client, "hi", mcp_servers=[silent], tools=[toolset])
    message = caught.value.body["error"]["message"]
    assert message.startswith("Connection error while communicating with MCP server 'silent'")
    assert "did not answer within 1 s" in message and "Could not reach" not in message


@pytest.mark.fault(
    "offline requests",
    "invalid Anthropic `mcp_servers` or `mcp_toolset` (no URL, non-http URL, a name used "
    "twice, a toolset for no server, a server with no toolset, a pinned tool with no schema)",
    "400 naming the field and what to do",
)
@pytest.mark.parametrize(
    ("servers", "tools", "said"),
    [
        ([{"type": "url", "name": "desk"}], [TOOLSET], "mcp_servers.0.url: Field required"),
        (
            [{"type": "url", "name": "desk", "url": "ftp://x/mcp"}],
            [TOOLSET],
            "must be an http:// or https:// URL",
        ),
        (
            [
                {"type": "url", "name": "desk", "url": "http://127.0.0.1:9/mcp"},
                {"type": "url", "name": "desk", "url": "http://127.0.0.1:8/mcp"},
            ],
            [TOOLSET],
            "Duplicate MCP server name 'desk'",
        ),
        (
            [{"type": "url", "name": "desk", "url": "http://127.0.0.1:9/mcp"}],
            [{"type": "mcp_toolset", "mcp_server_name": "other"}],
            "MCP server 'other' is not defined in mcp_servers",
        ),
        (
            [{"type": "url", "name": "desk", "url": "http://127.0.0.1:9/mcp"}],
            [],
            "is not referenced by an mcp_toolset",
        ),
        (
            [{"type": "url", "name": "desk", "url": "http://127.0.0.1:9/mcp"}],
            [TOOLSET | {"tools": [{"name": "whoami"}]}],
            "tools.0.mcp_toolset.tools.0.input_schema: Field required",
        ),
    ],
)
def test_invalid_mcp_servers_are_refused_with_400(client, servers, tools, said):
    with pytest.raises(anthropic.BadRequestError) as caught:
        create(client, "hi", mcp_servers=servers, tools=tools)
    assert said in caught.value.body["error"]["message"]


@pytest.mark.fault(
    "secrets",
    "an `authorization_token` in Anthropic `mcp_servers`",
    "sent to the MCP server as a bearer token; never in the response",
)
def test_the_token_reaches_the_server_and_never_comes_back(desk):
    model = ScriptedModel([("whoami", {}), "Done."])
    message, text = create(
        offline.anthropic_client(model),
        "Who am I?",
        mcp_servers=[server(desk, authorization_token=TOKEN)],
        tools=[TOOLSET],
    )
    assert message.content[1].content[0].text == "authorized"
    assert TOKEN not in text


def test_a_follow_up_sends_the_mcp_blocks_back_and_the_model_reads_them(desk):
    model = ScriptedModel([("lookup_order", {"order_id": "A-1002"}), "Waiting.", "Still waiting."])
    client = offline.anthropic_client(model)
    first, _ = create(client, "Order A-1002?", mcp_servers=[server(desk)], tools=[TOOLSET])
    history = [
        {"role": "user", "content": "Order A-1002?"},
        {"role": "assistant", "content": [b.model_dump(exclude_none=True) for b in first.content]},
        {"role": "user", "content": "Any news?"},
    ]
    client.beta.messages.create(
        model=MODEL,
        max_tokens=100,
        messages=history,
        mcp_servers=[server(desk)],
        tools=[TOOLSET],
        betas=[BETA],
    )
    seen = model.requests[-1].messages
    results = [r for m in seen for r in m.tool_results]
    assert [r.content for r in results] == ["Order A-1002: waiting for stock"]


def test_a_streamed_message_accumulates_to_the_same_blocks(desk, client):
    with client.beta.messages.stream(
        model=MODEL,
        max_tokens=500,
        messages=[{"role": "user", "content": "What is the status of order A-1002?"}],
        mcp_servers=[server(desk)],
        tools=[TOOLSET],
        betas=[BETA],
    ) as stream:
        final = stream.get_final_message()
    assert kinds(final) == ["mcp_tool_use", "mcp_tool_result", "text"]
    assert final.content[0].input == {"order_id": "A-1002"}
    assert "waiting for stock" in final.content[2].text


def test_the_current_beta_starts_the_message_with_the_servers_tool_listing(desk, client):
    message, _ = create(
        client,
        "What is the status of order A-1001?",
        mcp_servers=[server(desk)],
        tools=[TOOLSET],
        betas=[BETA, LATEST],  # both sent: the newest one decides
    )
    assert kinds(message) == ["mcp_tool_listing", "mcp_tool_use", "mcp_tool_result", "text"]
    listing = message.content[0]
    assert listing.mcp_server_name == "desk"
    assert {t.name for t in listing.tools} == DESK_TOOLS
    lookup = next(t for t in listing.tools if t.name == "lookup_order")
    assert lookup.input_schema["required"] == ["order_id"] and "order id" in lookup.description
    assert "shipped on 2026-11-28" in message.content[3].text


def test_a_listing_sent_back_is_used_instead_of_asking_the_server_again(desk):
    model = ScriptedModel(["First.", "Second."])
    client = offline.anthropic_client(model)
    first, _ = create(client, "hi", mcp_servers=[server(desk)], tools=[TOOLSET], betas=[LATEST])
    sent = first.content[0].model_dump()
    sent["tools"] = [t for t in sent["tools"] if t["name"] == "whoami"]  # as if it had changed
    history = [
        {"role": "user", "content": "hi"},
        {"role": "assistant", "content": [sent, {"type": "text", "text": "First."}]},
        {"role": "user", "content": "And now?"},
    ]
    raw = client.beta.messages.with_raw_response.create(
        model=MODEL,
        max_tokens=100,
        messages=history,
        mcp_servers=[server(desk)],
        tools=[TOOLSET],
        betas=[LATEST],
    )
    second = BetaMessage.model_validate(raw.http_response.json())
    assert kinds(second) == ["text"]  # the server was not asked: no new listing
    assert [t.name for t in model.requests[-1].tools] == ["whoami"]


def test_a_pinned_toolset_is_not_listed_and_offers_exactly_its_tools(desk):
    model = ScriptedModel([("lookup_order", {"order_id": "A-1002"}), "Waiting."])
    pinned = [
        {"name": n, "description": f"The desk's {n}.", "input_schema": {"type": "object"}}
        for n in ("lookup_order", "whoami")
    ]
    toolset = TOOLSET | {"tools": pinned, "configs": {"whoami": {"enabled": False}}}
    message, _ = create(
        offline.anthropic_client(model),
        "Order A-1002?",
        mcp_servers=[server(desk)],
        tools=[toolset],
        betas=[LATEST],
    )
    assert kinds(message) == ["mcp_tool_use", "mcp_tool_result", "text"]
    assert message.content[1].content[0].text == "Order A-1002: waiting for stock"
    [seen] = model.requests[0].tools
    assert (seen.name, seen.description) == ("lookup_order", "The desk's lookup_order.")


@pytest.mark.fault(
    "offline requests",
    "an Anthropic pinned `mcp_toolset.tools` or an `mcp_tool_listing` block with an older "
    "MCP connector beta",
    "400 naming the field and the beta it needs, `mcp-client-2026-09-15`",
)
@pytest.mark.parametrize("where", ["toolset", "message"])
def test_tool_listings_need_the_current_beta(desk, client, where):
    tool = {"name": "whoami", "input_schema": {"type": "object"}}
    listing = {"type": "mcp_tool_listing", "mcp_server_name": "desk", "tools": [tool]}
    history = [
        {"role": "user", "content": "hi"},
        {"role": "assistant", "content": [listing, {"type": "text", "text": "Hello."}]},
        {"role": "user", "content": "Again"},
    ]
    body = (
        {"tools": [TOOLSET | {"tools": [tool]}], "messages": history[:1]}
        if where == "toolset"
        else {"tools": [TOOLSET], "messages": history}
    )
    with pytest.raises(anthropic.BadRequestError) as caught:
        client.beta.messages.create(
            model=MODEL, max_tokens=100, mcp_servers=[server(desk)], betas=[BETA], **body
        )
    message = caught.value.body["error"]["message"]
    field = "tools.0.mcp_toolset.tools" if where == "toolset" else "messages.1.content.0"
    assert message.startswith(field) and LATEST in message


def test_a_streamed_message_with_the_current_beta_sends_valid_events(desk, client):
    raw = client.beta.messages.with_raw_response.create(
        model=MODEL,
        max_tokens=500,
        messages=[{"role": "user", "content": "What is the status of order A-1002?"}],
        mcp_servers=[server(desk)],
        tools=[TOOLSET],
        betas=[LATEST],
        stream=True,
    )
    text = raw.http_response.read().decode()
    events = [json.loads(line[6:]) for line in text.splitlines() if line.startswith("data: ")]
    parsed = [STREAM_EVENT.validate_python(e) for e in events]
    starts = [e.content_block.type for e in parsed if e.type == "content_block_start"]
    assert starts == ["mcp_tool_listing", "mcp_tool_use", "mcp_tool_result", "text"]
    with client.beta.messages.stream(
        model=MODEL,
        max_tokens=500,
        messages=[{"role": "user", "content": "What is the status of order A-1002?"}],
        mcp_servers=[server(desk)],
        tools=[TOOLSET],
        betas=[LATEST],
    ) as stream:
        final = stream.get_final_message()
    assert {t.name for t in final.content[0].tools} == DESK_TOOLS
