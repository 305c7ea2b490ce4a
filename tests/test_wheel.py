"""A built wheel, installed without ``-e`` and away from the checkout, runs every lesson.

One test, in steps: build the wheel from a copy of the sources, install it into a fresh venv
(``--system-site-packages``, so the dependencies come from this environment, but fcplayground
itself from the wheel), run ``doctor``, copy the lessons out with ``fcplayground lessons``,
and execute every lesson from that folder with no key and no ``shared/`` folder.

The lessons run with ``FCP_PROVIDER=openai`` and no key, so this is also where every lesson is
shown to follow that one setting: each runs to the end offline and says which key to set
(tests/test_lessons_provider.py checks the lessons' code builds no client by hand).
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Not part of a build: generated folders, and the learner's working copy of the lessons.
SKIP = shutil.ignore_patterns(
    ".git", "build", "dist", "*.egg-info", "__pycache__", ".ipynb_checkpoints", ".hypothesis",
    "test-artifacts", "node_modules", ".venv", "fcplayground-lessons",
)  # fmt: skip
# The wheel carries the lessons and only this slice of shared/.
SHIPPED_DATA = {
    "fcplayground/shared/README.md",
    "fcplayground/shared/data/bfcl/BFCL_v4_multiple.json",
    "fcplayground/shared/data/bfcl/possible_answer/BFCL_v4_multiple.json",
    "fcplayground/shared/data/bfcl/LICENSE",
    "fcplayground/shared/data/bfcl/SOURCES.md",
    "fcplayground/shared/fixtures/recorded/SOURCES.md",
    "fcplayground/shared/fixtures/recorded/LICENSE-pydantic-ai",
    "fcplayground/shared/fixtures/recorded/openai/chat_parallel_2_calls.pydantic-ai.yaml",
    "fcplayground/shared/fixtures/recorded/anthropic/messages_parallel_4_tool_use.pydantic-ai.yaml",
    "fcplayground/shared/fixtures/recorded/openai/chat_tool_choice_auto_single.pydantic-ai.yaml",
    "fcplayground/shared/fixtures/recorded/openai/chat_tool_choice_named_function.pydantic-ai.yaml",
    "fcplayground/shared/fixtures/recorded/openai/chat_stream_parallel_calls.pydantic-ai.yaml",
    "fcplayground/shared/fixtures/recorded/anthropic/messages_tool_choice_auto.pydantic-ai.yaml",
}
MAX_WHEEL_BYTES = 1_500_000
# Lessons that build no client of their own: the description lab scores with its own
# simulated model, whatever the setting.
NO_CLIENT = {"05_description_lab.ipynb"}
NOTICE = "OPENAI_API_KEY is not set"
# Run by the venv's Python: execute each lesson in the working folder, then report, per
# lesson, the text it printed and where its kernel imported fcplayground from.
EXECUTE = r"""
import json, sys
from pathlib import Path
import nbformat
from nbclient import NotebookClient

printed = {}
for path in sorted(Path(sys.argv[1]).glob("[0-9]*.ipynb")):
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(
        "import fcplayground; print('FCP_FROM', fcplayground.__file__)"))
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    printed[path.name] = "".join(
        "".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/plain", ""))
        for c in nb.cells if c.cell_type == "code" for o in c.outputs)
print(json.dumps(printed))
"""


def has_build() -> bool:
    """Whether pypa's ``build`` is installed (a distribution, not any folder named build)."""
    try:
        importlib.metadata.version("build")
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


def build_wheel(source: Path, out: Path) -> Path:
    """``python -m build --wheel`` when installed, else ``pip wheel . --no-deps``."""
    if has_build():
        command = [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(source)]
    else:
        command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(out), str(source)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    (wheel,) = out.glob("fcplayground-*.whl")
    return wheel


def learner_env(venv: Path) -> dict[str, str]:
    """A learner's shell: the venv first on PATH; no key, no provider, no shared folder, and
    nothing that would import the checkout instead of the wheel."""
    drop = {"PYTHONPATH", "FCP_SHARED_DIR", "FCP_PROVIDER", "OPENAI_API_KEY", "ANTHROPIC_API_KEY"}
    env = {name: value for name, value in os.environ.items() if name not in drop}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(venv)
    # The dependencies come from this environment, and with them their Jupyter data files
    # (the widgets' lab extension); a venv looks only in its own share/jupyter for those.
    base = str(Path(sys.prefix) / "share" / "jupyter")
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [base, env.get("JUPYTER_PATH")]))
    return env


def run(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"{command} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_the_wheel_installs_alone_and_runs_every_lesson_from_a_copied_folder(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=SKIP)  # the checkout itself is left as it is
    wheel = build_wheel(source, tmp_path / "dist")
    names = set(zipfile.ZipFile(wheel).namelist())
    lessons = {f"fcplayground/lessons/{p.name}" for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert lessons <= names, "the wheel does not carry every lesson"
    assert {n for n in names if n.startswith("fcplayground/shared/")} == SHIPPED_DATA
    assert wheel.stat().st_size < MAX_WHEEL_BYTES, "the wheel carries more than the lessons need"

    venv, home = tmp_path / "venv", tmp_path / "home"
    home.mkdir()
    subprocess.run(
        [sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)],
        check=True,
        timeout=120,
    )
    python, env = str(venv / "bin" / "python"), learner_env(venv)
    pip = [sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", str(wheel)]
    run(pip, home, env)
    where = run([python, "-c", "import fcplayground; print(fcplayground.__file__)"], home, env)
    assert Path(where.strip()).is_relative_to(venv), f"fcplayground came from {where}"

    report = json.loads(run([str(venv / "bin" / "fcplayground"), "doctor", "--json"], home, env))
    assert report["offline_ready"], report["problems"]
    assert report["lessons"]["from"] == "installed package" and report["lessons"]["notebooks"] >= 8
    assert report["bfcl_data"]["found"] and report["bfcl_data"]["from"] == "installed package"

    folder = home / "fcplayground-lessons"
    out = run([str(venv / "bin" / "fcplayground"), "lessons", "--copy-only"], home, env)
    assert f"Copied {len(lessons)} lessons to {folder}" in out

    lessons_env = {**env, "FCP_PROVIDER": "openai"}  # and no key: offline, with a notice
    printed = json.loads(run([python, "-c", EXECUTE, str(folder)], home, lessons_env))
    assert sorted(printed) == sorted(Path(name).name for name in lessons)
    for name, text in printed.items():
        assert f"FCP_FROM {venv}" in text, f"{name} ran against another fcplayground"
        if name in NO_CLIENT:
            assert NOTICE not in text, f"{name} builds a client now: remove it from NO_CLIENT"
        else:
            assert NOTICE in text, (
                f"{name} never said that OPENAI_API_KEY is missing, so its clients ignore "
                "FCP_PROVIDER: build them with connect(), openai_client() or anthropic_client()"
            )
    assert "BFCL data folder not found" not in printed["07_evaluating_tool_use.ipynb"]
    assert "this section is skipped" not in printed["08_going_live.ipynb"]
    assert "this comparison is skipped" not in printed["14_many_tools.ipynb"]
    assert "installed package" in printed["08_going_live.ipynb"]  # its `!fcplayground doctor`
