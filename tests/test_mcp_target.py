"""How error results name an MCP server (``Target.named``): briefly, with no folder of this
machine and no credential of a URL, while the learner's messages keep it in full."""

from __future__ import annotations

import pytest

from fcplayground.mcp.target import Target


@pytest.mark.parametrize(
    ("command", "named"),
    [
        (
            ["/root/.pyenv/versions/3.11.7/bin/python", "-m", "fcplayground", "mcp"],
            "python -m fcplayground mcp",
        ),
        (["/usr/bin/python3", "/home/ada/servers/hostile_server.py"], "python3 hostile_server.py"),
        (
            ["node", "--db=/var/data/orders.db", "C:\\tools\\server.js"],
            "node --db=orders.db server.js",
        ),
        (
            ["npx", "-y", "@modelcontextprotocol/server-everything"],
            "npx -y @modelcontextprotocol/server-everything",
        ),
        (["uv", "run", "servers/desk.py", "~/bin/tool"], "uv run servers/desk.py tool"),
    ],
)
def test_a_command_is_named_by_its_program_and_files_without_their_folders(command, named):
    target = Target(command=tuple(command))
    assert target.named == named
    assert target.shown.startswith(command[0])  # the learner's messages keep it all


def test_a_long_command_is_named_in_at_most_80_characters():
    target = Target(command=("python", "-c", "print('x'); " * 40))
    assert len(target.named) == 80 and target.named.endswith("...")


@pytest.mark.parametrize(
    ("url", "named"),
    [
        ("https://ada:s3cret@mcp.example.com/mcp?api_key=k-1#top", "https://mcp.example.com/mcp"),
        ("http://127.0.0.1:8000/mcp", "http://127.0.0.1:8000/mcp"),
        ("http://token@[::1]:9000/mcp/?x=1", "http://[::1]:9000/mcp/"),
    ],
)
def test_a_url_is_named_without_its_credentials_query_or_fragment(url, named):
    assert Target(url=url).named == named
