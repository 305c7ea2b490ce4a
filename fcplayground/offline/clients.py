"""Real ``openai`` and ``anthropic`` SDK clients whose HTTP is answered in-process.

Only the construction differs from a live client: the request the SDK builds, the
JSON on the wire and the objects it returns are the real ones. Going live means
replacing ``offline.openai_client()`` with ``openai.OpenAI()``.
"""

from __future__ import annotations

from typing import Any

import anthropic
import httpx2
import openai

from ..models import Model, SimulatedModel
from ..tools import json_schema_library
from .handler import make_handler

# Never resolves (.invalid is reserved), so nothing can leave the machine by mistake.
OPENAI_BASE_URL = "https://offline.fcplayground.invalid/v1"
ANTHROPIC_BASE_URL = "https://offline.fcplayground.invalid"
# The SDKs insist on a key; this placeholder is not a secret and is never checked.
OFFLINE_KEY = "offline-no-key-needed"


def default_model() -> Model:
    """The model offline clients use when none is given: a fresh SimulatedModel."""
    return SimulatedModel()


def _transport(model: Model | None) -> httpx2.MockTransport:
    # The request checks need jsonschema, slow to import: pay for it here, once, rather
    # than inside the first request, where it would look like the model thinking.
    json_schema_library.load()

    return httpx2.MockTransport(make_handler(model or default_model()))


def openai_client(model: Model | None = None, **options: Any) -> openai.OpenAI:
    """A real ``openai.OpenAI`` client answered by ``model`` on this machine."""
    options.setdefault("base_url", OPENAI_BASE_URL)
    http = httpx2.Client(transport=_transport(model), base_url=options["base_url"])
    return openai.OpenAI(api_key=OFFLINE_KEY, http_client=http, **options)


def async_openai_client(model: Model | None = None, **options: Any) -> openai.AsyncOpenAI:
    """A real ``openai.AsyncOpenAI`` client answered by ``model`` on this machine."""
    options.setdefault("base_url", OPENAI_BASE_URL)
    http = httpx2.AsyncClient(transport=_transport(model), base_url=options["base_url"])
    return openai.AsyncOpenAI(api_key=OFFLINE_KEY, http_client=http, **options)


def anthropic_client(model: Model | None = None, **options: Any) -> anthropic.Anthropic:
    """A real ``anthropic.Anthropic`` client answered by ``model`` on this machine."""
    options.setdefault("base_url", ANTHROPIC_BASE_URL)
    http = httpx2.Client(transport=_transport(model), base_url=options["base_url"])
    return anthropic.Anthropic(api_key=OFFLINE_KEY, http_client=http, **options)


def async_anthropic_client(model: Model | None = None, **options: Any) -> anthropic.AsyncAnthropic:
    """A real ``anthropic.AsyncAnthropic`` client answered by ``model`` on this machine."""
    options.setdefault("base_url", ANTHROPIC_BASE_URL)
    http = httpx2.AsyncClient(transport=_transport(model), base_url=options["base_url"])
    return anthropic.AsyncAnthropic(api_key=OFFLINE_KEY, http_client=http, **options)
