"""The README's compatibility matrix, from the client suite's last results.

    pytest -m clients tests/clients          # writes test-artifacts/clients/results.json
    python tests/clients/matrix.py           # prints the Markdown table
    python tests/clients/matrix.py --check   # fails unless README.md holds that table

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


README = Path(__file__).resolve().parents[2] / "README.md"
START, END = "<!-- client-matrix:start -->", "<!-- client-matrix:end -->"


def readme_matrix(readme: Path = README) -> str:
    """The table README.md holds between its ``client-matrix`` markers."""
    text = readme.read_text(encoding="utf-8")
    return text[text.index(START) + len(START) : text.index(END)].strip()


def main(argv: list[str]) -> int:
    check = "--check" in argv[1:]
    paths = [a for a in argv[1:] if a != "--check"]
    path = Path(paths[0]) if paths else results_path()
    if not path.exists():
        print(f"No results at {path}: run `pytest -m clients tests/clients` first.")
        return 1
    table = matrix(json.loads(path.read_text()))
    print(table)
    if check and readme_matrix() != table:
        print(
            "README.md's client matrix differs from these results: paste the table above "
            "between its client-matrix markers.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
