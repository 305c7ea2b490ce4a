"""The tools of a Responses request that uses tool search, as the model sees them.

A request's ``tools`` may hold function (and custom) tools marked ``defer_loading``,
``namespace`` groups of them (each member deferred or not) and one ``tool_search`` tool. As the
API documents, the model sees every tool that is not deferred in full, and of what is
searchable only the name and description: a deferred top-level function's own, or its
namespace's. Each searchable thing is a *path* (the function's name, or the namespace's);
loading a path adds its deferred functions, in full, to what the model sees. The
definitions loaded so far come from the conversation's ``tool_search_output`` items
(the provider's, or the application's own for a client-executed search).

Offline, each path the model has not loaded yet is offered to it as a *stand-in*: a
tool with that name and description and no parameters. A call of a stand-in is the
model asking to load that path (``tool_search_call`` with ``{"paths": [...]}``). The
names the model calls tools by are the functions' own, or ``namespace.name`` where two
functions the model sees share a name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

from ..chat import ToolSpec
from ..wire import openai_responses

EMPTY = {"type": "object", "properties": {}}
SEARCH_NAME = "tool_search"  # what the model calls a client-executed search with parameters
SEARCH_ABOUT = "Searches for the tools needed to continue the task and loads them."


class Execution(str, Enum):
    """Where a tool search runs (``tool_search.execution``)."""

    SERVER = "server"
    CLIENT = "client"


CALLABLE = ("function", "custom")  # the kinds of tool a namespace may group


@dataclass(frozen=True)
class Function:
    """One function (or custom) tool: its definition as given, and where it belongs."""

    wire: Mapping[str, Any]
    namespace: str | None = None
    deferred: bool = False

    @property
    def name(self) -> str:
        """The tool's own name, as the request gave it."""
        return str(self.wire["name"])

    @property
    def custom(self) -> bool:
        """Whether it is a custom (free-text) tool rather than a function."""
        return self.wire.get("type") == "custom"

    @property
    def key(self) -> tuple[str | None, str]:
        """What tells it apart: its namespace and its name."""
        return self.namespace, self.name

    @property
    def path(self) -> str:
        """What a search loads it by: its namespace, or its own name."""
        return self.namespace or self.name

    def spec(self, name: str) -> ToolSpec:
        """The tool as the model sees it, called ``name``."""
        return replace(openai_responses.tool_from_wire(dict(self.wire)), name=name)


@dataclass(frozen=True)
class SearchTool:
    """The request's ``tool_search`` tool."""

    execution: Execution
    description: str | None = None
    parameters: dict[str, Any] | None = None


@dataclass(frozen=True)
class Catalog:
    """Every tool of a request, and which deferred ones are loaded."""

    functions: tuple[Function, ...]
    namespaces: Mapping[str, Mapping[str, Any]]
    search: SearchTool | None
    loaded: Mapping[tuple[str | None, str], Function] = field(default_factory=dict)

    @classmethod
    def read(cls, body: Mapping[str, Any]) -> Catalog:
        """The catalog of a checked request body, with what its ``input`` loaded."""
        functions: list[Function] = []
        namespaces: dict[str, Mapping[str, Any]] = {}
        search = None
        for tool in body.get("tools") or []:
            kind = tool.get("type")
            if kind in CALLABLE:
                functions.append(Function(tool, None, bool(tool.get("defer_loading"))))
            elif kind == "namespace":
                namespaces[tool["name"]] = tool
                functions += _members(tool)
            elif kind == "tool_search":
                execution = Execution(tool.get("execution") or Execution.SERVER)
                search = SearchTool(execution, tool.get("description"), tool.get("parameters"))
        catalog = cls(tuple(functions), namespaces, search)
        return catalog.loading(loaded_functions(_items(body)))

    def loading(self, functions: list[Function]) -> Catalog:
        """This catalog with ``functions`` loaded (their definitions as given)."""
        loaded = dict(self.loaded)
        loaded.update((f.key, replace(f, deferred=False)) for f in functions)
        return replace(self, loaded=loaded)

    def load_paths(self, paths: list[str]) -> tuple[Catalog, list[dict[str, Any]]]:
        """This catalog with ``paths`` loaded, and the definitions a search output lists."""
        found = self.unloaded()
        functions = [f for p in paths for f in found.get(p, [])]
        return self.loading(functions), [self.definition(p, found[p]) for p in paths if p in found]

    def definition(self, path: str, functions: list[Function]) -> dict[str, Any]:
        """A loaded path as ``tool_search_output.tools`` lists it."""
        namespace = self.namespaces.get(path)
        if namespace is None:
            return dict(functions[0].wire)
        return {
            "type": "namespace",
            "name": path,
            "description": namespace.get("description", ""),
            "tools": [dict(f.wire) for f in functions],
        }

    def visible(self) -> list[Function]:
        """The functions the model sees in full: not deferred, or loaded."""
        shown = {f.key: f for f in self.functions if not f.deferred}
        shown.update(self.loaded)
        return list(shown.values())

    def unloaded(self) -> dict[str, list[Function]]:
        """The deferred functions not loaded yet, by path, in the request's order."""
        out: dict[str, list[Function]] = {}
        for f in self.functions:
            if f.deferred and f.key not in self.loaded:
                out.setdefault(f.path, []).append(f)
        return out

    def about(self, path: str, functions: list[Function]) -> str:
        """What the model sees of a path it has not loaded: its description."""
        namespace = self.namespaces.get(path)
        given = namespace.get("description") if namespace else functions[0].wire.get("description")
        return str(given or "")

    def is_top_level(self, name: str) -> bool:
        """Whether a tool outside every namespace has this name."""
        return any(f.namespace is None and f.name == name for f in self.functions)

    def in_namespace(self, name: str) -> bool:
        """Whether a tool inside some namespace has this name."""
        return any(f.namespace is not None and f.name == name for f in self.functions)


