"""OpenAI Chat Completions (``POST /v1/chat/completions``) <-> neutral types.

The legacy function-calling fields (``functions``, ``function_call``, ``role: "function"``
messages) are read too, and a request that used them is answered in their shape: see
:mod:`.openai_legacy`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..chat import Message, ModelTurn, NamedTool, Request, ToolChoice, ToolSpec, Usage
from ..tools.examples import with_examples
from . import openai_legacy
from ._common import (
    append_merged,
    chunks,
    error_text,
    name_results,
    parse_sse,
    result_from_text,
    text_of,
    tool_call,
)

FINISH = {
    "end_turn": "stop",
    "tool_use": "tool_calls",
    "max_tokens": "length",
    "content_filter": "content_filter",
}
STOP = {v: k for k, v in FINISH.items()} | {"function_call": "tool_use"}


# -- tools and tool_choice ------------------------------------------------------------


def tool_to_wire(spec: ToolSpec) -> dict[str, Any]:
    function: dict[str, Any] = {
        "name": spec.name,
        "description": with_examples(spec.description, spec.input_examples),
        "parameters": spec.parameters,
    }
    if spec.strict is not None:
        function["strict"] = spec.strict
    return {"type": "function", "function": function}


def tool_from_wire(tool: dict[str, Any]) -> ToolSpec:
    f = tool["function"]
    return ToolSpec(
        f["name"],
        f.get("description", ""),
        f.get("parameters", {"type": "object", "properties": {}}),
        f.get("strict"),
    )


def choice_to_wire(choice: ToolChoice) -> Any:
    if isinstance(choice, NamedTool):
        return {"type": "function", "function": {"name": choice.name}}
    return choice


def choice_from_wire(choice: Any) -> ToolChoice | None:
    if isinstance(choice, dict):
        return NamedTool(choice["function"]["name"])
    return choice


# -- requests -------------------------------------------------------------------------


def _message_to_wire(message: Message) -> list[dict[str, Any]]:
    if message.role == "tool":
        return [
            {"role": "tool", "tool_call_id": r.call_id, "content": error_text(r)}
            for r in message.tool_results
        ]
    if message.role == "assistant":
        out: dict[str, Any] = {"role": "assistant", "content": message.content or None}
        if message.tool_calls:
            out["tool_calls"] = [
                {
                    "id": c.id,
                    "type": "function",
                    "function": {"name": c.name, "arguments": c.arguments_json},
                }
                for c in message.tool_calls
            ]
        return [out]
    return [{"role": "user", "content": message.content}]


def _message_from_wire(m: dict[str, Any]) -> Message:
    role = m["role"]
    if role == "tool":
        return Message.tool([result_from_text(m["tool_call_id"], text_of(m.get("content")))])
    if role == "assistant":
        calls = [
            tool_call(c["function"]["name"], c["function"].get("arguments"), c["id"])
            for c in m.get("tool_calls") or []
        ]
        return Message.assistant(text_of(m.get("content")), calls)
    return Message.user(text_of(m.get("content")))


def request_to_wire(request: Request) -> dict[str, Any]:
    """The Chat Completions request body for a neutral request."""
    messages = [{"role": "system", "content": request.system}] if request.system else []
    for message in request.messages:
        messages.extend(_message_to_wire(message))
    body: dict[str, Any] = {"model": request.model, "messages": messages}
    if request.tools:
        body["tools"] = [tool_to_wire(t) for t in request.tools]
    if request.tool_choice is not None:
        body["tool_choice"] = choice_to_wire(request.tool_choice)
    if request.parallel_tool_calls is not None:
        body["parallel_tool_calls"] = request.parallel_tool_calls
    if request.max_tokens is not None:
        body["max_completion_tokens"] = request.max_tokens
    if request.stream:
        body["stream"] = True
    return body


def request_from_wire(body: dict[str, Any]) -> Request:
    """A neutral request from a Chat Completions request body.

    A body with the legacy ``functions`` gives an
    :class:`~.openai_legacy.LegacyRequest`; malformed legacy fields raise
    :class:`~.openai_legacy.LegacyFormatError`, which says what is wrong and what to do.
    """
    system: list[str] = []
    messages: list[Message] = []
    for m in openai_legacy.modern_messages(body.get("messages", [])):
        if m["role"] in ("system", "developer"):
            system.append(text_of(m.get("content")))
        else:
            append_merged(messages, _message_from_wire(m))
    legacy = openai_legacy.read_tools(body)
    tools, choice, parallel = legacy or (
        [tool_from_wire(t) for t in body.get("tools") or []],
        choice_from_wire(body.get("tool_choice")),
        body.get("parallel_tool_calls"),
    )
    make = openai_legacy.LegacyRequest if legacy else Request
    return make(
        messages=name_results(messages),
        model=body.get("model", ""),
        system="\n\n".join(system) or None,
        tools=tools,
        tool_choice=choice,
        parallel_tool_calls=parallel,
        max_tokens=body.get("max_completion_tokens", body.get("max_tokens")),
        stream=bool(body.get("stream")),
    )


# -- responses ------------------------------------------------------------------------


def _usage_to_wire(usage: Usage) -> dict[str, Any]:
    return {
        "prompt_tokens": usage.input_tokens,
        "completion_tokens": usage.output_tokens,
        "total_tokens": usage.input_tokens + usage.output_tokens,
        "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
        "completion_tokens_details": {
            "reasoning_tokens": 0,
            "audio_tokens": 0,
            "accepted_prediction_tokens": 0,
            "rejected_prediction_tokens": 0,
        },
    }


def _calls_to_wire(turn: ModelTurn) -> list[dict[str, Any]]:
    return [
        {
            "id": c.id,
            "type": "function",
            "function": {"name": c.name, "arguments": c.arguments_json},
        }
        for c in turn.tool_calls
    ]


def _finish(turn: ModelTurn, legacy: bool) -> str:
    reason = FINISH[turn.stop_reason or "end_turn"]
    return "function_call" if legacy and reason == "tool_calls" else reason


def turn_to_wire(
    turn: ModelTurn, created: int = 0, request: Request | None = None
) -> dict[str, Any]:
    """A ``chat.completion`` object for a neutral turn.

    When ``request`` used the legacy ``functions``, the call is a legacy
    ``message.function_call`` (the first call only) with ``finish_reason: "function_call"``.
    """
    legacy = openai_legacy.is_legacy(request)
    message: dict[str, Any] = {
        "role": "assistant",
        "content": turn.text or None,
        "refusal": None,
        "annotations": [],
    }
    if turn.tool_calls and legacy:
        message["function_call"] = openai_legacy.function_call(turn)
    elif turn.tool_calls:
        message["tool_calls"] = _calls_to_wire(turn)
    return {
        "id": turn.id,
        "object": "chat.completion",
        "created": created,
        "model": turn.model,
        "choices": [
            {
                "index": 0,
                "message": message,
                "logprobs": None,
                "finish_reason": _finish(turn, legacy),
            }
        ],
        "usage": _usage_to_wire(turn.usage),
        "service_tier": "default",
        "system_fingerprint": None,
    }


def turn_from_wire(body: dict[str, Any]) -> ModelTurn:
    """A neutral turn from a ``chat.completion`` object."""
    choice = body["choices"][0]
    message = _message_from_wire(openai_legacy.read_reply(choice["message"], body.get("id", "")))
    usage = body.get("usage") or {}
    return ModelTurn(
        text=message.content,
        tool_calls=message.tool_calls,
        stop_reason=STOP.get(choice.get("finish_reason") or "stop", "end_turn"),
        usage=Usage(usage.get("prompt_tokens", 0), usage.get("completion_tokens", 0)),
        model=body.get("model", ""),
        id=body.get("id", ""),
    )


# -- streaming ------------------------------------------------------------------------


def _call_deltas(turn: ModelTurn) -> Iterator[dict[str, Any]]:
    """The ``delta.tool_calls`` pieces of a turn: each call's head, then its arguments."""
    for index, call in enumerate(turn.tool_calls):
        head = {"id": call.id, "type": "function", "function": {"name": call.name, "arguments": ""}}
        yield {"tool_calls": [{"index": index, **head}]}
        for piece in chunks(call.arguments_json, 12):
            yield {"tool_calls": [{"index": index, "function": {"arguments": piece}}]}


