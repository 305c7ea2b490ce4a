"""The ``fcplayground`` command: ``lessons``, ``eval`` and friends.

Each subcommand lives in its own module under :mod:`fcplayground.commands`. Only the module
of the subcommand being run is imported: ``fcplayground --help`` lists the others from
:data:`COMMANDS` without loading them (``serve`` pulls in the simulated model and the SDKs,
``eval`` the test sets), so it starts in a blink.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    """A subcommand as ``fcplayground --help`` lists it, before its module is loaded."""

    name: str
    module: str  # under fcplayground.commands
    help: str  # the same one line its module registers (a test keeps them equal)


# In the order ``--help`` lists them.
COMMANDS = (
    Command(
        "lessons", "lessons", "copy the lessons into a working folder and open them in JupyterLab"
    ),
    Command("eval", "evaluate", "evaluate a model on a test set (BFCL or a scenario)"),
    Command(
        "serve",
        "serve",
        "answer the OpenAI and Anthropic APIs over HTTP with the simulated model",
    ),
    Command(
        "mcp", "mcp_serve", "serve a scenario's tools as an MCP server (stdio, or HTTP with --http)"
    ),
    Command(
        "doctor",
        "doctor",
        "check this machine for the lessons (offline: no network, no key shown)",
    ),
)


def chosen(argv: list[str] | None) -> str | None:
    """The subcommand ``argv`` names: its first word that is not an option.

    The top-level parser has no option that takes a value, so this is the one argparse picks.
    """
    words = sys.argv[1:] if argv is None else argv
    return next((w for w in words if not w.startswith("-")), None)


def parser(argv: list[str] | None = None, *, every: bool = False) -> argparse.ArgumentParser:
    """The argument parser: in full for the subcommand ``argv`` names (or all, ``every``),
    a one-line entry for each other one."""
    from . import __version__

    top = argparse.ArgumentParser(
        prog="fcplayground", description="Learn LLM function calling hands-on."
    )
    top.add_argument("--version", action="version", version=f"fcplayground {__version__}")
    sub = top.add_subparsers(dest="command", required=True)
    name = chosen(argv)
    for command in COMMANDS:
        if every or command.name == name:
            importlib.import_module(f"fcplayground.commands.{command.module}").register(sub)
        else:
            sub.add_parser(command.name, help=command.help)
    return top


def main(argv: list[str] | None = None) -> int:
    """Run the command line ``argv`` (default: this process's); the exit status."""
    top = parser(argv)
    # `lessons` hands what it does not know on to jupyter lab (--port, --no-browser).
    args, extra = top.parse_known_args(argv)
    if extra and not getattr(args, "passes_unknown", False):
        top.error(f"unrecognized arguments: {' '.join(extra)}")
    args.extra = extra
    return args.run(args)


if __name__ == "__main__":
    raise SystemExit(main())
