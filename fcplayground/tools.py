"""Turn plain Python functions into tools a model can call.

A :class:`ToolRegistry` reads each function's signature and docstring, builds the
JSON Schema that OpenAI and Anthropic expect, and runs the calls a model asks for.
Running a call never raises for the model's mistakes (unknown tool, bad JSON, wrong
arguments, a tool that fails or hangs): each becomes an error :class:`ToolResult`
whose text says what was wrong and what to do, so the model can correct itself.
"""

from __future__ import annotations

import asyncio
import copy
import difflib
import functools
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
from typing import Any, Literal, TypeVar

import docstring_parser
import pydantic
import pydantic_core
from pydantic.fields import FieldInfo

from fcplayground.chat import ToolCall, ToolResult, ToolSpec

__all__ = ["Tool", "ToolRegistry", "UndocumentedParameterWarning"]

F = TypeVar("F", bound=Callable[..., Any])
Arguments = dict[str, Any] | str | None
_NAME_RE = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")  # what OpenAI and Anthropic accept


class UndocumentedParameterWarning(UserWarning):
    """A tool or one of its parameters has no description, so the model must guess."""


class _CallError(Exception):
    """Internal: a failed call whose message goes back to the model as an error."""


class _DaemonThreadExecutor(Executor):
    """Runs each sync tool in its own daemon thread.

    Threads cannot be killed, so a tool that hangs past its timeout is abandoned.
    ThreadPoolExecutor workers are joined at interpreter exit even after
    ``shutdown(wait=False)``; daemon threads are not, so a hung tool never blocks exit.
    """

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        future: Future = Future()

        def run() -> None:
            if not future.set_running_or_notify_cancel():
                return
            try:
                future.set_result(fn(*args, **kwargs))
            except BaseException as exc:  # handed to whoever waits on the future
                future.set_exception(exc)

        threading.Thread(target=run, name="fcplayground-tool", daemon=True).start()
        return future


_EXECUTOR = _DaemonThreadExecutor()


@dataclass
class Tool:
    """One callable tool: what the model sees (name, description, JSON Schema
    ``parameters``) and how to run it (``func``, validated by ``args_model``)."""

    name: str
    description: str
    func: Callable[..., Any]
    parameters: dict[str, Any]
    side_effect: bool = False
    args_model: type[pydantic.BaseModel] | None = field(default=None, repr=False)
    positional_only: tuple[str, ...] = field(default=(), repr=False)

    @classmethod
    def from_function(
        cls,
        func: Callable[..., Any],
        name: str | None = None,
        description: str | None = None,
        side_effect: bool = False,
    ) -> Tool:
        """Build a tool from ``func``'s signature and docstring (warns when undocumented)."""
        if not callable(func):
            raise TypeError(f"Only functions can be tools, got {type(func).__name__}.")
        name = name or getattr(func, "__name__", None)
        if not name or not _NAME_RE.match(name):
            raise ValueError(
                f"Tool name {name!r} is not usable: use 1-64 letters, digits, _ or -. "
                "Pass name=... to choose one."
            )
        doc = docstring_parser.parse(_docstring(func))
        if description is None:
            parts = (doc.short_description, doc.long_description)
            description = "\n\n".join(p for p in parts if p)
        param_docs = {p.arg_name: p.description for p in doc.params if p.description}
        sig = _signature(func, name)
        model = _args_model(name, sig, param_docs)
        tool = cls(
            name=name,
            description=description,
            func=func,
            parameters=_clean_schema(model.model_json_schema()),
            side_effect=side_effect,
            args_model=model,
            positional_only=tuple(
                p.name for p in sig.parameters.values() if p.kind is p.POSITIONAL_ONLY
            ),
        )
        _warn_if_undocumented(tool)
        return tool

    @property
    def is_async(self) -> bool:
        """Whether calling ``func`` returns a coroutine to await."""
        call = getattr(self.func, "__call__", None)  # async callable objects too
        return inspect.iscoroutinefunction(self.func) or inspect.iscoroutinefunction(call)

    def to_spec(self, strict: bool = False) -> ToolSpec:
        """The provider-neutral description of this tool, optionally in strict form."""
        parameters = copy.deepcopy(self.parameters)
        if strict:
            _walk(parameters, _make_strict)
        return ToolSpec(self.name, self.description, parameters, strict=strict)

    def bind(self, arguments: Arguments) -> tuple[list[Any], dict[str, Any]]:
        """Validate a model's arguments into ``(args, kwargs)`` for ``func``."""
        values = _parse_arguments(self, arguments)
        if self.args_model is None:
            return [], values
        props = self.parameters.get("properties", {})
        for key in [k for k, v in values.items() if v is None]:
            # Strict mode makes optional parameters nullable: null means "use the default".
            if key in props and key not in self.parameters.get("required", ()):
                if not _accepts_null(props[key], self.parameters):
                    del values[key]
        try:
            validated = dict(self.args_model.model_validate(values))
        except pydantic.ValidationError as exc:
            raise _CallError(_validation_text(self, exc)) from None
        args = [validated.pop(n) for n in self.positional_only]
        return args, validated


