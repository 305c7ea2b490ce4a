"""Run cases against a model: :func:`evaluate` asks, checks and gathers an :class:`EvalRun`.

The model is anything that answers: a local :class:`~fcplayground.models.Model` (asked
directly, no HTTP), or a :class:`~fcplayground.client.ModelClient` (offline through the
real SDK, or live). Live runs send several cases at once (``concurrency``), wait and try
again when the provider says "too many requests" (HTTP 429, or overloaded), and keep each
answer on disk so that running again costs nothing. ::

    run = evaluate(cases)                                   # the simulated model, offline
    run = evaluate(cases, client=ModelClient.openai())      # live, cached, 4 at a time
    print(run)                                              # the report
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..chat import ModelTurn
from ..models import Model
from ..recording.redaction import redact
from .cache import Answer, cache_key, default_cache_dir, read_answer, write_answer
from .cases import Case
from .checker import Verdict, check
from .results import CaseResult, EvalRun

if TYPE_CHECKING:
    from ..client import ModelClient

RETRY_STATUSES = frozenset({429, 503, 529})  # rate limited or overloaded: worth waiting
AUTH_STATUSES = frozenset({401, 403})  # every case would fail the same way: stop at once
LIVE_CONCURRENCY = 4


class EvalError(RuntimeError):
    """The evaluation cannot go on (for example the provider refused the API key)."""


def evaluate(
    cases: Sequence[Case],
    client: ModelClient | None = None,
    *,
    model: Model | None = None,
    concurrency: int | None = None,
    cache: str | Path | bool | None = None,
    retries: int = 4,
    progress: bool | None = None,
    suite: str = "",
    sleep: Callable[[float], None] = time.sleep,
) -> EvalRun:
    """Ask each case of ``cases`` and check the answers; never raises for one bad case.

    - ``client``: a :class:`~fcplayground.client.ModelClient`; ``model``: a local model
      asked directly. Neither: the simulated model through the real OpenAI SDK, offline.
    - ``concurrency``: cases in flight at once (default: 4 live, 1 offline).
    - ``cache``: a folder for answers keyed by who answers and the whole request (every
      message with its tool calls and results, system, tools, tool_choice; see
      :mod:`~fcplayground.evals.cache`); ``None`` caches live runs in
      :func:`default_cache_dir` and not offline ones; ``False`` never caches. An entry
      that cannot be read is recomputed, with a warning.
    - ``retries``: extra tries after a 429 or overloaded answer (beyond the SDK's own),
      waiting what ``retry-after`` says or 1, 2, 4 ... seconds.
    - ``progress``: a tqdm bar (default: when stderr is a terminal).

    A request that fails is scored wrong with the error as its reason; a refused API key
    (401/403) stops the run with :class:`EvalError`. Error texts never hold an API key
    (see :func:`~fcplayground.recording.redact`).
    """
    if client is not None and model is not None:
        raise ValueError("Pass a client or a model, not both.")
    if client is None and model is None:
        from ..client import ModelClient

        client = ModelClient.offline()
    live = client is not None and not client.is_offline
    folder = _cache_folder(cache, live)
    who = _identity(client, model)
    workers = concurrency or (LIVE_CONCURRENCY if live else 1)
    if workers < 1:
        raise ValueError(f"concurrency must be 1 or more, not {workers}.")

    def one(case: Case) -> CaseResult:
        return _run_case(case, client, model, who, folder, retries, sleep)

    start = time.perf_counter()
    bar = _progress_bar(len(cases), progress)
    try:
        results = _run_all(cases, one, workers, bar)
    finally:
        bar.close()
    return EvalRun(results, describe(client, model), suite, time.perf_counter() - start)


def _run_all(
    cases: Sequence[Case], one: Callable[[Case], CaseResult], workers: int, bar: Any
) -> list[CaseResult]:
    """Each case's result, in order: one by one, or ``workers`` at a time in threads (an
    interrupt cancels the cases not yet started)."""
    results: list[CaseResult] = []
    if workers == 1:
        for case in cases:
            results.append(one(case))
            bar.update(1)
        return results
    with ThreadPoolExecutor(workers) as pool:
        futures = [pool.submit(one, case) for case in cases]
        try:
            for future in futures:
                results.append(future.result())
                bar.update(1)
        except BaseException:
            for future in futures:
                future.cancel()
            raise
    return results


def describe(client: ModelClient | None, model: Model | None) -> str:
    """Who answers, in words: ``simulated (offline, openai chat)``, ``gpt-... (live)``."""
    if model is not None:
        return f"{model.name} (local, asked directly)"
    assert client is not None
    how = f"{client.provider} {client.api}"
    if client.is_offline:
        name = getattr(client.local_model, "name", "local model")
        return f"{name} (offline, through the {how} SDK)"
    return f"{client.model} ({how}, live)"


def _run_case(
    case: Case,
    client: ModelClient | None,
    model: Model | None,
    who: str,
    folder: Path | None,
    retries: int,
    sleep: Callable[[float], None],
) -> CaseResult:
    started = time.perf_counter()
    path = folder / f"{cache_key(who, case)}.json" if folder else None
    if path is not None and (answer := read_answer(path)) is not None:
        result = CaseResult.judged(case, answer.calls, answer.text, check(case, answer.calls))
        result.cached = True
        return result
    tries = 0
    while True:
        try:
            answer = Answer.of(_ask(case, client, model))
            break
        except Exception as error:
            status = getattr(error, "status_code", None)
            if status in AUTH_STATUSES:
                raise EvalError(
                    f"The provider refused the request ({status}): {_said(error, client)}. "
                    "Check the API key in the environment (OPENAI_API_KEY or ANTHROPIC_API_KEY)."
                ) from None  # the SDK error's text may hold the key
            if status in RETRY_STATUSES and tries < retries:
                sleep(_wait(error, tries))
                tries += 1
                continue
            result = _failed(case, error, tries, client)
            result.seconds = time.perf_counter() - started
            return result
    if path is not None:
        write_answer(path, answer)
    result = CaseResult.judged(case, answer.calls, answer.text, check(case, answer.calls))
    result.seconds, result.retries = time.perf_counter() - started, tries
    return result


def _ask(case: Case, client: ModelClient | None, model: Model | None) -> ModelTurn:
    if model is not None:
        return model.respond(case.request(model_name=model.name))
    assert client is not None
    return client.complete(case.messages, case.tools, system=case.system)


def _said(error: Exception, client: ModelClient | None) -> str:
    """An error's text on one line, with any API key in it redacted (a provider may
    echo the key it refused)."""
    known = [getattr(client.sdk, "api_key", None) or ""] if client is not None else []
    return redact(" ".join(str(error).split()), known)


def _failed(
    case: Case, error: Exception, tries: int, client: ModelClient | None = None
) -> CaseResult:
    text = f"request failed: {type(error).__name__}: {_said(error, client)}"
    if tries:
        text += f" (after {tries} retries)"
    result = CaseResult.judged(case, [], "", Verdict(False, False, [text]))
    result.error, result.retries = text, tries
    return result


def _wait(error: Exception, tries: int) -> float:
    """Seconds to wait before trying again: the provider's ``retry-after`` if it says."""
    response = getattr(error, "response", None)
    header = response.headers.get("retry-after") if response is not None else None
    try:
        return max(0.0, float(header)) if header is not None else float(min(2**tries, 30))
    except ValueError:
        return float(min(2**tries, 30))


def _identity(client: ModelClient | None, model: Model | None) -> str:
    from .. import __version__

    if model is not None:  # a local model's answers change with the code: key on the version
        return f"local/{model.name}/{__version__}"
    assert client is not None
    if client.is_offline:
        name = getattr(client.local_model, "name", "local")
        return f"offline/{client.provider}/{client.api}/{name}/{__version__}"
    return f"{client.provider}/{client.api}/{client.model}/{client.sdk.base_url}"


def _cache_folder(cache: str | Path | bool | None, live: bool) -> Path | None:
    if cache is None:
        cache = live
    if cache is False:
        return None
    folder = default_cache_dir() if cache is True else Path(cache)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress_bar(total: int, progress: bool | None) -> Any:
    if progress is None:
        progress = sys.stderr.isatty() and total > 1
    if not progress:
        return _NoBar()
    from tqdm.auto import tqdm

    return tqdm(total=total, desc="cases", unit="case", leave=False)
