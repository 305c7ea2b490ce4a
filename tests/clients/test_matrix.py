"""The README's compatibility matrix is built from the suite's results file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from client_cases import SCRIPTS
from matrix import main, matrix


def test_matrix_marks_each_mode_with_its_outcome_and_the_client_version() -> None:
    script = SCRIPTS[0]
    results = {
        f"{script.name}:chat/plain": {"outcome": "passed", "version": "9.1.0"},
        f"{script.name}:chat/stream": {"outcome": "failed", "version": "9.1.0"},
    }
    table = matrix(results).splitlines()
    assert table[0] == "| Client | Version | API | Plain | Streaming |"
    assert f"| {script.client} | 9.1.0 | Chat Completions | ✅ | ❌ |" in table
    # a case that did not run says so, rather than passing for green
    assert f"| {script.client} | ? | Responses | — | — |" in table


def test_matrix_has_a_row_for_every_client_and_api() -> None:
    rows = matrix({}).splitlines()[2:]
    assert len(rows) == sum(len(script.apis) for script in SCRIPTS)


def test_matrix_without_results_says_how_to_make_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "results.json"
    assert main(["matrix.py", str(missing)]) == 1
    assert "run `pytest -m clients tests/clients` first" in capsys.readouterr().out
    missing.write_text(json.dumps({}))
    assert main(["matrix.py", str(missing)]) == 0