def _docstring(func: Callable[..., Any]) -> str:
    target = func.func if isinstance(func, functools.partial) else func
    return inspect.getdoc(target) or ""


def _signature(func: Callable[..., Any], name: str) -> inspect.Signature:
    try:
        sig = inspect.signature(func, eval_str=True)
    except NameError as exc:
        raise TypeError(
            f"Cannot read the type annotations of {name} ({exc}). Define the types it "
            "uses at module level so they can be looked up."
        ) from None
    varargs = [p.name for p in sig.parameters.values() if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    if varargs:
        raise TypeError(
            f"{name} takes {', '.join(varargs)}: a model can only send named arguments, "
            "so give every parameter a name and a type."
        )
    bad = [p for p in sig.parameters if p in ("self", "cls") or p.startswith("_")]
    if bad:
        raise TypeError(
            f"{name} has parameter(s) {', '.join(bad)} that a model cannot fill: register "
            "a bound method (instance.method) and do not start parameter names with '_'."
        )
    return sig


def _args_model(
    name: str, sig: inspect.Signature, param_docs: dict[str, str]
) -> type[pydantic.BaseModel]:
    fields: dict[str, Any] = {}
    for param in sig.parameters.values():
        hint = Any if param.annotation is param.empty else param.annotation
        default = ... if param.default is param.empty else param.default
        info = default if isinstance(default, FieldInfo) else pydantic.Field(default)
        # A Field(description=...) inside Annotated must beat the docstring, but
        # pydantic lets the default's FieldInfo win, so only add the docstring's text
        # when nothing else describes the parameter.
        if not _annotated_description(hint) and info.description is None:
            info.description = param_docs.get(param.name)
        fields[param.name] = (hint, info)
    try:
        with warnings.catch_warnings():  # "json", "copy"... shadow BaseModel methods: harmless here
            warnings.filterwarnings("ignore", message=".*shadows an attribute")
            return pydantic.create_model(
                f"{name}_arguments", __config__=pydantic.ConfigDict(extra="forbid"), **fields
            )
    except (pydantic.PydanticSchemaGenerationError, pydantic.PydanticUserError) as exc:
        raise TypeError(f"Cannot build a JSON schema for the parameters of {name}: {exc}") from None


def _annotated_description(hint: Any) -> str | None:
    if typing.get_origin(hint) is not typing.Annotated:
        return None
    infos = [m for m in typing.get_args(hint)[1:] if isinstance(m, FieldInfo)]
    return next((i.description for i in reversed(infos) if i.description), None)


def _warn_if_undocumented(tool: Tool) -> None:
    problems = []
    if not tool.description:
        problems.append(
            f"Tool {tool.name} has no description, so the model must guess when to use "
            "it: give the function a docstring or pass description=...."
        )
    props = tool.parameters.get("properties", {})
    missing = [n for n, p in props.items() if not p.get("description")]
    if missing:
        problems.append(
            f"Tool {tool.name}: parameter(s) {', '.join(map(repr, missing))} have no "
            "description, so the model must guess what to send. Add an Args: section "
            "to the docstring or annotate them as Annotated[..., Field(description=...)]."
        )
    if problems:
        _warn(" ".join(problems))


def _warn(message: str) -> None:
    # Point the warning at the learner's code, however deep inside this module we are.
    frame, level = sys._getframe(), 1
    while frame is not None and frame.f_globals.get("__name__") == __name__:
        frame, level = frame.f_back, level + 1
    warnings.warn(UndocumentedParameterWarning(message), stacklevel=level)


# --- JSON Schema helpers -------------------------------------------------------------


def _walk(schema: dict[str, Any], visit: Callable[[dict[str, Any]], None]) -> None:
    """Apply ``visit`` to ``schema`` and every subschema, never to property names,
    enum values or defaults (so a property called "title" survives)."""
    visit(schema)
    for key in ("properties", "$defs", "patternProperties"):
        for sub in schema.get(key, {}).values():
            _walk(sub, visit)
    for key in ("anyOf", "allOf", "oneOf", "prefixItems"):
        for sub in schema.get(key, []):
            _walk(sub, visit)
    for key in ("items", "additionalProperties", "not"):
        if isinstance(schema.get(key), dict):
            _walk(schema[key], visit)


def _clean_schema(schema: dict[str, Any]) -> dict[str, Any]:
    _walk(schema, lambda node: node.pop("title", None))
    schema.pop("additionalProperties", None)  # extra="forbid" is enforced when calling
    out = {"type": "object", "properties": schema.pop("properties", {})}
    if schema.get("required"):
        out["required"] = schema.pop("required")
    schema.pop("type", None)
    schema.pop("required", None)
    return out | schema


def _make_strict(node: dict[str, Any]) -> None:
    node.pop("default", None)
    if node.get("type") != "object" and "properties" not in node:
        return
    node["additionalProperties"] = False
    if "properties" in node:
        required = set(node.get("required", ()))
        for key, prop in node["properties"].items():
            if key not in required:
                node["properties"][key] = _nullable(prop)
        node["required"] = list(node["properties"])


def _nullable(prop: dict[str, Any]) -> dict[str, Any]:
    if _accepts_null(prop, {}):
        return prop
    if isinstance(prop.get("type"), str) and not {"enum", "const"} & prop.keys():
        return prop | {"type": [prop["type"], "null"]}
    if "anyOf" in prop:
        return prop | {"anyOf": [*prop["anyOf"], {"type": "null"}]}
    outer = {k: prop[k] for k in ("description",) if k in prop}
    inner = {k: v for k, v in prop.items() if k != "description"}
    return {"anyOf": [inner, {"type": "null"}], **outer}


def _resolve(prop: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    ref = prop.get("$ref", "")
    return root.get("$defs", {}).get(ref.rsplit("/", 1)[-1], prop) if ref else prop


def _accepts_null(prop: dict[str, Any], root: dict[str, Any]) -> bool:
    prop = _resolve(prop, root)
    kind = prop.get("type")
    if kind == "null" or (isinstance(kind, list) and "null" in kind):
        return True
    return any(_accepts_null(p, root) for p in prop.get("anyOf", ())) or not (
        prop.keys() & {"type", "anyOf", "$ref", "enum", "const", "allOf", "oneOf"}
    )


def _type_text(prop: dict[str, Any], root: dict[str, Any]) -> str:
    prop = _resolve(prop, root)
    if "enum" in prop:
        return " or ".join(json.dumps(v, ensure_ascii=False) for v in prop["enum"])
    if "anyOf" in prop:
        return " or ".join(_type_text(p, root) for p in prop["anyOf"])
    kind = prop.get("type", "any")
    if kind == "array":
        return f"array of {_type_text(prop.get('items', {}), root)}"
    return " or ".join(kind) if isinstance(kind, list) else kind


_PLACEHOLDERS = {"string": "...", "integer": 0, "number": 0, "boolean": True, "array": []}


def _example(tool: Tool) -> str:
    """A JSON object of the right shape, to show a model that sent something else."""
    props = tool.parameters.get("properties", {})
    names = tool.parameters.get("required") or list(props)
    example = {}
    for name in names:
        prop = _resolve(props[name], tool.parameters)
        prop = _resolve(prop.get("anyOf", [prop])[0], tool.parameters)
        kind = prop.get("type")
        example[name] = prop["enum"][0] if "enum" in prop else _PLACEHOLDERS.get(kind, {})
    return json.dumps(example, ensure_ascii=False)


def _signature_text(tool: Tool) -> str:
    props = tool.parameters.get("properties", {})
    if not props:
        return f"{tool.name} takes no arguments"
    required = tool.parameters.get("required", ())
    parts = [
        f"{n} ({_type_text(p, tool.parameters)}{', required' if n in required else ''})"
        for n, p in props.items()
    ]
    return f"{tool.name} takes: {', '.join(parts)}"


# --- Turning what a model sent into arguments, and results into text ----------------


def _parse_arguments(tool: Tool, arguments: Arguments) -> dict[str, Any]:
    if arguments is None or (isinstance(arguments, str) and not arguments.strip()):
        return {}
    value: Any = arguments
    if isinstance(arguments, str):
        try:
            value = json.loads(arguments)
        except json.JSONDecodeError as exc:
            raise _CallError(
                f"The arguments for {tool.name} are not valid JSON ({exc.msg}: line "
                f"{exc.lineno} column {exc.colno}). Send one JSON object, for example "
                f"{_example(tool)}."
            ) from None
    if value is None:
        return {}
    if not isinstance(value, dict):
        hint = ""
        if isinstance(value, str) and value.lstrip().startswith("{"):
            hint = " It looks like the object was encoded as a string twice."
        raise _CallError(
            f"The arguments for {tool.name} must be a JSON object, not "
            f"{_json_kind(value)}.{hint} Send one JSON object, for example {_example(tool)}."
        )
    return dict(value)  # bind() may drop keys: never touch the caller's dict


def _json_kind(value: Any) -> str:
    kinds = {bool: "true/false", str: "a string", list: "an array"}
    kind = kinds.get(type(value), "a number" if isinstance(value, int | float) else "that")
    return f"{kind} ({_short_json(value)})"


def _short_json(value: Any, limit: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False, default=repr)
    return text if len(text) <= limit else text[: limit - 3] + "..."


# Plainer words than pydantic's "Input should be a valid integer, unable to parse...".
_EXPECTED = {
    "int": "an integer",
    "float": "a number",
    "bool": "true or false",
    "string": "a string",
    "list": "an array",
    "dict": "a JSON object",
    "model": "a JSON object",
}


def _validation_text(tool: Tool, exc: pydantic.ValidationError) -> str:
    lines = [f"The arguments for {tool.name} are invalid:"]
    for err in exc.errors():
        loc = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"])[1:]
        kind = err["type"]
        if kind == "missing":
            lines.append(f"- missing required argument '{loc}'")
        elif kind == "extra_forbidden":
            lines.append(f"- unexpected argument '{loc}'")
        else:
            base, _, suffix = kind.rpartition("_")
            if suffix in ("type", "parsing") and base in _EXPECTED:
                expected = f"should be {_EXPECTED[base]}"
            else:
                expected = err["msg"].replace("Input should", "should", 1)
            lines.append(f"- argument '{loc}' {expected}, got {_short_json(err['input'])}")
    lines.append(f"{_signature_text(tool)}. Call it again with corrected arguments.")
    return "\n".join(lines)


def _to_content(tool: Tool, value: Any) -> str:
    if isinstance(value, str):
        return value
    try:
        return json.dumps(pydantic_core.to_jsonable_python(value), ensure_ascii=False)
    except (pydantic_core.PydanticSerializationError, TypeError, ValueError):
        raise _CallError(
            f"{tool.name} returned a value of type {type(value).__name__} that cannot be "
            "sent as JSON. Make the tool return a str, or JSON-friendly data (dict, list, "
            "str, int, float, bool, None, a dataclass or a pydantic model)."
        ) from None


def _failure_text(tool: Tool, exc: BaseException) -> str:
    detail = f": {exc}" if str(exc) else ""
    return f"{tool.name} failed: {type(exc).__name__}{detail}"


async def _run_guarded(tool: Tool, args: list[Any], kwargs: dict[str, Any]) -> Any:
    # Wrap the tool's own exceptions so a TimeoutError it raises is not taken for ours.
    try:
        if tool.is_async:
            return await tool.func(*args, **kwargs)
        job = functools.partial(tool.func, *args, **kwargs)
        return await asyncio.get_running_loop().run_in_executor(_EXECUTOR, job)
    except Exception as exc:
        raise _CallError(_failure_text(tool, exc)) from exc


async def _run_with_timeout(
    tool: Tool, args: list[Any], kwargs: dict[str, Any], timeout: float | None
) -> Any:
    try:
        return await asyncio.wait_for(_run_guarded(tool, args, kwargs), timeout)
    except TimeoutError:
        raise _CallError(
            f"{tool.name} did not finish within {timeout:g} s and was abandoned. "
            "Try again later, or carry on without this result."
        ) from None


def _run_sync(coro: typing.Coroutine[Any, Any, Any]) -> Any:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    # A loop already runs in this thread (Jupyter) and asyncio.run would refuse:
    # give the coroutine its own loop in a worker thread and wait for it.
    return _EXECUTOR.submit(asyncio.run, coro).result()


# --- The registry ----------------------------------------------------------------------


class ToolRegistry:
    """An ordered set of tools: register functions, export schemas, run calls."""

    def __init__(self) -> None:
        self._tools: dict[str, Tool] = {}

    def tool(
        self,
        func: F | None = None,
        /,
        *,
        name: str | None = None,
        description: str | None = None,
        side_effect: bool = False,
    ) -> Any:
        """Decorator registering a function, bare (``@tools.tool``) or with options
        (``@tools.tool(name=..., description=..., side_effect=True)``). The function
        itself is returned unchanged."""

        def register(f: F) -> F:
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
            tool = replace(func, name=name or func.name)
            tool.description = func.description if description is None else description
        else:
            tool = Tool.from_function(func, name, description, side_effect)
        if tool.name in self._tools:
            raise ValueError(
                f"A tool named {tool.name!r} is already registered. Pass name=... to "
                "register this one under another name."
            )
        self._tools[tool.name] = tool
        return tool

    def describe(self, name: str, text: str, param: str | None = None) -> Tool:
        """Replace the description of tool ``name``, or of its parameter ``param``."""
        tool = self[name]
        if param is None:
            tool.description = text
            return tool
        props = tool.parameters.get("properties", {})
        if param not in props:
            raise KeyError(
                f"{name} has no parameter {param!r}; its parameters are: "
                f"{', '.join(props) or 'none'}."
            )
        props[param]["description"] = text
        return tool

    def copy(self) -> ToolRegistry:
        """An independent registry: edits to its descriptions leave this one alone."""
        other = ToolRegistry()
        for tool in self:
            other._tools[tool.name] = replace(tool, parameters=copy.deepcopy(tool.parameters))
        return other

    @property
    def names(self) -> list[str]:
        """Tool names in registration order."""
        return list(self._tools)

    def __getitem__(self, name: str) -> Tool:
        try:
            return self._tools[name]
        except KeyError:
            raise KeyError(
                f"No tool named {name!r}; registered tools: {', '.join(self._tools) or 'none'}."
            ) from None

    def __contains__(self, name: object) -> bool:
        return name in self._tools

    def __len__(self) -> int:
        return len(self._tools)

    def __iter__(self) -> Iterator[Tool]:
        return iter(list(self._tools.values()))

    def __repr__(self) -> str:
        return f"ToolRegistry({self.names})"

    # --- Export ---------------------------------------------------------------------

    def specs(self, strict: bool = False) -> list[ToolSpec]:
        """Every tool as a provider-neutral :class:`ToolSpec`, in registration order."""
        return [tool.to_spec(strict) for tool in self]

    def to_openai(
        self, strict: bool = False, api: Literal["chat", "responses"] = "chat"
    ) -> list[dict[str, Any]]:
        """The ``tools`` list for OpenAI Chat Completions (default) or Responses."""
        if api == "responses":  # Responses defaults strict to true: always say which.
            return [
                {"type": "function", "name": s.name, "description": s.description,
                 "parameters": s.parameters, "strict": strict}
                for s in self.specs(strict)
            ]  # fmt: skip
        if api != "chat":
            raise ValueError(f"api must be 'chat' or 'responses', not {api!r}.")
        functions = [
            {"name": s.name, "description": s.description, "parameters": s.parameters}
            | ({"strict": True} if strict else {})
            for s in self.specs(strict)
        ]
        return [{"type": "function", "function": f} for f in functions]

    def to_anthropic(self, strict: bool = False) -> list[dict[str, Any]]:
        """The ``tools`` list for the Anthropic Messages API."""
        return [
            {"name": s.name, "description": s.description, "input_schema": s.parameters}
            | ({"strict": True} if strict else {})
            for s in self.specs(strict)
        ]

    # --- Running calls --------------------------------------------------------------

    def call(
        self, name: str, arguments: Arguments = None, timeout: float | None = None, *, call_id: str = ""
    ) -> ToolResult:
        """Run one call a model asked for. Never raises for the model's mistakes:
        they come back as a ToolResult with ``is_error=True``."""
        started = time.perf_counter()
        try:
            tool = self._lookup(name)
            args, kwargs = tool.bind(arguments)
            if tool.is_async or timeout is not None:
                value = _run_sync(_run_with_timeout(tool, args, kwargs, timeout))
            else:
                value = self._run_inline(tool, args, kwargs)
            content, is_error = _to_content(tool, value), False
        except _CallError as exc:
            content, is_error = str(exc), True
        return ToolResult(call_id, content, is_error, name, time.perf_counter() - started)

    async def acall(
        self, name: str, arguments: Arguments = None, timeout: float | None = None, *, call_id: str = ""
    ) -> ToolResult:
        """Async twin of :meth:`call`: sync tools run in a worker thread."""
        started = time.perf_counter()
        try:
            tool = self._lookup(name)
            args, kwargs = tool.bind(arguments)
            value = await _run_with_timeout(tool, args, kwargs, timeout)
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
        """Run several calls (concurrently by default); results keep the calls' order."""
        return _run_sync(self.acall_many(calls, parallel=parallel, timeout=timeout))

    async def acall_many(
        self,
        calls: Iterable[ToolCall | tuple[str, Arguments]],
        parallel: bool = True,
        timeout: float | None = None,
    ) -> list[ToolResult]:
        """Async twin of :meth:`call_many`; ``timeout`` applies to each call."""
        pending = [_as_call(c) for c in calls]
        if parallel:
            jobs = (self.acall(n, a, timeout, call_id=i) for n, a, i in pending)
            return list(await asyncio.gather(*jobs))
        return [await self.acall(n, a, timeout, call_id=i) for n, a, i in pending]

    def _lookup(self, name: str) -> Tool:
        if name in self._tools:
            return self._tools[name]
        if not self._tools:
            raise _CallError(f"Unknown tool '{name}'. No tools are available; answer without one.")
        close = difflib.get_close_matches(str(name), self._tools, n=1)
        guess = f" Did you mean '{close[0]}'?" if close else ""
        raise _CallError(
            f"Unknown tool '{name}'.{guess} Available tools: {', '.join(self._tools)}. "
            "Call one of these by its exact name."
        )

    @staticmethod
    def _run_inline(tool: Tool, args: list[Any], kwargs: dict[str, Any]) -> Any:
        # No timeout: run in the caller's thread, so breakpoints and thread-locals work.
        try:
            return tool.func(*args, **kwargs)
        except Exception as exc:
            raise _CallError(_failure_text(tool, exc)) from exc


def _as_call(call: ToolCall | tuple[str, Arguments]) -> tuple[str, Arguments, str]:
    if isinstance(call, ToolCall):
        return call.name, call.arguments, call.id
    try:
        name, arguments = call
    except (TypeError, ValueError):
        raise TypeError(
            f"Each call must be a ToolCall or a (name, arguments) pair, got {call!r}."
        ) from None
    return name, arguments, ""
