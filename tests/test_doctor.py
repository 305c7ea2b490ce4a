"""``fcplayground doctor``: a truthful report that never shows any part of a key."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from fcplayground import __version__, cli
from fcplayground.commands import doctor

OPENAI_CANARY = "sk-canary-doctor-0123456789abcdefghijklmnopqrstuvwxyz"
ANTHROPIC_CANARY = "sk-ant-canary-doctor-0123456789abcdefghijklmnopqrstuvwxyz"
LOCAL_SERVER = "http://localhost:11434/v1"


def pieces(key: str) -> list[str]:
    """Parts of a key that must not appear: the whole, without its prefix, its ends."""
    return [key, key[3:], key[8:], key[-6:], key[-12:-6], key[10:16]]


def assert_no_key(text: str) -> None:
    for key in (OPENAI_CANARY, ANTHROPIC_CANARY):
        for piece in pieces(key):
            assert piece not in text, f"doctor output shows part of a key: {piece!r}"


@pytest.fixture
def canary_env(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Both keys set to canaries and OpenAI aimed at a local server; the env for a subprocess."""
    monkeypatch.setenv("OPENAI_API_KEY", OPENAI_CANARY)
    monkeypatch.setenv("ANTHROPIC_API_KEY", ANTHROPIC_CANARY)
    monkeypatch.setenv("FCP_OPENAI_BASE_URL", LOCAL_SERVER)
    monkeypatch.setenv("FCP_PROVIDER", "openai")
    return dict(os.environ)


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FCP_PROVIDER", "FCP_OPENAI_BASE_URL", "OPENAI_API_KEY", "ANTHROPIC_API_KEY"):
        monkeypatch.delenv(name, raising=False)


