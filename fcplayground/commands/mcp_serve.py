"""``fcplayground mcp``: a scenario's tools as an MCP server, over stdio or HTTP, for MCP
Inspector, a desktop assistant or any MCP client."""

from __future__ import annotations

import argparse
import enum
import os
import signal
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fcplayground.tools import ToolRegistry

HELP = "serve a scenario's tools as an MCP server (stdio, or HTTP with --http)"
DEFAULT_TIMEOUT = 30.0


class Scenario(enum.Enum):
    """The scenarios whose tools ``fcplayground mcp`` can serve."""

    SUPPORT_DESK = "support_desk"
    TRAVEL = "travel"


def registry(scenario: Scenario) -> ToolRegistry:
    """A fresh ``scenario``'s tools (the support desk with its data in memory)."""
    # Imported here: each scenario loads its own data, and only the one asked for.
    if scenario is Scenario.TRAVEL:
        from fcplayground.scenarios.travel import Travel

        return Travel().tools
    from fcplayground.scenarios.support_desk import SupportDesk

    return SupportDesk().tools


def _scenario(text: str) -> Scenario:
    try:
        return Scenario(text)
    except ValueError:
        names = ", ".join(s.value for s in Scenario)
        raise argparse.ArgumentTypeError(f"no scenario {text!r}; choose one of: {names}") from None


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "mcp",
        help=HELP,
        description=(
            "Serve a scenario's tools over MCP: over stdio (the default: an MCP client starts "
            "this command and talks to it on stdin/stdout), or over streamable HTTP with "
            "--http. Stop it with Ctrl-C or SIGTERM. Over HTTP it also stops when the process "
            "that started it ends (a notebook kernel, a shell), unless --keep-running."
        ),
    )
    parser.add_argument(
        "--scenario",
        type=_scenario,
        metavar="{" + ",".join(s.value for s in Scenario) + "}",
        default=Scenario.SUPPORT_DESK,
        help="whose tools to serve (default support_desk)",
    )
    parser.add_argument("--http", action="store_true", help="serve over HTTP, not stdio")
    parser.add_argument(
        "--port", type=int, default=0, help="HTTP port (default 0: any free one, printed)"
    )
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="HTTP address to listen on (default 127.0.0.1: this machine only)",
    )
    parser.add_argument(
        "--keep-running",
        action="store_true",
        help="with --http: keep serving after the process that started this one has ended",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"time one tool call may take (default {DEFAULT_TIMEOUT:g})",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Until the server takes them over, SIGTERM and Ctrl-C stop quietly (loading the
    # SDK takes a moment, and a client may give up on us during it).
    previous = signal.signal(signal.SIGTERM, _exit_quietly)
    parent = os.getppid()  # now: the process that started this one, before it can end
    try:
        return _serve(args, None if args.keep_running else parent)
    except KeyboardInterrupt:
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)


def _exit_quietly(sig: int, frame: Any) -> None:
    raise SystemExit(0)


def _serve(args: argparse.Namespace, parent: int | None) -> int:
    if args.timeout <= 0:
        print(f"fcplayground mcp: --timeout must be > 0, not {args.timeout:g}", file=sys.stderr)
        return 2
    if not args.http and (args.port or args.host != "127.0.0.1"):
        print("fcplayground mcp: --port and --host need --http", file=sys.stderr)
        return 2
    if not args.http and args.keep_running:
        # Over stdio the server ends with its client's pipe, which is what it is for.
        print("fcplayground mcp: --keep-running needs --http", file=sys.stderr)
        return 2
    from fcplayground.mcp import serving

    name = args.scenario.value
    tools = registry(args.scenario)
    if not args.http:
        # Never on stdout: in stdio mode that is the protocol.
        print(f"fcplayground mcp: serving {name} over stdio", file=sys.stderr, flush=True)
        serving.serve_stdio(tools, name=name, timeout=args.timeout)
        return 0
    serving.warn_if_exposed(args.host)

    def ready(url: str) -> None:  # one line a caller can parse for the port it chose
        print(f"fcplayground mcp: serving {name} at {url}", flush=True)

    try:
        serving.serve_http(
            tools,
            host=args.host,
            port=args.port,
            name=name,
            timeout=args.timeout,
            on_ready=ready,
            parent=parent,
        )
    except OSError as e:  # the port is taken, or the address is not this machine's
        print(
            f"fcplayground mcp: cannot listen on {args.host}:{args.port}: {e.strerror or e}. "
            "Choose another --port (0: any free one).",
            file=sys.stderr,
        )
        return 1
    return 0
