"""``fcplayground serve``: the simulated model over HTTP, for curl, JavaScript and friends."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..offline.http_policy import DEFAULT_HOST, DEFAULT_PORT, DEFAULT_TIMEOUT


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
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"time a whole request may take to arrive (default {DEFAULT_TIMEOUT:g})",
    )
    parser.add_argument(
        "--cors",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="let web pages from ORIGIN (e.g. http://localhost:5173; '*': any) call the "
        "server from a browser; repeatable. Default: no browser page may",
    )
    parser.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="also answer requests addressed to NAME (besides IP addresses, localhost and "
        "this machine's name); repeatable; '*': any",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..offline.server import serve  # the model and the SDKs: only when serving

    try:
        serve(
            host=args.host,
            port=args.port,
            quiet=args.quiet,
            timeout=args.timeout,
            cors=args.cors,
            allow_hosts=args.allow_host,
        )
    except OSError as e:  # the server's bind errors already say what to do
        print(f"fcplayground serve: {e.strerror or e}", file=sys.stderr)
        return 1
    except ValueError as e:  # a bad --timeout or --cors: the message names it
        print(f"fcplayground serve: {e}", file=sys.stderr)
        return 2
    return 0
