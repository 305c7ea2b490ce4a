"""How the simulated model's time grows with long tokens of each character class.

For each class (a run of letters, digits, ``@``, dots, spaces, brackets, quotes, emoji,
mixed runs like ``a.a.a.`` or ``1,1,1,`` ...), times at 16 KB, 64 KB and 256 KB:

- **extract**: every extractor over the whole text, unbounded (the patterns themselves).
  Each size is 4x the last, so a growth near 4 is linear time and near 16 quadratic.
- **respond**: ``SimulatedModel().respond`` on a request holding the run. The model reads
  at most ``MAX_MESSAGE_CHARS`` of a message, so this stays flat past the bound.

    python benchmarks/text_scaling.py [--classes letters,digits] [--sizes 16,64,256]
"""

from __future__ import annotations

import argparse
import time
from datetime import date

from fcplayground import Message, Request
from fcplayground.evals.everyday import everyday_tools
from fcplayground.models import SimulatedModel
from fcplayground.models.simulated.extractors import extract
from fcplayground.models.simulated.reading import MAX_MESSAGE_CHARS

CLASSES = {
    "letters": "a", "capitals": "A", "digits": "7", "at signs": "@", "dots": ".",
    "hyphens": "-", "underscores": "_", "spaces": " ", "newlines": "\n", "commas": ",",
    "punctuation": "!?;:", "accented": "é", "CJK": "中", "emoji": "😀", "a.a.": "a.",
    "1,1,": "1,", "a@a@": "a@", "a-a-": "a-", "((((": "(", "[[[[": "[", "{{{{": "{",
    "double quotes": '"', "single quotes": "'", "slashes": "/", "backslashes": "\\",
    "1.1.": "1.", "$1$1": "$1", "'a' 'a'": "'a' ", "and and": "and ", "Aa Aa": "Aa ",
    "ab-ab-": "ab-", "[1, [1,": "[1, ", "(1, (1,": "(1, ", "1e1e": "1e",
}  # fmt: skip
TODAY = date(2026, 1, 15)


def run_of(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def seconds(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def row(name: str, unit: str, sizes: list[int], model: SimulatedModel, tools) -> str:
    cells, previous = [], None
    for size in sizes:
        text = run_of(unit, size)
        took = seconds(lambda: extract(text, TODAY))  # noqa: B023 (called at once)
        growth = f"x{took / previous:.1f}" if previous else ""
        cells.append(f"{took * 1000:>9.0f} {growth:>5}")
        previous = took
    for size in sizes:
        # the size in the text: the model's caches must not answer for the previous size
        said = f"Set a timer for {size} seconds. {run_of(unit, size)}"
        request = Request([Message.user(said)], tools)
        cells.append(f"{seconds(lambda: model.respond(request)) * 1000:>13.0f}")  # noqa: B023
    return f"{name:<14}" + "".join(cells)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--classes", help="comma-separated class names (default: all)")
    parser.add_argument("--sizes", default="16,64,256", help="sizes in KB (default: 16,64,256)")
    options = parser.parse_args()
    names = options.classes.split(",") if options.classes else list(CLASSES)
    sizes = [int(s) * 1024 for s in options.sizes.split(",")]
    tools = everyday_tools().specs()
    model = SimulatedModel()
    model.respond(Request([Message.user("What's 12 times 7?")], tools=tools))  # load, warm
    extract("warm up 3 km to Paris on 2026-01-02", TODAY)
    print("ms per size; x = growth from the previous size (4 = linear, 16 = quadratic);")
    print(f"respond reads at most {MAX_MESSAGE_CHARS:,} characters of a message")
    kb = [f"{s // 1024}K" for s in sizes]
    head = "".join(f"{'extract ' + k:>15}" for k in kb) + "".join(
        f"{'respond ' + k:>13}" for k in kb
    )
    print(f"{'class':<14}{head}")
    for name in names:
        print(row(name, CLASSES[name], sizes, model, tools), flush=True)


if __name__ == "__main__":
    main()
