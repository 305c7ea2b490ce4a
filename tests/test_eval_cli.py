"""``fcplayground eval``: the command a learner, an instructor or CI runs."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fcplayground import offline
from fcplayground.cli import main

ROOT = Path(__file__).resolve().parents[1]


def eval_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "fcplayground.cli", "eval", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def benchmark_module():
    spec = importlib.util.spec_from_file_location(
        "bfcl_simulated", ROOT / "benchmarks" / "bfcl_simulated.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_eval_of_bfcl_simple_python_reproduces_the_benchmark_figures():
    done = eval_cli("--suite", "bfcl:simple_python", "--provider", "offline", "--json")
    assert done.returncode == 0, done.stderr
    scores = json.loads(done.stdout)
    bench = benchmark_module()
    model = bench.make_model("simulated")
    row = bench.run_category(model, offline.openai_client(model), "simple_python", None)
    assert scores["cases"] == len(row.outcomes) == 400
    assert scores["correct"] == sum(o.verdict.ok for o in row.outcomes)
    assert f"{100 * scores['accuracy']:.2f}" == f"{row.percent('ok'):.2f}"
    assert f"{100 * scores['name_accuracy']:.2f}" == f"{row.percent('name_ok'):.2f}"


def test_eval_prints_a_report_with_categories_failures_and_confusion(capsys):
    assert main(["eval", "--suite", "support_desk"]) == 0
    out = capsys.readouterr().out
    assert "on support_desk" in out and "24 cases" in out
    for part in ("customers", "needs more info", "Confusion"):
        assert part in out
    assert main(["eval", "--suite", "bfcl:multiple", "--limit", "20"]) == 0
    out = capsys.readouterr().out
    assert "20 cases" in out and "Failures by kind:" in out and "expected:" in out


def test_eval_json_is_one_object_with_accuracy_in_0_1_and_categories(capsys):
    assert main(["eval", "--suite", "bfcl:multiple", "--limit", "20", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["cases"] == 20 and 0 <= data["accuracy"] <= 1
    assert list(data["categories"]) == ["multiple"]
    assert 0 <= data["categories"]["multiple"]["accuracy"] <= 1


def test_eval_saves_a_run_and_compares_a_later_one(tmp_path, capsys):
    saved = tmp_path / "before.json"
    assert main(["eval", "--suite", "travel", "--save", str(saved), "--json"]) == 0
    capsys.readouterr()
    assert json.loads(saved.read_text())["results"][0]["id"] == "travel_0"
    assert main(["eval", "--suite", "travel", "--against", str(saved)]) == 0
    out = capsys.readouterr().out
    assert "Change: +0.0 points" in out and "Fixed: 0" in out and "Broken: 0" in out


def test_eval_unknown_suite_exits_2_and_lists_the_suites(capsys):
    assert main(["eval", "--suite", "bfcl:simple"]) == 2
    err = capsys.readouterr().err
    assert "Unknown suite 'bfcl:simple'" in err and "support_desk" in err


def test_eval_of_a_live_provider_without_a_key_refuses_to_pretend(monkeypatch, capsys):
    for name in ("OPENAI_API_KEY", "FCP_OPENAI_BASE_URL", "ANTHROPIC_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    assert main(["eval", "--suite", "travel", "--provider", "anthropic"]) == 2
    err = capsys.readouterr().err
    assert "ANTHROPIC_API_KEY is not set" in err and "--provider offline" in err


def test_eval_min_accuracy_fails_the_command_below_the_bar(capsys):
    assert (
        main(["eval", "--suite", "bfcl:multiple", "--limit", "20", "--min-accuracy", "0.99"]) == 1
    )
    assert "below 0.99" in capsys.readouterr().err
    assert main(["eval", "--suite", "travel", "--min-accuracy", "0.5"]) == 0


@pytest.mark.parametrize("flag", ["--help"])
def test_eval_help_names_the_suites(flag):
    done = eval_cli(flag, env={**os.environ})
    assert done.returncode == 0 and "bfcl:live_simple" in done.stdout


def test_readme_evaluation_example_runs_and_prints_a_report(capsys):
    import re

    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Evaluating tool use", 1)[1]
    example = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    exec(compile(example, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "on 3 cases" not in out and "3 cases:" in out and "accuracy" in out


def test_eval_of_an_openai_compatible_server_runs_live_concurrently_and_caches(
    monkeypatch, tmp_path, capsys
):
    from fcplayground.offline import Server

    for name in ("OPENAI_API_KEY", "FCP_PROVIDER"):
        monkeypatch.delenv(name, raising=False)
    with Server() as server:  # the simulated model behind a real socket, as Ollama would be
        monkeypatch.setenv("FCP_OPENAI_BASE_URL", server.openai_base_url)
        args = ["eval", "--suite", "travel", "--provider", "openai", "--json"]
        assert main([*args, "--cache", str(tmp_path)]) == 0
        live = json.loads(capsys.readouterr().out)
        server.close()  # a second run must not need the server: every answer is cached
        assert main([*args, "--cache", str(tmp_path), "--save", str(tmp_path / "run.json")]) == 0
    again = json.loads(capsys.readouterr().out)
    assert "live" in live["model"] and live["cases"] == 16
    assert main(["eval", "--suite", "travel", "--json"]) == 0
    offline_run = json.loads(capsys.readouterr().out)
    assert live["accuracy"] == again["accuracy"] == offline_run["accuracy"]
    saved = json.loads((tmp_path / "run.json").read_text())
    assert all(r["cached"] for r in saved["results"])
