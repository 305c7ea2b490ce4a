"""OpenAI Responses' tool search (``{"type": "tool_search"}``), deferred functions and
namespaces, answered offline.

The model sees the tools of :mod:`.tool_search_catalog`: every tool that is not deferred,
and a stand-in for each searchable path. When it asks for one (a stand-in call):

- **hosted** (``execution: "server"``, the default): the provider runs the search in the
  same response. A ``tool_search_call`` item (``call_id: null``, ``arguments:
  {"paths": [...]}``) and a ``tool_search_output`` item listing the loaded definitions
  (a namespace with its deferred functions, or a deferred top-level function) are
  emitted, and the model is asked again with those tools in full, so that the response
  ends with its ``function_call`` of a loaded function (``namespace`` set: the
  namespace's name, or a deferred top-level function's own name, as the SDK reads it).
- **client** (``execution: "client"``): the response ends with the ``tool_search_call``
  (a ``call_id`` of its own; with the tool's own ``parameters`` when it has them, else
  ``{"paths": [...]}``); the application answers with a ``tool_search_output`` input
  item (same ``call_id``, ``execution: "client"``, the ``tools`` it loads).

A conversation continues with ``previous_response_id`` or with the whole ``input``
again: the ``tool_search_output`` items in it say what is loaded, and a
``function_call`` item must carry the namespace its function lives in. ``usage`` counts
what the model read in every round: the tools it saw, not the deferred ones.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from .. import wire
from ..chat import ModelTurn, NamedTool, Request, Usage
from ..models import Model
from .clock import CREATED
from .ids import IDS
from .replies import Refused
from .tool_search_catalog import CALLABLE, Catalog, Execution, Names, offered
from .validation import sorted_json
from .validation.cross_field import schema_problem

MAX_ROUNDS = 4  # searches in one response before the model must answer
CALLS = ("function_call", "custom_tool_call")
CLIENT, SERVER = Execution.CLIENT.value, Execution.SERVER.value
STOPPED = "I searched for tools {rounds} times without finding one to call."

Stamp = Callable[..., ModelTurn]


def offers(body: Mapping[str, Any]) -> bool:
    """Whether a (checked) Responses body uses tool search or namespaces."""
    tools = body.get("tools") or []
    items = body.get("input") if isinstance(body.get("input"), list) else []
    kinds = {t.get("type") for t in tools} | {i.get("type") for i in items}
    return bool(kinds & {"tool_search", "namespace", "tool_search_output"}) or any(
        t.get("defer_loading") for t in tools if t.get("type") in CALLABLE
    )


def answer(model: Model, body: dict[str, Any], stamp: Stamp) -> dict[str, Any]:
    """The Response object for ``body`` (its whole conversation in ``input``); raises
    :class:`Refused` for what the API refuses. ``stamp`` is the handler's id giver."""
    catalog = Catalog.read(body)
    given = body.get("input") or []
    items = [{"role": "user", "content": given}] if isinstance(given, str) else list(given)
    if problem := _input_problem(items, catalog):
        raise problem
    seed = IDS.ticket(f"responses-tool-search\n{sorted_json(body)}").seed
    searches, turns = _Searches(seed), []
    final: ModelTurn | None = None
    for round_ in range(MAX_ROUNDS):
        specs, names = offered(catalog)
        request = _request(body, items, specs, names)
        turn = stamp(model.respond(request), "responses", request, body | {"input": [seed, round_]})
        turns.append(turn)
        final, catalog = _step(turn, catalog, names, searches)
        if final is not None:
            break
    if final is None:
        final = ModelTurn(STOPPED.format(rounds=MAX_ROUNDS), model=turns[-1].model, id=turns[-1].id)
    customs = [{"type": "custom", "name": n} for n, f in names.functions.items() if f.custom]
    response = wire.openai_responses.turn_to_wire(
        final, request, CREATED, body={**body, "tools": customs}
    )
    response["output"] = searches.items + [_named(i, names) for i in response["output"]]
    response["tools"] = [e for t in body.get("tools") or [] if (e := echoed(t)) is not None]
    response["usage"] = wire.openai_responses_object.usage(ModelTurn(usage=_total(turns)))
    return response


