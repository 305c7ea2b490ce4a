"""How long fcplayground takes to start: ``import fcplayground`` and ``fcplayground --help``.

Each is timed in N fresh Python processes (wall time of the whole process, so Python's own
start is included, and shown alone for reference); the median and the slowest are printed.
Goals: import under 300 ms, ``--help`` under 500 ms (medians).

    python benchmarks/startup.py [--n 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

CASES = {
    "python alone": "pass",
    "import fcplayground": "import fcplayground",
    "fcplayground --help": (
        "import contextlib, io\n"
        "from fcplayground.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    main(['--help'])"
    ),
}
GOALS = {"import fcplayground": 300.0, "fcplayground --help": 500.0}


def once(code: str) -> float:
    """Milliseconds for a fresh interpreter to run ``code`` and exit."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=15, help="fresh processes per case")
    n = parser.parse_args().n
    once(CASES["fcplayground --help"])  # warm the disk cache and the .pyc files
    print(f"fresh-process wall time, n={n}")
    print(f"{'what':<22}{'median ms':>10}{'max ms':>10}  goal")
    # Round robin, so a burst of load on the machine falls on every case alike.
    runs: dict[str, list[float]] = {name: [] for name in CASES}
    for _ in range(n):
        for name, code in CASES.items():
            runs[name].append(once(code))
    for name, times in runs.items():
        goal = GOALS.get(name)
        verdict = (
            ""
            if goal is None
            else f"< {goal:.0f} ms: " + ("met" if statistics.median(times) < goal else "MISSED")
        )
        print(f"{name:<22}{statistics.median(times):>10.1f}{max(times):>10.1f}  {verdict}")


if __name__ == "__main__":
    main()
