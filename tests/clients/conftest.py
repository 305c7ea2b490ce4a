"""Fixtures of the client suite: one offline server, each client script run once against it,
and a results file (every case's outcome and client version) for ``matrix.py``."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from client_cases import Script
from client_runs import Report, results_path, run_script

from fcplayground.offline import Server

RESULTS_KEY = pytest.StashKey[dict[str, dict[str, str]]]()


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    """``fcplayground serve``'s server on a free port, shared by every client."""
    with Server() as running:
        yield running


@pytest.fixture(scope="session")
def client_report(server: Server) -> Callable[[Script], Report]:
    """Runs a client script once (all its cases) and hands back what it printed."""
    reports: dict[Path, Report] = {}

    def report(script: Script) -> Report:
        if script.path not in reports:
            reports[script.path] = run_script(script, server.url)
        return reports[script.path]

    return report


def pytest_configure(config: pytest.Config) -> None:
    config.stash[RESULTS_KEY] = {}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Iterator[None] | pytest.TestReport:
    report: pytest.TestReport = yield
    properties = dict(item.user_properties)
    case_id = properties.get("client_case")
    if case_id and (call.when == "call" or report.failed):
        item.config.stash[RESULTS_KEY][str(case_id)] = {
            "outcome": "passed" if report.passed else "failed",
            "version": str(properties.get("client_version", "?")),
        }
    return report


def pytest_sessionfinish(session: pytest.Session) -> None:
    recorded = session.config.stash.get(RESULTS_KEY, {})
    if not recorded:
        return
    path = results_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    # A run of a few cases updates those and keeps the rest.
    previous = json.loads(path.read_text()) if path.exists() else {}
    path.write_text(json.dumps({**previous, **recorded}, indent=2, sort_keys=True) + "\n")
