"""Turn plain Python functions into tools a model can call.

A :class:`ToolRegistry` builds each tool's JSON Schema from its signature and docstring,
exports it for OpenAI and Anthropic, and runs the calls a model asks for. A model's
mistakes never raise: they come back as error results that say what to fix.
"""

from __future__ import annotations

import asyncio
import copy
import difflib
import inspect
import json
import re
import sys
import threading
import time
import typing
import warnings
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field, replace
from typing import Annotated, Any, Literal, TypeVar

import docstring_parser
import pydantic
import pydantic_core
from pydantic.fields import FieldInfo

from fcplayground.chat import ToolCall, ToolResult, ToolSpec

__all__ = ["Tool", "ToolRegistry", "UndocumentedParameterWarning"]

_F = TypeVar("_F", bound=Callable[..., Any])
Arguments = dict[str, Any] | str | None
_NAME_RE = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")  # what both OpenAI and Anthropic accept


class UndocumentedParameterWarning(UserWarning):
    """A tool or one of its parameters has no description, so the model has to guess."""


class _CallError(Exception):
    """A failed call; its message goes back to the model as an error result."""


class _DaemonThreadExecutor(Executor):
    """Runs each sync tool in its own daemon thread.

    A thread cannot be killed, so a tool that overruns its timeout is abandoned.
    ThreadPoolExecutor joins its workers at interpreter exit even after
    ``shutdown(wait=False)``; a daemon thread never holds up exit.
    """

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        future: Future = Future()

        def run() -> None:
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(fn(*args, **kwargs))
                except BaseException as exc:  # re-raised in whoever waits on the future
                    future.set_exception(exc)

        threading.Thread(target=run, name="fcplayground-tool", daemon=True).start()
        return future


_EXECUTOR = _DaemonThreadExecutor()


@dataclass
class Tool:
    """A tool: what the model sees (``name``, ``description``, JSON Schema
    ``parameters``) and how to run it (``func``, arguments checked by ``args_model``)."""

    name: str
    description: str
    func: Callable[..., Any]
    parameters: dict[str, Any]
    side_effect: bool = False
    args_model: type[pydantic.BaseModel] | None = field(default=None, repr=False)

    @classmethod
    def from_function(
        cls,
        func: Callable[..., Any],
        name: str | None = None,
        description: str | None = None,
        side_effect: bool = False,
    ) -> Tool:
        """Build a tool from ``func``'s signature and docstring; warn if undocumented."""
        if not callable(func):
            raise TypeError(f"A tool must be a function, got {type(func).__name__}.")
        name = name or getattr(func, "__name__", None)
        if not isinstance(name, str) or not _NAME_RE.match(name):
            raise ValueError(
                f"{name!r} cannot be a tool name: use 1-64 letters, digits, _ or -. "
                "Pass name=... to choose one."
            )
        doc = docstring_parser.parse(inspect.getdoc(func) or "")
        if description is None:
            description = "\n\n".join(filter(None, [doc.short_description, doc.long_description]))
        model = _args_model(name, func, {p.arg_name: p.description for p in doc.params})
        parameters = _clean_schema(model.model_json_schema())
        tool = cls(name, description, func, parameters, side_effect, model)
        _warn_if_undocumented(tool)
        return tool

    @property
    def is_async(self) -> bool:
        """Whether calling ``func`` gives a coroutine (async functions and objects)."""
        func = self.func
        return inspect.iscoroutinefunction(func) or inspect.iscoroutinefunction(type(func).__call__)

    def to_spec(self, strict: bool = False) -> ToolSpec:
        """The provider-neutral :class:`ToolSpec`, with a strict-mode schema if asked."""
        parameters = copy.deepcopy(self.parameters)
        if strict:
            _walk(parameters, _make_strict)
        return ToolSpec(self.name, self.description, parameters, strict=strict)

    def bind(self, arguments: Arguments) -> dict[str, Any]:
        """Check a model's arguments (dict or JSON text) and return ``func``'s kwargs."""
        values = _parse_arguments(self, arguments)
        props, required = self.parameters["properties"], self.parameters.get("required", [])
        for key in [k for k, v in values.items() if v is None and k in props]:
            # Strict mode makes optional parameters nullable: there null means "the default".
            if key not in required and not _accepts_null(props[key]):
                del values[key]
        if self.args_model is None:
            return values
        try:  # dict() keeps nested models as instances, as the function expects
            return dict(self.args_model.model_validate(values))
        except pydantic.ValidationError as exc:
            raise _CallError(_validation_text(self, exc)) from None


