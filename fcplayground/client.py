"""ModelClient: one interface over OpenAI (Chat Completions or Responses) and Anthropic.

>>> client = ModelClient.offline()                   # no key, no network
>>> client = ModelClient.openai()                    # live if OPENAI_API_KEY is set
>>> turn = client.complete([Message.user("Weather in Paris?")], tools)

``complete`` builds a neutral :class:`~fcplayground.chat.Request`, turns it into the
provider's request body with :mod:`fcplayground.wire`, calls the genuine SDK exactly as
the provider documents it (``sdk.chat.completions.create(**body)`` and so on), and turns
the SDK's response back into a neutral :class:`~fcplayground.chat.ModelTurn` whose
``raw`` is the SDK object. The two halves are public too: :meth:`ModelClient.request_body`
gives the body that would be sent, :meth:`ModelClient.send` sends a body. The agent loop
uses them so that each step records exactly what went over the wire.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import threading
import time
import warnings
from collections.abc import Callable
from dataclasses import replace
from typing import Any, Literal

import anthropic
import httpx2
import openai

from . import offline as _offline
from . import wire
from .chat import Message, ModelTurn, NamedTool, Request, ToolChoice, ToolSpec
from .models import Model, SimulatedModel
from .settings import KEY_ENV, has_key, model_for
from .tools import ToolRegistry

Provider = Literal["openai", "anthropic"]
Api = Literal["chat", "responses", "messages"]

WIRE = {"chat": wire.openai_chat, "responses": wire.openai_responses, "messages": wire.anthropic}


class OfflineWarning(UserWarning):
    """A live client was asked for but no API key is set, so the client stays offline."""


class ModelClient:
    """One way to ask any provider for a turn: ``complete(messages, tools) -> ModelTurn``.

    Attributes: ``provider`` ("openai" or "anthropic"), ``api`` ("chat", "responses" or
    "messages"), ``model`` (the model id sent), ``sdk`` (the sync SDK client),
    ``async_sdk`` (its async twin, built on first use), ``is_offline`` (whether the SDK
    is answered in-process), ``local_model`` (the offline :class:`Model`, when known),
    ``last_request`` (the body of the latest request sent, for inspection) and
    ``attempts`` (the HTTP answers behind the latest send of this thread or task).

    One client may be shared by many threads (as ``evaluate(concurrency=...)`` does) and
    by many asyncio tasks: each send's ``attempts`` are its own.
    """

    def __init__(
        self,
        provider: Provider,
        sdk: Any,
        model: str | None = None,
        api: Api | None = None,
        local_model: Model | None = None,
    ) -> None:
        if provider not in KEY_ENV:
            raise ValueError(f"provider must be 'openai' or 'anthropic', not {provider!r}.")
        api = api or ("messages" if provider == "anthropic" else "chat")
        allowed = ("messages",) if provider == "anthropic" else ("chat", "responses")
        if api not in allowed:
            raise ValueError(f"api for {provider} must be one of {allowed}, not {api!r}.")
        self.provider: Provider = provider
        self.api: Api = api
        self.model: str = model or model_for(provider)
        self.sdk = sdk
        transport = _transport(sdk)
        self.is_offline: bool = isinstance(transport, httpx2.MockTransport)
        self.local_model: Model | None = local_model or _model_behind(transport)
        self.last_request: dict[str, Any] | None = None
        # The HTTP answers behind the latest send, retries included: (status, perf_counter).
        # Per thread and per asyncio task (a context variable), so that sends running at
        # the same time never mix or reset each other's.
        self._attempts: contextvars.ContextVar[list[tuple[int, float]] | None] = (
            contextvars.ContextVar(f"fcplayground-attempts-{provider}", default=None)
        )
        self._async: tuple[Any, Any] | None = None  # (event loop, async SDK client)
        self._async_lock = threading.Lock()
        _watch(sdk, self._attempted)

    # -- construction ----------------------------------------------------------------

    @classmethod
    def openai(
        cls,
        client: openai.OpenAI | None = None,
        model: str | None = None,
        api: Literal["chat", "responses"] = "chat",
    ) -> ModelClient:
        """OpenAI through ``client``; by default a live ``openai.OpenAI()`` when
        ``OPENAI_API_KEY`` is set, else an offline client (with a warning)."""
        if client is None:
            if _has_key("openai"):
                client = openai.OpenAI()
            else:
                return cls.offline(provider="openai", api=api, model_id=model)
        return cls("openai", client, model, api)

    @classmethod
    def anthropic(
        cls, client: anthropic.Anthropic | None = None, model: str | None = None
    ) -> ModelClient:
        """Anthropic through ``client``; by default a live ``anthropic.Anthropic()`` when
        ``ANTHROPIC_API_KEY`` is set, else an offline client (with a warning)."""
        if client is None:
            if _has_key("anthropic"):
                client = anthropic.Anthropic()
            else:
                return cls.offline(provider="anthropic", model_id=model)
        return cls("anthropic", client, model, "messages")

    @classmethod
    def offline(
        cls,
        model: Model | None = None,
        provider: Provider = "openai",
        api: Api | None = None,
        *,
        model_id: str | None = None,
    ) -> ModelClient:
        """Real SDK clients (sync and async) answered in-process by ``model`` (one
        instance for both; a new :class:`SimulatedModel` by default). ``model_id`` is
        the model name put in requests (default: :func:`~fcplayground.model_for`)."""
        model = model if model is not None else SimulatedModel()
        if provider == "anthropic":
            sdk: Any = _offline.anthropic_client(model)
        elif provider == "openai":
            sdk = _offline.openai_client(model)
        else:
            raise ValueError(f"provider must be 'openai' or 'anthropic', not {provider!r}.")
        return cls(provider, sdk, model_id, api, local_model=model)

    # -- the async SDK client --------------------------------------------------------

    @property
    def async_sdk(self) -> Any:
        """The async SDK client for :meth:`acomplete`, derived from ``sdk``: offline, a
        client on the same in-process model; live, one with the same key and base URL.

        A live async client's connections belong to one event loop, so a new one is
        built when called from another loop (each ``asyncio.run`` starts a new one).
        """
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        with self._async_lock:  # threads sharing this client build one twin, not several
            if self._async is None or (loop is not None and self._async[0] is not loop):
                twin = _async_twin(self.provider, self.sdk)
                _watch(twin, self._attempted)
                self._async = (loop, twin)
            return self._async[1]

    # -- requests --------------------------------------------------------------------

    def request_body(
        self,
        messages: list[Message] | str,
        tools: ToolRegistry | list[ToolSpec] | None = None,
        *,
        system: str | None = None,
        tool_choice: ToolChoice | str | None = None,
        parallel: bool | None = None,
        max_tokens: int | None = None,
    ) -> dict[str, Any]:
        """The provider's request body for this conversation (nothing is sent).

        ``parallel=None`` leaves parallel calls to the provider's default (allowed);
        ``False`` forbids them. ``tool_choice`` is "auto", "none", "required", a tool
        name or a :class:`~fcplayground.chat.NamedTool`.
        """
        if isinstance(messages, str):
            messages = [Message.user(messages)]
        specs = tools.specs() if isinstance(tools, ToolRegistry) else list(tools or [])
        if self.api != "responses":
            # strict=False is the default of Chat and Messages: leave it out, as
            # tools.to_openai() / to_anthropic() do. Responses defaults to strict=True,
            # so there it must be said.
            specs = [replace(s, strict=None) if s.strict is False else s for s in specs]
        if isinstance(tool_choice, str) and tool_choice not in ("auto", "none", "required"):
            tool_choice = NamedTool(tool_choice)
        request = Request(
            messages=list(messages),
            model=self.model,
            system=system,
            tools=specs,
            tool_choice=tool_choice,
            parallel_tool_calls=parallel,
            max_tokens=max_tokens,
        )
        return WIRE[self.api].request_to_wire(request)

    def send(self, body: dict[str, Any]) -> ModelTurn:
        """Send a request body with the SDK; the neutral turn, with ``raw`` set.
        ``attempts`` then lists every HTTP answer, the SDK's own retries included."""
        self.last_request = body
        self._attempts.set([])
        return self._turn(_create(self.sdk, self.api)(**body))

    async def asend(self, body: dict[str, Any]) -> ModelTurn:
        """Async twin of :meth:`send`."""
        self.last_request = body
        self._attempts.set([])
        return self._turn(await _create(self.async_sdk, self.api)(**body))

    @property
    def attempts(self) -> list[tuple[int, float]]:
        """Every HTTP answer (status, ``time.perf_counter()``) behind the latest send made
        by this thread or asyncio task, the SDK's own retries included."""
        return list(self._attempts.get() or [])

    def _attempted(self, status: int) -> None:
        # Runs in the sending thread (sync) or task (async), so this is that send's list.
        heard = self._attempts.get()
        if heard is None:  # an SDK call made directly on client.sdk, not through send()
            heard = []
            self._attempts.set(heard)
        heard.append((status, time.perf_counter()))

    def complete(
        self,
        messages: list[Message] | str,
        tools: ToolRegistry | list[ToolSpec] | None = None,
        *,
        system: str | None = None,
        tool_choice: ToolChoice | str | None = None,
        parallel: bool | None = None,
        max_tokens: int | None = None,
    ) -> ModelTurn:
        """Ask the model for its next turn. SDK errors (``BadRequestError``,
        ``RateLimitError``, ...) propagate after the SDK's own retries."""
        body = self.request_body(
            messages,
            tools,
            system=system,
            tool_choice=tool_choice,
            parallel=parallel,
            max_tokens=max_tokens,
        )
        return self.send(body)

    async def acomplete(
        self,
        messages: list[Message] | str,
        tools: ToolRegistry | list[ToolSpec] | None = None,
        *,
        system: str | None = None,
        tool_choice: ToolChoice | str | None = None,
        parallel: bool | None = None,
        max_tokens: int | None = None,
    ) -> ModelTurn:
        """Async twin of :meth:`complete`."""
        body = self.request_body(
            messages,
            tools,
            system=system,
            tool_choice=tool_choice,
            parallel=parallel,
            max_tokens=max_tokens,
        )
        return await self.asend(body)

    def _turn(self, response: Any) -> ModelTurn:
        # model_dump() gives the same dict shapes as the wire JSON (None for absent
        # optional fields, which the converters read as absent); warnings=False keeps
        # leniently parsed live responses from printing serializer warnings.
        turn = WIRE[self.api].turn_from_wire(response.model_dump(warnings=False))
        turn.raw = response
        explain = getattr(self.local_model, "explain", None)
        if explain is not None:
            with contextlib.suppress(LookupError):  # not one of its recent turns
                turn.explanation = explain(response)
        return turn

    def __repr__(self) -> str:
        where = f"offline, {getattr(self.local_model, 'name', 'local model')}"
        return (
            f"ModelClient(provider={self.provider!r}, api={self.api!r}, model={self.model!r}, "
            f"{where if self.is_offline else 'live'})"
        )


