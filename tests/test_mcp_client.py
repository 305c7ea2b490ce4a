"""An MCP server's tools in a registry: a real MCP client (fcplayground.mcp.client) talking
to real MCP servers (tests/mcp_servers/) in subprocesses, over stdio and streamable HTTP."""

from __future__ import annotations

import asyncio
import json
import os
import threading
import warnings
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest
from mcp_servers.launch import HttpServer, command, gone, http_server, port_is_closed

from fcplayground import offline, settings
from fcplayground.agent import approve_all, arun, run
from fcplayground.client import ModelClient
from fcplayground.mcp.client import MCPToolRegistry, SkippedToolWarning, atools, tools

EVERY_TYPE = {
    "text": "naïve ✓",
    "count": 7,
    "ratio": 0.25,
    "flag": False,
    "tags": ["a", "b"],
    "extra": {"nested": [1, {"deep": None}]},
    "mode": "slow",
    "colour": "blue",
    "point": {"x": -1, "y": 2},
    "note": None,
}
REFUND = "Refund order A-17"


@dataclass
class Servers:
    """The module's servers: basic over stdio, paged over stdio, basic over HTTP."""

    basic: MCPToolRegistry
    paged: MCPToolRegistry
    http: MCPToolRegistry
    http_server: HttpServer
    paged_warnings: list[str]


@pytest.fixture(scope="module")
def servers() -> Iterator[Servers]:
    # Started side by side: each takes a few seconds to import the MCP SDK.
    with http_server() as web, ThreadPoolExecutor(3) as pool:
        basic = pool.submit(tools, command("basic"))
        http = pool.submit(tools, web.url)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", SkippedToolWarning)
            paged = tools(command("paged"))
        texts = [str(w.message) for w in caught if w.category is SkippedToolWarning]
        found = Servers(basic.result(), paged, http.result(), web, texts)
        pid = int(found.basic.call("pid").content)
        with found.basic, found.paged, found.http:
            yield found
        # Closed by the with statement: the stdio server's process is gone.
        assert gone(pid), f"the stdio server {pid} outlived its registry"
    # Stopped by its pid: nothing listens on its port any more.
    assert gone(web.process.pid) and port_is_closed(web.port)


def test_a_stdio_servers_tools_arrive_with_their_names_descriptions_and_schemas(servers):
    registry = servers.basic
    assert registry.names[:4] == ["echo", "add", "every_type", "refund"]
    echo = registry["echo"]
    assert echo.description == "Send the text back unchanged."
    assert echo.parameters["properties"]["text"]["description"] == "The text to send back."
    assert echo.parameters["required"] == ["text"]
    assert registry.to_openai()[0]["function"]["parameters"] == echo.parameters
    assert registry.to_anthropic()[0]["input_schema"] == echo.parameters


def test_a_call_over_stdio_gives_the_tools_result(servers):
    echoed = servers.basic.call("echo", {"text": "hello"}, call_id="c1")
    assert (echoed.content, echoed.is_error, echoed.call_id) == ("hello", False, "c1")
    # The server sends 5 as {"result": 5}: the registry gives 5, as a local tool would.
    assert servers.basic.call("add", '{"a": 2, "b": 3}').content == "5"


def test_every_parameter_type_round_trips_through_mcp(servers):
    result = servers.basic.call("every_type", EVERY_TYPE)
    assert not result.is_error, result.content
    sent_back = json.loads(result.content)
    assert sent_back["values"] == EVERY_TYPE
    assert sent_back["types"] == {
        "text": "str",
        "count": "int",
        "ratio": "float",
        "flag": "bool",
        "tags": "list",
        "extra": "dict",
        "mode": "str",
        "colour": "str",  # the server's enum, sent back as its value
        "point": "dict",
        "note": "NoneType",
    }
    # Structured content is the value, written as a local tool's dict result would be.
    assert result.content == json.dumps(sent_back, ensure_ascii=False)


def test_a_tool_that_reports_an_error_gives_an_error_result_with_the_servers_text(servers):
    result = servers.basic.call("fail", {"message": "the printer is on fire"})
    assert result.is_error
    # As the server wrote it (MCPServer's wording), not wrapped in a second message.
    assert result.content == "Error executing tool fail: the printer is on fire"


def test_tools_come_from_every_page_of_the_listing(servers):
    assert servers.paged.names == [f"times_{i}" for i in range(5)]
    assert servers.paged.call("times_4", {"n": 3}).content == "12"


def test_a_listed_tool_no_registry_can_hold_is_left_out_with_a_warning_saying_why(servers):
    dotted, broken = servers.paged_warnings
    assert "'dotted.name'" in dotted and "cannot be a tool name" in dotted
    assert "'broken_schema'" in broken and "not a valid JSON Schema" in broken
    assert "dotted.name" not in servers.paged and "broken_schema" not in servers.paged


