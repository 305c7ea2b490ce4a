"""The :class:`ToolRegistry` that holds, exports and runs tools (each a :class:`Tool`)."""

from __future__ import annotations

import asyncio
import copy
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any, Literal, TypeVar

from fcplayground.chat import ToolCall, ToolResult, ToolSpec
from fcplayground.tools.examples import check_examples
from fcplayground.tools.execution import (
    Arguments,
    CallError,
    ToolInterrupted,
    ainvoke,
    invoke,
    run_sync,
    to_content,
    truncate,
    unknown_tool,
    unpack,
)
from fcplayground.tools.export import anthropic_tools, openai_tools
from fcplayground.tools.tool import NAME_RE, Tool

_F = TypeVar("_F", bound=Callable[..., Any])


# --- The registry -------------------------------------------------------------------------


class ToolRegistry:
    """An ordered collection of tools: register functions, export schemas, run calls."""

    def __init__(self, max_result_chars: int | None = 20_000, strict: bool = True) -> None:
        """``max_result_chars`` caps a result's content, error results included
        (``None``: no cap); longer content is cut and ends with a marker saying so.

        ``strict`` (the default) takes numbers and booleans only as those JSON types;
        ``strict=False`` converts ``"3"``, ``true`` or ``"yes"`` (see :meth:`Tool.bind`)."""
        if max_result_chars is not None and max_result_chars < 0:
            raise ValueError(f"max_result_chars must be >= 0 or None, not {max_result_chars}.")
        self.max_result_chars = max_result_chars
        self.strict = strict
        self._tools: dict[str, Tool] = {}

    def tool(
        self,
        func: _F | None = None,
        /,
        *,
        name: str | None = None,
        description: str | None = None,
        side_effect: bool = False,
        input_examples: list[dict[str, Any]] | None = None,
    ) -> Any:
        """Decorator, bare (``@tools.tool``) or with options (``@tools.tool(name=...,
        description=..., side_effect=True, input_examples=[{...}])``). Returns the
        function unchanged."""

        def register(f: _F) -> _F:
            self.add(f, name, description, side_effect, input_examples)
            return f

        return register if func is None else register(func)

    def add(
        self,
        func: Callable[..., Any] | Tool,
        name: str | None = None,
        description: str | None = None,
        side_effect: bool = False,
        input_examples: list[dict[str, Any]] | None = None,
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
                input_examples=check_examples(
                    name or func.name,
                    func.parameters,
                    func.input_examples if input_examples is None else input_examples,
                ),
            )
        else:
            tool = Tool.from_function(func, name, description, side_effect, input_examples)
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

    def set_examples(self, name: str, examples: list[dict[str, Any]] | None) -> Tool:
        """Replace the example inputs of tool ``name`` (``[]`` or None: none), checked
        against its parameters as at registration: the counterpart of :meth:`describe`."""
        tool = self[name]
        tool.input_examples = check_examples(name, tool.parameters, examples)
        return tool

    def rename(self, old: str, new: str) -> Tool:
        """Rename tool ``old`` to ``new``, keeping its place in the registration order."""
        tool = self[old]
        if new == old:
            return tool
        if not isinstance(new, str) or not NAME_RE.fullmatch(new):
            raise ValueError(f"{new!r} cannot be a tool name: use 1-64 letters, digits, _ or -.")
        if new in self._tools:
            raise ValueError(f"A tool named {new!r} is already registered; choose another name.")
        tool.name = new
        self._tools = {(new if key == old else key): t for key, t in self._tools.items()}
        return tool

    def copy(self) -> ToolRegistry:
        """An independent registry: editing its descriptions leaves this one alone."""
        other = ToolRegistry(self.max_result_chars, strict=self.strict)
        for tool in self:
            other._tools[tool.name] = replace(
                tool,
                parameters=copy.deepcopy(tool.parameters),
                input_examples=copy.deepcopy(tool.input_examples),
            )
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
        self,
        strict: bool = False,
        api: Literal["chat", "responses"] = "chat",
        examples: bool = True,
    ) -> list[dict[str, Any]]:
        """The ``tools`` list for OpenAI Chat Completions (default) or Responses. OpenAI
        has no field for example inputs: they end the description (``examples=False``:
        left out)."""
        return openai_tools(self.specs(strict), strict, api, examples)

    def to_anthropic(self, strict: bool = False, examples: bool = True) -> list[dict[str, Any]]:
        """The ``tools`` list for the Anthropic Messages API, with each tool's example
        inputs as ``input_examples`` (no beta header needed; ``examples=False``: left
        out)."""
        return anthropic_tools(self.specs(strict), strict, examples)

    def call(
        self,
        name: str,
        arguments: Arguments = None,
        timeout: float | None = None,
        *,
        call_id: str = "",
        max_chars: int | None = None,
    ) -> ToolResult:
        """Run one call a model asked for. Never raises for a model's mistake or a tool's
        failure (``SystemExit`` included): that comes back as a :class:`ToolResult` with
        ``is_error=True`` saying what to fix; only KeyboardInterrupt goes through.
        ``max_chars`` overrides ``max_result_chars`` for this call.

        With a ``timeout`` (seconds), an async tool is cancelled when it overruns; a sync
        tool runs in a bounded pool of threads and is abandoned (a thread cannot be
        killed: it runs on in the background, see :func:`running_in_background`)."""
        started = time.perf_counter()
        try:
            tool = self._lookup(name)
            kwargs = tool.bind(arguments, self.strict)
            if tool.is_async or timeout is not None:
                value = run_sync(ainvoke(tool, kwargs, timeout))
            else:  # in this thread, so breakpoints and thread-locals behave as usual
                value = invoke(tool, kwargs)
            content, is_error = to_content(tool, value), False
        except CallError as exc:
            content, is_error = str(exc), True
        content = truncate(content, self.max_result_chars if max_chars is None else max_chars)
        result = ToolResult(call_id, content, is_error, name, time.perf_counter() - started)
        return self._ran(arguments, result)

    async def acall(
        self,
        name: str,
        arguments: Arguments = None,
        timeout: float | None = None,
        *,
        call_id: str = "",
        max_chars: int | None = None,
    ) -> ToolResult:
        """Async twin of :meth:`call`; sync tools run in a worker thread. A tool that
        raises KeyboardInterrupt raises :class:`ToolInterrupted` here (see there)."""
        started = time.perf_counter()
        try:
            tool = self._lookup(name)
            value = await ainvoke(tool, tool.bind(arguments, self.strict), timeout)
            content, is_error = to_content(tool, value), False
        except CallError as exc:
            content, is_error = str(exc), True
        except KeyboardInterrupt as exc:
            raise ToolInterrupted(f"{name} raised KeyboardInterrupt") from exc
        content = truncate(content, self.max_result_chars if max_chars is None else max_chars)
        result = ToolResult(call_id, content, is_error, name, time.perf_counter() - started)
        return self._ran(arguments, result)

    def _ran(self, arguments: Arguments, result: ToolResult) -> ToolResult:
        """Every call's result passes here, sync or async: a subclass that keeps a log of
        its calls overrides this alone."""
        return result

    def call_many(
        self,
        calls: Iterable[ToolCall | tuple[str, Arguments]],
        parallel: bool = True,
        timeout: float | None = None,
    ) -> list[ToolResult]:
        """Run several calls, concurrently unless ``parallel=False``; results keep the
        calls' order and ``timeout`` applies to each call."""
        try:
            return run_sync(self.acall_many(calls, parallel=parallel, timeout=timeout))
        except ToolInterrupted as exc:  # back to what a sync caller expects of Ctrl-C
            raise KeyboardInterrupt(str(exc)) from exc

    async def acall_many(
        self,
        calls: Iterable[ToolCall | tuple[str, Arguments]],
        parallel: bool = True,
        timeout: float | None = None,
    ) -> list[ToolResult]:
        """Async twin of :meth:`call_many`."""
        pending = [unpack(c) for c in calls]
        if parallel:
            jobs = (self.acall(n, a, timeout, call_id=i) for n, a, i in pending)
            return list(await asyncio.gather(*jobs))
        return [await self.acall(n, a, timeout, call_id=i) for n, a, i in pending]

    def _lookup(self, name: str) -> Tool:
        if isinstance(name, str) and name in self._tools:
            return self._tools[name]
        raise unknown_tool(name, list(self._tools))
