"""Settings read from the environment, and the model ids in use, in one place.

Retired model ids are what most often breaks a course, so lessons never spell one
out: they ask here. Override with ``FCP_OPENAI_MODEL`` / ``FCP_ANTHROPIC_MODEL``.

``FCP_PROVIDER`` picks who answers the lessons: ``offline`` (the default: the simulated
model, no key, no network), ``openai`` or ``anthropic``. ``FCP_OPENAI_BASE_URL`` points
the OpenAI SDK at an OpenAI-compatible server (Ollama, llama.cpp, vLLM). Keys are read
from the environment only (``OPENAI_API_KEY``, ``ANTHROPIC_API_KEY``) and never kept here.
``FCP_SHARED_DIR`` names the folder of shared data (BFCL, recordings); where the lessons and
data are found otherwise is :mod:`fcplayground.resources`.
"""

from __future__ import annotations

import os

DEFAULT_MODELS = {
    "openai": "gpt-5.4-mini",
    "anthropic": "claude-haiku-4-5",
}
ENV_MODEL = {"openai": "FCP_OPENAI_MODEL", "anthropic": "FCP_ANTHROPIC_MODEL"}

PROVIDERS = ("offline", "openai", "anthropic")
ENV_PROVIDER = "FCP_PROVIDER"
ENV_OPENAI_BASE_URL = "FCP_OPENAI_BASE_URL"
ENV_SHARED_DIR = "FCP_SHARED_DIR"
KEY_ENV = {"openai": "OPENAI_API_KEY", "anthropic": "ANTHROPIC_API_KEY"}
# OpenAI-compatible local servers ignore the key, but the SDK will not start without one.
# Not a secret, and never sent to api.openai.com (it is used only with a base URL).
PLACEHOLDER_KEY = "no-key-needed"
# How long the agent loop waits for one tool call, in seconds, before the model gets an
# error result instead (``run(..., tool_timeout=None)`` waits for ever).
TOOL_TIMEOUT = 30.0


def model_for(provider: str) -> str:
    """The model id to use for ``provider`` ("openai" or "anthropic")."""
    if provider not in DEFAULT_MODELS:
        raise ValueError(f"Unknown provider {provider!r}; use one of {', '.join(DEFAULT_MODELS)}.")
    return os.environ.get(ENV_MODEL[provider]) or DEFAULT_MODELS[provider]


def check_provider(name: str) -> str:
    """``name`` as a provider ("offline", "openai" or "anthropic"); ValueError otherwise."""
    cleaned = name.strip().lower()
    if cleaned not in PROVIDERS:
        # The value is not echoed: a key pasted in the wrong place must not be printed.
        raise ValueError(
            f"Unknown provider (the value given is not shown: it may be a key); use one of "
            f"{', '.join(PROVIDERS)} (set {ENV_PROVIDER}, or leave it unset for offline)."
        )
    return cleaned


def provider() -> str:
    """The provider ``FCP_PROVIDER`` selects: "offline" (the default), "openai" or "anthropic".

    Raises ValueError naming the allowed values when it is set to anything else.
    """
    value = os.environ.get(ENV_PROVIDER, "")
    if not value.strip():
        return "offline"
    try:
        return check_provider(value)
    except ValueError:
        raise ValueError(
            f"{ENV_PROVIDER} is set to something that is not a provider (not shown: it may "
            f"be a key pasted by mistake); set it to one of {', '.join(PROVIDERS)}, or unset "
            "it to stay offline."
        ) from None


def openai_base_url() -> str | None:
    """``FCP_OPENAI_BASE_URL`` (an OpenAI-compatible server, e.g. Ollama's
    ``http://localhost:11434/v1``), or None when unset."""
    return os.environ.get(ENV_OPENAI_BASE_URL, "").strip() or None


def has_key(provider: str) -> bool:
    """Whether the API key of ``provider`` ("openai" or "anthropic") is set (not checked)."""
    if provider not in KEY_ENV:
        raise ValueError(f"Unknown provider {provider!r}; use one of {', '.join(KEY_ENV)}.")
    return bool(os.environ.get(KEY_ENV[provider], "").strip())


def can_go_live(provider: str) -> bool:
    """Whether ``provider`` has what a live client needs: a key, or for OpenAI a base URL."""
    return has_key(provider) or (provider == "openai" and openai_base_url() is not None)
