"""The README's compatibility matrix, from the client suite's last results.

    pytest -m clients tests/clients     # writes test-artifacts/clients/results.json
    python tests/clients/matrix.py      # prints the Markdown table

A row per client and API; a column each for plain and streaming: ✅ passed, ❌ failed,
— not run. The client's version is the one its script reported.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from client_cases import APIS, SCRIPTS, Mode  # noqa: E402
from client_runs import results_path  # noqa: E402

MARKS = {"passed": "✅", "failed": "❌"}


def matrix(results: dict[str, dict[str, str]]) -> str:
    """The Markdown table for ``results`` (case id -> outcome and version)."""
    lines = [
        "| Client | Version | API | Plain | Streaming |",
        "| --- | --- | --- | --- | --- |",
    ]
    for script in SCRIPTS:
        for api in script.apis:
            cells = [results.get(f"{script.name}:{api}/{mode.value}", {}) for mode in Mode]
            version = next((c["version"] for c in cells if c.get("version", "?") != "?"), "?")
            marks = [MARKS.get(c.get("outcome", ""), "—") for c in cells]
            lines.append(f"| {script.client} | {version} | {APIS[api]} | {' | '.join(marks)} |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else results_path()
    if not path.exists():
        print(f"No results at {path}: run `pytest -m clients tests/clients` first.")
        return 1
    print(matrix(json.loads(path.read_text())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
