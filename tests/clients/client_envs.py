"""The client suite's installs, kept outside the project's own environment.

Each Python framework gets its own venv (no access to the project's site-packages) under
``$FCP_CLIENTS_CACHE`` (default ``~/.cache/fcplayground/clients``), named for its pinned
requirements file and that file's hash, so a changed pin builds a new venv and an unchanged
one is reused. The Node clients are ``npm ci``-installed into ``tests/clients/node`` from its
lock file, again only when the lock file changed. ``.ci/run`` builds everything first::

    python tests/clients/client_envs.py        # build what is missing, print what it took
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
REQUIREMENTS = HERE / "requirements"
NODE_DIR = HERE / "node"
NODE_STAMP = NODE_DIR / "node_modules" / ".fcp-lock-sha256"
COMPLETE = ".fcp-complete"  # written last: a venv without it is a broken build
INSTALL_TIMEOUT = 900.0  # seconds for one venv's pip install


class InstallError(RuntimeError):
    """A venv or node_modules could not be built; the message says which and why."""


def cache_dir() -> Path:
    """Where the venvs live: ``$FCP_CLIENTS_CACHE`` or ``~/.cache/fcplayground/clients``."""
    configured = os.environ.get("FCP_CLIENTS_CACHE")
    return Path(configured) if configured else Path.home() / ".cache/fcplayground/clients"


def frameworks() -> list[str]:
    """Every Python framework with a requirements file, e.g. ``pydantic-ai``."""
    return sorted(path.stem for path in REQUIREMENTS.glob("*.txt"))


def venv_dir(framework: str) -> Path:
    """The framework's venv: its name and the first 12 hex digits of its pins' hash."""
    digest = hashlib.sha256((REQUIREMENTS / f"{framework}.txt").read_bytes()).hexdigest()
    return cache_dir() / f"{framework}-{digest[:12]}"


def venv_python(framework: str) -> Path:
    """The framework venv's interpreter, building the venv first if it is missing."""
    directory = venv_dir(framework)
    if not (directory / COMPLETE).exists():
        build_venv(framework)
    return directory / "bin" / "python"


@contextlib.contextmanager
def _locked(name: str) -> Iterator[None]:
    # CI's background build and a test that needs the same venv must not both build it.
    cache_dir().mkdir(parents=True, exist_ok=True)
    with open(cache_dir() / f".{name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build_venv(framework: str) -> Path:
    """Create the framework's venv and install its pins, unless a complete one exists."""
    directory = venv_dir(framework)
    with _locked(directory.name):
        if (directory / COMPLETE).exists():
            return directory
        shutil.rmtree(directory, ignore_errors=True)  # a half-built one from a killed run
        _run([sys.executable, "-m", "venv", str(directory)], f"creating the {framework} venv")
        pip = [str(directory / "bin" / "python"), "-m", "pip", "install", "-q"]
        _run([*pip, "-r", str(REQUIREMENTS / f"{framework}.txt")], f"installing {framework}")
        (directory / COMPLETE).write_text("ok\n")
    return directory


def node_modules() -> Path:
    """``tests/clients/node/node_modules``, installed by ``npm ci`` if the lock changed."""
    lock = hashlib.sha256((NODE_DIR / "package-lock.json").read_bytes()).hexdigest()
    with _locked("node"):
        if not (NODE_STAMP.exists() and NODE_STAMP.read_text().strip() == lock):
            if shutil.which("npm") is None:
                raise InstallError(
                    "npm was not found: install Node.js 20 and npm (apt-get install nodejs "
                    "npm; .ci/run does this) to run the Node clients."
                )
            _run(["npm", "ci", "--no-audit", "--no-fund"], "npm ci in tests/clients/node")
            NODE_STAMP.write_text(lock + "\n")
    return NODE_DIR / "node_modules"


def _run(command: list[str], what: str) -> None:
    try:
        done = subprocess.run(
            command,
            cwd=NODE_DIR if command[0] == "npm" else None,
            capture_output=True,
            text=True,
            timeout=INSTALL_TIMEOUT,
        )
    except subprocess.TimeoutExpired as error:
        raise InstallError(f"{what} took over {INSTALL_TIMEOUT:.0f} s; gave up.") from error
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip()[-2000:]
        raise InstallError(f"{what} failed (exit {done.returncode}):\n{tail}")


def build_all(workers: int = 2) -> dict[str, float]:
    """Build every venv and node_modules, ``workers`` at a time; seconds each took."""

    def timed(name: str) -> tuple[str, float]:
        start = time.monotonic()
        node_modules() if name == "node" else build_venv(name)
        return name, time.monotonic() - start

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(pool.map(timed, ["node", *frameworks()]))


if __name__ == "__main__":
    started = time.monotonic()
    for name, seconds in build_all().items():
        print(f"clients: {name} ready in {seconds:.1f} s")
    print(f"clients: all ready in {time.monotonic() - started:.1f} s ({cache_dir()})")
