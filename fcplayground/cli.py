"""The ``fcplayground`` command."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path


def lessons_dir() -> Path:
    """The lessons folder of this checkout."""
    return Path(__file__).resolve().parent.parent / "notebooks"


def cmd_lessons(args: argparse.Namespace) -> int:
    folder = lessons_dir()
    if not folder.is_dir():
        print(
            f"No lessons folder at {folder}: run this from a checkout of fcplayground.",
            file=sys.stderr,
        )
        return 1
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        f"--ServerApp.root_dir={folder}",
        *args.jupyter_args,
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in command:
        command.append("--allow-root")
    print("Opening the lessons in JupyterLab (offline: no API key needed).", flush=True)
    if os.name == "posix":
        # Become JupyterLab: Ctrl-C and kill then reach the server itself, not a parent
        # that would leave it running.
        os.execv(sys.executable, command)
    return subprocess.call(command)


def main(argv: list[str] | None = None) -> int:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="fcplayground", description="Learn LLM function calling hands-on."
    )
    parser.add_argument("--version", action="version", version=f"fcplayground {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    lessons = sub.add_parser("lessons", help="open the lessons in JupyterLab")
    lessons.set_defaults(run=cmd_lessons)
    # Anything the lessons command does not know goes on to jupyter lab (--port, --no-browser).
    args, extra = parser.parse_known_args(argv)
    if extra and args.command != "lessons":
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.jupyter_args = extra
    return args.run(args)


if __name__ == "__main__":
    raise SystemExit(main())
