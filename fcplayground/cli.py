"""The ``fcplayground`` command: ``lessons``, ``eval`` and friends.

Each subcommand lives in its own module under :mod:`fcplayground.commands`.
"""

from __future__ import annotations

import argparse
import importlib

# Subcommand modules, in the order ``--help`` lists them.
COMMANDS = ("lessons", "evaluate", "serve", "doctor")


def parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered."""
    from . import __version__

    top = argparse.ArgumentParser(
        prog="fcplayground", description="Learn LLM function calling hands-on."
    )
    top.add_argument("--version", action="version", version=f"fcplayground {__version__}")
    sub = top.add_subparsers(dest="command", required=True)
    for name in COMMANDS:
        importlib.import_module(f"fcplayground.commands.{name}").register(sub)
    return top


def main(argv: list[str] | None = None) -> int:
    top = parser()
    # `lessons` hands what it does not know on to jupyter lab (--port, --no-browser).
    args, extra = top.parse_known_args(argv)
    if extra and not getattr(args, "passes_unknown", False):
        top.error(f"unrecognized arguments: {' '.join(extra)}")
    args.extra = extra
    return args.run(args)


if __name__ == "__main__":
    raise SystemExit(main())
