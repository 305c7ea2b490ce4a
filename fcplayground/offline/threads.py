"""Anthropic message threads, held by the offline provider between requests.

Both SDKs' tool runners (``client.beta.messages.tool_runner`` in Python, ``toolRunner`` in
TypeScript) run over a thread by default: with the beta header
``anthropic-beta: message-threads-2026-08-12``, the first request sends the whole
conversation and ``thread: {"type": "create"}``; each later one sends only the new
messages (the ``tool_result`` blocks) and ``thread: {"type": "continue",
"previous_message_id": <the id of the reply it follows>}``, without ``system`` or ``tools``,
which the thread keeps. The model then sees the stored conversation plus the new messages.

A thread is kept under the id of its latest reply, in the provider's bounded
``StoreName.THREADS`` store (the least recently used go first). Each reply can be continued
once. The refusals carry ``error.details.error_code`` as the SDKs read them
(``thread_not_found``, ``thread_already_continued``, ``thread_continue_in_flight``,
``thread_unsupported_request``), so the SDKs' own recovery (replaying the conversation
under a new thread) works here too. ``thread`` absent, ``null`` or ``false`` is stateless.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

from .. import wire
from .state import BoundedStore, HTTPRequest, ProviderState, StoreName

if TYPE_CHECKING:  # the handler imports this module
    from .handler import Reply

BETA = "message-threads-2026-08-12"
# Request fields a thread cannot be combined with (the SDK's ThreadUnsupportedFeatureName).
UNSUPPORTED = ("cache_control", "context_management", "fallbacks", "thinking")
CREATE_ONLY = ("system", "tools")  # kept by the thread: a `continue` may not send them

Respond = Callable[[dict[str, Any]], "Reply"]  # validate and answer a (whole) request body
Refuse = Callable[[int, str, str], "Reply"]  # an Anthropic error reply: status, type, message

_claiming = threading.Lock()  # makes "is it free? then it is mine" one step


class Kind(str, Enum):
    """What a request's ``thread`` field asks for."""

    CREATE = "create"
    CONTINUE = "continue"


class Status(Enum):
    """Where a stored reply stands."""

    OPEN = "open"  # may be continued
    IN_FLIGHT = "in flight"  # a request continuing from it is being answered
    CONTINUED = "continued"  # continued once already; the newer reply holds the thread


@dataclass(frozen=True)
class Thread:
    """A conversation up to one reply, and the create-only fields it was created with."""

    messages: tuple[dict[str, Any], ...]
    kept: Mapping[str, Any] = field(default_factory=dict)  # system and tools


@dataclass(frozen=True)
class Entry:
    """One stored reply: its status, and its thread until it is continued."""

    status: Status
    thread: Thread | None = None


@dataclass(frozen=True)
class Refusal:
    """A thread request the provider refuses, with the ``error_code`` the SDKs branch on."""

    status: int
    kind: str
    message: str
    details: Mapping[str, Any] | None = None

    def reply(self, refuse: Refuse) -> Reply:
        reply = refuse(self.status, self.kind, self.message)
        if self.details:
            body = json.loads(reply.body)
            body["error"]["details"] = dict(self.details)
            reply.body = json.dumps(body).encode()
        return reply


def answer(
    http: HTTPRequest,
    state: ProviderState,
    payload: dict[str, Any],
    respond: Respond,
    refuse: Refuse,
) -> Reply:
    """Answer a ``POST /v1/messages`` body, creating or continuing the thread it names."""
    thread = payload.get("thread")
    if thread is True:
        return Refusal(400, "invalid_request_error", _NOT_AN_OBJECT).reply(refuse)
    kind = _kind(thread)
    if kind is None or type(payload.get("messages")) is not list:
        return respond(payload)  # stateless, or malformed: validation names what is wrong
    if refusal := _problem(http, payload, kind):
        return refusal.reply(refuse)
    store = state.store(StoreName.THREADS)
    if kind is Kind.CREATE:
        reply = respond(payload)
        _record(store, reply, Thread(tuple(payload["messages"]), _kept(payload)))
        return reply
    previous = thread["previous_message_id"]
    claimed = _claim(store, previous)
    if isinstance(claimed, Refusal):
        return claimed.reply(refuse)
    whole = {**payload, **claimed.kept, "messages": [*claimed.messages, *payload["messages"]]}
    reply: Reply | None = None
    try:
        reply = respond(whole)
    finally:
        kept = reply is not None and _record(
            store, reply, Thread(tuple(whole["messages"]), claimed.kept)
        )
        # Continued once the new reply is kept; a refused or failed turn leaves it open.
        store.put(previous, Entry(Status.CONTINUED) if kept else Entry(Status.OPEN, claimed))
    return reply


