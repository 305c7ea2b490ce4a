"""The request checks that span fields, as the real APIs make them, with their wording.

Each check reads a request body whose fields already have the right
types (:mod:`.shapes` and the ``fields_*`` tables check those first) and returns a
:class:`Problem` (what the provider would answer with HTTP 400) or ``None``: tool
names and schemas, ``tool_choice`` naming a tool that exists, and every tool result
answering a call.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ...tools import json_schema_library
from ...wire.anthropic import merge_roles
from . import input_examples, mcp_fields, tool_search_fields
from .strict_schema import strict_problem
from .verdicts import Remembered, digest
from .wording import Refusal as Problem

OPENAI_NAME = re.compile(r"[a-zA-Z0-9_-]{1,64}")  # used with fullmatch: "$" lets "name\n" through
ANTHROPIC_NAME = re.compile(r"[a-zA-Z0-9_-]{1,128}")


# Distinct tool schemas whose check is remembered (by digest: a few MB at most). A learner's
# session offers the same few tools on every request; this holds 4 requests of 1,000.
SCHEMAS: Remembered[str | None] = Remembered(4096)


def schema_problem(schema: Any) -> str | None:
    """Why ``schema`` is not a JSON Schema for an object of arguments, or None.

    The JSON Schema check is remembered by the schema's content (its canonical JSON), so
    a request costs the same however often its tools were offered before."""
    if not isinstance(schema, dict):
        return f"schema must be a JSON object, got {type(schema).__name__}"
    if schema.get("type") != "object":
        return f"schema must be a JSON Schema of 'type: \"object\"', got 'type: \"{schema.get('type')}\"'"
    return SCHEMAS.find(digest(schema), lambda: _meta_schema_problem(schema))


def _meta_schema_problem(schema: dict[str, Any]) -> str | None:
    """What draft 2020-12's meta-schema finds wrong in ``schema``."""
    jsonschema = json_schema_library.load()  # here: only requests need it

    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.SchemaError as error:
        where = "/".join(str(p) for p in error.absolute_path) or "(root)"
        return f"{error.message} (at {where})"
    return None


# -- OpenAI (Chat Completions and Responses share tool and tool_choice rules) ----------


def _openai_tools(tools: list[dict[str, Any]], prefix: str) -> tuple[list[str], Problem | None]:
    names = []
    for i, tool in enumerate(tools):
        if tool.get("type") != "function":
            continue
        fn = tool.get("function", tool) if prefix == "tools[{i}].function" else tool
        where = prefix.format(i=i)
        name = fn.get("name")
        if not isinstance(name, str) or not OPENAI_NAME.fullmatch(name):
            return names, Problem(
                f"Invalid '{where}.name': string does not match pattern. Expected a string "
                "that matches the pattern '^[a-zA-Z0-9_-]+$'.",
                f"{where}.name",
            )
        names.append(name)
        schema = fn.get("parameters", {"type": "object", "properties": {}})
        problem = schema_problem(schema)
        if problem is None and fn.get("strict"):
            problem = strict_problem(schema)
        if problem:
            return names, Problem(
                f"Invalid schema for function '{name}': {problem}", f"{where}.parameters"
            )
    return names, None


def _openai_choice(body: dict[str, Any], names: list[str]) -> Problem | None:
    for field in ("tool_choice", "parallel_tool_calls"):
        if field in body and not body.get("tools"):
            return Problem(
                f"Invalid value for '{field}': '{field}' is only allowed when 'tools' are specified.",
                field,
            )
    choice = body.get("tool_choice")
    if isinstance(choice, dict) and choice.get("type") == "allowed_tools":
        return _allowed_tools(choice, names)
    if isinstance(choice, dict) and choice.get("type") == "mcp":
        return mcp_fields.mcp_choice(body, choice)
    if isinstance(choice, dict):
        name = (choice.get("function") or choice).get("name")
        if name not in names:
            return Problem(
                f"Invalid value for 'tool_choice': tool '{name}' was not found in 'tools'. "
                f"Available tools: {', '.join(names) or 'none'}.",
                "tool_choice",
            )
    elif choice is not None and choice not in ("auto", "none", "required"):
        return Problem(
            f"Invalid value: '{choice}'. Supported values are: 'none', 'auto', and 'required'.",
            "tool_choice",
        )
    return None


def _allowed_tools(choice: dict[str, Any], names: list[str]) -> Problem | None:
    """Responses' ``allowed_tools``: each function or custom tool it names is offered."""
    for i, tool in enumerate(choice.get("tools") or []):
        if tool.get("type") in ("function", "custom") and tool.get("name") not in names:
            return Problem(
                f"Invalid value for 'tool_choice.tools[{i}]': tool '{tool.get('name')}' was "
                f"not found in 'tools'. Available tools: {', '.join(names) or 'none'}.",
                f"tool_choice.tools[{i}]",
            )
    return None


