"""The held-out Chat Completions streams lesson 11's check feeds to the learner's accumulator.

Each stream is built here as wire chunks, never shown in the lesson: parallel calls with
their pieces interleaved, pieces cut inside a ``\\u00e9`` escape or between a backslash and
the character it escapes, text before the calls, a usage chunk with no choices, a reply with
no call at all, and one stream cut at random places on every run. The real ``openai`` SDK
reads them, through an in-process transport, so the learner gets genuine
``ChatCompletionChunk`` objects and the SDK's own stream helper says what the right answer is.
"""

from __future__ import annotations

import json
import random
import string
from dataclasses import dataclass, field
from typing import Any

import httpx2
import openai

from ..offline.clients import OFFLINE_KEY, OPENAI_BASE_URL
from ..wire._common import sse

MODEL = "held-out-stream"


@dataclass(frozen=True)
class HeldOutCall:
    """One call of a held-out stream: its tool, id and arguments, cut into pieces."""

    name: str
    id: str
    pieces: tuple[str, ...]  # joined, they are the arguments JSON, byte for byte
    first_in_head: bool = False  # the head chunk already carries the first piece


@dataclass(frozen=True)
class HeldOutStream:
    """A stream the learner has not seen, and what it tests (said in the feedback)."""

    what: str
    calls: tuple[HeldOutCall, ...]
    text: str = ""  # streamed before the calls, as content
    usage: bool = False  # end with a usage chunk whose choices are empty
    chunks: list[dict[str, Any]] = field(default_factory=list, compare=False)

    def __post_init__(self) -> None:
        self.chunks.extend(_chunks(self))

    def body(self) -> bytes:
        """The stream as the SSE bytes the API sends."""
        frames = [(None, chunk) for chunk in self.chunks] + [(None, "[DONE]")]
        return b"".join(sse(frames))

    def tools(self) -> list[dict[str, Any]]:
        """A ``tools`` list naming the stream's tools (the SDK helper wants one)."""
        names = dict.fromkeys(call.name for call in self.calls)
        schema = {"type": "object", "properties": {}}
        return [{"type": "function", "function": {"name": n, "parameters": schema}} for n in names]


def _chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
    choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}
    return {
        "id": "chatcmpl-heldout",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": MODEL,
        "choices": [choice],
    }


def _chunks(stream: HeldOutStream) -> list[dict[str, Any]]:
    """Heads in index order, then the calls' pieces taken in turn (interleaved)."""
    out = [_chunk({"role": "assistant", "content": "" if stream.text else None})]
    out += [_chunk({"content": stream.text[i : i + 7]}) for i in range(0, len(stream.text), 7)]
    left = [list(call.pieces) for call in stream.calls]
    for index, call in enumerate(stream.calls):
        first = left[index].pop(0) if call.first_in_head else ""
        head = {"name": call.name, "arguments": first}
        delta = {"index": index, "id": call.id, "type": "function", "function": head}
        out.append(_chunk({"tool_calls": [delta]}))
    while any(left):
        for index, pieces in enumerate(left):
            if pieces:
                piece = {"index": index, "function": {"arguments": pieces.pop(0)}}
                out.append(_chunk({"tool_calls": [piece]}))
    out.append(_chunk({}, "tool_calls" if stream.calls else "stop"))
    if stream.usage:
        usage = {"prompt_tokens": 50, "completion_tokens": 40, "total_tokens": 90}
        out.append({**_chunk({}), "choices": [], "usage": usage})
    return out


def _call_id(rng: random.Random) -> str:
    return "call_" + "".join(rng.choices(string.ascii_letters + string.digits, k=24))


def _cut(text: str, rng: random.Random) -> tuple[str, ...]:
    """``text`` in pieces of 1 to 5 characters, cut at random places."""
    pieces, at = [], 0
    while at < len(text):
        step = rng.randint(1, 5)
        pieces.append(text[at : at + step])
        at += step
    return tuple(pieces)


def held_out_streams(seed: int | None = None) -> list[HeldOutStream]:
    """The streams of one check run. The last one is cut differently on every run, unless
    ``seed`` fixes it (tests do)."""
    rng = random.Random(seed)
    rooms = json.dumps({"city": "Montréal", "nights": 2, "extras": ["wifi", "late checkout"]})
    smile = json.dumps({"to": "ana@example.com", "body": "Merci 😀 à bientôt"})
    return [
        HeldOutStream(
            "Two calls in parallel, their pieces interleaved, one cut inside a \\u00e9 escape "
            "and one between a backslash and the quote it escapes",
            (
                HeldOutCall(
                    "search_flights",
                    _call_id(rng),
                    ('{"from": "Montr\\u00', 'e9al", ', '"to": "Lyon"}'),
                ),
                HeldOutCall(
                    "add_note", _call_id(rng), ('{"note": "near the \\', '"old town\\"', '"}')
                ),
            ),
        ),  # fmt: skip
        HeldOutStream(
            "Three calls after some text, the first piece already in the head chunk, "
            "one-character pieces, compact JSON, and a last usage chunk with no choices",
            (
                HeldOutCall("get_weather", _call_id(rng), ('{"ci', "t", "y", '":"Oslo"}'), True),
                HeldOutCall("get_weather", _call_id(rng), tuple('{"city":"Bergen"}')),
                HeldOutCall("get_time", _call_id(rng), ("{}",)),
            ),
            text="Let me check both cities.",
            usage=True,
        ),
        HeldOutStream("A reply in words with no tool call", (), text="Hello! How can I help?"),
        HeldOutStream(
            "Two calls cut at random places, with an emoji written as a \\ud83d\\ude00 pair",
            (
                HeldOutCall("book_room", _call_id(rng), _cut(rooms, rng)),
                HeldOutCall("send_email", _call_id(rng), _cut(smile, rng)),
            ),
            usage=True,
        ),
    ]


def sdk_client(stream: HeldOutStream) -> openai.OpenAI:
    """A real ``openai.OpenAI`` client whose every request is answered with ``stream``."""
    body = stream.body()

    def answer(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, headers={"content-type": "text/event-stream"}, content=body)

    http = httpx2.Client(transport=httpx2.MockTransport(answer), base_url=OPENAI_BASE_URL)
    return openai.OpenAI(
        api_key=OFFLINE_KEY, base_url=OPENAI_BASE_URL, http_client=http, max_retries=0
    )


def request(stream: HeldOutStream) -> dict[str, Any]:
    """The request both the learner's stream and the SDK helper are made with."""
    messages = [{"role": "user", "content": "(a request you have not seen)"}]
    return {"model": MODEL, "messages": messages, "tools": stream.tools()}


def sdk_calls(stream: HeldOutStream) -> list[dict[str, Any]]:
    """The calls the SDK's stream helper puts together from ``stream``: the right answer."""
    with sdk_client(stream).chat.completions.stream(**request(stream)) as events:
        message = events.get_final_completion().choices[0].message
    return [
        {"id": c.id, "name": c.function.name, "arguments": c.function.arguments}
        for c in message.tool_calls or []
    ]
