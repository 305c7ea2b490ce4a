"""The README's "When things go wrong" table, built from the tests that inject each fault.

A test names what it injects with ``@pytest.mark.fault(area, fault, outcome)``, three
string literals. This script reads those marks from the test sources (without importing or
running them) and prints one Markdown row per distinct fault, grouped by area, each naming
the test files that keep it true; ``--write`` puts the table into README.md between its
``fault-table`` markers::

    python tests/fault_table.py [--write]
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

TESTS = Path(__file__).resolve().parent
README = TESTS.parent / "README.md"
START, END = "<!-- fault-table:start -->", "<!-- fault-table:end -->"
# Areas in the order a reader meets them; an area not listed here sorts after these.
AREAS = (
    "provider",
    "model output",
    "tool arguments",
    "tool execution",
    "agent loop",
    "offline requests",
    "server",
    "mcp",
    "request text",
    "replay",
    "evaluation",
    "secrets",
)
HEADER = "| area | fault | what happens | tests |\n|---|---|---|---|"


@dataclass(frozen=True)
class Fault:
    """One ``@pytest.mark.fault`` mark: where, what was injected, and what the user sees."""

    area: str
    fault: str
    outcome: str
    test_file: str


def _is_fault_mark(node: ast.expr) -> bool:
    # pytest.mark.fault(...)
    func = node.func if isinstance(node, ast.Call) else None
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "fault"
        and isinstance(func.value, ast.Attribute)
        and func.value.attr == "mark"
    )


def marks_in(path: Path) -> list[Fault]:
    """The fault marks on the test functions of one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for decorator in node.decorator_list:
            if not _is_fault_mark(decorator):
                continue
            args = [ast.literal_eval(a) for a in decorator.args]
            if len(args) != 3 or not all(isinstance(a, str) for a in args):
                raise ValueError(
                    f"{path.name}:{decorator.lineno}: pytest.mark.fault takes three strings "
                    "(area, fault, outcome)"
                )
            found.append(Fault(*args, test_file=path.name))
    return found


def all_faults(root: Path = TESTS) -> list[Fault]:
    """Every fault mark under ``tests/``, in file order."""
    return [f for path in sorted(root.rglob("test_*.py")) for f in marks_in(path)]


def table(faults: list[Fault] | None = None) -> str:
    """The Markdown table: one row per (area, fault, outcome), with the files that test it."""
    rows: dict[tuple[str, str, str], list[str]] = {}
    for f in all_faults() if faults is None else faults:
        files = rows.setdefault((f.area, f.fault, f.outcome), [])
        if f.test_file not in files:
            files.append(f.test_file)

    def order(key: tuple[str, str, str]) -> tuple[int, str]:
        area = key[0]
        return (AREAS.index(area) if area in AREAS else len(AREAS), area)

    lines = [HEADER]
    for key in sorted(rows, key=order):  # stable: file order within an area
        area, fault, outcome = (part.replace("|", "\\|") for part in key)
        tests = ", ".join(f"`{name}`" for name in rows[key])
        lines.append(f"| {area} | {fault} | {outcome} | {tests} |")
    return "\n".join(lines)


def readme_table(readme: Path = README) -> str:
    """The table as README.md holds it now, between its markers."""
    text = readme.read_text(encoding="utf-8")
    return text[text.index(START) + len(START) : text.index(END)].strip()


def write_readme(readme: Path = README) -> None:
    """Replace the table between README.md's markers with :func:`table`."""
    text = readme.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    readme.write_text(f"{head}{START}\n{table()}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    if "--write" in sys.argv[1:]:
        write_readme()
    else:
        print(table())