class _Searches:
    """The ``tool_search_call``/``tool_search_output`` items of one response, with ids."""

    def __init__(self, seed: str) -> None:
        self.seed, self.items = seed, []

    def add(self, kind: str, **fields: Any) -> None:
        """Add an item of ``kind`` (``tool_search_call`` or ``tool_search_output``)."""
        prefix = {"tool_search_call": "tsc_", "tool_search_output": "tso_"}[kind]
        item_id = wire.stable_id(prefix, f"{self.seed}#search{len(self.items)}")
        self.items.append({"id": item_id, "type": kind, **fields, "status": "completed"})


def _step(
    turn: ModelTurn, catalog: Catalog, names: Names, searches: _Searches
) -> tuple[ModelTurn | None, Catalog]:
    """One round: the final turn (None when the provider searched and asks again)."""
    asked = [c for c in turn.tool_calls if c.name in names.stand_ins]
    found = [c for c in turn.tool_calls if c.name == names.finder]
    rest = [c for c in turn.tool_calls if c not in asked and c not in found]
    if found:  # a client-executed search with the tool's own parameters
        call = found[0]
        arguments = call.arguments if isinstance(call.arguments, dict) else {}
        searches.add("tool_search_call", call_id=call.id, execution=CLIENT, arguments=arguments)
        return replace(turn, tool_calls=rest, text=""), catalog
    if not asked:
        return turn, catalog
    paths = list(dict.fromkeys(names.stand_ins[c.name] for c in asked))
    if catalog.search is None or catalog.search.execution is Execution.CLIENT:
        arguments = {"paths": paths}
        searches.add("tool_search_call", call_id=asked[0].id, execution=CLIENT, arguments=arguments)
        return replace(turn, tool_calls=rest, text=""), catalog
    catalog, loaded = catalog.load_paths(paths)
    searches.add("tool_search_call", call_id=None, execution=SERVER, arguments={"paths": paths})
    searches.add("tool_search_output", call_id=None, execution=SERVER, tools=loaded)
    return None, catalog


def _request(
    body: Mapping[str, Any], items: list[dict[str, Any]], specs: list[Any], names: Names
) -> Request:
    """The neutral request the model answers: the conversation with the functions'
    names as it knows them, and the tools it is offered."""
    request = wire.openai_responses.request_from_wire(
        {**body, "input": _neutral_items(items, names), "tools": []}
    )
    choice = request.tool_choice
    if isinstance(choice, NamedTool):
        request.tool_choice = NamedTool(names.of(None, choice.name))
    request.tools = specs
    return request


def _neutral_items(items: list[dict[str, Any]], names: Names) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for item in items:
        kind = item.get("type")
        if kind in CALLS:
            neutral = names.of(item.get("namespace"), str(item.get("name")))
            out.append({k: v for k, v in item.items() if k != "namespace"} | {"name": neutral})
        elif kind in ("tool_search_call", "tool_search_output"):
            out += _search_as_call(item, names)
        else:
            out.append(item)
    return out


def _search_as_call(item: Mapping[str, Any], names: Names) -> list[dict[str, Any]]:
    """A client search with the tool's own parameters, as a call the model made and its
    result (so that it knows it searched); other searches show only in the tools."""
    call_id = item.get("call_id")
    if names.finder is None or not call_id:
        return []
    if item.get("type") == "tool_search_call":
        arguments = json.dumps(item.get("arguments") or {}, ensure_ascii=False)
        call = {"type": "function_call", "call_id": call_id, "name": names.finder}
        return [call | {"arguments": arguments}]
    loaded = [str(t.get("name")) for t in item.get("tools") or []]
    text = "Loaded tools: " + (", ".join(loaded) or "none")
    return [{"type": "function_call_output", "call_id": call_id, "output": text}]


def _named(item: dict[str, Any], names: Names) -> dict[str, Any]:
    """A call item with the function's own name and its namespace."""
    function = names.functions.get(item.get("name", "")) if item["type"] in CALLS else None
    if function is None:
        return item
    own = item["name"] in names.own_namespace  # a deferred top-level function's own name
    namespace = function.namespace or (function.name if own else None)
    out = item | {"name": function.name}
    return out | ({"namespace": namespace} if namespace else {})


def _total(turns: list[ModelTurn]) -> Usage:
    return Usage(
        sum(t.usage.input_tokens for t in turns), sum(t.usage.output_tokens for t in turns)
    )


