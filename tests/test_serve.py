"""``fcplayground serve``: the offline provider over a real socket, driven by real clients."""

from __future__ import annotations

import io
import json
import re
import shutil
import socket
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import anthropic
import openai
import pytest
from http_posts import post

from fcplayground import ToolRegistry
from fcplayground.cli import main
from fcplayground.offline.server import PortInUseError, Server

ROOT = Path(__file__).parents[1]
ASK = [{"role": "user", "content": "Weather in Paris?"}]
OPENAI_MODEL, ANTHROPIC_MODEL = "gpt-5.4-mini", "claude-haiku-4-5"
KEY = "sk-test-not-a-real-key-1234"  # any key is accepted; it must never be printed


def weather_tools() -> ToolRegistry:
    tools = ToolRegistry()

    @tools.tool
    def get_weather(city: str) -> dict:
        """Returns the current weather for a city.

        Args:
            city: The city name, e.g. Paris.
        """
        return {"city": city, "sky": "sunny", "celsius": 22}

    return tools


@pytest.fixture(scope="module")
def tools() -> ToolRegistry:
    return weather_tools()


@pytest.fixture(scope="module")
def server():
    with Server() as running:
        yield running


@pytest.fixture
def chat(server):
    return openai.OpenAI(base_url=server.openai_base_url, api_key=KEY, max_retries=0)


@pytest.fixture
def claude(server):
    return anthropic.Anthropic(base_url=server.anthropic_base_url, api_key=KEY, max_retries=0)


def curl(*args: str) -> subprocess.CompletedProcess[str]:
    path = shutil.which("curl")
    assert path, "curl is not installed: install it (apt-get install -y curl) to run this test"
    return subprocess.run([path, "-sS", *args], capture_output=True, text=True, timeout=30)


# -- the real SDKs ----------------------------------------------------------------------


def test_openai_chat_completion_over_http_returns_a_parsed_tool_call(chat, tools):
    reply = chat.chat.completions.create(model=OPENAI_MODEL, messages=ASK, tools=tools.to_openai())
    call = reply.choices[0].message.tool_calls[0]
    assert call.function.name == "get_weather"
    assert json.loads(call.function.arguments) == {"city": "Paris"}
    assert reply.choices[0].finish_reason == "tool_calls"


def test_openai_chat_stream_over_http_delivers_the_tool_call_in_pieces(chat, tools):
    chunks = list(
        chat.chat.completions.create(
            model=OPENAI_MODEL, messages=ASK, tools=tools.to_openai(), stream=True
        )
    )
    deltas = [c.choices[0].delta for c in chunks if c.choices]
    calls = [call for delta in deltas for call in delta.tool_calls or []]
    assert len(chunks) > 2
    assert calls[0].function.name == "get_weather"
    assert json.loads("".join(c.function.arguments or "" for c in calls)) == {"city": "Paris"}
    assert chunks[-1].choices[0].finish_reason == "tool_calls"


def test_openai_round_trip_over_http_answers_from_the_tool_result(chat, tools):
    first = chat.chat.completions.create(model=OPENAI_MODEL, messages=ASK, tools=tools.to_openai())
    call = first.choices[0].message.tool_calls[0]
    result = tools.call(call.function.name, call.function.arguments).content
    messages = [
        *ASK,
        first.choices[0].message.model_dump(exclude_none=True),
        {"role": "tool", "tool_call_id": call.id, "content": result},
    ]
    second = chat.chat.completions.create(
        model=OPENAI_MODEL, messages=messages, tools=tools.to_openai()
    )
    assert second.choices[0].finish_reason == "stop"
    assert "sunny" in second.choices[0].message.content


def test_openai_responses_over_http_returns_a_function_call(chat, tools):
    reply = chat.responses.create(
        model=OPENAI_MODEL, input="Weather in Paris?", tools=tools.to_openai(api="responses")
    )
    calls = [item for item in reply.output if item.type == "function_call"]
    assert [c.name for c in calls] == ["get_weather"]
    assert json.loads(calls[0].arguments) == {"city": "Paris"}


def test_anthropic_messages_over_http_returns_a_tool_use_block(claude, tools):
    reply = claude.messages.create(
        model=ANTHROPIC_MODEL, max_tokens=200, messages=ASK, tools=tools.to_anthropic()
    )
    uses = [block for block in reply.content if block.type == "tool_use"]
    assert [(u.name, u.input) for u in uses] == [("get_weather", {"city": "Paris"})]
    assert reply.stop_reason == "tool_use"


def test_anthropic_messages_stream_over_http_assembles_the_tool_use(claude, tools):
    with claude.messages.stream(
        model=ANTHROPIC_MODEL, max_tokens=200, messages=ASK, tools=tools.to_anthropic()
    ) as stream:
        kinds = [event.type for event in stream]
        final = stream.get_final_message()
    assert kinds[0] == "message_start" and "message_stop" in kinds
    uses = [block for block in final.content if block.type == "tool_use"]
    assert [(u.name, u.input) for u in uses] == [("get_weather", {"city": "Paris"})]