def test_only_tools_the_server_marks_read_only_run_without_approval(servers):
    assert servers.basic["refund"].side_effect
    assert not servers.basic["echo"].side_effect
    trace = run(ModelClient.offline(), servers.basic, REFUND, approve=approve_all)
    assert [r.approval for r in trace.tool_runs] == ["approved"]


def test_agent_run_uses_tools_living_in_another_process(servers):
    trace = run(ModelClient.offline(), servers.basic, REFUND)
    assert trace.error is None and trace.calls() == [("refund", {"order_id": "A-17"})]
    assert trace.tool_runs[0].result.content == "refunded A-17"
    assert "refunded A-17" in trace.final_text
    assert int(servers.basic.call("pid").content) != os.getpid()


def test_call_many_in_parallel_has_the_calls_running_at_the_same_time(servers):
    calls = [("rendezvous", {"group": "together", "party": 3, "wait": 10.0})] * 3
    assert [r.content for r in servers.basic.call_many(calls, parallel=True)] == ["met"] * 3
    # The check can fail: one call at a time, the first one waits alone.
    calls = [("rendezvous", {"group": "in turn", "party": 2, "wait": 0.2})] * 2
    assert [r.content for r in servers.basic.call_many(calls, parallel=False)][0] == "alone"


def test_calls_from_several_threads_share_one_session(servers):
    call = ("rendezvous", {"group": "threads", "party": 3, "wait": 10.0})
    with ThreadPoolExecutor(3) as pool:
        results = list(pool.map(lambda _: servers.basic.call(*call), range(3)))
    assert [r.content for r in results] == ["met"] * 3


def test_closing_while_a_call_waits_ends_that_call_with_an_error_saying_so(servers):
    registry = tools(servers.http_server.url)
    results: list = []
    worker = threading.Thread(
        target=lambda: results.append(registry.call("sleep", {"seconds": 30}))
    )
    worker.start()
    threading.Timer(0.5, registry.close).start()
    worker.join(timeout=20)  # a hang guard: the call must not wait for ever
    assert not worker.is_alive()
    assert results[0].is_error and "was closed" in results[0].content


def test_an_openai_sdk_loop_runs_mcp_tools(servers):
    client = offline.openai_client()
    messages: list[dict] = [{"role": "user", "content": REFUND}]
    model, registry = settings.model_for("openai"), servers.basic
    reply = client.chat.completions.create(
        model=model, messages=messages, tools=registry.to_openai()
    )
    (call,) = reply.choices[0].message.tool_calls
    result = registry.call(call.function.name, call.function.arguments, call_id=call.id)
    messages += [
        reply.choices[0].message.model_dump(exclude_none=True),
        {"role": "tool", "tool_call_id": call.id, "content": result.content},
    ]
    final = client.chat.completions.create(
        model=model, messages=messages, tools=registry.to_openai()
    )
    assert result.content == "refunded A-17"
    assert "refunded A-17" in final.choices[0].message.content


def test_an_anthropic_sdk_loop_runs_mcp_tools(servers):
    client = offline.anthropic_client()
    messages: list[dict] = [{"role": "user", "content": REFUND}]
    model, registry = settings.model_for("anthropic"), servers.basic
    options = {"model": model, "max_tokens": 500, "tools": registry.to_anthropic()}
    reply = client.messages.create(messages=messages, **options)
    (use,) = [block for block in reply.content if block.type == "tool_use"]
    result = registry.call(use.name, use.input, call_id=use.id)
    messages += [
        {"role": "assistant", "content": [b.model_dump(exclude_none=True) for b in reply.content]},
        {
            "role": "user",
            "content": [{"type": "tool_result", "tool_use_id": use.id, "content": result.content}],
        },
    ]
    final = client.messages.create(messages=messages, **options)
    assert result.content == "refunded A-17"
    assert "refunded A-17" in "".join(b.text for b in final.content if b.type == "text")


def test_a_streamable_http_servers_tools_work_like_a_stdio_ones(servers):
    registry = servers.http
    assert registry.names == servers.basic.names
    assert [t.parameters for t in registry] == [t.parameters for t in servers.basic]
    assert registry.call("add", {"a": 40, "b": 2}).content == "42"
    assert json.loads(registry.call("every_type", EVERY_TYPE).content)["values"] == EVERY_TYPE
    assert int(registry.call("pid").content) == servers.http_server.process.pid


def test_the_async_form_serves_acall_and_arun_and_closes(servers):
    async def main() -> tuple[MCPToolRegistry, str, list]:
        async with atools(servers.http_server.url) as registry:
            echoed = (await registry.acall("echo", {"text": "async"})).content
            trace = await arun(ModelClient.offline(), registry, REFUND)
        return registry, echoed, trace.calls()

    registry, echoed, calls = asyncio.run(main())
    assert echoed == "async" and calls == [("refund", {"order_id": "A-17"})]
    assert registry.closed
    registry.close()  # closing twice is fine
    after = registry.call("echo", {"text": "late"})
    assert after.is_error and "was closed" in after.content and "tools(...)" in after.content
    assert servers.http.call("echo", {"text": "others go on"}).content == "others go on"