def chat_first(body: dict[str, Any]) -> Problem | None:
    """What Chat Completions checks before the tools: a model and messages."""
    if not body.get("model"):
        return Problem("you must provide a model parameter")
    if not body.get("messages"):
        return Problem("Missing required parameter: 'messages'.", "messages")
    return None


def chat_tools(tools: list[dict[str, Any]]) -> tuple[list[str], Problem | None]:
    """The names of Chat Completions' function tools, and the first problem with one."""
    return _openai_tools(tools, "tools[{i}].function")


def chat_rest(body: dict[str, Any], names: list[str]) -> Problem | None:
    """Chat Completions' checks after the tools: ``tool_choice``, tool results."""
    if problem := _openai_choice(body, names):
        return problem
    messages = body["messages"]
    pending: dict[str, int] = {}  # call id -> index of the assistant message that made it
    for i, m in enumerate(messages):
        if m.get("role") == "tool":
            if pending.pop(m.get("tool_call_id"), None) is None:
                return Problem(
                    "Invalid parameter: messages with role 'tool' must be a response to a "
                    "preceeding message with 'tool_calls'.",
                    f"messages.[{i}].role",
                )
            continue
        if pending:
            return _unanswered(pending, i)
        pending = {c.get("id"): i for c in m.get("tool_calls") or []}
    return _unanswered(pending, len(messages)) if pending else None


def _unanswered(pending: dict[str, int], index: int) -> Problem:
    return Problem(
        "An assistant message with 'tool_calls' must be followed by tool messages responding "
        "to each 'tool_call_id'. The following tool_call_ids did not have response messages: "
        + ", ".join(pending),
        f"messages.[{index}].role",
    )


def responses_first(body: dict[str, Any]) -> Problem | None:
    """What Responses checks before the tools: a model and an input."""
    if not body.get("model"):
        return Problem("Missing required parameter: 'model'.", "model")
    if "input" not in body:
        return Problem("Missing required parameter: 'input'.", "input")
    return None


def responses_tools(tools: list[dict[str, Any]]) -> tuple[list[str], Problem | None]:
    """The names of the function and custom tools a Responses request lets
    ``tool_choice`` name (in namespaces too; deferred ones not), and the first problem."""
    names, problem = _openai_tools(tools, "tools[{i}]")
    for i, tool in enumerate(tools):
        if problem is None and tool.get("type") == "namespace":
            members, problem = _openai_tools(tool["tools"], f"tools[{i}].tools[{{i}}]")
            names += members
    problem = (
        problem or mcp_fields.openai_mcp_tools(tools) or tool_search_fields.openai_tools(tools)
    )
    problem = problem or _search_parameters(tools)
    deferred = {t.get("name") for t in tool_search_fields.deferred_functions(tools)}
    names = [n for n in names if n not in deferred]
    return names + [t.get("name") for t in tools if t.get("type") == "custom"], problem


def _search_parameters(tools: list[dict[str, Any]]) -> Problem | None:
    """A client-executed ``tool_search``'s ``parameters`` is a JSON Schema like a function's."""
    for i, tool in enumerate(tools):
        given = tool.get("parameters") if tool.get("type") == "tool_search" else None
        if given is not None and (problem := schema_problem(given)):
            return Problem(f"Invalid schema for tool_search: {problem}", f"tools[{i}].parameters")
    return None


def responses_rest(body: dict[str, Any], names: list[str]) -> Problem | None:
    """Responses' checks after the tools: ``tool_choice``, tool outputs."""
    if problem := tool_search_fields.openai_choice(body) or _openai_choice(body, names):
        return problem
    if body.get("previous_response_id") is not None:
        return None  # the calls are in the stored history: responses_store checks the whole
    return check_response_items(body["input"] if isinstance(body["input"], list) else [])


CALLS = ("function_call", "custom_tool_call")
OUTPUTS = ("function_call_output", "custom_tool_call_output")


def check_response_items(items: list[dict[str, Any]]) -> Problem | None:
    """Every tool output in a Responses conversation answers a call, and every call has one."""
    calls = [i.get("call_id") for i in items if i.get("type") in CALLS]
    outputs = [i.get("call_id") for i in items if i.get("type") in OUTPUTS]
    for call_id in outputs:
        if call_id not in calls:
            return Problem(
                f"No tool call found for function call output with call_id {call_id}.", "input"
            )
    for call_id in calls:
        if call_id not in outputs:
            return Problem(f"No tool output found for function call {call_id}.", "input")
    return None


# -- Anthropic ------------------------------------------------------------------------


def messages_first(body: dict[str, Any]) -> Problem | None:
    """What Messages checks before the tools: the required fields."""
    for field in ("model", "max_tokens", "messages"):
        if field not in body:
            return Problem(f"{field}: Field required")
    return None


