"""The legacy function-calling fields of OpenAI Chat Completions, read and written.

Before ``tools`` there were ``functions`` (the function objects without the
``{"type": "function", "function": ...}`` wrapper), ``function_call`` (the old
``tool_choice``: ``"auto"``, ``"none"`` or ``{"name": ...}``), assistant messages with
one ``function_call: {"name", "arguments"}`` and ``role: "function"`` messages carrying
its result. Old tutorials still use them, and the openai SDK still sends them.

:mod:`.openai_chat` calls this module: legacy messages are rewritten as the tool calls and
tool results it already reads, and a request that used ``functions`` becomes a
:class:`LegacyRequest`, answered in the legacy shape: one ``function_call`` (the legacy API
has no parallel calls) and ``finish_reason: "function_call"``. Legacy calls carry no id,
so each gets a synthetic one, shared with the ``function`` message that answers it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..chat import ModelTurn, NamedTool, Request, ToolChoice, ToolSpec
from ._common import chunks, stable_id

NAME = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")
EXAMPLE = '{"name": "get_weather", "description": "...", "parameters": {"type": "object", ...}}'


class LegacyFormatError(ValueError):
    """A malformed legacy field: what is wrong and what to do; ``param`` is its path.

    The offline provider answers it as the API does an invalid request (HTTP 400).
    """

    def __init__(self, message: str, param: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.param = param


@dataclass
class LegacyRequest(Request):
    """A request that offered the legacy ``functions``: its answer takes the legacy shape."""


def is_legacy(request: Request | None) -> bool:
    """Whether ``request`` offered the legacy ``functions`` (and so expects that shape)."""
    return isinstance(request, LegacyRequest)


# -- functions and function_call ----------------------------------------------------


def read_tools(body: dict[str, Any]) -> tuple[list[ToolSpec], ToolChoice | None, bool] | None:
    """The legacy ``functions`` and ``function_call`` as (tools, tool_choice, parallel calls).

    ``None`` when the body has no ``functions``; parallel calls are always off (the
    legacy API makes one call per turn).
    """
    _check_not_mixed(body)
    functions = body.get("functions")
    if functions is None:
        if body.get("function_call") is not None:
            instead = "use 'tool_choice' with 'tools'" if body.get("tools") else "leave it out"
            raise LegacyFormatError(
                "Invalid value for 'function_call': 'function_call' is only allowed when "
                f"'functions' are specified. Pass functions=[...] too, or {instead}.",
                "function_call",
            )
        return None
    if not isinstance(functions, list):
        raise LegacyFormatError(
            f"Invalid type for 'functions': expected an array, but got {_kind(functions)} "
            f"instead. Pass a list of function objects, e.g. functions=[{EXAMPLE}].",
            "functions",
        )
    specs = [_spec(f, i) for i, f in enumerate(functions)]
    return specs, _choice(body.get("function_call"), [s.name for s in specs]), False


def _check_not_mixed(body: dict[str, Any]) -> None:
    for old, new in (("functions", "tools"), ("function_call", "tool_choice")):
        if body.get(old) is not None and body.get(new) is not None:
            raise LegacyFormatError(
                f"Invalid parameter: '{old}' and '{new}' cannot both be given. '{old}' is the "
                f"legacy form of '{new}': use one or the other (preferably '{new}').",
                old,
            )


def _spec(function: Any, index: int) -> ToolSpec:
    where = f"functions[{index}]"
    if not isinstance(function, dict):
        raise LegacyFormatError(
            f"Invalid type for '{where}': expected an object, but got {_kind(function)} "
            f"instead. Each function is an object such as {EXAMPLE}.",
            where,
        )
    name = function.get("name")
    if not isinstance(name, str) or not NAME.match(name):
        raise LegacyFormatError(
            f"Invalid '{where}.name': string does not match pattern. Expected a string that "
            "matches the pattern '^[a-zA-Z0-9_-]+$' (at most 64 characters).",
            f"{where}.name",
        )
    parameters = function.get("parameters", {"type": "object", "properties": {}})
    if not isinstance(parameters, dict):
        raise LegacyFormatError(
            f"Invalid schema for function '{name}': schema must be a JSON object, got "
            f"{_kind(parameters)}. Give 'parameters' as a JSON Schema object, or leave it out "
            "for a function without arguments.",
            f"{where}.parameters",
        )
    return ToolSpec(name, str(function.get("description") or ""), parameters)


def _choice(choice: Any, names: list[str]) -> ToolChoice | None:
    if choice is None or choice in ("auto", "none"):
        return choice
    if isinstance(choice, dict) and isinstance(choice.get("name"), str):
        if choice["name"] not in names:
            raise LegacyFormatError(
                f"Invalid value for 'function_call': function '{choice['name']}' was not found "
                f"in 'functions'. Available functions: {', '.join(names) or 'none'}.",
                "function_call",
            )
        return NamedTool(choice["name"])
    shown = f"'{choice}'" if isinstance(choice, str) else json.dumps(choice)
    raise LegacyFormatError(
        f"Invalid value for 'function_call': {shown}. Supported values are "
        "'none', 'auto', or {\"name\": \"<function name>\"} to force one of 'functions'.",
        "function_call",
    )


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}
    return names.get(type(value), "null" if value is None else f"a {type(value).__name__}")


# -- messages -------------------------------------------------------------------------


def modern_messages(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Messages with legacy function calls and results rewritten as tool calls and results.

    Each ``role: "function"`` message answers the latest unanswered assistant
    ``function_call`` of its name; both get the same synthetic id.
    """
    pending: list[tuple[str, str]] = []  # (call id, name) of calls not answered yet
    out = []
    for index, m in enumerate(messages):
        if m.get("role") == "function":
            out.append(_result(m, index, pending))
        elif m.get("role") == "assistant" and m.get("function_call") is not None:
            call_id = stable_id("call_", f"function_call#{index}")
            pending.append((call_id, _checked_call(m["function_call"], index)))
            out.append(modern_assistant(m, call_id))
        else:
            out.append(m)
    return out


