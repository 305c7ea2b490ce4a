"""Lessons run where the shared data folder is missing (a learner's clone, Binder).

Lesson 07 reads BFCL data and lessons 08 and 14 real recorded replies from ``shared/`` beside
the repository. Without it, those sections say what is missing and the lesson goes on.
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
        ("14_many_tools.ipynb", "this comparison is skipped"),
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


def test_the_package_carries_the_data_lessons_07_08_and_14_read_each_with_its_licence(monkeypatch):
    from fcplayground import resources
    from fcplayground.evals import load
    from fcplayground.recording import Cassette

    shipped = resources.PACKAGE_DIR / "shared"
    monkeypatch.setenv("FCP_SHARED_DIR", str(shipped))
    cases = load("multiple", limit=50)  # what lesson 07 evaluates
    assert len(cases) == 50 and all(case.expected for case in cases)
    recorded = shipped / "fixtures" / "recorded"
    for name in (
        "openai/chat_parallel_2_calls.pydantic-ai.yaml",
        "anthropic/messages_parallel_4_tool_use.pydantic-ai.yaml",
    ):  # what lesson 08 replays
        assert Cassette.load(recorded / name).exchanges
    for name in (
        "openai/chat_tool_choice_auto_single.pydantic-ai.yaml",
        "openai/chat_tool_choice_named_function.pydantic-ai.yaml",
        "openai/chat_stream_parallel_calls.pydantic-ai.yaml",
        "anthropic/messages_tool_choice_auto.pydantic-ai.yaml",
    ):  # what lesson 14 counts
        assert Cassette.load(recorded / name).exchanges
    assert "Apache License" in (shipped / "data" / "bfcl" / "LICENSE").read_text()
    assert "MIT License" in (recorded / "LICENSE-pydantic-ai").read_text()
    assert (shipped / "data" / "bfcl" / "SOURCES.md").is_file()
    assert (recorded / "SOURCES.md").is_file()


def test_a_category_the_package_does_not_carry_says_what_to_do(monkeypatch):
    from fcplayground import resources
    from fcplayground.evals import load

    monkeypatch.setenv("FCP_SHARED_DIR", str(resources.PACKAGE_DIR / "shared"))
    with pytest.raises(FileNotFoundError, match="carries only the 'multiple' category"):
        load("parallel", limit=1)
