"""The body of Anthropic's ``POST /v1/messages``, field by field (as the SDK's
``message_create_params`` types describe it, beta fields included)."""

from __future__ import annotations

import typing

from anthropic.types import message_create_params as params
from anthropic.types.beta import message_create_params as beta_params
from anthropic.types.beta.beta_tool_param import BetaToolParam
from anthropic.types.output_config_param import OutputConfigParam
from anthropic.types.tool_param import ToolParam

from .openai_common import OBJECT, sdk_fields
from .shapes import Anything, Array, Bool, Either, Int, Maybe, Num, Obj, OneOf, Str, Tagged
from .tool_search_fields import SEARCH_TYPES

NAME_PATTERN = "^[a-zA-Z0-9_-]{1,128}$"
NAME = Str(pattern=NAME_PATTERN)

TEXT = Obj({"text": Str()}, required=("text",))
CALL = Obj({"id": Str(), "name": Str(), "input": OBJECT}, required=("id", "name", "input"))
RESULT = Obj(
    {"tool_use_id": Str(), "content": Either((Str(), Array(OBJECT))), "is_error": Bool()},
    required=("tool_use_id",),
)
# A tool as an MCP server lists it: in an ``mcp_tool_listing`` block, or pinned in a toolset.
MCP_TOOL = Obj(
    {"name": Str(), "description": Maybe(Str()), "input_schema": OBJECT},
    required=("name", "input_schema"),
)
LISTING = Obj(
    {"mcp_server_name": Str(), "tools": Array(MCP_TOOL)}, required=("mcp_server_name", "tools")
)
SERVER_RESULTS = (
    "web_search_tool_result",
    "web_fetch_tool_result",
    "code_execution_tool_result",
    "bash_code_execution_tool_result",
    "text_editor_code_execution_tool_result",
    "tool_search_tool_result",
    "mcp_tool_use",
    "mcp_tool_result",
    "container_upload",
)
BLOCK = Tagged(
    variants={
        "text": TEXT,
        "image": Obj({"source": OBJECT}, required=("source",)),
        "document": Obj({"source": OBJECT}, required=("source",)),
        "search_result": Obj(),
        "thinking": Obj({"thinking": Str(), "signature": Str()}, required=("thinking",)),
        "redacted_thinking": Obj({"data": Str()}, required=("data",)),
        "tool_use": CALL,
        "tool_result": RESULT,
        "server_tool_use": CALL,
        **{kind: Obj() for kind in SERVER_RESULTS},
        "mcp_tool_listing": LISTING,
    }
)
MESSAGE = Obj(
    {"role": OneOf(("user", "assistant")), "content": Either((Str(), Array(BLOCK)))},
    required=("role", "content"),
)


def _callers() -> tuple[str, ...]:
    """Who the SDK's tool types let call a tool (``direct``, a code execution tool)."""
    callers: dict[str, None] = {}
    for typed in (ToolParam, BetaToolParam):
        hint = typing.get_type_hints(typed)["allowed_callers"]  # List[Literal[...]]
        (literal,) = typing.get_args(hint)
        callers.update(dict.fromkeys(typing.get_args(literal)))
    return tuple(callers)


# A custom tool takes the fields its SDK types name (a newer SDK's too, unread), and the
# API refuses any other by name: "tools.0.custom.foo: Extra inputs are not permitted".
CUSTOM_TOOL = Obj(
    {name: Anything() for name in sdk_fields(ToolParam, BetaToolParam)}
    | {
        "type": Maybe(OneOf(("custom",))),
        "name": NAME,
        "description": Str(),
        "input_schema": OBJECT,
        "cache_control": Maybe(OBJECT),
        "strict": Bool(),
        "defer_loading": Bool(),
        "input_examples": Array(OBJECT),  # each checked against input_schema: input_examples.py
        "allowed_callers": Array(OneOf(_callers())),
        "eager_input_streaming": Maybe(Bool()),
    },
    required=("name", "input_schema"),
    closed=True,
)
# Server tools (web search, bash, ...) carry a dated type and a name; they pass unread.
# The tools of an MCP server of ``mcp_servers`` (beta mcp-client-2025-11-20; ``tools``, a
# pinned list, with mcp-client-2026-09-15: offline.mcp_anthropic checks the beta).
MCP_TOOLSET = Obj(
    {
        "mcp_server_name": Str(),
        "default_config": OBJECT,
        "configs": OBJECT,
        "tools": Maybe(Array(MCP_TOOL)),
    },
    required=("mcp_server_name",),
)


