"""One setting picks who answers the lessons: ``FCP_PROVIDER``.

>>> client = fcplayground.connect()          # a ModelClient; offline unless FCP_PROVIDER says
>>> sdk = fcplayground.openai_client()       # a genuine openai.OpenAI
>>> sdk = fcplayground.anthropic_client()    # a genuine anthropic.Anthropic

Offline is the default. With ``FCP_PROVIDER=openai`` (or ``anthropic``) and its key in the
environment, the client for that provider is live; lessons show both SDKs side by side,
so the client of the provider *not* selected stays offline. When the selected provider
has no key, one notice says which variable to set, and the lesson carries on offline
with the simulated model. ``FCP_OPENAI_BASE_URL`` sends the OpenAI SDK to an
OpenAI-compatible server (Ollama, llama.cpp, vLLM), with or without a key.

Keys are only ever read by the SDKs from the environment: nothing here prints, logs or
keeps one.
"""

from __future__ import annotations

from typing import Any

import anthropic
import openai

from . import offline as _offline
from . import settings
from .client import Api, ModelClient
from .models import Model


def connect(
    provider: str | None = None,
    *,
    model: Model | None = None,
    api: Api | None = None,
    model_id: str | None = None,
) -> ModelClient:
    """A :class:`ModelClient` for ``provider`` (default: ``FCP_PROVIDER``, else offline).

    ``provider`` is "offline", "openai" or "anthropic"; anything else is a ValueError.
    A live provider without its key prints one notice and gives the offline client.
    ``model`` is the local :class:`Model` that answers offline (a new
    :class:`SimulatedModel` by default; unused live). ``api`` is "chat" (default) or
    "responses" for OpenAI, "messages" for Anthropic; offline, "messages" speaks
    Anthropic's format and the others OpenAI's. ``model_id`` is the model name sent
    (default: :func:`~fcplayground.model_for`).
    """
    if provider is None:
        chosen = settings.provider()
        asked_by = f"{settings.ENV_PROVIDER}={chosen}"
    else:
        chosen = settings.check_provider(provider)
        asked_by = f"connect({chosen!r})"
    if chosen != "offline" and _reachable(chosen, asked_by):
        sdk = _live_openai({}) if chosen == "openai" else anthropic.Anthropic()
        return ModelClient(chosen, sdk, model_id, api)  # type: ignore[arg-type]
    speaks = chosen if chosen != "offline" else ("anthropic" if api == "messages" else "openai")
    return ModelClient.offline(model, provider=speaks, api=api, model_id=model_id)  # type: ignore[arg-type]


def openai_client(model: Model | None = None, **options: Any) -> openai.OpenAI:
    """A genuine ``openai.OpenAI``: live when ``FCP_PROVIDER=openai`` and
    ``OPENAI_API_KEY`` or ``FCP_OPENAI_BASE_URL`` is set, else answered offline by
    ``model`` (as :func:`fcplayground.offline.openai_client`). ``options`` go to the SDK
    client either way (``max_retries=0``, ``timeout=...``)."""
    if _selected("openai"):
        return _live_openai(options)
    return _offline.openai_client(model, **options)


def async_openai_client(model: Model | None = None, **options: Any) -> openai.AsyncOpenAI:
    """Async twin of :func:`openai_client`: a genuine ``openai.AsyncOpenAI``."""
    if _selected("openai"):
        return _live_openai(options, asynchronous=True)
    return _offline.async_openai_client(model, **options)


def anthropic_client(model: Model | None = None, **options: Any) -> anthropic.Anthropic:
    """A genuine ``anthropic.Anthropic``: live when ``FCP_PROVIDER=anthropic`` and
    ``ANTHROPIC_API_KEY`` is set, else answered offline by ``model`` (as
    :func:`fcplayground.offline.anthropic_client`). ``options`` go to the SDK client."""
    if _selected("anthropic"):
        return anthropic.Anthropic(**options)
    return _offline.anthropic_client(model, **options)


def async_anthropic_client(model: Model | None = None, **options: Any) -> anthropic.AsyncAnthropic:
    """Async twin of :func:`anthropic_client`: a genuine ``anthropic.AsyncAnthropic``."""
    if _selected("anthropic"):
        return anthropic.AsyncAnthropic(**options)
    return _offline.async_anthropic_client(model, **options)


# -- helpers ---------------------------------------------------------------------------


def _selected(provider: str) -> bool:
    """Whether ``provider``'s SDK client is live: FCP_PROVIDER selects it and it can be
    reached. Only the selected provider goes live; the other stays offline, silently."""
    selected = settings.provider()
    return provider == selected and _reachable(provider, f"{settings.ENV_PROVIDER}={selected}")


def _reachable(provider: str, asked_by: str) -> bool:
    """Whether a live ``provider`` has its key (or base URL); if not, one notice says so."""
    if settings.can_go_live(provider):
        return True
    print(offline_notice(provider, asked_by), flush=True)
    return False


def offline_notice(provider: str, asked_by: str) -> str:
    """What a learner reads when ``asked_by`` (e.g. "FCP_PROVIDER=openai") selects
    ``provider`` but its key is missing: what to set, how, and that the lesson goes on."""
    name = settings.KEY_ENV[provider]
    text = (
        f"{asked_by} asks for {provider}, but {name} is not set, so this lesson "
        "continues offline with the simulated model.\n"
        f"To go live, set the key before starting JupyterLab (export {name}=...), or in the "
        f'notebook with os.environ["{name}"] = getpass.getpass(), and run this cell again.'
    )
    if provider == "openai":
        text += (
            f"\nFor a local OpenAI-compatible server (Ollama, llama.cpp, vLLM), set "
            f"{settings.ENV_OPENAI_BASE_URL} instead, e.g. http://localhost:11434/v1."
        )
    return text


def _live_openai(options: dict[str, Any], asynchronous: bool = False) -> Any:
    """A live OpenAI SDK client, sent to ``FCP_OPENAI_BASE_URL`` when it is set."""
    options = dict(options)
    base_url = settings.openai_base_url()
    if base_url is not None:
        options.setdefault("base_url", base_url)
        if not settings.has_key("openai"):
            # Local servers ignore the key, but the SDK refuses to start without one.
            options.setdefault("api_key", settings.PLACEHOLDER_KEY)
    return (openai.AsyncOpenAI if asynchronous else openai.OpenAI)(**options)
