"""Every lesson follows one setting, FCP_PROVIDER.

With ``FCP_PROVIDER=openai`` and no key, each notebook must still run to the end (offline,
with the simulated model) and say which key to set. And no lesson may build a live client
by hand, which would bypass the setting: lessons use ``connect()``, ``openai_client()`` and
``anthropic_client()``.

The notebooks are executed in memory; nothing is written back to ``notebooks/``.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
LESSONS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))

# Lessons that build no client of their own: the description lab scores with its own
# simulated model, whatever the setting.
NO_CLIENT = {"05_description_lab.ipynb"}
NOTICE = "OPENAI_API_KEY is not set"

# A client that would go live whatever FCP_PROVIDER says: an SDK constructor, or
# ModelClient.openai() / .anthropic() without a client to wrap. A plain offline SDK client
# with no model of its own (offline.openai_client()) should follow the setting instead.
BY_HAND = re.compile(
    r"\b(?:Async)?(?:OpenAI|Anthropic)\("
    r"|\bModelClient\.(?:openai|anthropic)\(\s*(?:\)|model=|api=)"
    r"|\boffline\.(?:async_)?(?:openai|anthropic)_client\(\s*\)"
)
# ...except an SDK client sent to a local server (lesson 08's `fcplayground serve` section).
LOCAL_SERVER = re.compile(r"\bbase_url=(?:server\.|[\"']https?://(?:127\.0\.0\.1|localhost)\b)")


def test_the_lessons_are_there():
    assert len(LESSONS) >= 8, LESSONS
    assert NO_CLIENT.issubset(path.name for path in LESSONS)


@pytest.mark.parametrize("path", LESSONS, ids=lambda path: path.stem)
def test_lesson_runs_to_the_end_with_openai_selected_and_no_key(path, monkeypatch):
    monkeypatch.setenv("FCP_PROVIDER", "openai")
    for name in (
        "OPENAI_API_KEY",
        "ANTHROPIC_API_KEY",
        "FCP_OPENAI_BASE_URL",
        "OPENAI_BASE_URL",
        "ANTHROPIC_BASE_URL",
    ):
        monkeypatch.delenv(name, raising=False)
    nb = nbformat.read(path, as_version=4)  # a copy in memory: the file is never written
    client = NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}
    )
    client.execute()  # the kernel inherits os.environ; a cell that raises fails the test here

    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert all(cell.execution_count for cell in code), "not every code cell ran"
    printed = "".join(
        output.get("text", "") + output.get("data", {}).get("text/plain", "")
        for cell in code
        for output in cell.outputs
    )
    if path.name in NO_CLIENT:
        assert NOTICE not in printed, f"{path.name} builds a client now: remove it from NO_CLIENT"
    else:
        assert NOTICE in printed, (
            f"{path.name} never said that OPENAI_API_KEY is missing, so its clients ignore "
            "FCP_PROVIDER: build them with connect(), openai_client() or anthropic_client()"
        )


def test_no_lesson_builds_a_live_client_by_hand():
    found = []
    for path in LESSONS:
        for index, cell in enumerate(nbformat.read(path, as_version=4).cells):
            if cell.cell_type != "code":
                continue
            for line in cell.source.splitlines():
                if BY_HAND.search(line) and not LOCAL_SERVER.search(line):
                    found.append(f"{path.name}, cell {index}: {line.strip()}")
    assert not found, (
        "These lines build a client that ignores FCP_PROVIDER; use connect(), openai_client() "
        "or anthropic_client() from fcplayground (lesson 08):\n" + "\n".join(found)
    )
