"""Lesson 09 (tools over MCP) in a real JupyterLab: restart the kernel, run every cell, and no
cell may fail. The lesson starts two MCP server processes and runs a third server in a thread
of the kernel, all in the browser's kernel as a learner's would be."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import Page, expect
from test_widgets_in_jupyterlab import open_and_run_all, shot

pytestmark = pytest.mark.browser

LESSON_09 = Path(__file__).parents[2] / "notebooks" / "09_tools_over_mcp.ipynb"
SAVE_TIMEOUT_MS = 30_000  # a hang guard for the save to reach the file


def saved_code_cells(page: Page, path: Path) -> list[nbformat.NotebookNode]:
    """The code cells of ``path`` once the page's save has written them (run, so numbered)."""
    code: list[nbformat.NotebookNode] = []
    for _ in range(SAVE_TIMEOUT_MS // 250):
        code = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
        if code and all(cell.execution_count for cell in code):
            break
        page.wait_for_timeout(250)
    return code


def test_lesson_09_runs_every_cell_without_an_error(page: Page, jupyterlab, artifacts: Path):
    # A copy with no outputs (the page never saves into the repo): whatever it saves, it ran.
    lesson = nbformat.read(LESSON_09, as_version=4)
    for cell in lesson.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    copy = jupyterlab.root / LESSON_09.name
    nbformat.write(lesson, copy)
    open_and_run_all(page, jupyterlab, LESSON_09.name)  # fails on a Traceback it can see
    expect(page.get_by_text("Not yet. Fix these:")).to_be_visible()  # the last cell answered
    shot(page, artifacts, "lesson-09-ran")

    # JupyterLab draws only the cells in view, so read every output from the file it saves.
    page.locator(".lm-MenuBar-item").filter(has_text=re.compile(r"^File$")).click()
    page.locator("#jp-mainmenu-file li[data-command='docmanager:save']").click()
    code = saved_code_cells(page, copy)
    assert all(cell.execution_count for cell in code), "not every code cell ran"
    outputs = [output for cell in code for output in cell.outputs]
    assert [o for o in outputs if o.output_type == "error"] == []
    assert [o.text for o in outputs if o.get("name") == "stderr" and "Traceback" in o.text] == []
