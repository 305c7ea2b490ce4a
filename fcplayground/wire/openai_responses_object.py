"""The settings a Responses ``response`` object echoes from its request.

The real object carries every setting the request made, with the API's default where
the request made none (``store: true``, ``truncation: "disabled"``, ``service_tier:
"default"``, ...). The list comes from the SDK's ``Response`` type and from recorded
real traffic (``shared/fixtures/recorded/openai/responses_*``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..chat import ModelTurn

# Tiers the API reports; "auto" (the default) is reported as the tier that served it.
SERVICE_TIERS = frozenset({"default", "flex", "scale", "priority"})


def _given(body: Mapping[str, Any], name: str, default: Any) -> Any:
    """The request's value for ``name``, or the API's default when absent or null."""
    value = body.get(name)
    return default if value is None else value


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def settings(body: Mapping[str, Any]) -> dict[str, Any]:
    """The echoed settings of a request ``body``, with the API's defaults filled in."""
    reasoning = _mapping(body.get("reasoning"))
    text = _mapping(body.get("text"))
    tier = body.get("service_tier")
    return {
        "background": bool(body.get("background")),
        "billing": {"payer": "developer"},
        "frequency_penalty": 0.0,
        "max_tool_calls": body.get("max_tool_calls"),
        "metadata": _given(body, "metadata", {}),
        "moderation": None,
        "presence_penalty": 0.0,
        "previous_response_id": body.get("previous_response_id"),
        "prompt_cache_key": body.get("prompt_cache_key"),
        "prompt_cache_retention": body.get("prompt_cache_retention"),
        "reasoning": {"effort": reasoning.get("effort"), "summary": reasoning.get("summary")},
        "safety_identifier": body.get("safety_identifier"),
        "service_tier": tier if tier in SERVICE_TIERS else "default",
        "store": _given(body, "store", True),
        "temperature": _given(body, "temperature", 1.0),
        "text": {
            "format": _given(text, "format", {"type": "text"}),
            "verbosity": _given(text, "verbosity", "medium"),
        },
        "top_logprobs": _given(body, "top_logprobs", 0),
        "top_p": _given(body, "top_p", 1.0),
        "truncation": _given(body, "truncation", "disabled"),
        "user": body.get("user"),
    }


def usage(turn: ModelTurn) -> dict[str, Any]:
    """The ``usage`` of a finished response.

    ``input_tokens_details.cache_write_tokens`` is absent from the recorded responses
    (older than the field) but required by the installed SDK's ``ResponseUsage`` (and
    so by ``Response.model_validate``): it is sent, as the current API does."""
    return {
        "input_tokens": turn.usage.input_tokens,
        "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0},
        "output_tokens": turn.usage.output_tokens,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": turn.usage.input_tokens + turn.usage.output_tokens,
    }
