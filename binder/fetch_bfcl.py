"""Put the BFCL questions and answers that fcplayground reads into SHARED/data/bfcl/.

    python binder/fetch_bfcl.py [SHARED]      # default: $FCP_SHARED_DIR

The Berkeley Function Calling Leaderboard data (Apache-2.0) ships inside the `bfcl-eval`
package on PyPI. This downloads that one wheel with pip (no dependencies, nothing
installed) and copies out the BFCL v4 files of the categories fcplayground knows. The
pinned version holds the same files, byte for byte, as the snapshot the README's figures
were measured on. Nothing happens when the files are already there. Lesson 07 (section 7)
and `fcplayground eval --suite bfcl...` then find them with FCP_SHARED_DIR=SHARED.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "bfcl-eval==2026.3.23"
INSIDE = "bfcl_eval/data/"


def questions() -> list[str]:
    """The question files fcplayground reads; answers have the same name in possible_answer/."""
    from fcplayground.evals.bfcl import CATEGORIES, LIVE_CATEGORIES

    return [f"BFCL_v4_{c}.json" for c in CATEGORIES + LIVE_CATEGORIES]


def fetch(shared: Path) -> Path:
    """Fill ``shared/data/bfcl`` and return it."""
    target = shared / "data" / "bfcl"
    names = questions()
    if all((target / name).is_file() for name in names):
        print(f"BFCL data already in {target}")
        return target
    with tempfile.TemporaryDirectory() as tmp:
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:"]
        subprocess.run([*command, "--dest", tmp, PACKAGE], check=True)
        (wheel,) = Path(tmp).glob("*.whl")
        with zipfile.ZipFile(wheel) as archive:
            present = set(archive.namelist())
            copied = 0
            for name in names + [f"possible_answer/{n}" for n in names]:
                if INSIDE + name not in present:
                    continue  # irrelevance and relevance have no answer file
                path = target / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(archive.read(INSIDE + name))
                copied += 1
    print(f"BFCL data: {copied} files from {PACKAGE} in {target}")
    return target


def main(argv: list[str]) -> int:
    where = argv[1] if len(argv) > 1 else os.environ.get("FCP_SHARED_DIR")
    if not where:
        print("usage: python binder/fetch_bfcl.py SHARED (or set FCP_SHARED_DIR)", file=sys.stderr)
        return 2
    fetch(Path(where).expanduser())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