def modern_assistant(message: dict[str, Any], call_id: str) -> dict[str, Any]:
    """An assistant message whose ``function_call`` becomes one of its ``tool_calls``."""
    function = message["function_call"]
    call = {
        "id": call_id,
        "type": "function",
        "function": {
            "name": function.get("name") or "",
            "arguments": function.get("arguments") or "",
        },
    }
    tool_calls = [*(message.get("tool_calls") or []), call]
    return {**message, "function_call": None, "tool_calls": tool_calls}


def _checked_call(function: Any, index: int) -> str:
    """The name of a well-formed assistant ``function_call`` (else a clear error)."""
    where = f"messages.[{index}].function_call"
    if not isinstance(function, dict) or not isinstance(function.get("name"), str):
        raise LegacyFormatError(
            f"Invalid '{where}': expected an object with a 'name' and 'arguments' (a JSON "
            'string), such as {"name": "get_weather", "arguments": "{\\"city\\": \\"Paris\\"}"}.',
            where,
        )
    arguments = function.get("arguments")
    try:
        value = json.loads(arguments) if arguments else {}
    except (TypeError, ValueError, RecursionError) as e:  # ValueError: the int digit limit
        reason = _reason(e) if isinstance(arguments, str) else f"got {_kind(arguments)}"
        raise LegacyFormatError(
            f"Invalid '{where}.arguments': {_shown(arguments)} is not valid JSON "
            f"({reason}). Send back the arguments string exactly as the model returned it: "
            'a JSON object as text, such as "{\\"city\\": \\"Paris\\"}".',
            f"{where}.arguments",
        ) from None
    if not isinstance(value, dict):
        raise LegacyFormatError(
            f"Invalid '{where}.arguments': expected a JSON object as text, but it holds "
            f"{_kind(value)}. Send the arguments as an object, such as "
            '"{\\"city\\": \\"Paris\\"}".',
            f"{where}.arguments",
        )
    return function["name"]


def _shown(arguments: Any) -> str:
    """The arguments as JSON for an error message, cut if long."""
    text = json.dumps(arguments[:200] if isinstance(arguments, str) else arguments)
    return text if not isinstance(arguments, str) or len(arguments) <= 200 else text + "..."


def _reason(exc: Exception) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply: send flatter arguments"
    return str(exc).split("\n", 1)[0][:200]


def _result(m: dict[str, Any], index: int, pending: list[tuple[str, str]]) -> dict[str, Any]:
    """A ``role: "function"`` message as the ``tool`` message answering its call."""
    name = m.get("name")
    if not isinstance(name, str) or not name:
        raise LegacyFormatError(
            f"Missing required parameter: 'messages.[{index}].name'. A message with role "
            "'function' needs the 'name' of the function whose result it carries.",
            f"messages.[{index}].name",
        )
    match = next((p for p in reversed(pending) if p[1] == name), None)
    if match is None:
        raise LegacyFormatError(
            f"Invalid parameter: messages.[{index}] has role 'function' and name '{name}', "
            f"but no earlier assistant message has an unanswered 'function_call' named "
            f"'{name}'. Put the assistant message with that function_call before its result, "
            "and give the result the same name.",
            f"messages.[{index}].role",
        )
    pending.remove(match)
    return {"role": "tool", "tool_call_id": match[0], "content": m.get("content")}


# -- responses ------------------------------------------------------------------------


def read_reply(message: dict[str, Any], seed: str) -> dict[str, Any]:
    """A response's message with its legacy ``function_call`` (if any) as a tool call.

    Unlike a request's, the arguments are not checked: what a model sends is read as it
    is (text that is not a JSON object stays text).
    """
    if not isinstance(message.get("function_call"), dict):
        return message
    return modern_assistant(message, stable_id("call_", f"{seed}#function_call"))


def function_call(turn: ModelTurn) -> dict[str, str]:
    """The legacy ``message.function_call`` of a turn: its first call (there is only one)."""
    call = turn.tool_calls[0]
    return {"name": call.name, "arguments": call.arguments_json}


def stream_deltas(turn: ModelTurn) -> Iterator[dict[str, Any]]:
    """The legacy ``delta.function_call`` pieces of a turn: the name, then the arguments."""
    if not turn.tool_calls:
        return
    call = function_call(turn)
    yield {"function_call": {"name": call["name"], "arguments": ""}}
    for piece in chunks(call["arguments"], 12):
        yield {"function_call": {"arguments": piece}}


def accumulate(call: dict[str, str], delta: dict[str, Any]) -> None:
    """Add a stream delta's ``function_call`` pieces to ``call`` (name, arguments)."""
    piece = delta.get("function_call")
    if not isinstance(piece, dict):
        return
    for key in ("name", "arguments"):
        call[key] = call.get(key, "") + (piece.get(key) or "")
