"""The widgets' layout at 1280×800 with JupyterLab's file browser open (issue 15, part 5).

One notebook (``notebooks/lab_layout.ipynb``) shows a DescriptionLab, a ProviderCompare, a
trace, a TraceStepper and an ApprovalGate. After running it, the DOM is measured: no table
column wraps word by word, no word is wider than its cell, the description lab's "model's
call" column is not clipped (it fits, or scrolls inside the widget's own box), nothing in any
widget sticks out past its output area unless it scrolls there, the description editor is
wide and tall enough to edit a paragraph, and the examples editor wide enough for a line. A screenshot goes to ``test-artifacts/browser/``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from test_widgets_in_jupyterlab import KERNEL_TIMEOUT_MS, wait_idle

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1280, "height": 800}
MIN_EDITOR_WIDTH = 300  # px: a paragraph can be edited without scrolling sideways
MIN_EDITOR_LINES = 3

# Runs in the page. For every cell of every table in the widgets' outputs: its words, how many
# lines it renders on, the widest word and the room it has. For the lab's call column: whether
# its content is cut off. For every widget output: descendants that stick out of it unclipped.
MEASURE_JS = """
() => {
  const canvas = document.createElement("canvas").getContext("2d");
  const outputs = [...document.querySelectorAll(".jp-OutputArea-output")];
  const lines = (el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const tops = new Set();
    for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
    return tops.size;
  };
  const widest = (el) => {
    const style = getComputedStyle(el);
    canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const words = el.innerText.split(/\\s+/).filter(Boolean);
    return Math.max(0, ...words.map((w) => canvas.measureText(w).width));
  };
  const room = (el) => {
    const style = getComputedStyle(el);
    return el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  };
  // Where el's content is cut off. A scroll container counts only inside the widget's own
  // HTML (up to its .widget-html-content or rendered-HTML root): ipywidgets' layout boxes and
  // JupyterLab's output area scroll too, but their scroll bars sit far below a tall panel.
  const clipped = (el) => {
    const output = el.closest(".jp-OutputArea-output");
    const root = el.closest(".widget-html-content, .jp-RenderedHTMLCommon");
    const range = document.createRange();
    range.selectNodeContents(el);
    const right = range.getBoundingClientRect().right;
    let own = root !== null && root !== output;
    for (let a = el; a && a !== output.parentElement; a = a.parentElement) {
      const overflow = getComputedStyle(a).overflowX;
      if (own && (overflow === "auto" || overflow === "scroll")) return null;
      const edge = a.getBoundingClientRect().right;
      if ((overflow !== "visible" || a === output) && right > edge + 1) {
        return {by: a.className || a.tagName, right: Math.round(right), edge: Math.round(edge)};
      }
      if (a === root) own = false;
    }
    return null;
  };
  const lineHeight = (el) => {
    const style = getComputedStyle(el);
    return parseFloat(style.lineHeight) || 1.2 * parseFloat(style.fontSize);  // "normal"
  };
  // How far a cell reaches past its own scroll box's right edge (0: seen without scrolling).
  const hidden = (el) => {
    const box = el.closest(".fcp-scroll");
    if (!box) return 0;
    return Math.max(0, Math.round(el.getBoundingClientRect().right - box.getBoundingClientRect().right));
  };
  const cells = [];
  for (const table of document.querySelectorAll(".jp-OutputArea-output table")) {
    const heads = [...table.querySelectorAll("thead th")].map((th) => th.innerText.trim());
    for (const row of table.querySelectorAll("tbody tr")) {
      [...row.children].forEach((cell, i) => {
        const text = cell.innerText.trim();
        cells.push({
          column: heads[i] || String(i), text,
          words: text.split(/\\s+/).filter(Boolean).length,
          lines: lines(cell), widest: Math.round(widest(cell)), room: Math.round(room(cell)),
          width: Math.round(cell.getBoundingClientRect().width),
          clipped: heads[i] === "model's call" ? clipped(cell) : null,
          hidden: hidden(cell),
        });
      });
    }
  }
  const sticking = [];
  for (const output of outputs) {
    const edge = output.getBoundingClientRect().right;
    for (const el of output.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > edge + 1) {
        const cut = clipped(el);
        if (cut) sticking.push({el: el.tagName + "." + el.className, ...cut});
      }
    }
  }
  const editors = [...document.querySelectorAll(".fcp-desc textarea")].map((t) => ({
    width: Math.round(t.getBoundingClientRect().width),
    lines: Math.floor(t.clientHeight / lineHeight(t)),
  }));
  const exampleEditors = [...document.querySelectorAll(".fcp-examples textarea")].map((t) => ({
    width: Math.round(t.getBoundingClientRect().width),
    lines: Math.floor(t.clientHeight / lineHeight(t)),
  }));
  const browser = document.querySelector("#filebrowser");
  const output = document.querySelector(".fcp-lab")?.closest(".jp-OutputArea-output");
  return {
    cells, sticking: sticking.slice(0, 20), editors, exampleEditors,
    fileBrowserWidth: browser ? Math.round(browser.getBoundingClientRect().width) : 0,
    outputWidth: output ? Math.round(output.getBoundingClientRect().width) : 0,
  };
}
"""


def open_and_run(page: Page, lab, notebook: str) -> None:
    """Opens a notebook and runs every cell in its fresh kernel (Run menu, no restart)."""
    page.goto(lab.notebook_url(notebook))
    expect(page.locator(".jp-NotebookPanel")).to_be_visible(timeout=KERNEL_TIMEOUT_MS)
    wait_idle(page)
    page.locator(".lm-MenuBar-item").filter(has_text=re.compile(r"^Run$")).click()
    page.locator("#jp-mainmenu-run li[data-command='runmenu:run-all']").click()
    last_prompt = page.locator(".jp-NotebookPanel .jp-CodeCell .jp-InputPrompt").last
    expect(last_prompt).to_have_text(re.compile(r"\[\d+\]"), timeout=KERNEL_TIMEOUT_MS)
    wait_idle(page)
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    tracebacks = [text for text in errors.all_inner_texts() if "Traceback" in text]
    assert not tracebacks, f"{notebook} raised while running:\n" + "\n".join(tracebacks)


def open_file_browser(page: Page) -> None:
    """Shows the left sidebar's file browser (a fresh workspace may start with it closed)."""
    browser = page.locator("#filebrowser")
    if not browser.is_visible():
        page.locator(".jp-SideBar.jp-mod-left [data-id='filebrowser']").click()
    expect(browser).to_be_visible()


