"""The README's commands and example stay true."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

README = (Path(__file__).parents[1] / "README.md").read_text()


def test_readme_examples_run_and_print_what_they_promise(capsys):
    first, agent = re.findall(r"```python\n(.*?)```", README, re.S)[:2]
    exec(compile(first, "README.md", "exec"), {})
    assert '"sky": "sunny"' in capsys.readouterr().out
    exec(compile(agent, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    for name in ("lookup_customer", "search_knowledge_base", "create_ticket", "send_response"):
        assert name in printed


def test_readme_test_command_is_what_ci_runs():
    ci = (Path(__file__).parents[1] / ".ci" / "run").read_text()
    assert "```bash\nbash .ci/run\n```" in README
    command = re.search(r'pip install -e "\.\[test\]" && (pytest[^\n`]*)', README).group(1)
    assert command.strip() in ci
    assert 'pip install -e ".[test]"' in ci and "missing+=(chromium)" in ci
    assert "pytest -m clients tests/clients" in ci and "pytest -m clients tests/clients" in README


def test_console_script_knows_the_lessons_command():
    out = subprocess.run(
        [sys.executable, "-m", "fcplayground.cli", "--help"], capture_output=True, text=True
    )
    assert out.returncode == 0
    assert "lessons" in out.stdout


def _get(url: str, follow: bool = True):
    """GET ``url``; with ``follow=False`` a redirect is returned, not followed."""
    import urllib.request

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(*([] if follow else [NoRedirect()]))
    return opener.open(url, timeout=2)


def test_lessons_command_serves_a_working_copy_opening_lesson_one_without_news(tmp_path):
    import json
    import socket
    import time
    import urllib.error

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    folder = tmp_path / "my-lessons"
    command = [sys.executable, "-m", "fcplayground.cli", "lessons", "--dir", str(folder),
               "--no-browser", "--ServerApp.ip=127.0.0.1", f"--port={port}",
               "--IdentityProvider.token=t", f"--LabApp.workspaces_dir={tmp_path}"]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    url = f"{base}/api/contents?token=t"
    try:
        deadline, names = time.monotonic() + 60, None
        while names is None and time.monotonic() < deadline:
            try:
                with _get(url) as reply:
                    names = [item["name"] for item in json.load(reply)["content"]]
            except OSError:
                time.sleep(0.3)
        assert names is not None, "JupyterLab did not answer within 60 s"
        assert "01_single_call.ipynb" in names  # served from the working copy
        assert (folder / "01_single_call.ipynb").is_file()
        try:
            _get(f"{base}/?token=t", follow=False)
            raise AssertionError("/ did not redirect to the first lesson")
        except urllib.error.HTTPError as redirect:
            assert redirect.headers["Location"].startswith("/lab/tree/01_single_call.ipynb")
        plugin = "@jupyterlab/apputils-extension:notification"
        with _get(f"{base}/lab/api/settings/{plugin}?token=t") as reply:
            defaults = json.load(reply)["schema"]["properties"]  # overrides change defaults
        assert defaults["fetchNews"]["default"] == "false"  # "Never": no news pop-up
        assert defaults["checkForUpdates"]["default"] is False
    finally:
        server.terminate()
        server.wait(timeout=20)
    # Stopping the command stops JupyterLab itself: nothing is left serving the port.
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            _get(url, follow=True).close()
        except OSError:
            break
        time.sleep(0.3)
    else:
        raise AssertionError("JupyterLab kept running after the lessons command was stopped")


def test_readme_bfcl_table_is_what_the_benchmark_measures():
    import importlib.util

    path = Path(__file__).parents[1] / "benchmarks" / "bfcl_simulated.py"
    spec = importlib.util.spec_from_file_location("bfcl_simulated", path)
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # dataclasses look their module up while being defined
    spec.loader.exec_module(bench)
    from fcplayground import offline
    from fcplayground.models import SimulatedModel

    model = SimulatedModel()
    client = offline.openai_client(model)
    for category in ("simple_python", "multiple", "irrelevance"):
        row = bench.run_category(model, client, category, None)
        line = re.search(rf"^\| {category} \| (\d+) \| ([\d.]+) \| ([\d.]+) \|", README, re.M)
        assert line, f"README has no BFCL row for {category}"
        assert int(line.group(1)) == len(row.outcomes)
        measured = (f"{row.percent('name_ok'):.1f}", f"{row.percent('ok'):.1f}")
        assert (line.group(2), line.group(3)) == measured, (
            f"README figures for {category} are stale: rerun benchmarks/bfcl_simulated.py --markdown"
        )


def test_readme_fault_table_is_built_from_the_tests_fault_marks():
    from fault_table import all_faults, readme_table, table

    assert len(all_faults()) > 50  # the marks are found (a broken reader would find none)
    assert readme_table() == table(), "run: python tests/fault_table.py --write"
