"""The examples battery: requests whose right call depends on a tool's example inputs.

11 first tools a learner writes (:func:`examples_tools`) whose descriptions leave a value's
form open (a date, a flight, a phone number, an amount, a city, a label) or an optional
parameter unnamed, each with the example inputs that settle it, and 31 plain requests
(:func:`examples_cases`), each with the call a hosted model makes from those examples, or
no call. Asked with ``examples_tools(examples=False)``, the same requests show what the
descriptions alone get right. ::

    from fcplayground.evals import evaluate, examples_cases, examples_tools
    print(evaluate(examples_cases(examples_tools(examples=False))))   # descriptions alone
    print(evaluate(examples_cases()))                                 # with the examples

or ``fcplayground eval --suite examples``; ``benchmarks/examples_battery.py`` prints both.
"""

from __future__ import annotations

from ...tools import ToolRegistry
from ..cases import Case
from .cases import HELD_OUT_ROWS, ROWS
from .tools import EXAMPLES, examples_tools

__all__ = ["EXAMPLES", "examples_cases", "examples_tools"]


def examples_cases(tools: ToolRegistry | None = None, held_out: bool = True) -> list[Case]:
    """Every case of the battery, each offering all of ``tools`` (default: the battery's
    tools with their examples; for some of them, the cases they answer and the ``no tool``
    ones); ``held_out=False`` leaves out the category ``held out`` (requests for tools the
    model was not tuned on). Ids are ``examples_<n>``."""
    tools = examples_tools() if tools is None else tools
    rows = ROWS + (HELD_OUT_ROWS if held_out else [])
    out = []
    for i, (category, request, calls, *system) in enumerate(rows):
        if all(next(iter(call)) in tools for call in calls):  # a subset of the tools: its rows
            out.append(Case.ask(request, tools, *calls, id=f"examples_{i}", category=category,
                                system=system[0] if system else None))  # fmt: skip
    return out
