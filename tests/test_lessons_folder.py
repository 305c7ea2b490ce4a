"""``fcplayground lessons`` copies the lessons into a working folder and keeps the learner's edits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fcplayground import cli, resources
from fcplayground.commands import lesson_folder
from fcplayground.commands.lab_launch import NOTIFICATION_PLUGIN, lab_command


def lessons(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.glob("*.ipynb"))


def run_lessons(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = cli.main(["lessons", "--copy-only", *args])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def test_first_run_copies_every_lesson_into_the_folder_given(tmp_path, capsys):
    folder = tmp_path / "work"
    status, out = run_lessons("--dir", str(folder), capsys=capsys)
    assert status == 0
    installed = resources.lesson_files()
    assert lessons(folder) == [path.name for path in installed] and len(installed) >= 8
    assert (folder / installed[0].name).read_bytes() == installed[0].read_bytes()
    assert f"Copied {len(installed)} lessons to {folder}" in out


def test_the_folder_defaults_to_fcplayground_lessons_in_the_current_folder(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    status, out = run_lessons(capsys=capsys)
    assert status == 0
    assert "01_single_call.ipynb" in lessons(tmp_path / "fcplayground-lessons")


def test_second_run_keeps_the_learners_edits_and_says_so(tmp_path, capsys):
    folder = tmp_path / "work"
    run_lessons("--dir", str(folder), capsys=capsys)
    edited = folder / "03_sequential_agent.ipynb"
    edited.write_text('{"my": "work"}', encoding="utf-8")
    (folder / "01_single_call.ipynb").unlink()  # a deleted lesson comes back
    status, out = run_lessons("--dir", str(folder), capsys=capsys)
    assert status == 0
    assert edited.read_text(encoding="utf-8") == '{"my": "work"}'
    assert (folder / "01_single_call.ipynb").is_file()
    assert "Kept your edits in 03_sequential_agent.ipynb\n" in out
    assert "fcplayground lessons --reset 03" in out


def test_the_installed_lessons_are_never_edited(tmp_path, capsys):
    before = {path.name: path.read_bytes() for path in resources.lesson_files()}
    folder = tmp_path / "work"
    run_lessons("--dir", str(folder), capsys=capsys)
    (folder / "02_round_trip.ipynb").write_text("{}", encoding="utf-8")
    run_lessons("--dir", str(folder), "--reset", "2", capsys=capsys)
    assert {path.name: path.read_bytes() for path in resources.lesson_files()} == before
    status, out = run_lessons("--dir", str(resources.lessons_dir()), capsys=capsys)
    assert status == 1 and "installed lessons, which are never edited" in out


def test_an_untouched_copy_follows_a_newer_installed_lesson(tmp_path, monkeypatch):
    installed = tmp_path / "installed"
    installed.mkdir()
    lesson = installed / "01_intro.ipynb"
    lesson.write_text("version 1", encoding="utf-8")
    monkeypatch.setattr(resources, "lesson_files", lambda: [lesson])
    folder = tmp_path / "work"
    lesson_folder.copy_lessons(folder)
    lesson.write_text("version 2", encoding="utf-8")
    report = lesson_folder.copy_lessons(folder)
    assert report.states == {"01_intro.ipynb": lesson_folder.LessonState.UPDATED}
    assert (folder / "01_intro.ipynb").read_text(encoding="utf-8") == "version 2"


@pytest.mark.parametrize("name", ["3", "03", "03_sequential_agent", "sequential_agent.ipynb"])
def test_reset_restores_one_lesson_by_number_or_name_and_keeps_a_backup(tmp_path, capsys, name):
    folder = tmp_path / "work"
    run_lessons("--dir", str(folder), capsys=capsys)
    (folder / "03_sequential_agent.ipynb").write_text("mine", encoding="utf-8")
    (folder / "04_parallel_calls.ipynb").write_text("also mine", encoding="utf-8")
    status, out = run_lessons("--dir", str(folder), "--reset", name, capsys=capsys)
    assert status == 0 and "Restored" in out
    restored = folder / "03_sequential_agent.ipynb"
    assert restored.read_bytes() == (resources.lessons_dir() / restored.name).read_bytes()
    assert (folder / "04_parallel_calls.ipynb").read_text(encoding="utf-8") == "also mine"
    backups = list((folder / ".fcplayground" / "backups").iterdir())
    assert [b.read_text(encoding="utf-8") for b in backups] == ["mine"] and str(backups[0]) in out


def test_reset_of_an_unknown_lesson_names_the_lessons(tmp_path, capsys):
    status, out = run_lessons("--dir", str(tmp_path), "--reset", "99", capsys=capsys)
    assert status == 1
    assert "No lesson '99'" in out and "01_single_call" in out


def test_a_file_given_as_the_folder_is_refused_with_what_to_do(tmp_path, capsys):
    path = tmp_path / "notes.txt"
    path.write_text("x", encoding="utf-8")
    status, out = run_lessons("--dir", str(path), capsys=capsys)
    assert status == 1 and "is a file: give --dir a folder" in out


def test_lessons_help_says_other_arguments_go_to_jupyterlab(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["lessons", "--help"])
    assert exit_.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "Any other arguments go to JupyterLab" in text
    assert "--dir" in text and "--reset" in text and "./fcplayground-lessons" in text


def test_the_launched_lab_has_its_own_settings_and_opens_the_first_lesson(tmp_path):
    command = lab_command(tmp_path, "01_single_call.ipynb", ["--port=9999"])
    assert f"--ServerApp.root_dir={tmp_path}" in command and command[-1] == "--port=9999"
    assert "--LabApp.default_url=/lab/tree/01_single_call.ipynb" in command
    settings_dir = tmp_path / ".fcplayground" / "lab-settings"
    assert f"--LabApp.app_settings_dir={settings_dir}" in command
    overrides = json.loads((settings_dir / "overrides.json").read_text(encoding="utf-8"))
    assert overrides[NOTIFICATION_PLUGIN] == {"fetchNews": "false", "checkForUpdates": False}
