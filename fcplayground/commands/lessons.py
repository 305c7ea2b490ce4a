"""``fcplayground lessons``: copy the lessons into a working folder and open JupyterLab there."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from .. import resources

DESCRIPTION = (
    "Copy the lessons into a working folder (./fcplayground-lessons unless --dir says "
    "otherwise) and open JupyterLab there, offline: no API key needed. The installed lessons "
    "are never edited; a second run keeps your edits (--reset restores one lesson)."
)
EPILOG = (
    "Any other arguments go to JupyterLab, e.g. fcplayground lessons --port 8890 --no-browser "
    "(see jupyter lab --help-all)."
)


def lessons_dir() -> Path:
    """The installed lessons (in the package, or in a checkout's ``notebooks/``)."""
    return resources.lessons_dir()


def register(sub: Any) -> None:
    """Add ``lessons`` to the ``fcplayground`` subcommands."""
    parser = sub.add_parser(
        "lessons",
        help="copy the lessons into a working folder and open them in JupyterLab",
        description=DESCRIPTION,
        epilog=EPILOG,
        allow_abbrev=False,  # a JupyterLab option must never be taken for a prefix of ours
    )
    parser.add_argument(
        "--dir",
        metavar="FOLDER",
        default=None,
        help="the working folder to copy the lessons into (default: ./fcplayground-lessons)",
    )
    parser.add_argument(
        "--reset",
        metavar="LESSON",
        default=None,
        help="restore one lesson (number or name, e.g. 3 or 03_sequential_agent) as "
        "installed; your copy is kept in FOLDER/.fcplayground/backups/",
    )
    parser.add_argument(
        "--copy-only",
        action="store_true",
        help="copy the lessons into the folder and stop, without starting JupyterLab",
    )
    parser.set_defaults(run=run, passes_unknown=True)


def run(args: argparse.Namespace) -> int:
    """Copy (or reset), then start JupyterLab in the working folder unless told not to."""
    from .lesson_folder import LessonsError, copy_lessons, reset_lesson, working_folder

    try:
        folder = working_folder(getattr(args, "dir", None))
        if getattr(args, "reset", None):
            print(reset_lesson(folder, args.reset))
            print("In an open JupyterLab, reopen the lesson; or run fcplayground lessons.")
            return 0
        report = copy_lessons(folder)
    except LessonsError as error:
        print(error, file=sys.stderr)
        return 1
    print(report.summary(), flush=True)
    if getattr(args, "copy_only", False):
        return 0
    first = next(iter(report.states))
    return launch(folder, first, list(getattr(args, "extra", [])))


def launch(folder: Path, first_lesson: str, extra: list[str]) -> int:
    """Become ``jupyter lab`` serving ``folder`` (see :mod:`.lab_launch`)."""
    from .lab_launch import lab_command

    command = lab_command(folder, first_lesson, extra)
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in command:
        command.append("--allow-root")
    print("Opening the lessons in JupyterLab (offline: no API key needed).", flush=True)
    if os.name == "posix":
        # Become JupyterLab: Ctrl-C and kill then reach the server itself, not a parent
        # that would leave it running.
        os.execv(sys.executable, command)
    return subprocess.call(command)
