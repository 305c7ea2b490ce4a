"""Validation of provider request bodies, before the model sees them.

:func:`validate` checks a parsed body against the endpoint's declared fields
(:mod:`.fields_chat`, :mod:`.fields_responses`, :mod:`.fields_messages`), then makes
the checks that span fields (:mod:`.cross_field`: tool names and schemas,
``tool_choice``, tool results answering calls). The first problem comes back as a
:class:`~.wording.Refusal` in the provider's own words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import cross_field, fields_chat, fields_messages, fields_responses, wording
from .body import BodyError, lone_surrogate, read_json
from .shapes import Obj, Violation
from .wording import Refusal

__all__ = ["BodyError", "Refusal", "lone_surrogate", "read_json", "validate"]


@dataclass(frozen=True)
class Endpoint:
    """How one endpoint's body is described, and how its provider words a violation."""

    body: Obj
    say: Callable[[Violation], Refusal]


ENDPOINTS = {
    "chat": Endpoint(fields_chat.BODY, lambda v: wording.openai(v, fields_chat.UNKNOWN)),
    "responses": Endpoint(
        fields_responses.BODY, lambda v: wording.openai(v, fields_responses.UNKNOWN)
    ),
    "anthropic": Endpoint(fields_messages.BODY, wording.anthropic),
}


def validate(api: str, payload: dict[str, Any]) -> Refusal | None:
    """The first problem with a request body for ``api``, in the provider's words."""
    endpoint = ENDPOINTS[api]
    if violation := endpoint.body.check(payload, ()):
        return endpoint.say(violation)
    return cross_field.CHECKS[api](payload)