# The tool search tools (offline.tool_search_anthropic), each with the one name it may have.
def _search_tool(name: str) -> Obj:
    return Obj(
        {
            "type": Str(),
            "name": OneOf((name,)),
            "defer_loading": Bool(),
            "strict": Bool(),
            "allowed_callers": Array(Str()),
            "cache_control": Maybe(OBJECT),
        },
        required=("name",),
        closed=True,
    )


SEARCH_TOOLS = {kind: _search_tool(name) for kind, name in SEARCH_TYPES.items()}
TOOL = Tagged(
    default="custom",
    null_is_default=True,  # the SDK's custom tool types take "type": null
    variants={"custom": CUSTOM_TOOL, "mcp_toolset": MCP_TOOLSET, **SEARCH_TOOLS},
    fallback=Obj({"name": NAME, "input_schema": OBJECT}, required=("name",)),
)
PARALLEL = {"disable_parallel_tool_use": Bool()}
TOOL_CHOICE = Tagged(
    variants={
        "auto": Obj(PARALLEL),
        "any": Obj(PARALLEL),
        "tool": Obj({"name": Str(), **PARALLEL}, required=("name",)),
        "none": Obj(),
    }
)


def _efforts() -> tuple[str, ...]:
    """The effort levels the SDK's ``output_config`` type lists (low ... max)."""
    hint = typing.get_type_hints(OutputConfigParam)["effort"]  # Optional[Literal[...]]
    (literal, _none) = typing.get_args(hint)
    return typing.get_args(literal)


# Structured outputs: ``format`` asks for a reply of JSON matching ``schema`` (what
# messages.parse(output_format=...) sends; offline.structured answers it).
OUTPUT_CONFIG = Obj(
    {
        "effort": Maybe(OneOf(_efforts())),
        "format": Maybe(
            Tagged(variants={"json_schema": Obj({"schema": OBJECT}, required=("schema",))})
        ),
    }
)

# A message thread (beta message-threads-2026-08-12); offline.threads keeps them. The
# tool runners leave it out, or send false, when they run without one.
THREAD = Maybe(
    Either(
        (
            Bool(),
            Tagged(
                variants={
                    "create": Obj(),
                    "continue": Obj(
                        {"previous_message_id": Str(min_length=1)},
                        required=("previous_message_id",),
                    ),
                }
            ),
        )
    )
)

FIELDS = {
    "model": Str(),
    "max_tokens": Int(1),
    "messages": Array(MESSAGE),
    "system": Either((Str(), Array(Tagged(variants={"text": TEXT})))),
    "tools": Array(TOOL),
    "tool_choice": TOOL_CHOICE,
    "stream": Bool(),
    "thread": THREAD,
    "temperature": Num(0, 1),
    "top_p": Num(0, 1),
    "top_k": Int(0),
    "stop_sequences": Array(Str()),
    "metadata": Obj({"user_id": Maybe(Str())}),
    "service_tier": OneOf(("auto", "standard_only")),
    "output_config": OUTPUT_CONFIG,
    "thinking": Tagged(
        variants={
            "enabled": Obj({"budget_tokens": Int(1024)}, required=("budget_tokens",)),
            "disabled": Obj(),
            "adaptive": Obj(),
        }
    ),
}

SDK = sdk_fields(
    params.MessageCreateParamsStreaming,
    params.MessageCreateParamsNonStreaming,
    beta_params.MessageCreateParamsStreaming,
    beta_params.MessageCreateParamsNonStreaming,
)
BODY = Obj(
    {name: Anything() for name in SDK} | FIELDS,
    required=("model", "max_tokens", "messages"),
    closed=True,
)
