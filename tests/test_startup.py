"""``import fcplayground`` stays light: the SDKs, JupyterLab and the widgets load on first use."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_package_loads_no_sdk_jupyter_or_widgets():
    code = (
        "import sys, fcplayground; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'openai', 'anthropic', 'ipywidgets', 'jupyterlab', 'jupyter_server', 'dateparser', 'pint'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_names_still_load_when_used():
    import fcplayground

    assert fcplayground.connect().is_offline
    assert fcplayground.offline.openai_client().base_url is not None
    assert "ToolRegistry" in dir(fcplayground)
