"""The body of ``POST /v1/chat/completions``, field by field (as the SDK's
``completion_create_params`` types describe it)."""

from __future__ import annotations

from openai.types.chat import completion_create_params as params

from .openai_common import FUNCTION, OBJECT, SAMPLING, sdk_fields, tools_array, top_level
from .shapes import Anything, Array, Either, Int, Maybe, Num, Obj, OneOf, Str, Tagged

UNKNOWN = "Unrecognized request argument supplied: {name}"

TEXT_PART = Obj({"text": Str()}, required=("text",))
USER_PARTS = Tagged(
    variants={
        "text": TEXT_PART,
        "image_url": Obj({"image_url": OBJECT}, required=("image_url",)),
        "input_audio": Obj({"input_audio": OBJECT}, required=("input_audio",)),
        "file": Obj({"file": OBJECT}, required=("file",)),
    }
)
ASSISTANT_PARTS = Tagged(
    variants={"text": TEXT_PART, "refusal": Obj({"refusal": Str()}, required=("refusal",))}
)
TEXT_ONLY = Either((Str(), Array(Tagged(variants={"text": TEXT_PART}))))

TOOL_CALL = Tagged(
    variants={
        "function": Obj(
            {
                "id": Str(),
                "function": Obj(
                    {"name": Str(), "arguments": Str()}, required=("name", "arguments")
                ),
            },
            required=("id", "function"),
        ),
    }
)
# The legacy fields (functions, function_call, role "function") are checked by
# wire.openai_legacy, whose errors say how to move to tools: they pass here unread.
LEGACY = Anything()

MESSAGE = Tagged(
    tag="role",
    variants={
        "system": Obj({"content": TEXT_ONLY, "name": Str()}, required=("content",)),
        "assistant": Obj(
            {
                "content": Maybe(Either((Str(), Array(ASSISTANT_PARTS)))),
                "tool_calls": Array(TOOL_CALL),
                "function_call": LEGACY,
                "name": Str(),
                "refusal": Maybe(Str()),
            }
        ),
        "user": Obj(
            {"content": Either((Str(), Array(USER_PARTS))), "name": Str()},
            required=("content",),
        ),
        "function": Obj(),
        "tool": Obj(
            {"content": TEXT_ONLY, "tool_call_id": Str()}, required=("content", "tool_call_id")
        ),
        "developer": Obj({"content": TEXT_ONLY, "name": Str()}, required=("content",)),
    },
)

# Only function tools: the offline model cannot answer custom (free-text) tools.
TOOL = Tagged(variants={"function": Obj({"function": FUNCTION}, required=("function",))})
TOOL_CHOICE = Either(
    (
        OneOf(("none", "auto", "required")),
        Tagged(
            variants={
                "function": Obj(
                    {"function": Obj({"name": Str()}, required=("name",))},
                    required=("function",),
                ),
            }
        ),
    )
)

FIELDS = {
    **SAMPLING,
    "model": Str(),
    "messages": Array(MESSAGE, min_length=1),
    "tools": tools_array(TOOL),
    "tool_choice": TOOL_CHOICE,
    "functions": LEGACY,
    "function_call": LEGACY,
    "max_tokens": Maybe(Int(1)),
    "max_completion_tokens": Maybe(Int(1)),
    "n": Maybe(Int(1, 128)),
    "presence_penalty": Maybe(Num(-2, 2)),
    "frequency_penalty": Maybe(Num(-2, 2)),
    "logprobs": Maybe(Anything(("boolean",))),
    "seed": Maybe(Int()),
    "stop": Maybe(Either((Str(), Array(Str(), max_length=4)))),
    "stream_options": Maybe(OBJECT),
    "logit_bias": Maybe(OBJECT),
    "response_format": Tagged(
        variants={
            "text": Obj(),
            "json_object": Obj(),
            "json_schema": Obj({"json_schema": OBJECT}, required=("json_schema",)),
        }
    ),
}

# "model" is not listed as required: Chat words its absence in its own way (cross_field.py).
BODY = top_level(
    FIELDS,
    sdk_fields(params.CompletionCreateParamsStreaming, params.CompletionCreateParamsNonStreaming),
    required=("messages",),
)