def echoed(tool: Mapping[str, Any]) -> dict[str, Any] | None:
    """A request tool as the response's ``tools`` echoes it (None: not echoed here)."""
    kind = tool.get("type")
    if kind == "function":
        out = {
            "type": "function",
            "name": tool["name"],
            "description": tool.get("description"),
            "parameters": tool.get("parameters") or {"type": "object", "properties": {}},
            "strict": bool(tool.get("strict")),
        }
        return out | ({"defer_loading": True} if tool.get("defer_loading") else {})
    if kind == "custom":
        form = tool.get("format") or {"type": "text"}
        deferred = {"defer_loading": True} if tool.get("defer_loading") else {}
        return {
            "type": "custom",
            "name": tool["name"],
            "description": tool.get("description"),
            "format": form,
        } | deferred
    if kind == "namespace":
        members = [e for t in tool.get("tools") or [] if (e := echoed(t)) is not None]
        return {
            "type": "namespace",
            "name": tool["name"],
            "description": tool.get("description", ""),
            "tools": members,
        }
    if kind == "tool_search":
        return {
            "type": "tool_search",
            "execution": tool.get("execution") or SERVER,
            "description": tool.get("description"),
            "parameters": tool.get("parameters"),
        }
    return None


def _input_problem(items: list[dict[str, Any]], catalog: Catalog) -> Refused | None:
    """What the API refuses in the conversation: a function call without the namespace
    its function lives in, a client search without its output, a loaded bad schema."""
    known = set(catalog.namespaces) | {f.namespace for f in catalog.loaded.values() if f.namespace}
    for i, item in enumerate(items):
        if item.get("type") in CALLS and (problem := _call_problem(i, item, catalog, known)):
            return problem
        if item.get("type") == "tool_search_output" and (problem := _loaded_problem(i, item)):
            return problem
    return _unpaired(items)


def _call_problem(
    index: int, item: Mapping[str, Any], catalog: Catalog, known: set[str]
) -> Refused | None:
    name, namespace = str(item.get("name")), item.get("namespace")
    where = f"input[{index}].namespace"
    if namespace is None:
        if catalog.in_namespace(name) and not catalog.is_top_level(name):
            return Refused(
                f"Missing namespace for function_call '{name}'. It does not exist in the "
                "default namespace. Round-trip the model's function_call item with its "
                "namespace field included.",
                where,
            )
        return None
    own = namespace == name and catalog.is_top_level(name)  # a deferred top-level function
    if namespace not in known and not own:
        return Refused(
            f"Invalid value for '{where}': namespace '{namespace}' of function_call '{name}' "
            "was not found in 'tools'. Send the request's namespace tools again with every "
            "request.",
            where,
        )
    return None


def _loaded_problem(index: int, item: Mapping[str, Any]) -> Refused | None:
    for j, tool in enumerate(item.get("tools") or []):
        members = tool.get("tools") or [] if tool.get("type") == "namespace" else [tool]
        for member in members:
            schema = member.get("parameters") or {"type": "object", "properties": {}}
            if member.get("type") == "function" and (problem := schema_problem(schema)):
                return Refused(
                    f"Invalid schema for function '{member.get('name')}' in "
                    f"input[{index}].tools[{j}]: {problem}",
                    f"input[{index}].tools[{j}]",
                )
    return None


def _unpaired(items: list[dict[str, Any]]) -> Refused | None:
    """Every client-executed ``tool_search_call`` has its ``tool_search_output``."""

    def ids(kind: str) -> list[str]:
        """The call ids of the conversation's client-executed items of ``kind``."""
        return [
            str(i["call_id"])
            for i in items
            if i.get("type") == kind and i.get("execution") == CLIENT and i.get("call_id")
        ]

    calls, outputs = ids("tool_search_call"), ids("tool_search_output")
    for call_id in outputs:
        if call_id not in calls:
            return Refused(
                f"No tool search call found for tool_search_output with call_id {call_id}.",
                "input",
            )
    for call_id in calls:
        if call_id not in outputs:
            return Refused(
                f"No tool search output found for tool_search_call {call_id}. Answer it with a "
                '{"type": "tool_search_output", "call_id": ..., "execution": "client", '
                '"tools": [...]} input item.',
                "input",
            )
    return None
