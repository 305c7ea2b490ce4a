"""Widgets in a real JupyterLab, in headless Debian Chromium, driven as a learner would.

Each test opens a notebook, restarts the kernel and runs every cell from the Run menu, then types
or clicks in the rendered widgets and checks that the kernel answered. Screenshots go to
``test-artifacts/browser/``. Needs ``/usr/bin/chromium`` (``.ci/run`` installs it).
"""

from __future__ import annotations

import importlib
import re
import shutil
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

WIDGETS = Path(__file__).resolve().parents[2] / "fcplayground" / "widgets"
KERNEL_TIMEOUT_MS = 60_000  # a kernel start, or a restart and run-all
GOOD_DESCRIPTION = (
    "Searches for a customer record by email address and returns their account details "
    "including name, plan type, and billing status."
)

# The battery is (request, expected tool) pairs. With "does CRM stuff" the simulated model gets
# the two billing questions wrong (2/4); with GOOD_DESCRIPTION it gets all four (4/4).
DESCRIPTION_LAB_CELLS = (
    '''from fcplayground import ToolRegistry
from fcplayground.widgets import DescriptionLab

tools = ToolRegistry()


@tools.tool(description="does CRM stuff")  # the vague description the learner improves
def lookup_customer(email: str) -> dict:
    """Customer lookup.

    Args:
        email: The customer's email address, e.g. jane@example.com.
    """
    return {"email": email, "name": "Jane", "plan": "pro", "billing": "ok"}


@tools.tool
def lookup_order(order_id: str) -> dict:
    """Looks up an order by its order id and returns its status, items and shipping date.

    Args:
        order_id: The order id, e.g. ORD-1001.
    """
    return {"order_id": order_id, "status": "shipped"}''',
    """battery = [
    ("What is the billing status of jane@example.com?", "lookup_customer"),
    ("Give me the billing status of bob@example.com", "lookup_customer"),
    ("Where is my order ORD-1001?", "lookup_order"),
    ("Has order ORD-2002 shipped yet?", "lookup_order"),
]
lab = DescriptionLab(tools, battery)
lab""",
)

# A battery that judges arguments: without examples the flights come back as typed ("lh454"),
# with the examples typed into the lab's editor they come back as "LH 454" (1/3 -> 3/3).
EXAMPLES_LAB_CELLS = (
    '''from fcplayground import ToolRegistry
from fcplayground.evals import exactly, expect
from fcplayground.evals.battery import CallProbe
from fcplayground.widgets import DescriptionLab

tools = ToolRegistry()


@tools.tool
def track_flight(flight: str) -> dict:
    """Shows where a flight is now.

    Args:
        flight: The flight.
    """
    return {"flight": flight, "status": "on time"}''',
    """battery = [
    CallProbe("where is lh454 now?", "track_flight", expect("track_flight", flight=exactly("LH 454"))),
    CallProbe("is flight ba2490 late?", "track_flight", expect("track_flight", flight=exactly("BA 2490"))),
    ("Tell me a joke", None),
]
lab = DescriptionLab(tools, battery)
lab""",
)

TRACE_STEPPER_CELLS = (
    """from fcplayground import ModelClient
from fcplayground.agent import run
from fcplayground.scenarios import SupportDesk
from fcplayground.widgets import TraceStepper

desk = SupportDesk()
trace = run(
    ModelClient.offline(),
    desk.tools,
    "Look up jane@example.com, then search the help center for double charges, "
    "then open a ticket about the double charge, then email her the answer.",
)""",
    """stepper = TraceStepper(trace)
stepper""",
)


def require_widget(name: str, module_file: str | None = None) -> None:
    """Fails (never skips) with a clear message until ``fcplayground.widgets.<name>`` exists."""
    if module_file is not None and not (WIDGETS / module_file).exists():
        pytest.fail(f"{name} not built yet: {WIDGETS / module_file} does not exist.", pytrace=False)
    try:
        widgets = importlib.import_module("fcplayground.widgets")
    except ImportError as exc:
        pytest.fail(
            f"{name} not built yet: cannot import fcplayground.widgets ({exc}).", pytrace=False
        )
    if not hasattr(widgets, name):
        pytest.fail(f"{name} not built yet: fcplayground.widgets has no {name}.", pytrace=False)


