"""The Binder / JupyterHub configuration in binder/ builds a working environment.

The build is done as repo2docker does it: from the repository root, pip installs
binder/requirements.txt (with build isolation, as Binder runs it), then binder/postBuild
runs with the new environment's Python first on PATH; every command afterwards goes through
binder/start, as a container's does. The environment here is a venv with
--system-site-packages, so the dependencies already installed are reused and pip only
installs this checkout. postBuild fetches the BFCL data from PyPI (one wheel of about 2 MB).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin, urlsplit

import pytest

ROOT = Path(__file__).parents[1].resolve()
BINDER = ROOT / "binder"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A venv built from binder/ the way repo2docker builds an image."""
    tmp = tmp_path_factory.mktemp("binder")
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", venv], check=True)
    python = venv / "bin" / "python"
    env = dict(os.environ)
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env['PATH']}"
    env.pop("FCP_SHARED_DIR", None)  # binder/postBuild and binder/start pick the folder
    # A venv sees the system's packages but not their data files, where JupyterLab's widget
    # extension lives; in a Binder image everything is one environment.
    env["JUPYTER_PATH"] = str(Path(sys.base_prefix) / "share" / "jupyter")
    pip = [python, "-m", "pip", "install", "--no-cache-dir", "-r", "binder/requirements.txt"]
    for step in (pip, [BINDER / "postBuild"]):
        done = subprocess.run(step, cwd=ROOT, env=env, capture_output=True, text=True)
        assert done.returncode == 0, f"{step} failed:\n{done.stdout}\n{done.stderr}"
    shared = venv / "share" / "fcplayground" / "shared"
    return SimpleNamespace(tmp=tmp, venv=venv, python=python, env=env, shared=shared)


def in_venv(built, *args: str) -> subprocess.CompletedProcess:
    """Run the venv's Python through binder/start, away from the checkout (so that the
    current folder hides nothing)."""
    return subprocess.run(
        [BINDER / "start", built.python, *args],
        cwd=built.tmp,
        env=built.env,
        capture_output=True,
        text=True,
    )


def test_requirements_install_this_checkout_editable_into_the_environment(built):
    script = (
        "import json, fcplayground\n"
        "from importlib.metadata import distribution\n"
        "d = distribution('fcplayground')\n"
        "print(json.dumps({'file': fcplayground.__file__, 'at': str(d.locate_file('')),\n"
        "    'direct_url': json.loads(d.read_text('direct_url.json'))}))\n"
    )
    out = in_venv(built, "-c", script)

    assert out.returncode == 0, out.stderr
    found = json.loads(out.stdout)
    assert Path(found["file"]).resolve() == ROOT / "fcplayground" / "__init__.py"
    assert Path(found["at"]).resolve().is_relative_to(built.venv.resolve())
    assert found["direct_url"]["dir_info"] == {"editable": True}
    assert found["direct_url"]["url"] == ROOT.as_uri()


def test_doctor_passes_in_the_built_environment(built):
    out = in_venv(built, "-m", "fcplayground.cli", "doctor", "--json")

    assert out.returncode == 0, out.stdout + out.stderr
    report = json.loads(out.stdout)
    assert report["offline_ready"], report["problems"]
    assert report["lessons"]["path"] == str(ROOT / "notebooks")
    assert report["bfcl_data"] == {
        "found": True,
        "path": str(built.shared / "data" / "bfcl"),
        "from": "FCP_SHARED_DIR",  # binder/start points it at the fetched data
    }


def test_postbuild_puts_the_bfcl_data_of_lesson_07_where_the_lessons_look(built):
    script = (
        "from fcplayground.evals import load\n"
        "print(len(load('multiple', limit=50)), len(load('irrelevance', limit=5)))\n"
    )
    out = in_venv(built, "-c", script)

    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["50", "5"]
    fetched = built.shared / "data" / "bfcl"
    assert len(list(fetched.rglob("*.json"))) == 19


def test_the_fetched_bfcl_files_are_the_snapshot_the_readme_figures_come_from(built):
    snapshot = ROOT.parent / "shared" / "data" / "bfcl"
    if not snapshot.is_dir():
        pytest.skip(f"no BFCL snapshot at {snapshot} to compare with")
    fetched = built.shared / "data" / "bfcl"
    for path in fetched.rglob("*.json"):
        assert path.read_bytes() == (snapshot / path.relative_to(fetched)).read_bytes(), path


def test_postbuild_run_again_downloads_nothing(built):
    out = subprocess.run(
        [BINDER / "postBuild"], cwd=ROOT, env=built.env, capture_output=True, text=True
    )

    assert out.returncode == 0, out.stderr
    assert "BFCL data already in" in out.stdout
    assert "Downloading" not in out.stdout + out.stderr


def test_start_points_fcplayground_at_the_folder_postbuild_filled(built):
    out = in_venv(built, "-c", "import os; print(os.environ['FCP_SHARED_DIR'])")

    assert out.returncode == 0, out.stderr
    assert Path(out.stdout.strip()) == built.shared
    assert (built.shared / "data" / "bfcl" / "BFCL_v4_multiple.json").is_file()


def test_start_keeps_a_folder_the_host_chose(built):
    env = {**built.env, "FCP_SHARED_DIR": "/srv/shared"}
    out = subprocess.run(
        [BINDER / "start", "sh", "-c", 'echo "$FCP_SHARED_DIR"'],
        env=env,
        capture_output=True,
        text=True,
    )

    assert out.stdout.strip() == "/srv/shared"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_jupyterlab_opens_in_the_notebooks_folder(built):
    port = free_port()
    command = [BINDER / "start", built.python, "-m", "jupyterlab", "--no-browser", "--allow-root",
               "--ServerApp.ip=127.0.0.1", f"--port={port}", "--IdentityProvider.token=t",
               f"--LabApp.workspaces_dir={built.tmp}", "--LabApp.news_url=None"]  # fmt: skip
    server = subprocess.Popen(
        command, cwd=ROOT, env=built.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    opener = urllib.request.build_opener(NoRedirect)
    try:
        deadline, location = time.monotonic() + 60, None
        while location is None and time.monotonic() < deadline:
            try:
                opener.open(f"http://127.0.0.1:{port}/?token=t", timeout=2)
            except urllib.error.HTTPError as answer:
                location = answer.headers["Location"]
            except OSError:
                time.sleep(0.3)
        assert location is not None, "JupyterLab did not answer within 60 s"
        assert urlsplit(location).path == "/lab/tree/notebooks"
        url = urljoin(f"http://127.0.0.1:{port}/", location)
        with urllib.request.urlopen(url, timeout=10) as page:
            assert page.status == 200
    finally:
        server.terminate()
        server.wait(timeout=20)
