"""The README's commands and example stay true."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

README = (Path(__file__).parents[1] / "README.md").read_text()


def test_readme_example_runs_and_prints_the_tool_result(capsys):
    example = re.findall(r"```python\n(.*?)```", README, re.S)[0]
    exec(compile(example, "README.md", "exec"), {})
    assert '"sky": "sunny"' in capsys.readouterr().out


def test_readme_test_command_is_what_ci_runs():
    ci = (Path(__file__).parents[1] / ".ci" / "run").read_text()
    command = re.search(r'pip install -e "\.\[test\]" && (pytest[^\n`]*)', README).group(1)
    assert command.strip() in ci


def test_console_script_knows_the_lessons_command():
    out = subprocess.run(
        [sys.executable, "-m", "fcplayground.cli", "--help"], capture_output=True, text=True
    )
    assert out.returncode == 0
    assert "lessons" in out.stdout
