"""Anthropic's tool search (``tool_search_tool_regex_20251119``,
``tool_search_tool_bm25_20251119``) and deferred tools, answered offline.

Tools marked ``defer_loading: true`` are not shown to the model. It sees the tools that
are not deferred, the ones the conversation has loaded (every ``tool_reference`` in it is
expanded into the tool's full definition, as the API expands them) and the search tool.
When it calls the search tool, the provider runs the search over the deferred tools
(:mod:`.tool_search`: a ``pattern`` for regex, a ``query`` for BM25) and, in the same
response, emits a ``server_tool_use`` block (id ``srvtoolu_…``) and a
``tool_search_tool_result`` block whose ``tool_references`` name what it found (or a
``tool_search_tool_result_error``), then asks the model again with those tools loaded:
the message ends with its ``tool_use`` of a found tool. Tool search is generally
available: no ``anthropic-beta`` header is needed (the older
``advanced-tool-use-2025-11-20`` is accepted and changes nothing).

The client-side way works too: the application's own search tool (named for finding
tools, like ``search_tools`` or ``tool_search``) returns a ``tool_result`` whose content
is ``tool_reference`` blocks, and the next request sees those tools in full. ``usage``
counts what the model read in every round (never the deferred tools), and
``server_tool_use.tool_search_requests`` the searches.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .. import wire
from ..chat import Message, ModelTurn, NamedTool, Request, ToolCall, ToolResult, ToolSpec, Usage
from ..models import Model
from ..models.simulated.words import split_identifier
from . import tool_search
from .ids import IDS
from .tool_search import Entry, SearchError
from .validation import sorted_json
from .validation.tool_search_fields import SEARCH_TYPES, references

MAX_ROUNDS = 4
STOPPED = "I searched for tools {rounds} times without finding one to call."
FINDER_VERBS = frozenset({"search", "find", "discover", "lookup", "look", "load", "fetch"})
FINDERS = {
    "tool_search_tool_regex": ToolSpec(
        "tool_search_tool_regex",
        "Searches the deferred tools' names, descriptions and parameters with a Python "
        "regular expression (re.search) and loads the 3-5 best matches, so that they can "
        "be called.",
        {
            "type": "object",
            "properties": {
                "pattern": {
                    "type": "string",
                    "description": "A Python regex of at most 200 characters, e.g. '(?i)weather'.",
                }
            },
            "required": ["pattern"],
        },
        finds_tools=True,
    ),
    "tool_search_tool_bm25": ToolSpec(
        "tool_search_tool_bm25",
        "Searches the deferred tools' names, descriptions and parameters with a query in "
        "plain words and loads the 3-5 best matches, so that they can be called.",
        {
            "type": "object",
            "properties": {
                "query": {"type": "string", "description": "What the tool should do, in words."}
            },
            "required": ["query"],
        },
        finds_tools=True,
    ),
}

Stamp = Callable[..., ModelTurn]


def offers(payload: Mapping[str, Any]) -> bool:
    """Whether a (checked) Messages body uses tool search or deferred tools."""
    tools = payload.get("tools") or []
    if any(t.get("type") in SEARCH_TYPES or t.get("defer_loading") for t in tools):
        return True
    return next(references(payload.get("messages") or []), None) is not None


def answer(model: Model, payload: dict[str, Any], stamp: Stamp) -> dict[str, Any]:
    """The message for a checked ``payload`` that uses tool search or deferred tools."""
    defined = {t["name"]: t for t in payload.get("tools") or [] if "input_schema" in t}
    loaded = {str(name) for _, name in references(payload.get("messages") or [])}
    choice = payload.get("tool_choice") or {}
    if choice.get("type") == "tool":
        loaded.add(str(choice.get("name")))  # a tool the request forces is one it loads
    kinds = {
        SEARCH_TYPES[t["type"]] for t in payload.get("tools") or [] if t.get("type") in SEARCH_TYPES
    }
    servers = [FINDERS[name] for name in sorted(kinds)]
    deferred = [t for t in defined.values() if t.get("defer_loading")]
    request = wire.anthropic.request_from_wire(_neutral(payload))
    request.tools = _offered(defined, loaded, servers, bool(deferred)) + list(servers)
    seed = IDS.ticket(f"anthropic-tool-search\n{sorted_json(payload)}").seed
    blocks, turns = [], []
    final: ModelTurn | None = None
    for round_ in range(MAX_ROUNDS):
        turn = stamp(
            model.respond(request), "anthropic", request, payload | {"messages": [seed, round_]}
        )
        turns.append(turn)
        searches = [c for c in turn.tool_calls if c.name in {s.name for s in servers}]
        if not searches:
            final = turn
            break
        for call in searches:
            blocks += _search(call, deferred, request)
    if final is None:
        final = ModelTurn(STOPPED.format(rounds=MAX_ROUNDS), model=turns[-1].model, id=turns[-1].id)
    final.usage = Usage(
        sum(t.usage.input_tokens for t in turns), sum(t.usage.output_tokens for t in turns)
    )
    message = wire.anthropic.turn_to_wire(final)
    message["content"] = blocks + message["content"]
    if searched := sum(1 for b in blocks if b["type"] == "server_tool_use"):
        message["usage"]["server_tool_use"] = {
            "web_search_requests": 0,
            "web_fetch_requests": 0,
            "tool_search_requests": searched,
        }
    return message


def _offered(
    defined: Mapping[str, Mapping[str, Any]],
    loaded: set[str],
    servers: list[ToolSpec],
    deferring: bool,
) -> list[ToolSpec]:
    """The custom tools the model sees: not deferred, or loaded. With deferred tools and
    no search tool of the provider's, the application's own search tool finds tools."""
    out = []
    for name, tool in defined.items():
        if tool.get("defer_loading") and name not in loaded:
            continue
        spec = wire.anthropic.tool_from_wire(dict(tool))
        if deferring and not servers and not tool.get("defer_loading") and _names_a_finder(name):
            spec.finds_tools = True
        out.append(spec)
    return out


def _names_a_finder(name: str) -> bool:
    """Is the tool named for finding tools (``search_tools``, ``tool_search``, ``find_tool``)?"""
    words = set(split_identifier(name))
    return bool(words & {"tool", "tools"}) and bool(words & FINDER_VERBS)


def _search(
    call: ToolCall, deferred: list[Mapping[str, Any]], request: Request
) -> list[dict[str, Any]]:
    """Run one search the model asked for: its two blocks; the tools it found are
    offered to the model, and the search joins the conversation it reads."""
    entries = [tool_search.entry(wire.anthropic.tool_from_wire(dict(t))) for t in deferred]
    given = call.arguments if isinstance(call.arguments, dict) else {}
    block_id = "srvtoolu_" + call.id.removeprefix("toolu_")
    try:
        hits = _run(call.name, given, entries)
    except SearchError as e:
        content: dict[str, Any] = {
            "type": "tool_search_tool_result_error",
            "error_code": e.code.value,
            "error_message": e.message,
        }
        text = f"Error: {e.code.value}: {e.message}"
    else:
        references = [{"type": "tool_reference", "tool_name": h.name} for h in hits]
        content = {"type": "tool_search_tool_search_result", "tool_references": references}
        text = "Found tools: " + (", ".join(h.name for h in hits) or "none")
        seen = {t.name for t in request.tools}
        by_name = {str(t["name"]): t for t in deferred}
        request.tools += [
            wire.anthropic.tool_from_wire(dict(by_name[h.name])) for h in hits if h.name not in seen
        ]
    failed = content["type"] == "tool_search_tool_result_error"
    request.messages.append(Message.assistant("", [ToolCall(call.name, given, call.id)]))
    request.messages.append(Message.tool([ToolResult(call.id, text, failed, call.name)]))
    if request.tool_choice == NamedTool(call.name):  # a forced search is met once
        request.tool_choice = None
    return [
        {"type": "server_tool_use", "id": block_id, "name": call.name, "input": given},
        {"type": "tool_search_tool_result", "tool_use_id": block_id, "content": content},
    ]


def _run(name: str, given: Mapping[str, Any], entries: list[Entry]) -> list[tool_search.Hit]:
    if name == "tool_search_tool_regex":
        return tool_search.regex(given.get("pattern"), entries)
    return tool_search.bm25(given.get("query"), entries)


def _neutral(payload: Mapping[str, Any]) -> dict[str, Any]:
    """The body with the searches in it as calls and results the model can read."""
    messages: list[dict[str, Any]] = []
    for message in payload.get("messages") or []:
        content = message.get("content")
        if not isinstance(content, list):
            messages.append(message)
        elif message.get("role") == "assistant":
            messages += _split(content)
        else:
            messages.append(message | {"content": [_readable(b) for b in content]})
    return dict(payload) | {"messages": messages}


def _split(content: list[Any]) -> list[dict[str, Any]]:
    """An assistant message holding search blocks, as assistant and user (result) messages."""
    out: list[dict[str, Any]] = []
    blocks: list[Any] = []
    for block in content:
        kind = block.get("type") if isinstance(block, Mapping) else None
        if kind == "server_tool_use" and block.get("name") in FINDERS:
            blocks.append(
                {"type": "tool_use", **{k: block.get(k) for k in ("id", "name", "input")}}
            )
        elif kind == "tool_search_tool_result":
            out.append({"role": "assistant", "content": blocks})
            result = {"type": "tool_result", "tool_use_id": block.get("tool_use_id")}
            out.append(
                {"role": "user", "content": [result | {"content": _found(block.get("content"))}]}
            )
            blocks = []
        else:
            blocks.append(block)
    if blocks or not out:
        out.append({"role": "assistant", "content": blocks})
    return out


def _readable(block: Any) -> Any:
    """A ``tool_result`` whose content is ``tool_reference`` blocks, as text."""
    if not isinstance(block, Mapping) or block.get("type") != "tool_result":
        return block
    content = block.get("content")
    if not isinstance(content, list) or not any(
        isinstance(b, Mapping) and b.get("type") == "tool_reference" for b in content
    ):
        return block
    return dict(block) | {"content": _found({"tool_references": content})}


def _found(content: Any) -> str:
    if not isinstance(content, Mapping):
        return ""
    if content.get("type") == "tool_search_tool_result_error":
        return f"Error: {content.get('error_code')}: {content.get('error_message') or ''}"
    names = [
        str(r.get("tool_name"))
        for r in content.get("tool_references") or []
        if isinstance(r, Mapping) and r.get("type") == "tool_reference"
    ]
    return "Found tools: " + (", ".join(names) or "none")
