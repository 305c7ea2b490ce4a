"""The exercise of lesson 11: put streamed Chat Completions tool calls back together.

    from fcplayground.exercises.lesson11 import check_chat_accumulator

    def collect_tool_calls(chunks):   # the ChatCompletionChunk objects of one stream
        ...                           # -> [{"id": ..., "name": ..., "arguments": ...}, ...]

    check_chat_accumulator(collect_tool_calls)

The check runs the learner's function on streams the lesson never shows (see
:mod:`.lesson11_streams`), read by the real ``openai`` SDK, and compares what it returns with
what the SDK's own stream helper (``client.chat.completions.stream``) puts together from the
same bytes. One of those streams is cut differently on every run, so only an accumulator
that works passes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .feedback import Feedback
from .lesson11_streams import HeldOutStream, held_out_streams, request, sdk_calls, sdk_client

Accumulator = Callable[[Any], Any]
KEYS = ("id", "name", "arguments")
SHOWN = 70  # characters of a wrong value quoted back
# ValueError covers json.JSONDecodeError and UnicodeDecodeError: a piece was parsed or decoded.
PARSING_HINT = (
    "Don't parse or decode a piece on its own: a piece can end inside an escape such as "
    "\\u00e9, or right after a backslash. Join the raw pieces; json.loads the whole text "
    "only once the stream has ended."
)
SKIPPING_HINT = (
    "Chunks without a call have `delta.tool_calls` set to None, and the usage chunk at the "
    "end of a stream has no choices at all (`chunk.choices == []`): skip both."
)


def check_chat_accumulator(collect: Accumulator, seed: int | None = None) -> Feedback:
    """Does ``collect(chunks)`` rebuild every call of streams it has never seen, as the SDK
    does? ``seed`` fixes the randomly cut stream (for tests)."""
    if not callable(collect):
        return Feedback.failing(
            f"Give the check your function itself, not {type(collect).__name__}: "
            "check_chat_accumulator(collect_tool_calls), without calling it."
        )
    feedback = Feedback()
    for stream in held_out_streams(seed):
        want = sdk_calls(stream)
        problem = _try(collect, stream, want)
        same = f"your {len(want)} calls match what the SDK put together" if want else "no call"
        feedback.check(
            problem is None,
            f"{stream.what}: {same}.",
            f"{stream.what}: {problem}",
        )
    return feedback


def _try(collect: Accumulator, stream: HeldOutStream, want: list[dict[str, Any]]) -> str | None:
    """What is wrong with the learner's calls for ``stream``, or None when they are right."""
    chunks = sdk_client(stream).chat.completions.create(**request(stream), stream=True)
    try:
        got = collect(chunks)
    except Exception as error:  # the learner's code: any failure is feedback, not a crash
        return f"your function raised {type(error).__name__}: {_short(str(error))}. " + (
            PARSING_HINT if isinstance(error, ValueError) else SKIPPING_HINT
        )
    finally:
        chunks.close()
    return _shape(got, want) or _compare(got, want, stream)


def _shape(got: Any, want: list[dict[str, Any]]) -> str | None:
    """A problem with the form of what came back (a list of dicts with three keys)."""
    if got is None:
        return "your function returned None: end it with `return` and the list of calls."
    if not isinstance(got, list):
        return (
            f"your function returned a {type(got).__name__}; return a list of calls, one "
            'dict {"id": ..., "name": ..., "arguments": ...} per call, in index order.'
        )
    if len(got) != len(want):
        return _count(len(got), len(want))
    for number, call in enumerate(got):
        missing = [k for k in KEYS if not hasattr(call, "get") or k not in call]
        if missing:
            return (
                f"call {number} is {_short(repr(call))}, with no {', '.join(missing)}: "
                'make each call a dict {"id": ..., "name": ..., "arguments": ...}.'
            )
    return None


def _count(got: int, want: int) -> str:
    if want == 0:
        return (
            f"this reply has no tool call, and you returned {got}. On chunks without a call "
            "`delta.tool_calls` is None: add nothing for them, and return []."
        )
    if got > want:
        return (
            f"the stream held {want} calls and you returned {got}. Only a call's first "
            "chunk carries its id and name; later pieces carry just `index`: add each piece "
            "to the call with the same `tool_call.index`, and start a call only for a new index."
        )
    return (
        f"the stream held {want} calls and you returned {got}. Several calls can be under "
        "way at once, their pieces interleaved: keep one entry per `tool_call.index`."
    )


def _compare(got: list[Any], want: list[dict[str, Any]], stream: HeldOutStream) -> str | None:
    """The first call whose id, name or arguments differ from the SDK's."""
    if sorted(c["id"] for c in want) == sorted(str(c["id"]) for c in got) and [
        c["id"] for c in got
    ] != [c["id"] for c in want]:
        return "you have the right calls in the wrong order: return them sorted by index."
    for number, (mine, right) in enumerate(zip(got, want, strict=True)):
        if (mine["id"], mine["name"]) != (right["id"], right["name"]):
            return (
                f"call {number} is {mine['name']!r} with id {mine['id']!r}; the stream says "
                f"{right['name']!r} with id {right['id']!r}. They arrive on the call's first "
                "chunk only (later chunks have None there): set them once, from that chunk."
            )
        problem = _arguments(number, mine["arguments"], right["arguments"], stream)
        if problem:
            return problem
    return None


def _arguments(number: int, mine: Any, right: str, stream: HeldOutStream) -> str | None:
    if mine == right:
        return None
    if not isinstance(mine, str):
        return (
            f"call {number}'s arguments are a {type(mine).__name__}; keep them as the JSON "
            "string the pieces spell out, as the SDK does (json.loads it once the call is "
            "complete)."
        )
    if mine in stream.calls[number].pieces[-1:]:
        return (
            f"call {number}'s arguments are {_short(repr(mine))}, only the last piece: add "
            "each piece to the end of what you have (`+=`), don't replace it."
        )
    if _parses_to_same(mine, right):
        return (
            f"call {number}'s arguments mean the right thing but are not the text the stream "
            f"sent ({_short(repr(mine))}): join the pieces exactly as they came, no re-encoding."
        )
    return (
        f"call {number}'s arguments are {_short(repr(mine))}, but the stream spelled "
        f"{_short(repr(right))}. Add every piece, unchanged, to the call with the same "
        "`index`, in the order they arrive: no strip(), no decoding, and no json.loads on "
        "a piece (a piece can end inside an escape such as \\u00e9)."
    )


def _parses_to_same(mine: str, right: str) -> bool:
    try:
        return bool(json.loads(mine) == json.loads(right))
    except ValueError:
        return False


def _short(text: str) -> str:
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"
