"""The offline provider's MCP connector for Anthropic (``mcp_servers``, a beta), through the
real ``anthropic`` SDK, against a real MCP server over streamable HTTP in a subprocess."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import anthropic
import pytest
from anthropic.types.beta import BetaMessage
from mcp_servers import provider_desk, provider_process

from fcplayground import offline
from fcplayground.models import ScriptedModel
from fcplayground.offline import mcp_anthropic

MODEL = "claude-haiku-4-5"
BETA = mcp_anthropic.CURRENT
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
    assert f"anthropic-beta: {BETA}" in message


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
        betas=[mcp_anthropic.DEPRECATED],
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
    "offline requests",
    "invalid Anthropic `mcp_servers` or `mcp_toolset` (no URL, non-http URL, a name used "
    "twice, a toolset for no server, a server with no toolset)",
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