# -- helpers ---------------------------------------------------------------------------


def _has_key(provider: str) -> bool:
    if has_key(provider):
        return True
    name = KEY_ENV[provider]
    how = f"os.environ[{name!r}] = '...' (or export {name}=...)"
    warnings.warn(
        f"{name} is not set, so ModelClient.{provider}() stays offline (simulated model); "
        f"to go live, set {how} and create the client again.",
        OfflineWarning,
        stacklevel=3,
    )
    return False


def _create(sdk: Any, api: str) -> Any:
    if api == "chat":
        return sdk.chat.completions.create
    if api == "responses":
        return sdk.responses.create
    return sdk.messages.create


def _watch(sdk: Any, record: Callable[[int], None]) -> None:
    """Hear every HTTP answer the SDK gets, so retries show in traces."""
    http = getattr(sdk, "_client", None)
    hooks = getattr(http, "event_hooks", None)
    if hooks is None:
        return
    if isinstance(http, httpx2.AsyncClient):

        async def heard(response: httpx2.Response) -> None:
            record(response.status_code)

        hooks["response"].append(heard)
    else:
        hooks["response"].append(lambda response: record(response.status_code))


def _transport(sdk: Any) -> Any:
    return getattr(getattr(sdk, "_client", None), "_transport", None)


def _model_behind(transport: Any) -> Model | None:
    """The model an offline client's handler answers with (made by make_handler)."""
    handler = getattr(transport, "handler", None)
    code, cells = getattr(handler, "__code__", None), getattr(handler, "__closure__", None)
    if code is None or not cells or "model" not in code.co_freevars:
        return None
    return cells[code.co_freevars.index("model")].cell_contents


def _async_twin(provider: str, sdk: Any) -> Any:
    """An async SDK client that talks where ``sdk`` talks, with the same credentials."""
    transport = _transport(sdk)
    base_url = str(sdk.base_url)
    options: dict[str, Any] = {
        "api_key": sdk.api_key,
        "base_url": base_url,
        "timeout": sdk.timeout,
        "max_retries": sdk.max_retries,
    }
    if isinstance(transport, httpx2.MockTransport):  # offline: the same handler and model
        options["http_client"] = httpx2.AsyncClient(transport=transport, base_url=base_url)
    if provider == "anthropic":
        return anthropic.AsyncAnthropic(auth_token=sdk.auth_token, **options)
    return openai.AsyncOpenAI(organization=sdk.organization, project=sdk.project, **options)
