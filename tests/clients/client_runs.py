"""Running one client script against the server and reading what it printed."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import client_envs
from client_cases import Runtime, Script

ROOT = Path(__file__).resolve().parents[2]
SCRIPT_TIMEOUT = 300.0  # seconds for one script's cases (they take 1-8 s)


def results_path() -> Path:
    """Where the suite writes its results: ``$FCP_CLIENTS_RESULTS`` or test-artifacts/."""
    configured = os.environ.get("FCP_CLIENTS_RESULTS")
    return Path(configured) if configured else ROOT / "test-artifacts/clients/results.json"


@dataclass
class Report:
    """What one client script printed: its version and each case's calls and text (or
    error), with the script's stderr for when it printed nothing usable."""

    client: str
    version: str = "?"
    cases: dict[str, dict[str, object]] = field(default_factory=dict)
    stderr: str = ""


def run_script(script: Script, url: str) -> Report:
    """Run every case of ``script`` against the server at ``url``, in its own runtime."""
    if script.runtime is Runtime.NODE:
        client_envs.node_modules()
        command = ["node", str(script.path), url]
    else:
        command = [str(client_envs.venv_python(script.env)), str(script.path), url]
    env = {**os.environ, "PYTHONWARNINGS": "ignore", "NO_COLOR": "1"}
    env.pop("PYTHONPATH", None)  # the framework's venv alone, never the project's code
    try:
        done = subprocess.run(
            command,
            cwd=script.path.parent,
            capture_output=True,
            text=True,
            timeout=SCRIPT_TIMEOUT,
            env=env,
        )
    except subprocess.TimeoutExpired:
        return Report(script.client, stderr=f"timed out after {SCRIPT_TIMEOUT:.0f} s")
    lines = done.stdout.strip().splitlines()
    try:
        printed = json.loads(lines[-1]) if lines else {}
    except json.JSONDecodeError:
        printed = {}
    return Report(
        script.client,
        version=str(printed.get("version", "?")),
        cases=dict(printed.get("cases", {})),
        stderr=f"exit {done.returncode}: {done.stderr.strip()[-3000:]}",
    )