def run_doctor(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = cli.main(["doctor", *args])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def run_doctor_process(*args: str, env: dict[str, str]) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "fcplayground.cli", "doctor", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    return done.returncode, done.stdout + done.stderr


def test_canaries_are_long_enough_for_their_pieces_to_be_telling():
    assert all(
        len(piece) >= 6 for key in (OPENAI_CANARY, ANTHROPIC_CANARY) for piece in pieces(key)
    )


@pytest.mark.parametrize("args", [(), ("--json",)], ids=["text", "json"])
def test_doctor_shows_no_part_of_the_keys_in_process(canary_env, capsys, args):
    status, out = run_doctor(*args, capsys=capsys)
    assert status == 0
    assert_no_key(out)
    assert "set" in out  # the keys are there, reported only as set


@pytest.mark.parametrize("args", [(), ("--json",)], ids=["text", "json"])
def test_doctor_shows_no_part_of_the_keys_as_a_command(canary_env, args):
    status, out = run_doctor_process(*args, env=canary_env)
    assert status == 0, out
    assert_no_key(out)


def test_doctor_reports_keys_as_set_and_not_checked(canary_env, capsys):
    status, out = run_doctor(capsys=capsys)
    assert "OPENAI_API_KEY set (not checked)" in out
    assert "ANTHROPIC_API_KEY set (not checked)" in out
    assert f"base URL {LOCAL_SERVER}" in out
    assert "FCP_PROVIDER" in out and "openai" in out


def test_doctor_json_reports_providers_models_and_versions(canary_env, capsys):
    status, out = run_doctor("--json", capsys=capsys)
    report = json.loads(out)
    assert report["fcplayground"] == __version__
    assert report["python"] == ".".join(map(str, sys.version_info[:3]))
    assert set(report["packages"]) == set(doctor.PACKAGES)
    assert all(report["packages"].values())  # every one installed here
    assert report["provider"] == {"selected": "openai", "default": False, "error": None}
    assert report["providers"]["offline"]["usable"]
    assert report["providers"]["openai"] == {
        "key": "set",
        "base_url": LOCAL_SERVER,
        "usable": True,
    }
    assert report["providers"]["anthropic"]["key"] == "set"
    assert report["models"]["openai"]["id"] == "gpt-5.4-mini"


def test_doctor_without_keys_says_not_set_and_still_passes(clean_env, capsys):
    status, out = run_doctor(capsys=capsys)
    assert status == 0
    assert "offline (default)" in out
    assert "OPENAI_API_KEY not set" in out and "ANTHROPIC_API_KEY not set" in out
    assert out.rstrip().endswith("Offline lessons: OK")


def test_doctor_finds_the_widget_extension_on_this_machine(clean_env, capsys):
    extension = doctor.widgets_extension()
    assert extension["found"], "ipywidgets' JupyterLab extension should be installed here"
    assert extension["path"].endswith(doctor.WIDGETS_EXTENSION)
    status, out = run_doctor(capsys=capsys)
    widgets = next(line for line in out.splitlines() if line.startswith("widgets extension"))
    assert "found" in widgets and doctor.WIDGETS_EXTENSION in widgets


def test_doctor_finds_the_lessons_and_passes_its_offline_self_check(clean_env, capsys):
    status, out = run_doctor("--json", capsys=capsys)
    report = json.loads(out)
    assert status == 0 and report["offline_ready"] and report["problems"] == []
    assert report["lessons"]["found"] and report["lessons"]["notebooks"] >= 5
    assert report["self_check"]["ok"], report["self_check"]["detail"]
    assert "get_weather" in report["self_check"]["detail"]


def test_doctor_fails_with_what_to_do_when_fcp_provider_is_wrong(clean_env, monkeypatch, capsys):
    monkeypatch.setenv("FCP_PROVIDER", "sk-canary-doctor-oops")
    status, out = run_doctor(capsys=capsys)
    assert status == 1
    assert "NOT READY" in out and "offline, openai, anthropic" in out
    assert "oops" not in out  # a wrong value may be a key: it is not echoed


def test_doctor_fails_when_the_self_check_fails(clean_env, monkeypatch, capsys):
    def broken() -> dict:
        return {"ok": False, "detail": "RuntimeError: no answer"}

    monkeypatch.setattr(doctor, "self_check", broken)
    status, out = run_doctor(capsys=capsys)
    assert status == 1
    assert "offline self-check failed: RuntimeError: no answer" in out


def test_base_urls_lose_their_credentials_in_the_report():
    url = "https://user:sk-secret-part@llm.example.com:8443/v1?api_key=sk-also-secret#x"
    assert doctor.safe_url(url) == "https://llm.example.com:8443/v1"


def test_doctor_says_where_the_lessons_and_the_bfcl_data_were_found(
    clean_env, monkeypatch, tmp_path
):
    (tmp_path / "data" / "bfcl").mkdir(parents=True)
    monkeypatch.setenv("FCP_SHARED_DIR", str(tmp_path))
    report = doctor.collect()
    assert report["bfcl_data"] == {
        "found": True,
        "path": str(tmp_path / "data" / "bfcl"),
        "from": "FCP_SHARED_DIR",
    }
    assert report["lessons"]["found"] and report["lessons"]["from"] in (
        "checkout",
        "installed package",
    )
    assert f"({report['lessons']['notebooks']} notebooks, " in doctor.render(report)


def test_doctor_without_a_shared_folder_finds_the_data_the_package_carries(
    clean_env, monkeypatch, tmp_path
):
    from fcplayground import resources

    package = tmp_path / "site-packages" / "fcplayground"  # as installed from a wheel
    package.mkdir(parents=True)
    (package / "shared").symlink_to(resources.PACKAGE_DIR / "shared")
    monkeypatch.delenv("FCP_SHARED_DIR", raising=False)
    monkeypatch.setattr(resources, "PACKAGE_DIR", package)
    bfcl = doctor.bfcl_folder()
    assert bfcl == {
        "found": True,
        "path": str(package / "shared" / "data" / "bfcl"),
        "from": "installed package",
    }


def test_doctor_without_lessons_says_to_reinstall(clean_env, monkeypatch, tmp_path):
    from fcplayground import resources

    monkeypatch.setattr(resources, "PACKAGE_DIR", tmp_path / "fcplayground")
    status = cli.main(["doctor"])
    assert status == 1
    report = doctor.collect()
    assert not report["lessons"]["found"]
    assert any("reinstall fcplayground (its wheel carries them)" in p for p in report["problems"])


# Absolute paths of a machine: a user's home, temporary or work folders, an installed package.
MACHINE_PATH = re.compile(
    r"(?<![\w.~<>$-])/(?:root|tmp|home|Users|work|usr|opt|var)\b|site-packages"
)


def test_short_paths_start_from_a_folder_the_reader_knows(monkeypatch, tmp_path):
    from fcplayground.commands.short_paths import short

    home, elsewhere = tmp_path / "home" / "ada", tmp_path / "elsewhere"
    (home / "data").mkdir(parents=True)
    elsewhere.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("FCP_SHARED_DIR", raising=False)
    monkeypatch.chdir(elsewhere)
    assert short(home / "data") == "~/data"
    assert short(elsewhere / "notebooks") == "./notebooks"
    assert short(elsewhere) == "."
    assert short(Path(sys.prefix) / "share" / "jupyter") == "<python>/share/jupyter"
    monkeypatch.setenv("FCP_SHARED_DIR", str(home / "data"))
    assert short(home / "data" / "bfcl") == "$FCP_SHARED_DIR/bfcl"


def test_a_path_under_no_known_folder_is_shown_as_it_is(monkeypatch, tmp_path):
    from fcplayground.commands.short_paths import short

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("FCP_SHARED_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    assert short("/nowhere/at/all") == "/nowhere/at/all"


def test_doctor_run_from_the_lessons_folder_names_no_machine_folder(
    clean_env, monkeypatch, tmp_path, capsys
):
    from fcplayground.resources import lessons_dir

    monkeypatch.chdir(lessons_dir())  # where lesson 08 runs it
    monkeypatch.setenv("FCP_SHARED_DIR", str(tmp_path / "shared"))
    status, out = run_doctor(capsys=capsys)
    assert status == 0, out
    assert not MACHINE_PATH.search(out), MACHINE_PATH.search(out)
    assert str(Path.home()) not in out and sys.prefix not in out
    lessons = next(line for line in out.splitlines() if line.startswith("lessons"))
    assert "found: . (" in lessons  # the folder it runs from
    bfcl = next(line for line in out.splitlines() if line.startswith("BFCL data"))
    assert "$FCP_SHARED_DIR/data/bfcl" in bfcl


def test_doctor_json_keeps_the_full_paths(clean_env, monkeypatch, capsys):
    from fcplayground.resources import lessons_dir

    monkeypatch.chdir(lessons_dir())
    status, out = run_doctor("--json", capsys=capsys)
    assert json.loads(out)["lessons"]["path"] == str(lessons_dir())


def test_lesson_08_stores_no_machine_paths():
    lesson = Path(__file__).resolve().parents[1] / "notebooks" / "08_going_live.ipynb"
    cells = json.loads(lesson.read_text(encoding="utf-8"))["cells"]
    outputs = json.dumps([cell.get("outputs", []) for cell in cells])
    found = MACHINE_PATH.search(outputs)
    assert found is None, (
        f"lesson 08 stores a machine path: ...{outputs[found.start() - 60 : found.end() + 60]}..."
    )
