"""Start and stop tests/mcp_servers/provider_desk.py as a subprocess (by its pid)."""

from __future__ import annotations

import os
from pathlib import Path

from mcp_servers.launch import HttpServer, start_http

SCRIPT = Path(__file__).with_name("provider_desk.py")

Running = HttpServer  # a running desk server: its process and the URL of its MCP endpoint


def start() -> Running:
    """Start the server on a free port and wait for it to say which."""
    return start_http(SCRIPT, os.environ | {"PYTHONUNBUFFERED": "1"})