def _members(namespace: Mapping[str, Any]) -> list[Function]:
    return [
        Function(t, namespace["name"], bool(t.get("defer_loading")))
        for t in namespace.get("tools") or []
        if t.get("type") in CALLABLE
    ]


def _items(body: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    given = body.get("input")
    return [i for i in given if isinstance(i, Mapping)] if isinstance(given, list) else []


def loaded_functions(items: list[Mapping[str, Any]]) -> list[Function]:
    """The functions the conversation's ``tool_search_output`` items loaded."""
    out: list[Function] = []
    for item in items:
        if item.get("type") != "tool_search_output":
            continue
        for tool in item.get("tools") or []:
            if tool.get("type") in CALLABLE:
                out.append(Function(tool))
            elif tool.get("type") == "namespace":
                out += _members(tool)
    return out


@dataclass(frozen=True)
class Names:
    """How the model calls things: neutral name -> function, stand-in -> path."""

    functions: Mapping[str, Function]
    stand_ins: Mapping[str, str]
    finder: str | None = None
    own_namespace: frozenset[str] = frozenset()  # loaded deferred top-level functions

    def of(self, namespace: str | None, name: str) -> str:
        """The neutral name of a function a ``function_call`` item names."""
        for neutral, f in self.functions.items():
            # A deferred top-level function's calls name it as their own namespace.
            if f.name == name and (
                f.namespace == namespace or (f.namespace, namespace) == (None, name)
            ):
                return neutral
        return name


def offered(catalog: Catalog) -> tuple[list[ToolSpec], Names]:
    """The tools the model is offered, and the names it calls them by."""
    visible, unloaded = catalog.visible(), catalog.unloaded()
    finder = _finder(catalog.search)
    paths = {} if finder else unloaded
    counts = Counter([f.name for f in visible] + list(paths))
    functions = {
        (f"{f.namespace}.{f.name}" if f.namespace and counts[f.name] > 1 else f.name): f
        for f in visible
    }
    specs = [f.spec(name) for name, f in functions.items()]
    specs += [ToolSpec(p, catalog.about(p, fs), dict(EMPTY)) for p, fs in paths.items()]
    if finder:
        specs.append(finder)
    own = frozenset(
        n for n, f in functions.items() if f.namespace is None and f.key in catalog.loaded
    )
    # A call naming a deferred function itself (a scripted model may) asks for its path too.
    asks = {f.name: p for p, fs in paths.items() for f in fs if f.name not in functions}
    asks.update((p, p) for p in paths)
    return specs, Names(functions, asks, finder.name if finder else None, own)


def _finder(search: SearchTool | None) -> ToolSpec | None:
    """A client-executed search with its own parameters: the model calls it as a tool."""
    if search is None or search.execution is not Execution.CLIENT or search.parameters is None:
        return None
    parameters = search.parameters if isinstance(search.parameters, dict) else dict(EMPTY)
    return ToolSpec(SEARCH_NAME, search.description or SEARCH_ABOUT, parameters, finds_tools=True)
