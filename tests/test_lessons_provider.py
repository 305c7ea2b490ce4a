"""Every lesson follows one setting, FCP_PROVIDER: no lesson may build a live client by hand,
which would bypass the setting; lessons use ``connect()``, ``openai_client()`` and
``anthropic_client()``.

That with ``FCP_PROVIDER=openai`` and no key each lesson still runs to the end (offline, with
the simulated model) and says which key to set is checked where every lesson is executed
anyway, from an installed wheel (tests/test_wheel.py), rather than executing them all again.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
from test_wheel import NO_CLIENT

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
LESSONS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


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
