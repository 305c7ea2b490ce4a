"""The learner's working copy of the lessons: copied out once, their edits kept after that.

The installed lessons are never edited. The working folder keeps, in
``.fcplayground/copied.json``, a fingerprint of each lesson as it was copied: a file that still
matches it is untouched and may be brought up to date; any other file is the learner's and
stays as it is. ``reset`` restores one lesson, keeping the learner's copy in
``.fcplayground/backups/``.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from .. import resources

DEFAULT_DIR = "fcplayground-lessons"
STATE_DIR = ".fcplayground"
MANIFEST = "copied.json"


class LessonState(Enum):
    """What one run did with one lesson."""

    COPIED = "copied"  # it was not in the folder
    UNCHANGED = "unchanged"  # the same as the installed one
    UPDATED = "updated"  # untouched since copied, and a newer one is installed
    KEPT = "kept"  # the learner's edits: left as they are


@dataclass
class CopyReport:
    """The outcome of :func:`copy_lessons`: each lesson's name and state, in order."""

    folder: Path
    states: dict[str, LessonState] = field(default_factory=dict)

    def named(self, state: LessonState) -> list[str]:
        """The lessons left in ``state``."""
        return [name for name, found in self.states.items() if found is state]

    def summary(self) -> str:
        """What happened, for the learner (kept edits are named, with how to undo one)."""
        copied, kept = self.named(LessonState.COPIED), self.named(LessonState.KEPT)
        updated = self.named(LessonState.UPDATED)
        lines = []
        if copied:
            lines.append(f"Copied {len(copied)} lessons to {self.folder} (yours to edit).")
        else:
            lines.append(f"Your lessons folder: {self.folder}")
        if updated:
            lines.append(
                f"Updated {len(updated)} lessons you had not changed: {', '.join(updated)}"
            )
        if kept:
            lines.append(f"Kept your edits in {', '.join(kept)}")
            lines.append(f"  (to start one again: fcplayground lessons --reset {kept[0][:2]})")
        return "\n".join(lines)


class LessonsError(Exception):
    """Something the learner must fix (the message says what)."""


def working_folder(path: str | None) -> Path:
    """The folder to copy into: ``path``, else ``./fcplayground-lessons``; never the
    installed lessons themselves."""
    folder = Path(path or DEFAULT_DIR).expanduser().resolve()
    if folder.exists() and not folder.is_dir():
        raise LessonsError(f"{folder} is a file: give --dir a folder to copy the lessons into.")
    installed = resources.lessons_dir().resolve()
    if folder == installed:
        raise LessonsError(
            f"{folder} holds the installed lessons, which are never edited: give --dir "
            "another folder (the default is ./fcplayground-lessons)."
        )
    return folder


def copy_lessons(folder: Path) -> CopyReport:
    """Copy the installed lessons into ``folder``, keeping any the learner has edited."""
    sources = _sources()
    folder.mkdir(parents=True, exist_ok=True)
    copied = _read_manifest(folder)
    report = CopyReport(folder)
    for source in sources:
        target = folder / source.name
        state = _state(source, target, copied.get(source.name))
        if state in (LessonState.COPIED, LessonState.UPDATED):
            shutil.copyfile(source, target)
            copied[source.name] = _digest(target)
        report.states[source.name] = state
    _write_manifest(folder, copied)
    return report


def reset_lesson(folder: Path, lesson: str) -> str:
    """Restore one lesson (by number, ``3`` or ``03``, or by name) from the installed copy.

    Returns what was done; the learner's copy, if it differed, is kept in the backups folder.
    """
    source = find_lesson(lesson)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / source.name
    saved = ""
    if target.exists() and _digest(target) != _digest(source):
        backup = _free_backup(folder, source.stem)
        shutil.copyfile(target, backup)
        saved = f"; your copy is saved as {backup}"
    shutil.copyfile(source, target)
    copied = _read_manifest(folder)
    copied[source.name] = _digest(target)
    _write_manifest(folder, copied)
    return f"Restored {target}{saved}."


def find_lesson(lesson: str) -> Path:
    """The installed lesson ``lesson`` names: a number (``3``, ``03``), or a file name with or
    without ``.ipynb`` and its number (``03_sequential_agent``, ``sequential_agent``)."""
    wanted = lesson.strip().lower().removesuffix(".ipynb")
    for source in _sources():
        number, _, name = source.stem.partition("_")
        same_number = wanted.isdigit() and number.isdigit() and int(wanted) == int(number)
        if same_number or wanted in (source.stem, name):
            return source
    names = ", ".join(source.stem for source in _sources())
    raise LessonsError(f"No lesson {lesson!r}: give its number or name, one of {names}.")


def _sources() -> list[Path]:
    sources = resources.lesson_files()
    if not sources:
        raise LessonsError(
            f"No lessons found at {resources.lessons_dir()}: reinstall fcplayground "
            "(its wheel carries them) or run from a checkout."
        )
    return sources


def _state(source: Path, target: Path, copied_digest: str | None) -> LessonState:
    if not target.exists():
        return LessonState.COPIED
    current = _digest(target)
    if current == _digest(source):
        return LessonState.UNCHANGED
    # Only a file this folder's record says is untouched may be replaced.
    return LessonState.UPDATED if current == copied_digest else LessonState.KEPT


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _manifest_path(folder: Path) -> Path:
    return folder / STATE_DIR / MANIFEST


def _read_manifest(folder: Path) -> dict[str, str]:
    try:
        data = json.loads(_manifest_path(folder).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # none yet, or damaged: then every differing file counts as the learner's
    lessons = data.get("lessons") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in lessons.items()} if isinstance(lessons, dict) else {}


def _write_manifest(folder: Path, copied: dict[str, str]) -> None:
    path = _manifest_path(folder)
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps({"lessons": copied}, indent=1, sort_keys=True), encoding="utf-8")


def _free_backup(folder: Path, stem: str) -> Path:
    backups = folder / STATE_DIR / "backups"
    backups.mkdir(parents=True, exist_ok=True)
    number = 1
    while (backups / f"{stem}.{number}.ipynb").exists():
        number += 1
    return backups / f"{stem}.{number}.ipynb"