def open_and_run_all(page: Page, lab, notebook: str) -> None:
    """Opens a notebook, waits for its kernel, restarts it and runs every cell (Run menu)."""
    page.goto(lab.notebook_url(notebook))
    expect(page.locator(".jp-NotebookPanel")).to_be_visible(timeout=KERNEL_TIMEOUT_MS)
    wait_idle(page)
    page.locator(".lm-MenuBar-item").filter(has_text=re.compile(r"^Run$")).click()
    page.locator("#jp-mainmenu-run li[data-command='runmenu:restart-and-run-all']").click()
    page.locator(".jp-Dialog .jp-mod-accept").click()
    expect(page.locator(".jp-Dialog")).to_have_count(0)
    last_prompt = page.locator(".jp-NotebookPanel .jp-CodeCell .jp-InputPrompt").last
    expect(last_prompt).to_have_text(re.compile(r"\[\d+\]"), timeout=KERNEL_TIMEOUT_MS)
    wait_idle(page)
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    tracebacks = [text for text in errors.all_inner_texts() if "Traceback" in text]
    assert not tracebacks, f"{notebook} raised while running:\n" + "\n".join(tracebacks)


def wait_idle(page: Page) -> None:
    # The status bar's "| Idle" (the toolbar's execution indicator says idle too early).
    status = page.locator(".jp-StatusBar-Widget").filter(has_text="| Idle")
    expect(status.first).to_be_visible(timeout=KERNEL_TIMEOUT_MS)


def shot(page: Page, artifacts: Path, name: str, widget=None) -> None:
    if widget is not None:
        widget.scroll_into_view_if_needed()
    page.screenshot(path=artifacts / f"{name}.png")


def fraction(text: str) -> tuple[int, int]:
    """(2, 4) from "2/4", "2 / 4" or "score: 2/4 right"."""
    match = re.search(r"(\d+)\s*/\s*(\d+)", text)
    assert match, f"expected a count like '2/4', got {text!r}"
    return int(match[1]), int(match[2])


def test_ipywidgets_round_trip_through_the_kernel(page: Page, jupyterlab, artifacts: Path):
    open_and_run_all(page, jupyterlab, "widget_smoke.ipynb")
    box = page.locator(".widget-text input")
    expect(box).to_be_visible()
    expect(page.locator(".widget-slider")).to_be_visible()
    shot(page, artifacts, "smoke-rendered")

    box.click()
    box.press_sequentially("hello widgets")
    # The kernel's observer upper-cases the text into the HTML widget.
    expect(page.locator(".widget-html b")).to_have_text("HELLO WIDGETS")
    shot(page, artifacts, "smoke-typed")


def test_description_lab_scores_a_better_description(page: Page, jupyterlab, artifacts: Path):
    require_widget("DescriptionLab", "description_lab.py")
    notebook = jupyterlab.add_notebook("description_lab.ipynb", *DESCRIPTION_LAB_CELLS)
    open_and_run_all(page, jupyterlab, notebook)
    score = page.locator(".fcp-score").first
    table = page.locator(".fcp-table").first
    textarea = page.locator(".fcp-desc-lookup_customer textarea").first
    expect(score).to_have_text(re.compile(r"\d+\s*/\s*\d+"))
    expect(table).to_be_visible()
    expect(textarea).to_have_value("does CRM stuff")
    score_before, table_before = score.inner_text(), table.inner_text()
    shot(page, artifacts, "description-lab-before", table)

    textarea.fill(GOOD_DESCRIPTION)
    textarea.blur()  # a lab that syncs on change rather than on every keystroke sees it too
    # The lab re-scores after a debounce and may show a pending state first: poll until the
    # score settles on a better count rather than taking the first change.
    right_before, total = fraction(score_before)
    deadline = time.monotonic() + KERNEL_TIMEOUT_MS / 1000
    while True:
        score_after = score.inner_text()
        counts = re.search(r"(\d+)\s*/\s*(\d+)", score_after)
        if (counts and int(counts[1]) > right_before) or time.monotonic() > deadline:
            break
        page.wait_for_timeout(200)
    expect(table).not_to_have_text(table_before)
    wait_idle(page)
    shot(page, artifacts, "description-lab-after", table)

    right_after, total_after = fraction(score_after)
    assert total == total_after == 4, (score_before, score_after)
    assert right_after > right_before, f"score did not improve: {score_before!r} -> {score_after!r}"