def test_anthropic_beta_client_and_its_query_string_are_answered(claude, tools):
    # The beta client posts to /v1/messages?beta=true.
    reply = claude.beta.messages.create(
        model=ANTHROPIC_MODEL, max_tokens=200, messages=ASK, tools=tools.to_anthropic()
    )
    assert [b.name for b in reply.content if b.type == "tool_use"] == ["get_weather"]


def test_openai_base_url_without_v1_is_tolerated(server, tools):
    client = openai.OpenAI(base_url=server.url, api_key=KEY, max_retries=0)
    reply = client.chat.completions.create(
        model=OPENAI_MODEL, messages=ASK, tools=tools.to_openai()
    )
    assert reply.choices[0].message.tool_calls[0].function.name == "get_weather"


def test_anthropic_tool_result_for_no_call_is_the_providers_400(claude, tools):
    messages = [
        *ASK,
        {"role": "assistant", "content": "Let me check."},
        {
            "role": "user",
            "content": [{"type": "tool_result", "tool_use_id": "toolu_nope", "content": "x"}],
        },
    ]
    with pytest.raises(anthropic.BadRequestError) as caught:
        claude.messages.create(
            model=ANTHROPIC_MODEL, max_tokens=200, messages=messages, tools=tools.to_anthropic()
        )
    assert caught.value.status_code == 400
    assert caught.value.body["error"]["type"] == "invalid_request_error"


def test_models_list_is_openai_shaped(chat):
    ids = [model.id for model in chat.models.list()]
    assert OPENAI_MODEL in ids


# -- curl and raw HTTP ------------------------------------------------------------------


