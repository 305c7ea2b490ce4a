"""Running a tool call: arguments in (parsed and checked), the tool run (sync or
async, with a timeout), the result out as content for the model."""

from __future__ import annotations

import asyncio
import json
import threading
import typing
from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import TYPE_CHECKING, Any

import pydantic
import pydantic_core

from fcplayground.tools.schema import takes

if TYPE_CHECKING:
    from fcplayground.tools.registry import Tool

Arguments = dict[str, Any] | str | None


class CallError(Exception):
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


# --- Arguments in, results out ------------------------------------------------------------


def parse_arguments(tool: Tool, arguments: Arguments) -> dict[str, Any]:
    example = json.dumps(dict.fromkeys(tool.parameters.get("required", []), "..."))
    value: Any = arguments
    if isinstance(arguments, str):
        try:
            value = json.loads(arguments) if arguments.strip() else None
        except json.JSONDecodeError as exc:
            raise CallError(
                f"The arguments for {tool.name} are not valid JSON ({exc.msg}: line {exc.lineno} "
                f"column {exc.colno}). Send one JSON object, for example {example}."
            ) from None
    if value is None:
        return {}
    if not isinstance(value, dict):
        kind = {bool: "true/false", str: "a string", list: "an array"}.get(type(value), "a number")
        raise CallError(
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


def validation_text(tool: Tool, exc: pydantic.ValidationError) -> str:
    lines = [f"The arguments for {tool.name} are invalid:"]
    for err in exc.errors():
        loc = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"]).lstrip(".")
        base, _, suffix = err["type"].rpartition("_")
        if err["type"] == "missing":
            lines.append(f"- missing required argument '{loc}'")
        elif err["type"] == "extra_forbidden":
            names = ", ".join(tool.parameters["properties"]) or "no arguments"
            where = f" (this tool takes: {names})" if len(err["loc"]) == 1 else ""
            lines.append(f"- unexpected argument '{loc}'{where}")
        else:
            expected = err["msg"].replace("Input should", "should", 1)
            if suffix in ("type", "parsing") and base in _EXPECTED:
                expected = f"should be {_EXPECTED[base]}"
            lines.append(f"- argument '{loc}' {expected}, got {_short_json(err['input'])}")
    return "\n".join([*lines, f"{takes(tool)}. Call it again with corrected arguments."])


def to_content(tool: Tool, value: Any) -> str:
    if isinstance(value, str):
        return value
    try:
        return json.dumps(pydantic_core.to_jsonable_python(value), ensure_ascii=False)
    except (pydantic_core.PydanticSerializationError, TypeError, ValueError):
        raise CallError(
            f"{tool.name} returned a value of type {type(value).__name__} that cannot be sent "
            "as JSON. Make the tool return a str or JSON-friendly data: dict, list, str, int, "
            "float, bool, None, a dataclass or a pydantic model."
        ) from None


def truncate(content: str, limit: int | None) -> str:
    """``content`` cut to its first ``limit`` characters, with a marker saying so."""
    if limit is None or len(content) <= limit:
        return content
    return content[:limit] + (
        f"\n[truncated: {len(content)} characters, showing the first {limit}. "
        "Ask for less, or raise max_result_chars.]"
    )


def _failure(tool: Tool, exc: Exception) -> CallError:
    return CallError(f"{tool.name} failed: {type(exc).__name__}" + (f": {exc}" if str(exc) else ""))


def invoke(tool: Tool, kwargs: dict[str, Any]) -> Any:
    try:
        return tool.func(**kwargs)
    except Exception as exc:
        raise _failure(tool, exc) from exc


async def ainvoke(tool: Tool, kwargs: dict[str, Any], timeout: float | None) -> Any:
    async def guarded() -> Any:
        if not tool.is_async:
            return await asyncio.get_running_loop().run_in_executor(_EXECUTOR, invoke, tool, kwargs)
        try:
            return await tool.func(**kwargs)
        except Exception as exc:  # wrapped, so a TimeoutError it raises is not taken for ours
            raise _failure(tool, exc) from exc

    try:
        return await asyncio.wait_for(guarded(), timeout)  # cancels an async tool on timeout
    except asyncio.TimeoutError:
        raise CallError(
            f"{tool.name} did not finish within {timeout:g} s and was abandoned. "
            "Try again later, or carry on without this result."
        ) from None


def run_sync(coro: typing.Coroutine[Any, Any, Any]) -> Any:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    # A loop already runs in this thread (Jupyter), where asyncio.run refuses to work:
    # run the coroutine on its own loop in a worker thread and wait for it.
    return _EXECUTOR.submit(asyncio.run, coro).result()