def stream_events(
    turn: ModelTurn, created: int = 0, include_usage: bool = False, request: Request | None = None
) -> Iterator[tuple[str | None, Any]]:
    """The ``chat.completion.chunk`` events for a turn, ending with ``[DONE]``.

    When ``request`` used the legacy ``functions``, the call streams as
    ``delta.function_call`` pieces (name, then arguments) and finishes with
    ``"function_call"``.

    With ``include_usage`` (``stream_options: {"include_usage": true}``), as the API sends
    it: every chunk carries ``"usage": null``, and one last chunk with empty ``choices``
    carries the usage.
    """
    legacy = openai_legacy.is_legacy(request)

    def chunk(delta: dict[str, Any], finish: str | None = None):
        choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}
        return None, _chunk(turn, created, [choice], include_usage)

    yield chunk({"role": "assistant", "content": "" if turn.text else None, "refusal": None})
    if turn.text:
        for piece in chunks(turn.text, 16):
            yield chunk({"content": piece})
    for delta in openai_legacy.stream_deltas(turn) if legacy else _call_deltas(turn):
        yield chunk(delta)
    yield chunk({}, _finish(turn, legacy))
    if include_usage:
        yield None, {**_chunk(turn, created, [], False), "usage": _usage_to_wire(turn.usage)}
    yield None, "[DONE]"