def test_curl_plain_request_gets_a_tool_call(server, tools):
    body = {"model": OPENAI_MODEL, "messages": ASK, "tools": tools.to_openai()}
    done = curl(
        f"{server.openai_base_url}/chat/completions",
        "-H", "Content-Type: application/json",
        "-H", f"Authorization: Bearer {KEY}",
        "-d", json.dumps(body),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    call = json.loads(done.stdout)["choices"][0]["message"]["tool_calls"][0]
    assert call["function"]["name"] == "get_weather"


def test_curl_streaming_request_receives_the_sse_events(server, tools):
    body = {
        "model": ANTHROPIC_MODEL,
        "max_tokens": 200,
        "messages": ASK,
        "tools": tools.to_anthropic(),
        "stream": True,
    }
    done = curl(
        "-N", "-i", f"{server.url}/v1/messages",
        "-H", f"x-api-key: {KEY}",
        "-H", "anthropic-version: 2023-06-01",
        "-d", json.dumps(body),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    head, _, events = done.stdout.partition("\n\n")  # text mode: CRLF reads as LF
    assert "content-type: text/event-stream" in head.lower()
    names = re.findall(r"^event: (\w+)$", events, re.M)
    assert names[0] == "message_start" and names[-1] == "message_stop"
    assert "content_block_delta" in names
    assert '"name": "get_weather"' in events


def raw_exchange(server: Server, request: bytes) -> bytes:
    """Everything the server sends back for ``request`` until it closes the connection."""
    with socket.create_connection((server.host, server.port), timeout=10) as conn:
        conn.sendall(request)
        received = b""
        while data := conn.recv(65536):
            received += data
    return received


def stream_request(version: str, extra: str = "") -> bytes:
    body = json.dumps({"model": OPENAI_MODEL, "messages": ASK, "stream": True}).encode()
    head = (
        f"POST /v1/chat/completions {version}\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n{extra}\r\n"
    )
    return head.encode() + body


def test_streams_are_sent_one_event_per_chunk(server):
    received = raw_exchange(server, stream_request("HTTP/1.1", "Connection: close\r\n"))
    head, _, rest = received.partition(b"\r\n\r\n")
    assert b"Transfer-Encoding: chunked" in head
    chunks = []
    while True:
        size_line, _, rest = rest.partition(b"\r\n")
        size = int(size_line, 16)
        if size == 0:
            break
        chunks.append(rest[:size])
        rest = rest[size + 2 :]
    assert len(chunks) > 2
    assert all(c.startswith(b"data: ") and c.endswith(b"\n\n") for c in chunks)
    assert chunks[-1] == b"data: [DONE]\n\n"


def test_http_1_0_streams_end_with_the_connection(server):
    received = raw_exchange(server, stream_request("HTTP/1.0"))
    head, _, events = received.partition(b"\r\n\r\n")
    assert b"chunked" not in head and b"Connection: close" in head
    assert events.startswith(b"data: ") and events.endswith(b"data: [DONE]\n\n")


def test_a_body_that_is_not_json_gets_400_in_the_providers_format(server):
    status, body = post(f"{server.openai_base_url}/chat/completions", b"{not json")
    assert status == 400
    assert body["error"]["type"] == "invalid_request_error"
    assert "not valid JSON" in body["error"]["message"]
    status, body = post(f"{server.url}/v1/messages", b"[]")
    assert status == 400
    assert body["type"] == "error" and body["error"]["type"] == "invalid_request_error"


def test_an_unreadable_body_length_gets_400_instead_of_a_hang(server):
    request = b"POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -5\r\n\r\n"
    received = raw_exchange(server, request)
    assert received.startswith(b"HTTP/1.1 400 ")
    assert b"Content-Length" in received.partition(b"\r\n\r\n")[2]


def test_an_unknown_path_gets_404_naming_the_routes(server):
    status, body = post(f"{server.url}/v1/embeddings", b"{}")
    assert status == 404
    assert "/v1/chat/completions" in body["error"]["message"]
    assert "/v1/messages" in body["error"]["message"]


def test_home_and_health_pages_say_what_is_served(server):
    for path in ("/", "/health"):
        with urllib.request.urlopen(server.url + path, timeout=10) as reply:
            about = json.load(reply)
        assert about["openai_base_url"] == server.openai_base_url
        assert about["anthropic_base_url"] == server.url
        assert "POST /v1/messages" in about["endpoints"]


def test_browser_preflight_from_an_origin_given_with_cors_is_allowed():
    with Server(cors="http://localhost:5173") as server:
        request = urllib.request.Request(
            f"{server.url}/v1/messages",
            method="OPTIONS",
            headers={
                "Origin": "http://localhost:5173",
                "Access-Control-Request-Headers": "x-api-key",
            },
        )
        with urllib.request.urlopen(request, timeout=10) as reply:
            assert reply.status == 204
            assert reply.headers["Access-Control-Allow-Origin"] == "http://localhost:5173"
            assert reply.headers["Access-Control-Allow-Headers"] == "x-api-key"
            assert "POST" in reply.headers["Access-Control-Allow-Methods"]


def test_each_request_is_logged_in_one_line_without_the_api_key(tools):
    log = io.StringIO()
    with Server(quiet=False, log=log) as server:
        body = json.dumps({"model": OPENAI_MODEL, "messages": ASK}).encode()
        headers = {"Authorization": f"Bearer {KEY}", "x-api-key": KEY}
        assert post(f"{server.openai_base_url}/chat/completions?key={KEY}", body, headers)[0] == 200
        assert post(f"{server.url}/v1/nothing", b"{}", headers)[0] == 404
    # A line is written once its reply is sent, so the two may come in either order.
    lines = sorted(log.getvalue().splitlines())
    assert len(lines) == 2
    assert re.fullmatch(r"POST /v1/chat/completions 200 [\d.]+ ms", lines[0])
    assert re.fullmatch(r"POST /v1/nothing 404 [\d.]+ ms", lines[1])
    assert KEY not in log.getvalue()


def test_quiet_server_logs_nothing():
    log = io.StringIO()
    with Server(quiet=True, log=log) as server:
        urllib.request.urlopen(server.url + "/health", timeout=10).close()
    assert log.getvalue() == ""


def test_close_releases_the_port():
    server = Server().start()
    port = server.port
    server.close()
    with socket.socket() as again:
        again.bind(("127.0.0.1", port))  # raises if the port were still held


def test_a_busy_port_raises_an_error_naming_it_and_what_to_do():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(PortInUseError) as caught:
            Server(port=port)
    assert f"Port {port}" in str(caught.value)
    assert "--port" in str(caught.value)


def test_readme_curl_example_gets_a_tool_call(server):
    readme = (ROOT / "README.md").read_text()
    example = next(
        block
        for block in re.findall(r"```bash\n(.*?)```", readme, re.S)
        if block.startswith("curl http://127.0.0.1:8000/")
    )
    command = example.replace("127.0.0.1:8000", f"127.0.0.1:{server.port}")
    assert shutil.which("curl"), "curl is not installed: apt-get install -y curl"
    done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    call = json.loads(done.stdout)["choices"][0]["message"]["tool_calls"][0]
    assert call["function"]["name"] == "get_weather"
    assert json.loads(call["function"]["arguments"]) == {"city": "Paris"}


# -- the command ------------------------------------------------------------------------


def test_cli_on_a_busy_port_exits_non_zero_with_a_clear_message(capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        status = main(["serve", "--port", str(port)])
    err = capsys.readouterr().err
    assert status != 0
    assert f"Port {port} on 127.0.0.1 is already in use" in err
    assert "--port" in err
