"""Where the lessons and the data they read are found, in a checkout and in an installed wheel.

A wheel carries the lessons (``fcplayground/lessons/``, built from the checkout's
``notebooks/``) and a slice of ``shared/`` (``fcplayground/shared/``: the BFCL category
lesson 07 uses and the recordings lesson 08 shows, each with its licence). A checkout has
``notebooks/`` beside the package and, on the project's machines, the full ``shared/`` beside
the repository. Each lookup takes the first of these that exists.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from . import settings

# The package folder; pip installs wheels unpacked, so the packaged data are plain files.
PACKAGE_DIR = Path(__file__).resolve().parent


class Origin(Enum):
    """Where a folder was found."""

    ENVIRONMENT = "FCP_SHARED_DIR"
    CHECKOUT = "checkout"
    PACKAGE = "installed package"
    NOWHERE = "not found"


@dataclass(frozen=True)
class Found:
    """A folder and where it came from (``path`` is where it was looked for when NOWHERE)."""

    path: Path
    origin: Origin


def find_lessons() -> Found:
    """The lessons as installed (never edit them: ``fcplayground lessons`` copies them out).

    The wheel's ``fcplayground/lessons/``, else the checkout's ``notebooks/``.
    """
    packaged = PACKAGE_DIR / "lessons"
    if _has_lessons(packaged):
        return Found(packaged, Origin.PACKAGE)
    checkout = PACKAGE_DIR.parent / "notebooks"
    if _has_lessons(checkout):
        return Found(checkout, Origin.CHECKOUT)
    return Found(packaged, Origin.NOWHERE)


def lessons_dir() -> Path:
    """The folder holding the installed lessons (where they would be, when there are none)."""
    return find_lessons().path


def lesson_files() -> list[Path]:
    """The installed lessons, in order (``01_…`` first)."""
    return sorted(lessons_dir().glob("[0-9]*.ipynb"))


def find_shared() -> Found:
    """The shared data folder (``data/bfcl/``, ``fixtures/recorded/``).

    ``$FCP_SHARED_DIR`` when set (even if missing, so that a lesson's polite skip can be
    seen), else ``shared/`` beside the checkout, else the slice the package carries.
    """
    env = os.environ.get(settings.ENV_SHARED_DIR, "").strip()
    if env:
        path = Path(env).expanduser()
        return Found(path, Origin.ENVIRONMENT if path.is_dir() else Origin.NOWHERE)
    checkout = PACKAGE_DIR.parents[1] / "shared"
    if (PACKAGE_DIR.parent / "pyproject.toml").is_file() and checkout.is_dir():
        return Found(checkout, Origin.CHECKOUT)
    return Found(PACKAGE_DIR / "shared", Origin.PACKAGE)


def shared_dir() -> Path:
    """The shared data folder (see :func:`find_shared`)."""
    return find_shared().path


def _has_lessons(folder: Path) -> bool:
    return folder.is_dir() and any(folder.glob("[0-9]*.ipynb"))
