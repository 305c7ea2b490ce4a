"""How `SimulatedModel.respond` time grows with pathological request text.

For each shape (a run of word characters, of ``@``, of quotes, of brackets, of "and ", of
digits, of ``a.`` pairs, and lorem ipsum), times one request of 1k, 4k, 16k and 64k
characters against the everyday tools (26), and prints the milliseconds and the growth
ratio from one size to the next. Each size is 4x the previous one, so a ratio near 4 is
linear time and one near 16 is quadratic. A size is skipped once the previous one took
more than 10 s (it would take minutes); the row then shows "-".

    python benchmarks/hostile_text.py
"""

from __future__ import annotations

import time

from fcplayground import Message, Request
from fcplayground.evals.everyday import everyday_tools
from fcplayground.models import SimulatedModel

SIZES = (1_000, 4_000, 16_000, 64_000)
SKIP_AFTER = 10.0  # seconds: a size that took longer ends its row
LOREM = (
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
    "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud "
    "exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. "
)
SHAPES = {
    "word chars (aaaa)": "a",
    "at signs (@@@@)": "@",
    "double quotes": '"',
    "single quotes": "'",
    "brackets ([[[[)": "[",
    '"and " repeated': "and ",
    "digits (7777)": "7",
    "a. pairs (a.a.)": "a.",
    "lorem ipsum": LOREM,
}


def text_of(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def main() -> None:
    tools = everyday_tools().specs()
    model = SimulatedModel()
    model.respond(Request([Message.user("What's 12 times 7?")], tools=tools))  # load, warm
    print("SimulatedModel.respond on one request of N characters, everyday tools (26)")
    print("ms per size; x = growth from the previous size (4 = linear, 16 = quadratic)")
    head = "".join(f"{f'{n // 1000}k ms':>11}{'x':>6}" for n in SIZES)
    print(f"{'shape':<20}{head}")
    for name, unit in SHAPES.items():
        row, previous = f"{name:<20}", None
        for n in SIZES:
            if previous is not None and previous > SKIP_AFTER * 1000:
                row += f"{'-':>11}{'':>6}"
                continue
            request = Request([Message.user(text_of(unit, n))], tools=tools)
            start = time.perf_counter()
            model.respond(request)
            ms = (time.perf_counter() - start) * 1000
            ratio = f"{ms / previous:.1f}" if previous else ""
            row += f"{ms:>11.0f}{ratio:>6}"
            previous = ms
        print(row, flush=True)


if __name__ == "__main__":
    main()