def test_lab_layout_at_1280_with_the_file_browser_open(page: Page, jupyterlab, artifacts: Path):
    page.set_viewport_size(VIEWPORT)
    open_and_run(page, jupyterlab, "lab_layout.ipynb")
    open_file_browser(page)
    lab = page.locator(".fcp-lab").first
    expect(lab.locator(".fcp-table table")).to_be_visible()
    for other in (".fcp-stepper-payload", ".fcp-approval"):  # drawn after the lab
        expect(page.locator(other).first).to_be_attached()
    page.wait_for_timeout(300)  # the notebook re-lays out after the sidebar opens
    lab.scroll_into_view_if_needed()
    page.screenshot(path=artifacts / "lab-layout-1280x800.png")
    m = page.evaluate(MEASURE_JS)
    (artifacts / "lab-layout-1280x800.json").write_text(json.dumps(m, indent=2))
    facts = f"file browser {m['fileBrowserWidth']} px, lab output {m['outputWidth']} px"
    assert m["fileBrowserWidth"] > 150, f"the file browser is not open: {facts}"
    cells = m["cells"]
    assert {c["column"] for c in cells} >= {"request", "model's call"}, cells[:5]

    word_per_line = [c for c in cells if c["words"] >= 3 and c["lines"] >= c["words"]]
    assert not word_per_line, f"cells wrap one word per line ({facts}): {word_per_line[:3]}"
    # (The call column may be narrower than its widest piece if it scrolls: checked below.)
    too_narrow = [c for c in cells if c["widest"] > c["room"] + 1 and c["column"] != "model's call"]
    assert not too_narrow, f"cells narrower than their longest word ({facts}): {too_narrow[:3]}"
    calls = [c for c in cells if c["column"] == "model's call"]
    cut = [c for c in calls if c["clipped"]]
    assert not cut, f"the model's call is clipped ({facts}): {cut[:3]}"
    # Scrolling is the way out for a long argument; this battery's table fits at 1280 px.
    behind = [c for c in cells if c["hidden"] > 1]
    assert not behind, f"cells hidden behind the table's scroll ({facts}): {behind[:3]}"
    assert not m["sticking"], f"widget content sticks out unclipped ({facts}): {m['sticking']}"

    assert m["editors"], "no description editor (.fcp-desc textarea) found"
    for editor in m["editors"]:
        assert editor["width"] >= MIN_EDITOR_WIDTH, f"description editor too narrow: {editor}"
        assert editor["lines"] >= MIN_EDITOR_LINES, f"description editor too short: {editor}"
    # One example input a line: as wide as the description, and two lines at least.
    assert len(m["exampleEditors"]) == len(m["editors"]), m["exampleEditors"]
    for editor in m["exampleEditors"]:
        assert editor["width"] >= MIN_EDITOR_WIDTH, f"examples editor too narrow: {editor}"
        assert editor["lines"] >= 2, f"examples editor too short: {editor}"
