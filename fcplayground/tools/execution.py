"""Running a tool call: arguments in (parsed and checked), the tool run (sync or
async, with a timeout), the result out as content for the model."""

from __future__ import annotations

import asyncio
import difflib
import functools
import json
import signal
import threading
import typing
from typing import TYPE_CHECKING, Any

import pydantic
import pydantic_core

from fcplayground.chat import ToolCall
from fcplayground.tools.arguments import ArgumentsError, check_value, read_json
from fcplayground.tools.rule_words import pydantic_words
from fcplayground.tools.schema import takes
from fcplayground.tools.threads import POOL, PoolFull

if TYPE_CHECKING:
    from fcplayground.tools.tool import Tool

Arguments = dict[str, Any] | str | None


class CallError(Exception):
    """A failed call; its message goes back to the model as an error result."""


class ToolInterrupted(Exception):
    """A tool raised KeyboardInterrupt inside :meth:`ToolRegistry.acall`.

    It travels as an ordinary exception because asyncio lets a KeyboardInterrupt out of
    a task straight through the event loop (in Jupyter, the kernel's own loop), past the
    caller. ``arun`` stops on it as on Ctrl-C; ``call_many`` raises KeyboardInterrupt."""


def unknown_tool(name: object, names: list[str]) -> CallError:
    """The error for a call of a tool no one registered, with the nearest name."""
    text = str(name)
    # difflib is slow on long text, and no tool name is longer than 64 characters.
    close = difflib.get_close_matches(text, names, n=1) if len(text) <= 100 else []
    guess = f" Did you mean '{close[0]}'?" if close else ""
    available = ", ".join(names) or "none"
    shown = text if len(text) <= 100 else text[:100] + "..."
    return CallError(
        f"Unknown tool '{shown}'.{guess} Available tools: {available}. "
        "Call one of these by its exact name."
    )


def unpack(call: ToolCall | tuple[str, Arguments]) -> tuple[str, Arguments, str]:
    """A call as (name, arguments, id), from a ToolCall or a (name, arguments) pair."""
    if isinstance(call, ToolCall):
        return call.name, call.arguments, call.id
    if isinstance(call, tuple | list) and len(call) == 2:
        return call[0], call[1], ""
    raise TypeError(f"Each call must be a ToolCall or a (name, arguments) pair, got {call!r}.")


# Exceptions that are not a tool's failure but the user's or Python's own: Ctrl-C, and a
# coroutine or generator being closed. Everything else a tool raises, SystemExit included
# (argparse raises it on bad input), becomes an error result.
_NOT_A_FAILURE = (KeyboardInterrupt, GeneratorExit)
# A validation error lists this many problems, then says how many more there were.
_MAX_LISTED = 20


# --- Arguments in, results out ------------------------------------------------------------


def parse_arguments(tool: Tool, arguments: Arguments | bytes) -> dict[str, Any]:
    """The model's arguments as a new dict; CallError saying what to send if unreadable."""
    example = json.dumps(dict.fromkeys(tool.parameters.get("required", []), "..."))
    value: Any = arguments
    try:
        if isinstance(arguments, str | bytes | bytearray):
            value = read_json(arguments) if arguments.strip() else None
        else:
            check_value(arguments)
    except ArgumentsError as exc:
        advice = f" Send one JSON object, for example {example}." if exc.needs_example else ""
        raise CallError(f"The arguments for {tool.name} {exc}{advice}") from None
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
    try:
        text = json.dumps(value, ensure_ascii=False, default=repr)
    except (ValueError, TypeError, RecursionError):  # a huge int, a cycle, deep nesting
        text = f"<{type(value).__name__}>"
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
    errors = exc.errors(include_url=False)
    lines += [_problem(tool, err) for err in errors[:_MAX_LISTED]]
    if len(errors) > _MAX_LISTED:  # 100,000 wrong items must not give a 5 MB message
        lines.append(f"- and {len(errors) - _MAX_LISTED:,} more problems like these")
    return "\n".join([*lines, f"{takes(tool)}. Call it again with corrected arguments."])


def _problem(tool: Tool, err: Any) -> str:
    loc = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"]).lstrip(".")
    base, _, suffix = err["type"].rpartition("_")
    if err["type"] == "missing":
        return f"- missing required argument '{loc}'"
    if err["type"] == "extra_forbidden":
        names = ", ".join(tool.parameters["properties"]) or "no arguments"
        where = f" (this tool takes: {names})" if len(err["loc"]) == 1 else ""
        return f"- unexpected argument '{loc}'{where}"
    # A bound's words are shared with a schema tool's check (schema_check).
    expected = pydantic_words(err) or err["msg"].replace("Input should", "should", 1)
    if suffix in ("type", "parsing") and base in _EXPECTED:
        expected = f"should be {_EXPECTED[base]}"
    return f"- argument '{loc}' {expected}, got {_short_json(err['input'])}"


def validate(
    model: type[pydantic.BaseModel], values: dict[str, Any], strict: bool
) -> pydantic.BaseModel:
    """``values`` checked by ``model``. Strict validates them as JSON (so dates and enums
    come as strings, as a model sends them) with pydantic's strict rules; lax lets
    pydantic convert ("3" to 3, "yes" to True)."""
    if not strict:
        return model.model_validate(values)
    try:
        text = pydantic_core.to_json(values)
    except (pydantic_core.PydanticSerializationError, ValueError, TypeError):
        # Python objects a JSON text cannot hold (a caller's own instances): strict as is.
        return model.model_validate(values, strict=True)
    return model.model_validate_json(text, strict=True)


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