def messages_tools(tools: list[dict[str, Any]]) -> tuple[list[str], Problem | None]:
    """The names of Messages' custom tools, and the first problem with one (or with two
    tools of one name)."""
    if problem := tool_search_fields.anthropic_tools(tools):
        return [], problem
    names = []
    for i, tool in enumerate(tools):
        if "input_schema" not in tool and "type" in tool:
            if problem := input_examples.problem(i, tool, False):
                return names, problem
            continue  # a server tool (web search, ...), not a custom one
        if not ANTHROPIC_NAME.fullmatch(str(tool.get("name", ""))):
            return names, Problem(
                f"tools.{i}.custom.name: String should match pattern '^[a-zA-Z0-9_-]{{1,128}}$'"
            )
        names.append(tool["name"])
        if problem := schema_problem(tool.get("input_schema")):
            return names, Problem(
                f"tools.{i}.custom.input_schema: JSON schema is invalid. It must match JSON Schema "
                f"draft 2020-12 ({problem})."
            )
        if problem := input_examples.problem(i, tool, True):
            return names, problem
    return names, _unique_names(tools)


NAMES_NOT_UNIQUE = "tools: Tool names must be unique."


def _unique_names(tools: list[dict[str, Any]]) -> Problem | None:
    """Two tools of one name (custom or server tools) are refused: a ``tool_use`` names
    the tool it calls, so each name must say which one."""
    named = [tool["name"] for tool in tools if type(tool.get("name")) is str]
    return Problem(NAMES_NOT_UNIQUE) if len(set(named)) < len(named) else None


def messages_rest(body: dict[str, Any], names: list[str]) -> Problem | None:
    """Messages' checks after the tools: MCP servers, ``tool_choice``, tool results."""
    if problem := mcp_fields.anthropic_mcp_servers(body):
        return problem
    if problem := tool_search_fields.anthropic_references(body):
        return problem
    choice = body.get("tool_choice")
    if choice and not body.get("tools"):
        return Problem("tool_choice may only be specified while providing tools.")
    if choice and choice.get("type") == "tool" and choice.get("name") not in names:
        return Problem(f"tool_choice.name: Tool '{choice.get('name')}' not found in provided tools")
    return _check_tool_pairs(body["messages"], bool(body.get("tools")))


TOOLS_NEEDED = "Requests which include `tool_use` or `tool_result` blocks must define tools."


def _check_tool_pairs(messages: list[dict[str, Any]], has_tools: bool) -> Problem | None:
    """Every ``tool_result`` answers a ``tool_use`` of the message before, and comes first in
    its message. Same-role neighbours are read as one message, as the real API merges them."""
    expected: list[str] = []
    for i, m in enumerate(merge_roles(messages)):
        content = m.get("content")
        blocks = content if isinstance(content, list) else [{"type": "text", "text": content}]
        kinds = [b.get("type") for b in blocks]
        if not has_tools and ("tool_use" in kinds or "tool_result" in kinds):
            return Problem(TOOLS_NEEDED)
        results = [b.get("tool_use_id") for b in blocks if b.get("type") == "tool_result"]
        for j, call_id in enumerate(results):
            if call_id not in expected:
                return Problem(
                    f"messages.{i}.content.{j}: unexpected `tool_use_id` found in `tool_result` "
                    f"blocks: {call_id}. Each `tool_result` block must have a corresponding "
                    "`tool_use` block in the previous message."
                )
        if expected and (problem := _results_first(i, kinds, expected, results)):
            return problem
        expected = [b.get("id") for b in blocks if b.get("type") == "tool_use"]
    return None


def _results_first(
    index: int, kinds: list[Any], expected: list[str], results: list[Any]
) -> Problem | None:
    """The message after ``tool_use`` blocks must begin with their ``tool_result`` blocks."""
    leading = next((n for n, kind in enumerate(kinds) if kind != "tool_result"), len(kinds))
    if leading < len(expected) and len(kinds) > leading:  # another block comes first
        return Problem(
            f"messages.{index}: Did not find {len(expected)} `tool_result` block(s) at the "
            "beginning of this message. Messages following `tool_use` blocks must begin with "
            "a matching number of `tool_result` blocks."
        )
    if missing := [c for c in expected if c not in results]:
        return Problem(
            f"messages.{index - 1}: `tool_use` ids were found without `tool_result` blocks "
            f"immediately after: {', '.join(missing)}. Each `tool_use` block must have a "
            "corresponding `tool_result` block in the next message."
        )
    return None


@dataclass(frozen=True)
class Checks:
    """An endpoint's checks that span fields, in the order its provider makes them. The
    middle one depends on the tools alone, so a verdict on it can be remembered."""

    first: Callable[[dict[str, Any]], Problem | None]
    tools: Callable[[list[dict[str, Any]]], tuple[list[str], Problem | None]]
    rest: Callable[[dict[str, Any], list[str]], Problem | None]


CHECKS = {
    "chat": Checks(chat_first, chat_tools, chat_rest),
    "responses": Checks(responses_first, responses_tools, responses_rest),
    "anthropic": Checks(messages_first, messages_tools, messages_rest),
}
