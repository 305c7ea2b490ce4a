"""Lessons run where the shared data folder is missing (a learner's clone, Binder).

Lesson 07 reads BFCL data and lesson 08 real recorded replies from ``shared/`` beside the
repository. Without it, those sections say what is missing and the lesson goes on.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def outputs(nb) -> str:
    return "".join(
        "".join(o.get("text", "")) for c in nb.cells if c.cell_type == "code" for o in c.outputs
    )


@pytest.mark.parametrize(
    ("lesson", "notice"),
    [
        ("07_evaluating_tool_use.ipynb", "BFCL data folder not found"),
        ("08_going_live.ipynb", "this section is skipped"),
    ],
)
def test_lesson_runs_without_the_shared_folder_and_says_what_is_missing(
    lesson, notice, monkeypatch, tmp_path
):
    monkeypatch.setenv("FCP_SHARED_DIR", str(tmp_path / "nowhere"))
    for name in ("FCP_PROVIDER", "OPENAI_API_KEY", "ANTHROPIC_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    nb = nbformat.read(NOTEBOOKS / lesson, as_version=4)
    NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}
    ).execute()
    assert notice in outputs(nb)
