"""``GET /v1/models`` and ``GET /v1/models/{id}``: the model list and one model, in the
shape of the provider that asks.

A request with an ``anthropic-version`` header (every Anthropic SDK sends one) gets
Anthropic's page (``data`` of ``type: "model"`` objects, ``has_more``, ``first_id``,
``last_id``); any other gets OpenAI's list (``object: "list"``). Any model name is
answered by the offline provider; these are only the defaults, and any id is retrieved.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from ..settings import model_for
from .clock import CREATED

PATH = "/v1/models"


def page(anthropic: bool) -> dict[str, Any]:
    """The model list for an Anthropic client (``anthropic``) or an OpenAI one."""
    return _anthropic() if anthropic else _openai()


def model(anthropic: bool, model_id: str) -> dict[str, Any]:
    """One model, ``model_id``, as the provider describes it (any id: every one answers)."""
    return _anthropic_model(model_id) if anthropic else _openai_model(model_id)


def _openai() -> dict[str, Any]:
    models = [_openai_model(model_for(provider)) for provider in ("openai", "anthropic")]
    return {"object": "list", "data": models}


def _openai_model(model_id: str) -> dict[str, Any]:
    return {"id": model_id, "object": "model", "created": CREATED, "owned_by": "fcplayground"}


def _anthropic() -> dict[str, Any]:
    name = model_for("anthropic")
    return {"data": [_anthropic_model(name)], "has_more": False, "first_id": name, "last_id": name}


def _anthropic_model(model_id: str) -> dict[str, Any]:
    created = datetime.fromtimestamp(CREATED, timezone.utc).isoformat().replace("+00:00", "Z")
    return {
        "type": "model",
        "id": model_id,
        "display_name": f"{model_id} (answered by a simulated model)",
        "created_at": created,
        "lifecycle": "active",
    }
