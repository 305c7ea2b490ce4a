"""Small helpers the three wire formats share."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..chat import Message, ToolCall, ToolResult
from ..tools.arguments import ArgumentsError, read_json

_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

# OpenAI's Chat and Responses formats have no error flag on a tool result, so an error
# travels as text that starts with this prefix (what OpenAI's own docs suggest).
ERROR_PREFIX = "Error: "
_ERROR_RE = re.compile(r"^Error\b")


def stable_id(prefix: str, seed: str, length: int = 24) -> str:
    """A provider-style id (``call_…``, ``toolu_…``) derived from ``seed``.

    The same seed always gives the same id. The offline provider seeds it with a ticket
    that differs for each answer, so ids are unique
    per response yet the same when a fresh process replays the same requests.
    """
    digest = hashlib.sha256(seed.encode()).digest()
    return prefix + "".join(_ALPHABET[b % len(_ALPHABET)] for b in digest[:length])


def parse_arguments(text: Any) -> dict[str, Any] | str:
    """The arguments a model sent as JSON text: a dict, or the raw text if it is not a
    readable JSON object (too deep, too long, NaN...: the registry says what is wrong).
    Never raises, whatever ``text`` holds; an object sent in place of text is kept."""
    if not text:
        return {}
    if isinstance(text, dict):  # some OpenAI-compatible servers send an object, not text
        return text  # the registry checks it as it checks any dict
    if not isinstance(text, str):
        return _as_text(text)
    try:
        value = read_json(text)
    except ArgumentsError:
        return text
    return value if isinstance(value, dict) else text


def _as_text(value: Any) -> str:
    """Arguments that are not text, as text the registry can explain."""
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        return repr(type(value).__name__)


def error_text(result: ToolResult) -> str:
    """A result's content for a format without an error flag."""
    if result.is_error and not _ERROR_RE.match(result.content):
        return ERROR_PREFIX + result.content
    return result.content


def result_from_text(call_id: str, text: str, name: str = "") -> ToolResult:
    """A result read from a format without an error flag (see :data:`ERROR_PREFIX`)."""
    if text.startswith(ERROR_PREFIX):
        return ToolResult(call_id, text.removeprefix(ERROR_PREFIX), True, name)
    return ToolResult(call_id, text, bool(_ERROR_RE.match(text)), name)


def text_of(content: Any) -> str:
    """Text of a content field that is a string or a list of text blocks."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    return "".join(block.get("text", "") for block in content if isinstance(block, dict))


def name_results(messages: list[Message]) -> list[Message]:
    """Fill each tool result's ``name`` from the call it answers (the wire omits it)."""
    names: dict[str, str] = {}
    for message in messages:
        names.update((call.id, call.name) for call in message.tool_calls)
        for result in message.tool_results:
            result.name = result.name or names.get(result.call_id, "")
    return messages


def append_merged(messages: list[Message], message: Message) -> None:
    """Append, merging consecutive assistant or tool messages into one.

    OpenAI sends one ``tool`` message per result and the Responses API one item per
    call; neutrally, one turn of calls or results is one message.
    """
    last = messages[-1] if messages else None
    if last and last.role == message.role and message.role in ("assistant", "tool"):
        last.content += message.content
        last.tool_calls.extend(message.tool_calls)
        last.tool_results.extend(message.tool_results)
    else:
        messages.append(message)


def chunks(text: str, size: int) -> list[str]:
    """Split text into fragments, as providers stream it."""
    return [text[i : i + size] for i in range(0, len(text), size)] or [""]


def sse(events: Iterable[tuple[str | None, Any]]) -> Iterator[bytes]:
    """Server-sent-event frames: ``event:`` line when named, then ``data:``."""
    for name, data in events:
        payload = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
        head = f"event: {name}\n" if name else ""
        yield f"{head}data: {payload}\n\n".encode()


def parse_sse(text: str) -> list[tuple[str | None, Any]]:
    """Frames of an SSE stream as (event name, decoded JSON data or the raw string)."""
    frames = []
    for block in re.split(r"\r?\n\r?\n", text):
        name, data = None, []
        # Split on newlines only: str.splitlines() would also cut at U+0085 or U+2028,
        # which JSON may carry unescaped inside a string.
        for line in block.split("\n"):
            line = line.strip(" \r\t")
            if line.startswith("event:"):
                name = line[6:].strip(" ")
            elif line.startswith("data:"):
                data.append(line[5:].strip(" "))
        if data:
            raw = "\n".join(data)
            try:
                frames.append((name, json.loads(raw)))
            except ValueError:
                frames.append((name, raw))
    return frames


def tool_call(name: str, arguments: str | None, call_id: str) -> ToolCall:
    return ToolCall(name, parse_arguments(arguments), call_id)
