"""A real JupyterLab in headless Debian Chromium, driven by Playwright.

The server serves a temporary copy of the notebooks it opens (so nothing is ever saved into the
repo), with its own config, settings and workspaces folders (news and autosave off), and is
stopped by its own pid at the end. Screenshots and logs go to ``test-artifacts/browser/``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

# The smoke notebook lives in notebooks/ and is opened by the browser test, never run by nbval.
collect_ignore = ["notebooks"]

HERE = Path(__file__).parent
REPO = HERE.parent.parent
NOTEBOOKS = HERE / "notebooks"
ARTIFACTS = REPO / "test-artifacts" / "browser"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# What a learner's JupyterLab would pop up or do on its own, turned off for the tests.
SETTINGS_OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
}
START_TIMEOUT = 60.0  # seconds for the server to answer /api/status
STOP_TIMEOUT = 15.0  # seconds between terminate and kill
KERNEL_TIMEOUT_MS = 60_000  # a kernel start or a restart-and-run-all
UI_TIMEOUT_MS = 30_000  # anything else the page does


@dataclass
class Lab:
    """A running JupyterLab: where it is, its token and the folder it serves."""

    url: str
    token: str
    root: Path
    log: Path

    def add_notebook(self, name: str, *sources: str) -> str:
        """Writes a notebook of code cells (no outputs) into the served folder."""
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3 (ipykernel)",
            "language": "python",
        }
        nb.cells = [nbformat.v4.new_code_cell(source) for source in sources]
        nbformat.write(nb, self.root / name)
        return name

    def notebook_url(self, name: str) -> str:
        return f"{self.url}/lab/tree/{name}?token={self.token}&reset"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read())


def _stop(proc: subprocess.Popen) -> None:
    """Stops the server we started, by its pid: terminate, then kill after a timeout."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=STOP_TIMEOUT)


def _start(tmp: Path, log: Path) -> tuple[subprocess.Popen, Lab]:
    root = tmp / "root"
    config = tmp / "config"
    (config / "labconfig").mkdir(parents=True, exist_ok=True)
    # jupyterlab_server layers <config dir>/labconfig/default_setting_overrides.json over the
    # schema defaults, exactly like <app dir>/settings/overrides.json, without touching the venv.
    (config / "labconfig" / "default_setting_overrides.json").write_text(
        json.dumps(SETTINGS_OVERRIDES, indent=2)
    )
    env = dict(os.environ)
    env.update(
        JUPYTER_CONFIG_DIR=str(config),
        JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(tmp / "user-settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp / "workspaces"),
        PYTHONUNBUFFERED="1",
    )
    port, token = _free_port(), secrets.token_hex(24)
    cmd = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--allow-root",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--port={port}",
        "--port-retries=0",
        f"--IdentityProvider.token={token}",
        "--LabApp.news_url=None",
        f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
        f"--ServerApp.root_dir={root}",
    ]
    with log.open("ab") as out:
        out.write(f"\n$ {' '.join(cmd).replace(token, '<token>')}\n".encode())
        out.flush()
        proc = subprocess.Popen(
            cmd, cwd=root, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=out
        )
    return proc, Lab(url=f"http://127.0.0.1:{port}", token=token, root=root, log=log)


def _wait_ready(proc: subprocess.Popen, lab: Lab) -> bool:
    """True once /api/status answers; False if the server died first (say, the port got taken)."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        with contextlib.suppress(OSError, ValueError):
            _get_json(f"{lab.url}/api/status?token={lab.token}")
            return True
        time.sleep(0.25)
    _stop(proc)
    pytest.fail(
        f"JupyterLab did not answer /api/status within {START_TIMEOUT:.0f} s.\n"
        f"Log ({lab.log}):\n{_tail(lab.log)}",
        pytrace=False,
    )


@pytest.fixture(scope="module")
def artifacts() -> Path:
    shutil.rmtree(ARTIFACTS, ignore_errors=True)  # only this run's screenshots and logs
    ARTIFACTS.mkdir(parents=True)
    return ARTIFACTS


# Module scope, not session: one server and one browser for the whole browser module, gone as
# soon as it ends. Playwright's sync API keeps an asyncio loop running in this thread while the
# browser is open, and tests after this module call asyncio.run(), which refuses to run then.
@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory: pytest.TempPathFactory, artifacts: Path) -> Iterator[Lab]:
    tmp = tmp_path_factory.mktemp("jupyterlab")
    root = tmp / "root"
    # A copy: whatever the page saves lands here, never in the repo.
    shutil.copytree(NOTEBOOKS, root)
    log = artifacts / "jupyterlab.log"
    log.write_text("")
    for _attempt in range(3):  # a free port can be taken between finding it and binding it
        proc, lab = _start(tmp, log)
        if _wait_ready(proc, lab):
            break
    else:
        pytest.fail(
            f"JupyterLab exited before it was ready.\nLog ({log}):\n{_tail(log)}", pytrace=False
        )
    try:
        # Check that the overrides took: autosave off (news is off through --LabApp.news_url).
        plugin = "@jupyterlab/docmanager-extension:plugin"
        settings = _get_json(f"{lab.url}/lab/api/settings/{plugin}?token={lab.token}")
        autosave = settings["schema"]["properties"]["autosave"]["default"]
        assert autosave is False, f"settings overrides not applied: autosave default {autosave!r}"
        yield lab
    finally:
        _stop(proc)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's Chromium with "
            "`apt-get update && apt-get install -y chromium` (.ci/run does this in CI). "
            "The browser tests never download a browser of their own.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(browser, artifacts: Path, request: pytest.FixtureRequest):
    """A fresh page; on failure its screenshot and console log are kept in the artifacts."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(UI_TIMEOUT_MS)
    console: list[str] = []
    page.on("console", lambda msg: console.append(f"[{msg.type}] {msg.text}"))
    page.on("pageerror", lambda exc: console.append(f"[pageerror] {exc}"))
    try:
        yield page
    finally:
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed:
            with contextlib.suppress(Exception):
                page.screenshot(path=artifacts / f"{name}-FAILED.png")
        (artifacts / f"{name}-console.log").write_text("\n".join(console) + "\n")
        context.close()
