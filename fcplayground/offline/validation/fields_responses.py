"""The body of ``POST /v1/responses``, field by field (as the SDK's
``response_create_params`` types describe it)."""

from __future__ import annotations

from openai.types.responses import response_create_params as params

from .openai_common import (
    NAME,
    NOT_OPENAI,
    OBJECT,
    SAMPLING,
    SCHEMA,
    sdk_fields,
    tools_array,
    top_level,
)
from .shapes import Anything, Array, Bool, Either, Int, Maybe, Obj, OneOf, Str, Tagged

UNKNOWN = "Unknown parameter: '{name}'."

TEXT = Obj({"text": Str()}, required=("text",))
PARTS = Array(
    Tagged(variants={"input_text": TEXT, "output_text": TEXT}, fallback=Anything(("object",)))
)
CONTENT = Either((Str(), PARTS))

FUNCTION_TOOL = Obj(
    {
        "name": NAME,
        "description": Maybe(Str()),
        "parameters": SCHEMA,
        "strict": Maybe(Bool()),
        "defer_loading": Bool(),
    }
    | NOT_OPENAI,
    required=("name",),
)
# A custom tool takes free text (its ``format``: text, or a grammar), not JSON arguments.
CUSTOM_TOOL = Obj(
    {"name": NAME, "description": Maybe(Str()), "format": Maybe(OBJECT)}, required=("name",)
)
# A remote MCP server the provider calls (offline.mcp_responses); cross_field checks the URL.
MCP_FILTER = Obj({"tool_names": Maybe(Array(Str())), "read_only": Maybe(Bool())})
MCP_TOOL = Obj(
    {
        "server_label": Str(),
        "server_url": Str(),
        "server_description": Maybe(Str()),
        "allowed_tools": Maybe(Either((Array(Str()), MCP_FILTER))),
        "require_approval": Maybe(
            Either(
                (
                    OneOf(("always", "never")),
                    Obj({"always": Maybe(MCP_FILTER), "never": Maybe(MCP_FILTER)}),
                )
            )
        ),
        "headers": Maybe(OBJECT),
        "authorization": Maybe(Str()),
    },
    required=("server_label",),
)
# Tool search (offline.tool_search_responses): the search tool, and namespaces of tools.
EXECUTION = OneOf(("server", "client"))
TOOL_SEARCH = Obj(
    {
        "type": Str(),
        "description": Maybe(Str()),
        "execution": EXECUTION,
        "parameters": Maybe(OBJECT),
    },
    closed=True,
)
NAMESPACE = Obj(
    {
        "type": Str(),
        "name": NAME,
        "description": Str(),
        "tools": Array(
            Tagged(variants={"function": FUNCTION_TOOL, "custom": CUSTOM_TOOL}), min_length=1
        ),
    },
    required=("name", "description", "tools"),
    closed=True,
)
TOOL = Tagged(
    variants={
        "function": FUNCTION_TOOL,
        "custom": CUSTOM_TOOL,
        "mcp": MCP_TOOL,
        "tool_search": TOOL_SEARCH,
        "namespace": NAMESPACE,
    },
    fallback=Anything(("object",)),
)
STATUS = Maybe(OneOf(("in_progress", "completed", "incomplete")))
SEARCH_ITEM = {
    "id": Maybe(Str()),
    "call_id": Maybe(Str()),
    "execution": EXECUTION,
    "status": STATUS,
}

ITEM = Tagged(
    default="message",
    variants={
        "message": Obj(
            {"role": OneOf(("user", "assistant", "system", "developer")), "content": CONTENT},
            required=("role", "content"),
        ),
        "function_call": Obj(
            {
                "call_id": Str(),
                "name": Str(),
                "arguments": Str(),
                "id": Str(),
                "namespace": Maybe(Str()),
            },
            required=("call_id", "name", "arguments"),
        ),
        "function_call_output": Obj(
            {"call_id": Str(), "output": CONTENT}, required=("call_id", "output")
        ),
        "custom_tool_call": Obj(
            {"call_id": Str(), "name": Str(), "input": Str(), "id": Str()},
            required=("call_id", "name", "input"),
        ),
        "custom_tool_call_output": Obj(
            {"call_id": Str(), "output": CONTENT}, required=("call_id", "output")
        ),
        "tool_search_call": Obj({"arguments": Anything(), **SEARCH_ITEM}, required=("arguments",)),
        "tool_search_output": Obj(
            {
                "tools": Array(
                    Tagged(
                        variants={
                            "function": FUNCTION_TOOL,
                            "custom": CUSTOM_TOOL,
                            "namespace": NAMESPACE,
                        }
                    )
                ),
                **SEARCH_ITEM,
            },
            required=("tools",),
        ),
        "mcp_approval_response": Obj(
            {"approval_request_id": Str(), "approve": Bool(), "reason": Maybe(Str())},
            required=("approval_request_id", "approve"),
        ),
    },
    fallback=Anything(("object",)),  # reasoning and the hosted tools' items: kept, unread
)

NAMED = Obj({"name": Str()}, required=("name",))
# A named function or custom tool, or a subset of the tools, can be forced offline: the
# hosted tools are not simulated.
TOOL_CHOICE = Either(
    (
        OneOf(("none", "auto", "required")),
        Tagged(
            variants={
                "function": NAMED,
                "custom": NAMED,
                "allowed_tools": Obj(
                    {"mode": OneOf(("auto", "required")), "tools": Array(OBJECT)},
                    required=("mode", "tools"),
                ),
                "mcp": Obj(
                    {"server_label": Str(), "name": Maybe(Str())}, required=("server_label",)
                ),
            }
        ),
    )
)

FIELDS = {
    **SAMPLING,
    "model": Str(),
    "input": Either((Str(), Array(ITEM))),
    "instructions": Maybe(Str()),
    "tools": tools_array(TOOL),
    "tool_choice": TOOL_CHOICE,
    "max_output_tokens": Maybe(Int(16)),
    "max_tool_calls": Maybe(Int(1)),
    "previous_response_id": Maybe(Str()),
    "include": Maybe(Array(Str())),
    "reasoning": Maybe(OBJECT),
    "text": OBJECT,
    "truncation": Maybe(OneOf(("auto", "disabled"))),
    "background": Maybe(Bool()),
    "stream_options": Maybe(OBJECT),
}

# "model" and "input" are not listed as required: cross_field.py words their absence.
BODY = top_level(
    FIELDS,
    sdk_fields(params.ResponseCreateParamsStreaming, params.ResponseCreateParamsNonStreaming),
    required=(),
)
