"""Fewer tools per request: a registry holding only some of another's tools.

An agent with very many tools does better, and pays less, when each request is offered only
the tools it may need (lesson 14). Whatever picks them (the agent's stage, a router, a search
over the descriptions) gives names; :func:`subset` turns them into a registry to send. ::

    from fcplayground.tools import subset
    narrow = subset(tools, ["lookup_customer", "get_order"])
    client.chat.completions.create(..., tools=narrow.to_openai())
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from fcplayground.tools.registry import ToolRegistry

MAX_NAMES_SHOWN = 5  # of the unknown names in an error, so that it stays readable


def subset(tools: ToolRegistry, names: Iterable[str]) -> ToolRegistry:
    """A new registry with only the tools ``names``, in the order given (a name given twice
    counts once), and the settings of ``tools``. Its tools are copies: a description edited
    in one registry stays as it was in the other.

    TypeError when ``names`` is a single string or holds something else than strings;
    KeyError naming the names ``tools`` does not have, with the closest it has."""
    if not isinstance(tools, ToolRegistry):
        raise TypeError(f"tools must be a ToolRegistry, got {type(tools).__name__}.")
    if isinstance(names, str | bytes):
        raise TypeError(f"names must be a list of tool names, e.g. [{names!r}], not one string.")
    wanted = list(dict.fromkeys(_checked(names)))
    unknown = [name for name in wanted if name not in tools]
    if unknown:
        raise KeyError(_unknown_text(unknown, tools.names))
    picked = ToolRegistry(tools.max_result_chars, strict=tools.strict)
    for name in wanted:
        picked.add(tools[name])
    return picked


def _checked(names: Iterable[str]) -> list[str]:
    out = list(names)
    wrong = [n for n in out if not isinstance(n, str)]
    if wrong:
        raise TypeError(
            f"names must be tool names (strings); got {wrong[0]!r} ({type(wrong[0]).__name__})."
        )
    return out


def _unknown_text(unknown: list[str], registered: list[str]) -> str:
    shown = [repr(n if len(n) <= 64 else n[:64] + "...") for n in unknown[:MAX_NAMES_SHOWN]]
    more = len(unknown) - len(shown)
    text = f"No tool named {', '.join(shown)}" + (f" (and {more} more)" if more > 0 else "")
    close = difflib.get_close_matches(unknown[0][:100], registered, n=1)
    if close:
        text += f"; did you mean {close[0]!r}?"
    return text + f" The registry has {len(registered)} tools (registry.names lists them)."
