"""Every lesson in a real JupyterLab: restart the kernel, run every cell, and no cell may fail.

nbval compares each cell's outputs with the stored ones; this runs the lessons as a learner
does, in the browser's kernel with the widgets' front end, and fails on any error output. The
page never saves into the repo: each lesson is a copy with its outputs stripped, so whatever
the saved copy holds, this run produced.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import Page, expect
from test_widgets_in_jupyterlab import open_and_run_all, shot

pytestmark = pytest.mark.browser

LESSONS = sorted((Path(__file__).parents[2] / "notebooks").glob("[0-9][0-9]_*.ipynb"))
# What a lesson's last cells show when they ran to the end, where it says more than "no error".
LAST_WORDS = {"09_tools_over_mcp.ipynb": "Not yet. Fix these:"}
SAVE_TIMEOUT_MS = 30_000  # a hang guard for the save to reach the file


def stripped_copy(lesson: Path, folder: Path) -> Path:
    """``lesson`` copied into ``folder`` with no outputs and no execution counts."""
    notebook = nbformat.read(lesson, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    copy = folder / lesson.name
    nbformat.write(notebook, copy)
    return copy


def saved_code_cells(page: Page, path: Path) -> list[nbformat.NotebookNode]:
    """The code cells of ``path`` once the page's save has written them (run, so numbered)."""
    code: list[nbformat.NotebookNode] = []
    for _ in range(SAVE_TIMEOUT_MS // 250):
        code = read_code_cells(path)
        if code and all(cell.execution_count for cell in code):
            break
        page.wait_for_timeout(250)
    return code


def read_code_cells(path: Path) -> list[nbformat.NotebookNode]:
    """The code cells of ``path``, or none while the server is still writing it."""
    try:
        notebook = nbformat.read(path, as_version=4)
    except (nbformat.reader.NotJSONError, ValueError):
        return []  # caught between the server's truncate and its write: read it again
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem[:2] for p in LESSONS])
def test_each_lesson_runs_every_cell_without_an_error(
    lesson: Path, page: Page, jupyterlab, artifacts: Path
):
    copy = stripped_copy(lesson, jupyterlab.root)
    open_and_run_all(page, jupyterlab, lesson.name)  # fails on a Traceback it can see
    if lesson.name in LAST_WORDS:
        expect(page.get_by_text(LAST_WORDS[lesson.name])).to_be_visible()
    shot(page, artifacts, f"lesson-{lesson.stem[:2]}-ran")

    # JupyterLab draws only the cells in view, so read every output from the file it saves.
    page.locator(".lm-MenuBar-item").filter(has_text=re.compile(r"^File$")).click()
    page.locator("#jp-mainmenu-file li[data-command='docmanager:save']").click()
    code = saved_code_cells(page, copy)
    assert all(cell.execution_count for cell in code), f"{lesson.name}: not every code cell ran"
    outputs = [output for cell in code for output in cell.outputs]
    errors = [f"{o.ename}: {o.evalue}" for o in outputs if o.output_type == "error"]
    assert errors == [], f"{lesson.name} failed in the browser"
    stderr = [o.text for o in outputs if o.get("name") == "stderr" and "Traceback" in o.text]
    assert stderr == [], f"{lesson.name} printed a traceback"


def test_a_save_caught_half_written_is_read_again(tmp_path: Path):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1", execution_count=1)])
    path = tmp_path / "lesson.ipynb"
    path.write_text("")  # the server has truncated the file and not yet written it

    class Page:
        def wait_for_timeout(self, ms: float) -> None:
            nbformat.write(notebook, path)

    assert [cell.source for cell in saved_code_cells(Page(), path)] == ["1"]
