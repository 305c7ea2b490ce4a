"""The answers in docs/solutions.md pass the lessons' own checks, and cover every exercise."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from fcplayground.exercises import Feedback

ROOT = Path(__file__).parents[1]
SOLUTIONS = (ROOT / "docs" / "solutions.md").read_text(encoding="utf-8")
GUIDE = (ROOT / "docs" / "instructors.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```python\n(.*?)```", SOLUTIONS, re.S)
LESSONS = [f"{n:02d}" for n in range(1, 10)] + ["13"]


def block_id(source: str) -> str:
    """The check a block ends with, e.g. check_round_trip."""
    return re.findall(r"\b(check_\w+)\(", source)[-1]


def run_block(source: str) -> object:
    """Run ``source`` in a fresh namespace, as a fresh kernel would; return the value of its
    last line when that is an expression (what a notebook cell displays)."""
    tree = ast.parse(source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    namespace: dict[str, object] = {"__name__": "solution"}
    exec(compile(tree, "docs/solutions.md", "exec"), namespace)
    if last is None:
        return None
    return eval(compile(ast.Expression(last.value), "docs/solutions.md", "eval"), namespace)


def notebook_checks(lesson: str) -> set[str]:
    """The check functions a lesson's code cells call."""
    (path,) = (ROOT / "notebooks").glob(f"{lesson}_*.ipynb")
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    return set(re.findall(r"^(check_\w+)\(", code, re.M))


@pytest.mark.parametrize("source", BLOCKS, ids=[block_id(b) for b in BLOCKS])
def test_each_answer_passes_its_lessons_check(source):
    feedback = run_block(source)

    assert isinstance(feedback, Feedback), "the block should end with the notebook's check call"
    assert feedback.ok, str(feedback)


def test_every_exercise_of_every_lesson_has_an_answer():
    wanted = set().union(*(notebook_checks(lesson) for lesson in LESSONS))
    answered = {block_id(b) for b in BLOCKS}

    assert len(wanted) >= 9
    assert wanted <= answered, f"no answer for {sorted(wanted - answered)}"


def test_every_answer_is_folded_away():
    folded = re.findall(r"<details>\s*<summary>[^<]+</summary>\s*(.*?)</details>", SOLUTIONS, re.S)
    inside = [b for text in folded for b in re.findall(r"```python\n(.*?)```", text, re.S)]

    assert inside == BLOCKS
    assert "for instructors" in SOLUTIONS.split("\n\n")[0].lower()


def test_the_instructor_guide_links_the_solutions():
    assert "](solutions.md)" in GUIDE


def test_the_instructor_guide_examples_run_in_order(capsys):
    namespace: dict[str, object] = {"__name__": "guide"}
    for source in re.findall(r"```python\n(.*?)```", GUIDE, re.S):
        exec(compile(source, "docs/instructors.md", "exec"), namespace)

    bakery = namespace["bakery"]
    assert [order["name"] for order in bakery.orders] == ["Sam Lee"]  # the agent ordered the cake
    printed = capsys.readouterr().out
    assert "Evaluation of" in printed and "routed correctly" in printed
