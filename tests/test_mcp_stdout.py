"""What a stdio MCP server writes on its stdout, however hostile, and what the client makes
of it: big answers arrive whole and hold nothing up, an answer too long or not valid is
an error result for its own call, lines that are not JSON-RPC are skipped with a warning.
The server (tests/mcp_servers/raw.py) is written by hand, to write what no SDK would."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator

import pytest
from mcp_servers.launch import HERE

from fcplayground.mcp.client import MCPToolRegistry, tools
from fcplayground.mcp.stdout_lines import ENDS, MAX_MESSAGE, Kind, LineSplitter

RAW = [sys.executable, str(HERE / "raw.py")]
MB = 2**20


@pytest.fixture
def raw() -> Iterator[MCPToolRegistry]:
    # A timeout well above what reading takes (a fraction of a second), well below what
    # a reader quadratic in a line's length takes for 20 MB (10 s and more).
    with tools(RAW, timeout=5, max_result_chars=None) as registry:
        yield registry


def test_a_20_mb_answer_arrives_whole_within_the_timeout_and_the_next_call_is_answered(raw):
    big = raw.call("huge", {"size": 20 * MB, "shape": "id_first"})
    assert not big.is_error, big.content[:300]
    assert big.content == "x" * (20 * MB)
    assert raw.call("echo", {"text": "next"}).content == "next"


@pytest.mark.fault(
    "mcp",
    "a stdio MCP server's answer longer than the client reads (64 MB)",
    "an error result for that call naming the size and the cap; the session goes on",
)
@pytest.mark.parametrize("shape", ["id_first", "id_last"])
def test_an_answer_over_the_cap_is_an_error_naming_its_size_and_the_session_goes_on(raw, shape):
    result = raw.call("huge", {"size": MAX_MESSAGE, "shape": shape})
    assert result.is_error
    assert result.content.startswith("The MCP server python")
    assert "raw.py answered huge with a message of 67,108," in result.content
    assert "bytes, more than the 67,108,864 bytes this client reads" in result.content
    assert "so the answer was dropped. Ask for less" in result.content
    assert raw.call("echo", {"text": "still here"}).content == "still here"


@pytest.mark.fault(
    "mcp",
    "a stdio MCP server's over-size message that names no call",
    "every call then says the server's answers can no longer be read, and why",
)
def test_an_over_size_message_naming_no_call_ends_the_session_saying_why(raw):
    result = raw.call("huge", {"size": MAX_MESSAGE, "shape": "no_id"})
    later = raw.call("echo", {"text": "anyone?"})
    assert result.is_error and result.content.startswith("The answers of the MCP server python")
    assert "raw.py can no longer be read: it sent a message of 67,108," in result.content
    assert "without saying which call it answers" in result.content
    assert later.is_error and later.content == result.content


@pytest.mark.fault(
    "mcp",
    "a stdio MCP server's answer that is not valid JSON",
    "an error result for that call quoting the parse error; the session goes on",
)
def test_an_answer_that_is_not_json_is_an_error_for_its_call_and_the_session_goes_on(raw):
    result = raw.call("broken")
    assert result.is_error
    assert (
        "answered broken with a message that is not valid MCP (Invalid JSON: EOF" in result.content
    )
    assert result.content.endswith(
        "so the answer was dropped. Try again, or carry on without this result."
    )
    assert raw.call("echo", {"text": "fine"}).content == "fine"


@pytest.mark.fault(
    "mcp",
    "a stdio MCP server that prints lines that are not JSON-RPC on its stdout",
    "each skipped with one warning line (no traceback), the first 3 shown, then a count",
)
def test_lines_that_are_not_json_rpc_are_one_warning_line_each_then_a_count(caplog):
    caplog.set_level(logging.WARNING)
    with tools([*RAW, "noisy"]) as registry:
        assert registry.call("chatter", {"lines": 4}).content == "chattered"
    warned = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert all(r.exc_info is None for r in warned)  # one line each, no traceback
    assert [r.name for r in warned] == ["fcplayground.mcp"] * 4
    texts = [r.getMessage() for r in warned]
    assert "raw.py noisy wrote a line that is not an MCP message on its stdout" in texts[0]
    assert texts[0].endswith("skipped: 'Starting up... (not JSON-RPC)'.")
    assert texts[2].endswith("Further lines like it are counted, not shown.")
    assert texts[3].endswith(
        "wrote 7 lines that are not MCP messages on its stdout; each was skipped."
    )


def test_lines_split_across_chunks_come_whole_and_blank_lines_are_dropped():
    splitter = LineSplitter()
    assert splitter.feed(b'{"a": ') == []
    lines = splitter.feed(b'1}\n\n{"b": 2}\n{"c"')
    assert [(line.data, line.size, line.cut) for line in lines] == [
        (b'{"a": 1}', 8, False),
        (b'{"b": 2}', 8, False),
    ]
    assert [line.data for line in splitter.feed(b": 3}\n")] == [b'{"c": 3}']


def test_a_line_over_the_cap_keeps_only_its_ends_and_its_size():
    splitter = LineSplitter(cap=5 * ENDS)  # 20,480 bytes
    head = b'{"jsonrpc":"2.0","id":7,"result":"'
    lines = splitter.feed(head)
    for _ in range(25):
        lines += splitter.feed(b"x" * 1000)
    lines += splitter.feed(b'"}\nnext\n')
    over, after = lines
    assert over.cut and over.size == len(head) + 25_000 + 2
    assert over.data.startswith(head) and len(over.data) == ENDS
    assert over.tail == b"x" * (ENDS - 2) + b'"}'
    assert over.kind() == (Kind.ANSWER, 7)
    assert (after.data, after.cut) == (b"next", False)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        (b'{"jsonrpc":"2.0","id":3,"result":{}}', (Kind.ANSWER, 3)),
        (b'{"id": "a-1", "error": {"code": 1}}', (Kind.ANSWER, "a-1")),
        (b'{"result":{"id":5},"jsonrpc":"2.0","id":4}', (Kind.ANSWER, 4)),
        (b'{"result":{"x":{"id":5}}}', (Kind.UNKNOWN, None)),
        (b'{"jsonrpc":"2.0","id":9,"method":"sampling/createMessage"}', (Kind.FROM_SERVER, None)),
        (b'{"jsonrpc":"2.0","method":"notifications/message"}', (Kind.FROM_SERVER, None)),
        (b"Hello, world", (Kind.UNKNOWN, None)),
    ],
)
def test_what_an_unreadable_line_was_meant_to_be_is_told_from_its_ends(line, kind):
    (read,) = LineSplitter().feed(line + b"\n")
    assert read.kind() == kind
