"""Searching for tools the model cannot see (the providers' tool search).

A request may hold tools marked ``finds_tools``: a provider's tool search
(``tool_search_tool_regex``, ``tool_search_tool_bm25``, OpenAI's ``tool_search``) or the
application's own search over its deferred tools. Such a tool is not a candidate like the
others: the model decides on the tools it sees, and only when none of them fits the
request (or none is offered) does it call the finder, with words it composes from the
request, as a hosted model does. The search and its results since the last user message
are set aside from the conversation it reads (the tools found are offered to it as tools);
once it has searched, it does not search again for the same request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from os.path import commonprefix
from typing import Any

from ...chat import Message, ModelTurn, NamedTool, Request, ToolCall, ToolSpec
from .explanation import Explanation, SearchRecord
from .profiles import read_tools
from .vocabulary import Outcome
from .words import is_generic, stem, words

MAX_WORDS = 8  # words of the request a search is composed of
MAX_PATTERN = 200  # characters: the regex search's limit
MIN_PREFIX = 4  # a word's stem is matched as a prefix when at least this long
# Outcomes that say "nothing I see fits": then a search may find something that does.
NOTHING_FITS = frozenset({Outcome.NO_TOOL, Outcome.NO_TOOLS})
_REGEX_WORDS = re.compile(r"\b(?:regex|regular expression|pattern)\b", re.I)


@dataclass(frozen=True)
class Finding:
    """A request with its finders set aside: what the model decides on, the finders,
    whether one ran since the last user message, and whether ``tool_choice`` names one."""

    request: Request
    finders: tuple[ToolSpec, ...] = ()
    searched: bool = False
    forced: bool = False


def set_aside(request: Request) -> Finding:
    """The request without its finders, their calls and their results."""
    finders = tuple(t for t in request.tools if t.finds_tools)
    if not finders:
        return Finding(request)
    names = {t.name for t in finders}
    last_user = max((i for i, m in enumerate(request.messages) if m.role == "user"), default=-1)
    calls = {
        c.id: i for i, m in enumerate(request.messages) for c in m.tool_calls if c.name in names
    }
    messages = [kept for m in request.messages if (kept := _without(m, calls)) is not None]
    choice, searched = request.tool_choice, any(i > last_user for i in calls.values())
    forced = isinstance(choice, NamedTool) and choice.name in names
    # A search is a tool call: "required" is met by one when no tool it sees fits.
    loose = forced or (choice == "required" and not searched)
    narrowed = replace(
        request,
        messages=messages,
        tools=[t for t in request.tools if not t.finds_tools],
        tool_choice=None if loose else choice,
    )
    return Finding(narrowed, finders, searched, forced)


def tools_key(finding: Finding, seen: bytes | None) -> bytes | None:
    """The digest of the tools a request's turn depends on: ``seen`` (those the model
    sees), and the finders' own, so that a turn found with one search tool is never
    handed out for another (None when one cannot be written out: nothing is kept)."""
    if not finding.finders or seen is None:
        return seen
    finders = read_tools(list(finding.finders)).key
    return finders and seen + finders


def _without(message: Message, calls: dict[str, int]) -> Message | None:
    """``message`` without the finder calls or their results (None when nothing is left)."""
    if message.role == "assistant":
        kept = [c for c in message.tool_calls if c.id not in calls]
        if len(kept) == len(message.tool_calls):
            return message
        return replace(message, tool_calls=kept) if kept or message.content else None
    if message.role == "tool":
        results = [r for r in message.tool_results if r.call_id not in calls]
        return replace(message, tool_results=results) if results else None
    return message


def search_turn(finding: Finding, text: str, turn: ModelTurn) -> ModelTurn:
    """``turn``, or a call of the first finder when nothing the model sees fits."""
    why = turn.explanation
    if not finding.finders or finding.searched:
        return turn
    outcome = why.outcome if isinstance(why, Explanation) else None
    nothing_fits = outcome in NOTHING_FITS and finding.request.tool_choice != "none"
    if not finding.forced and (turn.tool_calls or not nothing_fits):
        return turn
    finder = finding.finders[0]
    given = arguments(finder, text)
    if not given:
        return turn
    if isinstance(why, Explanation):
        why.outcome, why.search = Outcome.SEARCHES, SearchRecord(finder.name, given)
    return ModelTurn(tool_calls=[ToolCall(finder.name, given)], explanation=why)


def query_words(text: str) -> list[str]:
    """The words of a request a search is made of: those that say what it is about."""
    out: list[str] = []
    for w in words(text):
        low = w.text.lower()
        if len(low) < 3 or not low.isalpha() or is_generic(w.term) or low in out:
            continue
        out.append(low)
    return out[:MAX_WORDS]


def pattern(text: str) -> str:
    """A case-insensitive regex for the request's words: each word's stem (so that
    "forecasts" finds "forecast"), joined with ``|``, at most 200 characters."""
    parts: list[str] = []
    for word in query_words(text):
        prefix = commonprefix([word, stem(word)])
        part = re.escape(prefix if len(prefix) >= MIN_PREFIX else word)
        if len("(?i)" + "|".join([*parts, part])) > MAX_PATTERN:
            break
        parts.append(part)
    return "(?i)" + "|".join(parts) if parts else ""


def arguments(finder: ToolSpec, text: str) -> dict[str, Any]:
    """What to send the finder: a pattern for a ``pattern`` (or regex) parameter, else the
    request's words for its first text parameter."""
    properties = finder.parameters.get("properties")
    if not isinstance(properties, dict):
        return {}
    required = finder.parameters.get("required")
    order = [*(required if isinstance(required, list) else []), *properties]
    for name in dict.fromkeys(n for n in order if n in properties):
        schema = properties[name] if isinstance(properties[name], dict) else {}
        if schema.get("type", "string") != "string":
            continue
        about = f"{name} {schema.get('description', '')}"
        if name == "pattern" or _REGEX_WORDS.search(about):
            found = pattern(text)
        else:
            found = " ".join(query_words(text))
        return {name: found} if found else {}
    return {}