def _args_model(
    name: str, func: Callable[..., Any], docs: dict[str, str | None]
) -> type[pydantic.BaseModel]:
    try:
        params = inspect.signature(func, eval_str=True).parameters.values()
    except NameError as exc:
        raise TypeError(f"Cannot resolve the annotations of {name} ({exc}).") from None
    unusable = [p.name for p in params if p.kind not in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
    unusable += [p.name for p in params if p.name in ("self", "cls") or p.name.startswith("_")]
    if unusable:
        raise TypeError(
            f"{name} has parameter(s) a model cannot fill: {', '.join(unusable)}. A model sends "
            "named arguments only: drop *args/**kwargs and positional-only markers, register a "
            "bound method (obj.method), and do not start parameter names with '_'."
        )
    fields: dict[str, Any] = {}
    for p in params:
        hint = Any if p.annotation is p.empty else p.annotation
        # An Annotated Field(description=...) beats the docstring; pydantic would let a
        # description given as the default win, so the docstring goes into Annotated.
        if docs.get(p.name) and not _annotated_description(hint):
            hint = Annotated[hint, pydantic.Field(description=docs[p.name])]
        fields[p.name] = (hint, ... if p.default is p.empty else p.default)
    try:
        with warnings.catch_warnings():  # params named json, copy... shadow BaseModel methods
            warnings.filterwarnings("ignore", message=".*shadows an attribute")
            config = pydantic.ConfigDict(extra="forbid")
            return pydantic.create_model(f"{name}_arguments", __config__=config, **fields)
    except (pydantic.PydanticSchemaGenerationError, pydantic.PydanticUserError) as exc:
        raise TypeError(f"Cannot build a JSON schema for the parameters of {name}: {exc}") from None


def _annotated_description(hint: Any) -> str | None:
    if typing.get_origin(hint) is not Annotated:
        return None
    infos = [m for m in typing.get_args(hint)[1:] if isinstance(m, FieldInfo)]
    return next((i.description for i in reversed(infos) if i.description), None)


def _warn_if_undocumented(tool: Tool) -> None:
    problems = []
    if not tool.description:
        problems.append(
            f"Tool {tool.name} has no description, so the model must guess when to use it: "
            "give the function a docstring or pass description=...."
        )
    missing = [n for n, p in tool.parameters["properties"].items() if not p.get("description")]
    if missing:
        problems.append(
            f"Tool {tool.name}: parameter(s) {', '.join(map(repr, missing))} have no description, "
            "so the model must guess what to send. Add an Args: section to the docstring or "
            "annotate them as Annotated[..., Field(description=...)]."
        )
    if problems:
        # Point at the learner's code, however deep inside this module we are.
        frame, level = sys._getframe(), 1
        while frame is not None and frame.f_globals.get("__name__") == __name__:
            frame, level = frame.f_back, level + 1
        warnings.warn(UndocumentedParameterWarning(" ".join(problems)), stacklevel=level)


# --- JSON Schema ------------------------------------------------------------------------


def _walk(schema: dict[str, Any], visit: Callable[[dict[str, Any]], Any]) -> None:
    """Apply ``visit`` to ``schema`` and each subschema; never to property names, enum
    values or defaults, so a parameter called "title" survives title removal."""
    visit(schema)
    subs = [*schema.get("properties", {}).values(), *schema.get("$defs", {}).values()]
    subs += [*schema.get("anyOf", []), *schema.get("allOf", []), *schema.get("oneOf", [])]
    subs += [
        schema[k] for k in ("items", "additionalProperties") if isinstance(schema.get(k), dict)
    ]
    for sub in subs:
        _walk(sub, visit)


def _clean_schema(schema: dict[str, Any]) -> dict[str, Any]:
    _walk(schema, lambda node: node.pop("title", None))
    out: dict[str, Any] = {"type": "object", "properties": schema.pop("properties", {})}
    if schema.get("required"):
        out["required"] = schema["required"]
    # extra="forbid" is enforced when calling; strict mode adds additionalProperties itself.
    return out | {
        k: v for k, v in schema.items() if k not in ("type", "required", "additionalProperties")
    }


def _make_strict(node: dict[str, Any]) -> None:
    """OpenAI strict rules: closed objects, every property required, no defaults."""
    node.pop("default", None)
    if node.get("type") == "object" or "properties" in node:
        node["additionalProperties"] = False
    if "properties" in node:
        props, required = node["properties"], node.get("required", [])
        node["properties"] = {k: p if k in required else _nullable(p) for k, p in props.items()}
        node["required"] = list(props)


def _nullable(prop: dict[str, Any]) -> dict[str, Any]:
    if _accepts_null(prop):
        return prop
    if isinstance(prop.get("type"), str) and "enum" not in prop and "const" not in prop:
        return prop | {"type": [prop["type"], "null"]}
    if "anyOf" in prop:
        return prop | {"anyOf": [*prop["anyOf"], {"type": "null"}]}
    inner = {k: v for k, v in prop.items() if k != "description"}  # e.g. a $ref
    outer = {"description": prop["description"]} if "description" in prop else {}
    return {"anyOf": [inner, {"type": "null"}], **outer}


def _accepts_null(prop: dict[str, Any]) -> bool:
    kind = prop.get("type")
    if kind == "null" or (isinstance(kind, list) and "null" in kind):
        return True
    constrained = {"type", "anyOf", "$ref", "enum", "const", "allOf", "oneOf"} & prop.keys()
    return not constrained or any(_accepts_null(p) for p in prop.get("anyOf", []))


def _kind(prop: dict[str, Any], root: dict[str, Any]) -> str:
    if "$ref" in prop:
        prop = root.get("$defs", {}).get(prop["$ref"].rsplit("/", 1)[-1], {})
    if "enum" in prop:
        return " or ".join(json.dumps(v, ensure_ascii=False) for v in prop["enum"])
    if "anyOf" in prop:
        return " or ".join(_kind(p, root) for p in prop["anyOf"])
    if prop.get("type") == "array":
        return f"array of {_kind(prop.get('items', {}), root)}"
    return str(prop.get("type", "any"))


def _takes(tool: Tool) -> str:
    """A one-line summary of the schema, for error messages."""
    props, required = tool.parameters["properties"], tool.parameters.get("required", [])
    parts = [
        f"{n} ({_kind(p, tool.parameters)}{', required' if n in required else ''})"
        for n, p in props.items()
    ]
    return f"{tool.name} takes: {', '.join(parts) or 'no arguments'}"


# --- Arguments in, results out ------------------------------------------------------------


def _parse_arguments(tool: Tool, arguments: Arguments) -> dict[str, Any]:
    example = json.dumps(dict.fromkeys(tool.parameters.get("required", []), "..."))
    value: Any = arguments
    if isinstance(arguments, str):
        try:
            value = json.loads(arguments) if arguments.strip() else None
        except json.JSONDecodeError as exc:
            raise _CallError(
                f"The arguments for {tool.name} are not valid JSON ({exc.msg}: line {exc.lineno} "
                f"column {exc.colno}). Send one JSON object, for example {example}."
            ) from None
    if value is None:
        return {}
    if not isinstance(value, dict):
        kind = {bool: "true/false", str: "a string", list: "an array"}.get(type(value), "a number")
        raise _CallError(
            f"The arguments for {tool.name} must be a JSON object, not {kind} "
            f"({_short_json(value)}). Send one JSON object, for example {example}."
        )
    return dict(value)  # a copy: bind() may drop keys, never in the caller's dict


def _short_json(value: Any, limit: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False, default=repr)
    return text if len(text) <= limit else text[: limit - 3] + "..."


# Plainer than pydantic's "Input should be a valid integer, unable to parse string as...".
_EXPECTED = {
    "int": "an integer",
    "float": "a number",
    "bool": "true or false",
    "string": "a string",
    "list": "an array",
    "dict": "an object",
    "model": "an object",
}


def _validation_text(tool: Tool, exc: pydantic.ValidationError) -> str:
    lines = [f"The arguments for {tool.name} are invalid:"]
    for err in exc.errors():
        loc = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"]).lstrip(".")
        base, _, suffix = err["type"].rpartition("_")
        if err["type"] == "missing":
            lines.append(f"- missing required argument '{loc}'")
        elif err["type"] == "extra_forbidden":
            takes = ", ".join(tool.parameters["properties"]) or "no arguments"
            where = f" (this tool takes: {takes})" if len(err["loc"]) == 1 else ""
            lines.append(f"- unexpected argument '{loc}'{where}")
        else:
            expected = err["msg"].replace("Input should", "should", 1)
            if suffix in ("type", "parsing") and base in _EXPECTED:
                expected = f"should be {_EXPECTED[base]}"
            lines.append(f"- argument '{loc}' {expected}, got {_short_json(err['input'])}")
    return "\n".join([*lines, f"{_takes(tool)}. Call it again with corrected arguments."])


def _to_content(tool: Tool, value: Any) -> str:
    if isinstance(value, str):
        return value
    try:
        return json.dumps(pydantic_core.to_jsonable_python(value), ensure_ascii=False)
    except (pydantic_core.PydanticSerializationError, TypeError, ValueError):
        raise _CallError(
            f"{tool.name} returned a value of type {type(value).__name__} that cannot be sent "
            "as JSON. Make the tool return a str or JSON-friendly data: dict, list, str, int, "
            "float, bool, None, a dataclass or a pydantic model."
        ) from None


def _failure(tool: Tool, exc: Exception) -> _CallError:
    return _CallError(
        f"{tool.name} failed: {type(exc).__name__}" + (f": {exc}" if str(exc) else "")
    )


def _invoke(tool: Tool, kwargs: dict[str, Any]) -> Any:
    try:
        return tool.func(**kwargs)
    except Exception as exc:
        raise _failure(tool, exc) from exc


async def _ainvoke(tool: Tool, kwargs: dict[str, Any], timeout: float | None) -> Any:
    async def guarded() -> Any:
        if not tool.is_async:
            return await asyncio.get_running_loop().run_in_executor(
                _EXECUTOR, _invoke, tool, kwargs
            )
        try:
            return await tool.func(**kwargs)
        except Exception as exc:  # wrapped, so a TimeoutError it raises is not taken for ours
            raise _failure(tool, exc) from exc

    try:
        return await asyncio.wait_for(guarded(), timeout)  # cancels an async tool on timeout
    except asyncio.TimeoutError:
        raise _CallError(
            f"{tool.name} did not finish within {timeout:g} s and was abandoned. "
            "Try again later, or carry on without this result."
        ) from None


def _run_sync(coro: typing.Coroutine[Any, Any, Any]) -> Any:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    # A loop already runs in this thread (Jupyter), where asyncio.run refuses to work:
    # run the coroutine on its own loop in a worker thread and wait for it.
    return _EXECUTOR.submit(asyncio.run, coro).result()


# --- The registry -------------------------------------------------------------------------


class ToolRegistry:
    """An ordered collection of tools: register functions, export schemas, run calls."""

    def __init__(self) -> None:
        self._tools: dict[str, Tool] = {}

    def tool(
        self,
        func: _F | None = None,
        /,
        *,
        name: str | None = None,
        description: str | None = None,
        side_effect: bool = False,
    ) -> Any:
        """Decorator, bare (``@tools.tool``) or with options (``@tools.tool(name=...,
        description=..., side_effect=True)``). Returns the function unchanged."""

        def register(f: _F) -> _F:
            self.add(f, name=name, description=description, side_effect=side_effect)
            return f

        return register if func is None else register(func)

    def add(
        self,
        func: Callable[..., Any] | Tool,
        name: str | None = None,
        description: str | None = None,
        side_effect: bool = False,
    ) -> Tool:
        """Register a function (or a ready-made :class:`Tool`) and return its Tool."""
        if isinstance(func, Tool):
            description = func.description if description is None else description
            tool = replace(
                func,
                name=name or func.name,
                description=description,
                side_effect=side_effect or func.side_effect,
                parameters=copy.deepcopy(func.parameters),
            )
        else:
            tool = Tool.from_function(func, name, description, side_effect)
        if tool.name in self._tools:
            raise ValueError(
                f"A tool named {tool.name!r} is already registered; pass name=... to register "
                "this one under another name."
            )
        self._tools[tool.name] = tool
        return tool

    def describe(self, name: str, text: str, param: str | None = None) -> Tool:
        """Replace the description of tool ``name``, or of its parameter ``param``."""
        tool = self[name]
        if param is None:
            tool.description = text
        elif param in tool.parameters["properties"]:
            tool.parameters["properties"][param]["description"] = text
        else:
            takes = ", ".join(tool.parameters["properties"]) or "none"
            raise KeyError(f"{name} has no parameter {param!r}; its parameters are: {takes}.")
        return tool

    def copy(self) -> ToolRegistry:
        """An independent registry: editing its descriptions leaves this one alone."""
        other = ToolRegistry()
        for tool in self:
            other._tools[tool.name] = replace(tool, parameters=copy.deepcopy(tool.parameters))
        return other

    @property
    def names(self) -> list[str]:
        """Tool names in registration order."""
        return list(self._tools)

    def __getitem__(self, name: str) -> Tool:
        if name not in self._tools:
            raise KeyError(
                f"No tool named {name!r}; registered: {', '.join(self._tools) or 'none'}."
            )
        return self._tools[name]

    def __contains__(self, name: object) -> bool:
        return name in self._tools

    def __len__(self) -> int:
        return len(self._tools)

    def __iter__(self) -> Iterator[Tool]:
        return iter(list(self._tools.values()))

    def specs(self, strict: bool = False) -> list[ToolSpec]:
        """Every tool as a :class:`ToolSpec`, in registration order."""
        return [tool.to_spec(strict) for tool in self]

    def to_openai(
        self, strict: bool = False, api: Literal["chat", "responses"] = "chat"
    ) -> list[dict[str, Any]]:
        """The ``tools`` list for OpenAI Chat Completions (default) or Responses."""
        if api not in ("chat", "responses"):
            raise ValueError(f"api must be 'chat' or 'responses', not {api!r}.")
        out = []
        for s in self.specs(strict):
            fn = {"name": s.name, "description": s.description, "parameters": s.parameters}
            if api == "responses":  # Responses defaults strict to true, so always say which
                out.append({"type": "function", **fn, "strict": strict})
            else:
                out.append(
                    {"type": "function", "function": fn | ({"strict": True} if strict else {})}
                )
        return out

    def to_anthropic(self, strict: bool = False) -> list[dict[str, Any]]:
        """The ``tools`` list for the Anthropic Messages API."""
        return [
            {"name": s.name, "description": s.description, "input_schema": s.parameters}
            | ({"strict": True} if strict else {})
            for s in self.specs(strict)
        ]

    def call(
        self,
        name: str,
        arguments: Arguments = None,
        timeout: float | None = None,
        *,
        call_id: str = "",
    ) -> ToolResult:
        """Run one call a model asked for. Never raises for a model's mistake: that comes
        back as a :class:`ToolResult` with ``is_error=True`` saying what to fix."""
        started = time.perf_counter()
        try:
            tool = self._lookup(name)
            kwargs = tool.bind(arguments)
            if tool.is_async or timeout is not None:
                value = _run_sync(_ainvoke(tool, kwargs, timeout))
            else:  # in this thread, so breakpoints and thread-locals behave as usual
                value = _invoke(tool, kwargs)
            content, is_error = _to_content(tool, value), False
        except _CallError as exc:
            content, is_error = str(exc), True
        return ToolResult(call_id, content, is_error, name, time.perf_counter() - started)

    async def acall(
        self,
        name: str,
        arguments: Arguments = None,
        timeout: float | None = None,
        *,
        call_id: str = "",
    ) -> ToolResult:
        """Async twin of :meth:`call`; sync tools run in a worker thread."""
        started = time.perf_counter()
        try:
            tool = self._lookup(name)
            value = await _ainvoke(tool, tool.bind(arguments), timeout)
            content, is_error = _to_content(tool, value), False
        except _CallError as exc:
            content, is_error = str(exc), True
        return ToolResult(call_id, content, is_error, name, time.perf_counter() - started)

    def call_many(
        self,
        calls: Iterable[ToolCall | tuple[str, Arguments]],
        parallel: bool = True,
        timeout: float | None = None,
    ) -> list[ToolResult]:
        """Run several calls, concurrently unless ``parallel=False``; results keep the
        calls' order and ``timeout`` applies to each call."""
        return _run_sync(self.acall_many(calls, parallel=parallel, timeout=timeout))

    async def acall_many(
        self,
        calls: Iterable[ToolCall | tuple[str, Arguments]],
        parallel: bool = True,
        timeout: float | None = None,
    ) -> list[ToolResult]:
        """Async twin of :meth:`call_many`."""
        pending = [_unpack(c) for c in calls]
        if parallel:
            jobs = (self.acall(n, a, timeout, call_id=i) for n, a, i in pending)
            return list(await asyncio.gather(*jobs))
        return [await self.acall(n, a, timeout, call_id=i) for n, a, i in pending]

    def _lookup(self, name: str) -> Tool:
        if name in self._tools:
            return self._tools[name]
        close = difflib.get_close_matches(str(name), self._tools, n=1)
        guess = f" Did you mean '{close[0]}'?" if close else ""
        available = ", ".join(self._tools) or "none"
        raise _CallError(
            f"Unknown tool '{name}'.{guess} Available tools: {available}. "
            "Call one of these by its exact name."
        )


def _unpack(call: ToolCall | tuple[str, Arguments]) -> tuple[str, Arguments, str]:
    if isinstance(call, ToolCall):
        return call.name, call.arguments, call.id
    if isinstance(call, tuple | list) and len(call) == 2:
        return call[0], call[1], ""
    raise TypeError(f"Each call must be a ToolCall or a (name, arguments) pair, got {call!r}.")
