"""Validation of provider request bodies, before the model sees them.

:func:`validate` checks a parsed body against the endpoint's declared fields
(:mod:`.fields_chat`, :mod:`.fields_responses`, :mod:`.fields_messages`), then makes
the checks that span fields (:mod:`.cross_field`: tool names and schemas,
``tool_choice``, tool results answering calls). The first problem comes back as a
:class:`~.wording.Refusal` in the provider's own words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from . import cross_field, fields_chat, fields_messages, fields_responses, output_format, wording
from .body import BodyError, lone_surrogate, read_json
from .shapes import Anything, Obj, Violation
from .verdicts import Remembered, sorted_json, tools_key
from .wording import Refusal

__all__ = [
    "BodyError", "Refusal", "lone_surrogate", "read_json", "sorted_json", "tools_key", "validate",
]  # fmt: skip


@dataclass(frozen=True)
class Endpoint:
    """How one endpoint's body is described, and how its provider words a violation."""

    body: Obj
    say: Callable[[Violation], Refusal]

    @cached_property
    def without_tools(self) -> Obj:
        """The body's description with ``tools`` left unread: for tools found good before."""
        return replace(self.body, fields={**self.body.fields, "tools": Anything()})


ENDPOINTS = {
    "chat": Endpoint(fields_chat.BODY, lambda v: wording.openai(v, fields_chat.UNKNOWN)),
    "responses": Endpoint(
        fields_responses.BODY, lambda v: wording.openai(v, fields_responses.UNKNOWN)
    ),
    "anthropic": Endpoint(fields_messages.BODY, wording.anthropic),
}

# Tools lists that passed every check, by content -> their names. The checks of a tool
# depend on the tool alone, so a list offered again (every request of a session) skips
# them, however many tools it holds.
GOOD_TOOLS: Remembered[tuple[str, ...]] = Remembered(256)


def validate(api: str, payload: dict[str, Any], tools: bytes | None = None) -> Refusal | None:
    """The first problem with a request body for ``api``, in the provider's words
    (``tools``: the body's :func:`~.verdicts.tools_key`, when known)."""
    endpoint, checks = ENDPOINTS[api], cross_field.CHECKS[api]
    tools = tools or tools_key(payload.get("tools"))
    key = api.encode() + b" " + tools if tools is not None else None
    known, names = GOOD_TOOLS.get(key) if key is not None else (False, None)
    if violation := (endpoint.without_tools if known else endpoint.body).check(payload, ()):
        return endpoint.say(violation)
    if problem := checks.first(payload):
        return problem
    if names is None:
        found, problem = checks.tools(payload.get("tools") or [])
        if problem:
            return problem
        if key is not None:
            GOOD_TOOLS.put(key, tuple(found))
        names = tuple(found)
    return checks.rest(payload, list(names)) or output_format.problem(api, payload)
