"""``fcplayground serve``: the simulated model over HTTP, for curl, JavaScript and friends."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..offline.server import DEFAULT_HOST, DEFAULT_PORT, serve


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "serve",
        help="answer the OpenAI and Anthropic APIs over HTTP with the simulated model",
        description=(
            "Serve /v1/chat/completions, /v1/responses and /v1/messages on this machine, "
            "answered by the simulated model. Any API key is accepted."
        ),
    )
    parser.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help=f"port (default {DEFAULT_PORT}; 0: any free one)",
    )
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default {DEFAULT_HOST}: this machine only)",
    )
    parser.add_argument("--quiet", action="store_true", help="no log line per request")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        serve(host=args.host, port=args.port, quiet=args.quiet)
    except OSError as e:  # the server's bind errors already say what to do
        print(f"fcplayground serve: {e.strerror or e}", file=sys.stderr)
        return 1
    return 0
