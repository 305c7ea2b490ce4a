"""``GET /v1/models``: the model list, in the shape of the provider that asks.

A request with an ``anthropic-version`` header (every Anthropic SDK sends one) gets
Anthropic's page (``data`` of ``type: "model"`` objects, ``has_more``, ``first_id``,
``last_id``); any other gets OpenAI's list (``object: "list"``). Any model name is
answered by the offline provider; these are only the defaults.
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


def _openai() -> dict[str, Any]:
    return {
        "object": "list",
        "data": [
            {
                "id": model_for(provider),
                "object": "model",
                "created": CREATED,
                "owned_by": "fcplayground",
            }
            for provider in ("openai", "anthropic")
        ],
    }


def _anthropic() -> dict[str, Any]:
    created = datetime.fromtimestamp(CREATED, timezone.utc).isoformat().replace("+00:00", "Z")
    model = model_for("anthropic")
    data = [
        {
            "type": "model",
            "id": model,
            "display_name": f"{model} (answered by a simulated model)",
            "created_at": created,
            "lifecycle": "active",
        }
    ]
    return {"data": data, "has_more": False, "first_id": model, "last_id": model}
