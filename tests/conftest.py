"""Suite-wide order: the slowest files first, so that ``pytest -n 2 --dist loadfile`` (as
``.ci/run`` runs it) hands them out while the rest fills the gaps, instead of leaving one of
them to run alone at the end.

``--dist loadfile`` keeps each file on one worker: a notebook's cells share one kernel, and a
module's fixtures (servers on ports, child processes) are started once.
"""

from __future__ import annotations

import pytest

# Files that take longest on two cores (from ``--durations``), slowest first.
SLOWEST = (
    "tests/browser/test_lessons_in_jupyterlab.py",
    "tests/test_wheel.py",
    "tests/test_lessons_without_shared.py",
    "tests/browser/test_widgets_in_jupyterlab.py",
    "tests/test_mcp_client.py",
    "tests/test_mcp_failures.py",
    "tests/test_mcp_cli.py",
    "tests/test_serve.py",
    "tests/test_server_access.py",
    "tests/test_hosting.py",
    "tests/browser/test_lab_layout.py",
    "tests/test_offline_mcp_responses.py",
    "tests/test_doctor.py",
)
RANK = {path: rank for rank, path in enumerate(SLOWEST)}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # A stable sort: within a file, and among the files not listed, the order is unchanged.
    items.sort(key=lambda item: RANK.get(item.nodeid.split("::")[0], len(SLOWEST)))
