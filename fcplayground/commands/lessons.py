"""``fcplayground lessons``: open the lessons in JupyterLab."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path
from typing import Any


def lessons_dir() -> Path:
    """The lessons folder of this checkout."""
    return Path(__file__).resolve().parents[2] / "notebooks"


def register(sub: Any) -> None:
    parser = sub.add_parser("lessons", help="open the lessons in JupyterLab")
    parser.set_defaults(run=run, passes_unknown=True)


def run(args: argparse.Namespace) -> int:
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
        *args.extra,
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in command:
        command.append("--allow-root")
    print("Opening the lessons in JupyterLab (offline: no API key needed).", flush=True)
    if os.name == "posix":
        # Become JupyterLab: Ctrl-C and kill then reach the server itself, not a parent
        # that would leave it running.
        os.execv(sys.executable, command)
    return subprocess.call(command)
