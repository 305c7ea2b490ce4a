"""The basic test server over streamable HTTP, on a port the system picks.

``python tests/mcp_servers/http_server.py`` prints ``PORT <n>`` on stdout once it
listens on 127.0.0.1, then serves until it is terminated."""

from __future__ import annotations

import socket
import sys

import anyio
import uvicorn
from basic import build


def main() -> None:
    """Bind port 0, say which port it got, and serve the basic server's app there."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    print(f"PORT {sock.getsockname()[1]}", flush=True)
    app = build().streamable_http_app()
    config = uvicorn.Config(app, log_level="warning", lifespan="on")
    anyio.run(uvicorn.Server(config).serve, [sock])


if __name__ == "__main__":
    sys.exit(main())