def test_description_lab_examples_typed_in_its_editor_change_the_verdicts(
    page: Page, jupyterlab, artifacts: Path
):
    require_widget("DescriptionLab", "lab_examples.py")
    notebook = jupyterlab.add_notebook("examples_lab.ipynb", *EXAMPLES_LAB_CELLS)
    open_and_run_all(page, jupyterlab, notebook)
    score = page.locator(".fcp-score").first
    editor = page.locator(".fcp-examples-track_flight textarea").first
    expect(score).to_have_text(re.compile(r"\d+\s*/\s*\d+"))
    expect(editor).to_have_value("")
    score_before = score.inner_text()
    right_before, total = fraction(score_before)

    editor.fill('{"flight": "LH 454"}\n{"flight": "BA 2490"}')
    editor.blur()
    expect(score).to_have_text(re.compile(r"3\s*/\s*3"), timeout=KERNEL_TIMEOUT_MS)
    wait_idle(page)
    shot(page, artifacts, "description-lab-examples", page.locator(".fcp-table").first)
    assert (right_before, total) == (1, 3), score_before


def test_trace_stepper_steps_forward(page: Page, jupyterlab, artifacts: Path):
    require_widget("TraceStepper")
    notebook = jupyterlab.add_notebook("trace_stepper.ipynb", *TRACE_STEPPER_CELLS)
    open_and_run_all(page, jupyterlab, notebook)
    position = page.locator(".fcp-stepper-position").first
    payload = page.locator(".fcp-stepper-payload").first
    next_button = page.locator(".fcp-stepper-next").first
    expect(position).to_have_text(re.compile(r"\S"))
    expect(next_button).to_be_enabled()
    before, payload_before = position.inner_text(), payload.inner_text()
    shot(page, artifacts, "trace-stepper-before")

    next_button.click()
    expect(position).not_to_have_text(before)
    expect(payload).not_to_have_text(payload_before)  # the kernel redrew the message too
    wait_idle(page)
    after = position.inner_text()
    shot(page, artifacts, "trace-stepper-after")

    (at_before, total), (at_after, total_after) = fraction(before), fraction(after)
    assert (at_after, total_after) == (at_before + 1, total), f"{before!r} -> {after!r}"


LESSON_05 = Path(__file__).parents[2] / "notebooks" / "05_description_lab.ipynb"


def settle(page: Page, score, better: bool, than: int) -> str:
    """The score text once it moves past ``than`` (up or down): re-scoring is debounced."""
    deadline = time.monotonic() + KERNEL_TIMEOUT_MS / 1000
    while True:
        text = score.text_content() or ""
        counts = re.search(r"(\d+)\s*/\s*(\d+)", text)
        moved = counts and (int(counts[1]) > than if better else int(counts[1]) < than)
        if moved or time.monotonic() > deadline:
            return text
        page.wait_for_timeout(200)


def test_lesson_05_lab_rescores_as_the_learner_types(page: Page, jupyterlab, artifacts: Path):
    shutil.copy(LESSON_05, jupyterlab.root / LESSON_05.name)  # a copy: the page never saves here
    open_and_run_all(page, jupyterlab, LESSON_05.name)
    # The first lab of the lesson: the panel that holds lookup_customer's description box.
    panel = page.locator(".fcp-lab").filter(has=page.locator(".fcp-desc-lookup_customer")).first
    panel.scroll_into_view_if_needed()
    score = panel.locator(".fcp-score")
    textarea = panel.locator(".fcp-desc-lookup_customer textarea")
    expect(score).to_have_text(re.compile(r"\d+\s*/\s*\d+"))
    # By the end of the lesson the first lab holds the specific description: all right.
    good, total = fraction(score.text_content() or "")
    assert good == total, score.text_content() or ""
    shot(page, artifacts, "lesson-05-fixed", textarea)

    textarea.fill("does CRM stuff")
    textarea.blur()
    vague, _ = fraction(settle(page, score, better=False, than=good))
    shot(page, artifacts, "lesson-05-vague", textarea)
    assert vague < good, f"a vague description should route fewer requests: {vague}/{total}"

    textarea.fill(
        "Searches for a customer record by name or email and returns their account details "
        "including name, plan type, and billing status."
    )
    textarea.blur()
    again, _ = fraction(settle(page, score, better=True, than=vague))
    shot(page, artifacts, "lesson-05-specific-again", textarea)
    assert again == total, f"the specific description should route all: {again}/{total}"