def _kind(thread: Any) -> Kind | None:
    if type(thread) is not dict:
        return None
    if thread.get("type") == "create":
        return Kind.CREATE
    previous = thread.get("previous_message_id")
    if thread.get("type") == "continue" and type(previous) is str and previous:
        return Kind.CONTINUE
    return None


def _problem(http: HTTPRequest, payload: dict[str, Any], kind: Kind) -> Refusal | None:
    """Why this thread request cannot be taken at all (before any thread is looked up)."""
    betas = [b.strip() for b in http.header("anthropic-beta").split(",")]
    if BETA not in betas:
        return Refusal(
            400,
            "invalid_request_error",
            f"thread: Extra inputs are not permitted. Message threads are a beta: send the "
            f"header `anthropic-beta: {BETA}` (the SDKs' tool runners do).",
        )
    if unsupported := [name for name in UNSUPPORTED if _given(payload, name)]:
        names = " and ".join(f"`{name}`" for name in unsupported)
        return Refusal(
            400,
            "invalid_request_error",
            f"Message threads do not support {names}. Send the full conversation without "
            "`thread`, or leave out that field.",
            {"error_code": "thread_unsupported_request", "unsupported": unsupported},
        )
    if kind is Kind.CONTINUE and (repeated := [f for f in CREATE_ONLY if f in payload]):
        names = " and ".join(f"`{name}`" for name in repeated)
        return Refusal(
            400,
            "invalid_request_error",
            f'{names} cannot be sent with `thread: {{"type": "continue"}}`: the thread keeps '
            "the ones it was created with. Send only the new messages, or replay the full "
            'conversation with `thread: {"type": "create"}` to change them.',
        )
    return None


def _given(payload: dict[str, Any], name: str) -> bool:
    value = payload.get(name)
    if name == "thinking":  # thinking switched off is no thinking
        return type(value) is dict and value.get("type") != "disabled"
    return value is not None


def _kept(payload: dict[str, Any]) -> dict[str, Any]:
    return {name: payload[name] for name in CREATE_ONLY if name in payload}


def _claim(store: BoundedStore, previous: str) -> Thread | Refusal:
    """The thread ending at reply ``previous``, now in flight, or why it cannot be continued."""
    with _claiming:
        entry = store.get(previous)
        if entry is None:
            return Refusal(
                404,
                "not_found_error",
                f"No thread was found for previous_message_id {previous!r}: it is unknown, or it "
                f"has expired (this offline provider keeps the {store.limit:,} most recent "
                'replies). Replay the full conversation with `thread: {"type": "create"}` to '
                "start a new thread.",
                {"error_code": "thread_not_found"},
            )
        if entry.status is Status.OPEN and entry.thread is not None:
            store.put(previous, Entry(Status.IN_FLIGHT, entry.thread))
            return entry.thread
    if entry.status is Status.IN_FLIGHT:
        return Refusal(
            400,
            "invalid_request_error",
            f"Another request is still continuing from previous_message_id {previous!r}. Wait "
            "for it and continue from its reply's `id`, or replay the full conversation with "
            '`thread: {"type": "create"}`.',
            {"error_code": "thread_continue_in_flight"},
        )
    return Refusal(
        400,
        "invalid_request_error",
        f"The reply {previous!r} has already been continued, and each reply can be continued "
        "only once. Continue from the thread's most recent reply `id`.",
        {"error_code": "thread_already_continued"},
    )


def _record(store: BoundedStore, reply: Reply | None, thread: Thread) -> bool:
    """Keep ``thread`` plus the reply under the reply's id; False when there is no whole
    reply to keep (an error, or a stream cut before ``message_stop``)."""
    message = _message(reply) if reply is not None and reply.status == 200 else None
    if message is None:
        return False
    said = {"role": "assistant", "content": message["content"]}
    store.put(message["id"], Entry(Status.OPEN, Thread((*thread.messages, said), thread.kept)))
    return True


def _message(reply: Reply) -> dict[str, Any] | None:
    """The ``message`` a reply carries, from its JSON or its complete SSE stream."""
    if not reply.headers.get("content-type", "").startswith("text/event-stream"):
        return reply.json
    text = reply.body.decode()
    if '"message_stop"' not in text:
        return None
    return wire.anthropic.turn_to_wire(wire.anthropic.turn_from_stream(text))


_NOT_AN_OBJECT = (
    'thread: Input should be an object: {"type": "create"}, or {"type": "continue", '
    '"previous_message_id": "msg_..."}. Send null or leave it out for no thread.'
)
