"""``import fcplayground`` stays light: the SDKs, JupyterLab and the widgets load on first use."""

from __future__ import annotations

import json
import subprocess
import sys


def test_importing_the_package_loads_no_sdk_jupyter_or_widgets():
    code = (
        "import sys, fcplayground; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'openai', 'anthropic', 'ipywidgets', 'jupyterlab', 'jupyter_server', 'dateparser', 'pint', 'mcp', 'mcp_types', 'uvicorn'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_names_still_load_when_used():
    import fcplayground

    assert fcplayground.connect().is_offline
    assert fcplayground.offline.openai_client().base_url is not None
    assert "ToolRegistry" in dir(fcplayground)


HEAVY = {
    "openai",
    "anthropic",
    "jsonschema",
    "ipywidgets",
    "jupyterlab",
    "jupyter_server",
    "mcp",
    "uvicorn",
}


def loaded_by(argv: list[str]) -> list[str]:
    """The heavy top-level packages in sys.modules after the CLI ran ``argv``, in a fresh
    interpreter (``--help`` exits through SystemExit, which the snippet catches)."""
    code = (
        "import contextlib, io, json, sys\n"
        "from fcplayground.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        f"    main({argv!r})\n"
        "print(json.dumps(sorted(m for m in {m.split('.')[0] for m in sys.modules}"
        f" if m in {sorted(HEAVY)!r} or m.startswith('jupyter'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_help_loads_no_sdk_schema_checker_jupyter_or_widgets():
    assert loaded_by(["--help"]) == []


def test_version_loads_no_sdk_schema_checker_jupyter_or_widgets():
    assert loaded_by(["--version"]) == []


def test_help_lists_every_subcommand_as_its_module_registers_it():
    import argparse

    from fcplayground import cli

    def summaries(top: argparse.ArgumentParser) -> dict[str, str | None]:
        (sub,) = (a for a in top._actions if isinstance(a, argparse._SubParsersAction))
        return {choice.dest: choice.help for choice in sub._choices_actions}

    listed = summaries(cli.parser(["--help"]))
    registered = summaries(cli.parser(every=True))
    assert listed == registered
    assert list(listed) == ["lessons", "eval", "serve", "mcp", "doctor"]


def test_a_subcommand_still_gets_its_own_options():
    from fcplayground import cli

    args = cli.parser(["serve", "--port", "0"]).parse_args(["serve", "--port", "0"])
    assert args.port == 0 and callable(args.run)


def test_each_subcommands_help_loads_no_sdk_schema_checker_jupyter_or_widgets():
    # `serve --help` used to import the whole offline provider for three default values,
    # and `eval --help` the simulated model for the suite names.
    loaded = {name: loaded_by([name, "--help"]) for name in ("eval", "serve", "doctor", "lessons")}
    assert loaded == {"eval": [], "serve": [], "doctor": [], "lessons": []}


def test_the_offline_client_skips_jsonschemas_iri_grammar_and_still_checks_schemas():
    # rfc3987_syntax builds a Lark grammar on import (about 4 s on two cores), for formats
    # no check here uses; it must stay importable for anyone else.
    code = (
        "import sys\n"
        "from fcplayground import offline\n"
        "offline.openai_client()\n"
        "skipped = 'rfc3987_syntax' not in sys.modules\n"
        "import jsonschema\n"
        "try:\n"
        "    jsonschema.Draft202012Validator.check_schema({'type': 'object', 'required': 3})\n"
        "    caught = False\n"
        "except jsonschema.SchemaError:\n"
        "    caught = True\n"
        "import rfc3987_syntax\n"
        "print(skipped, caught)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True"]
