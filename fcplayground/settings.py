"""Settings read from the environment, and the model ids in use, in one place.

Retired model ids are what most often breaks a course, so lessons never spell one
out: they ask here. Override with ``FCP_OPENAI_MODEL`` / ``FCP_ANTHROPIC_MODEL``.
"""

from __future__ import annotations

import os

DEFAULT_MODELS = {
    "openai": "gpt-5.4-mini",
    "anthropic": "claude-haiku-4-5",
}
ENV_MODEL = {"openai": "FCP_OPENAI_MODEL", "anthropic": "FCP_ANTHROPIC_MODEL"}


def model_for(provider: str) -> str:
    """The model id to use for ``provider`` ("openai" or "anthropic")."""
    if provider not in DEFAULT_MODELS:
        raise ValueError(f"Unknown provider {provider!r}; use one of {', '.join(DEFAULT_MODELS)}.")
    return os.environ.get(ENV_MODEL[provider]) or DEFAULT_MODELS[provider]
