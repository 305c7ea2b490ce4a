"""Start and stop tests/mcp_servers/provider_desk.py as a subprocess (by its pid)."""

from __future__ import annotations

import os
import select
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

SCRIPT = Path(__file__).with_name("provider_desk.py")
START_LIMIT = 60.0  # seconds: a hang guard on a loaded machine, not a timing assert


@dataclass
class Running:
    """A running desk server: its process and the URL of its MCP endpoint."""

    process: subprocess.Popen[str]
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/mcp"

    def stop(self) -> None:
        """Stop the server (by its pid) and wait for it."""
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
        if self.process.stdout:
            self.process.stdout.close()


def start() -> Running:
    """Start the server on a free port and wait for it to say which."""
    env = os.environ | {"PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, str(SCRIPT)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], START_LIMIT)
    line = process.stdout.readline() if ready else ""
    if not line.startswith("PORT "):
        process.kill()
        process.wait(10)
        raise RuntimeError(f"the MCP desk server did not start (it printed {line!r})")
    return Running(process, int(line.split()[1]))
