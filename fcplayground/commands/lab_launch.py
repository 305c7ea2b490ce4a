"""The JupyterLab that ``fcplayground lessons`` starts: its command line and its own settings.

Only this server is changed, never the learner's settings: the news pop-up and the update
check are off through an ``overrides.json`` in an app settings folder of its own (inside the
working folder), and the first lesson opens. Overrides are defaults, so a learner who chose
otherwise in their own JupyterLab settings keeps their choice.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from .lesson_folder import STATE_DIR

NOTIFICATION_PLUGIN = "@jupyterlab/apputils-extension:notification"
# The news pop-up asks on every new session until answered; "false" is Never.
OVERRIDES = {NOTIFICATION_PLUGIN: {"fetchNews": "false", "checkForUpdates": False}}


def lab_command(folder: Path, first_lesson: str, extra: list[str]) -> list[str]:
    """``python -m jupyter lab`` serving ``folder``, opening ``first_lesson``, plus ``extra``."""
    return [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        f"--ServerApp.root_dir={folder}",
        f"--LabApp.app_settings_dir={app_settings(folder)}",
        f"--LabApp.default_url=/lab/tree/{first_lesson}",
        *extra,
    ]


def app_settings(folder: Path) -> Path:
    """An app settings folder for this server: the installed one's files (page config,
    other overrides), with :data:`OVERRIDES` merged into its ``overrides.json``."""
    target = folder / STATE_DIR / "lab-settings"
    installed = _installed_app_settings()
    if installed is not None and installed.is_dir() and installed.resolve() != target.resolve():
        shutil.copytree(installed, target, dirs_exist_ok=True)
    target.mkdir(parents=True, exist_ok=True)
    overrides_file = target / "overrides.json"
    try:
        overrides = json.loads(overrides_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        overrides = {}
    for plugin, values in OVERRIDES.items():
        overrides.setdefault(plugin, {}).update(values)
    overrides_file.write_text(json.dumps(overrides, indent=2), encoding="utf-8")
    return target


def _installed_app_settings() -> Path | None:
    try:
        from jupyterlab.commands import get_app_dir  # heavy: only when a server starts
    except ImportError:
        return None
    return Path(get_app_dir()) / "settings"
