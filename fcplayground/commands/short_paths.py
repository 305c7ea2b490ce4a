"""Paths as ``fcplayground doctor`` shows them: short, and free of the machine's folders.

Doctor's text gets pasted into bug reports and is stored in lesson 08, so a path is shown
from the nearest folder the reader knows, not from ``/``: the current folder (``.``), the
lessons folder, ``$FCP_SHARED_DIR``, the fcplayground package, the Python environment
(``<python>``, ``sys.prefix``) or the home folder (``~``). A path under none of them is shown
as it is. ``doctor --json`` keeps the full paths, for tools.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .. import resources, settings


def anchors() -> list[tuple[Path, str]]:
    """The folders a path is shown from, nearest first, each with the name it is shown as."""
    cwd = Path.cwd()
    found: list[tuple[Path, str]] = [(cwd, ".")] if len(cwd.parts) > 1 else []  # not from "/"
    shared = os.environ.get(settings.ENV_SHARED_DIR, "").strip()
    if shared:
        found.append((Path(shared).expanduser(), f"${settings.ENV_SHARED_DIR}"))
    found += [(resources.PACKAGE_DIR, "<fcplayground>"), (Path(sys.prefix), "<python>")]
    found.append((Path.home(), "~"))
    return found


def short(path: str | Path | None) -> str:
    """``path`` from the first anchor it lies under ("./notebooks", "<python>/share/...",
    "~/data"); as it is when it lies under none (or is None: "")."""
    if path is None:
        return ""
    given = Path(path).expanduser().absolute()
    for root, name in anchors():
        for full, base in ((given, root.absolute()), (_resolved(given), _resolved(root))):
            if full.is_relative_to(base):  # as written, or through the links it follows
                rest = full.relative_to(base)
                return name if rest == Path(".") else f"{name}/{rest.as_posix()}"
    return str(path)


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a loop of links, an unreadable folder: as given
        return path