def _failure(tool: Tool, exc: BaseException) -> CallError:
    if isinstance(exc, SystemExit):  # argparse exits on bad input; the program must not
        return CallError(
            f"{tool.name} failed: it tried to exit the program (SystemExit: {exc.code!r}). "
            "Check the arguments, or carry on without this result."
        )
    try:
        detail = str(exc)
    except Exception:  # an exception whose __str__ fails is still a failure to report
        detail = ""
    return CallError(
        f"{tool.name} failed: {type(exc).__name__}" + (f": {detail}" if detail else "")
    )


def invoke(tool: Tool, kwargs: dict[str, Any]) -> Any:
    """Run a sync tool here; whatever it raises but Ctrl-C becomes a CallError."""
    try:
        return tool.func(**kwargs)
    except _NOT_A_FAILURE + (CallError,):  # a CallError is the tool's own error text
        raise
    except BaseException as exc:
        raise _failure(tool, exc) from exc


async def ainvoke(tool: Tool, kwargs: dict[str, Any], timeout: float | None) -> Any:
    """Run a tool with a timeout: an async one is cancelled when it overruns; a sync
    one runs in the bounded thread pool and is abandoned (a thread cannot be killed)."""
    if not tool.is_async:
        return await _in_thread(tool, kwargs, timeout)
    try:
        return await asyncio.wait_for(_guarded(tool, kwargs), timeout)
    except asyncio.TimeoutError:
        raise CallError(
            f"{tool.name} did not finish within {timeout:g} s and was cancelled. "
            "Try again later, or carry on without this result."
        ) from None


async def _guarded(tool: Tool, kwargs: dict[str, Any]) -> Any:
    try:
        return await tool.func(**kwargs)
    except asyncio.CancelledError as exc:
        task = asyncio.current_task()
        if task is not None and task.cancelling():  # our timeout, or the caller, cancels
            raise
        raise _failure(tool, exc) from exc  # the tool raised it of its own accord
    except _NOT_A_FAILURE + (CallError,):  # a CallError is the tool's own error text
        raise
    except BaseException as exc:  # wrapped, so a TimeoutError it raises is not taken for ours
        raise _failure(tool, exc) from exc


async def _in_thread(tool: Tool, kwargs: dict[str, Any], timeout: float | None) -> Any:
    try:
        job = POOL.submit(functools.partial(invoke, tool, kwargs))
    except PoolFull as exc:
        raise CallError(
            f"{tool.name} was not run: {exc}. Carry on without this result; the user can "
            "restart Python to stop them."
        ) from None
    try:
        return await asyncio.wait_for(asyncio.wrap_future(job.future), timeout)
    except asyncio.TimeoutError:
        POOL.abandon(job)
        # The count is running_in_background(); the text stays what lesson 06 shows.
        raise CallError(
            f"{tool.name} did not finish within {timeout:g} s and was abandoned. "
            "Try again later, or carry on without this result."
        ) from None
    except BaseException:  # cancelled, or interrupted: stop waiting, count it if it runs on
        POOL.abandon(job)
        raise


def _run_here(coro: typing.Coroutine[Any, Any, Any]) -> Any:
    """``asyncio.run(coro)``, but Ctrl-C raises KeyboardInterrupt at once.

    asyncio.run catches SIGINT with a plain signal handler, which runs only when the
    loop next wakes: while a sync tool holds it in ``select()``, that is when the tool
    returns, and then ``wait_for`` may swallow the cancellation. A loop signal handler
    wakes the loop at once (it sets the wakeup fd)."""
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is not signal.default_int_handler
        or _wakeup_fd_in_use()
    ):
        return asyncio.run(coro)
    tasks: list[asyncio.Task[Any]] = []
    interrupted = threading.Event()

    async def main() -> Any:
        task = asyncio.current_task()
        if task is not None:  # always, for a coroutine a Runner runs
            tasks.append(task)
        return await coro

    def on_sigint() -> None:
        interrupted.set()
        for task in tasks:
            task.cancel()

    with asyncio.Runner() as runner:
        loop = runner.get_loop()
        try:
            loop.add_signal_handler(signal.SIGINT, on_sigint)
        except (NotImplementedError, RuntimeError):  # Windows: no loop signal handlers
            return runner.run(main())
        try:
            result = runner.run(main())
        except asyncio.CancelledError:
            if interrupted.is_set():
                raise KeyboardInterrupt from None
            raise
        finally:
            loop.remove_signal_handler(signal.SIGINT)
    if interrupted.is_set():  # the call had just finished: Ctrl-C still stops the caller
        raise KeyboardInterrupt
    return result


def _wakeup_fd_in_use() -> bool:
    """Whether someone else (a GUI or async framework) set the signal wakeup fd, which
    a loop signal handler would take over."""
    fd = signal.set_wakeup_fd(-1)
    signal.set_wakeup_fd(fd)
    return fd != -1


def run_sync(coro: typing.Coroutine[Any, Any, Any]) -> Any:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _run_here(coro)
    # A loop already runs in this thread (Jupyter), where asyncio.run refuses to work:
    # run the coroutine on its own loop in another thread and wait for it. Not in the
    # tool pool: this thread only waits, and the calls it makes need the pool's threads.
    box: list[Any] = []

    def target() -> None:
        try:
            box.append((True, asyncio.run(coro)))
        except BaseException as exc:  # re-raised below, in the caller's thread
            box.append((False, exc))

    thread = threading.Thread(target=target, name="fcplayground-loop", daemon=True)
    thread.start()
    thread.join()
    ok, value = box[0]
    if not ok:
        raise value
    return value