def _chunk(
    turn: ModelTurn, created: int, choices: list[dict[str, Any]], null_usage: bool
) -> dict[str, Any]:
    """One ``chat.completion.chunk`` (with ``"usage": null`` when asked)."""
    body: dict[str, Any] = {
        "id": turn.id,
        "object": "chat.completion.chunk",
        "created": created,
        "model": turn.model,
        "service_tier": "default",
        "system_fingerprint": None,
        "choices": choices,
    }
    if null_usage:
        body["usage"] = None
    return body


def turn_from_stream(text: str) -> ModelTurn:
    """A neutral turn from a Chat Completions SSE stream (what an SDK accumulates)."""
    body: dict[str, Any] = {"choices": [{"message": {}, "finish_reason": None}]}
    content: list[str] = []
    calls: dict[int, dict[str, Any]] = {}
    legacy: dict[str, str] = {}  # a legacy delta.function_call, accumulated
    for _, data in parse_sse(text):
        if not isinstance(data, dict):
            continue
        body.update(id=data.get("id", ""), model=data.get("model", ""))
        if data.get("usage"):
            body["usage"] = data["usage"]
        for choice in data.get("choices", []):
            delta = choice.get("delta") or {}
            content.append(delta.get("content") or "")
            openai_legacy.accumulate(legacy, delta)
            for part in delta.get("tool_calls") or []:
                call = calls.setdefault(
                    part["index"], {"id": "", "function": {"name": "", "arguments": ""}}
                )
                call["id"] = part.get("id") or call["id"]
                f = part.get("function") or {}
                call["function"]["name"] += f.get("name") or ""
                call["function"]["arguments"] += f.get("arguments") or ""
            if choice.get("finish_reason"):
                body["choices"][0]["finish_reason"] = choice["finish_reason"]
    body["choices"][0]["message"] = {
        "role": "assistant",
        "content": "".join(content),
        "tool_calls": [calls[i] for i in sorted(calls)],
        "function_call": legacy or None,
    }
    return turn_from_wire(body)
