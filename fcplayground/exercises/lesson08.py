"""The exercise of lesson 08: record a session once, then replay it with no model at all.

    from fcplayground.exercises.lesson08 import REQUEST, check_cassette
    with record(path):
        ...                       # run REQUEST through both SDKs (offline here, live at home)
    check_cassette(path)          # what is right, and what to fix

The check loads the cassette, looks for both providers' exchanges and for anything that
looks like a key, then replays the request through each SDK with only a
:class:`~fcplayground.models.ReplayModel` behind it: a right cassette answers every request
the agent sends, so the replayed run makes the same four calls.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..agent import run
from ..client import ModelClient
from ..models.replay import ReplayModel
from ..recording import Cassette
from ..scenarios import SupportDesk
from .feedback import Feedback

REQUEST = (
    "Look up jane@example.com, then search the help center for double charges, then open a "
    "ticket about the double charge, then email her the answer."
)
CALLS = ["lookup_customer", "search_knowledge_base", "create_ticket", "send_response"]
ENDPOINTS = {"openai": "/v1/chat/completions", "anthropic": "/v1/messages"}
_KEYLIKE = re.compile(r"sk-[A-Za-z0-9_-]{8,}")


def check_cassette(path: Any) -> Feedback:
    """Does the cassette at ``path`` hold the support desk run through both SDKs, with no
    key in it, and does it replay that run on its own?"""
    feedback = Feedback()
    try:
        cassette = Cassette.load(Path(path))
    except (OSError, ValueError, TypeError) as error:
        feedback.problems.append(
            f"No cassette could be read from {Path(str(path)).name!r} "
            f"({type(error).__name__}). Wrap the two runs in "
            "`with record(PATH):` and run the cell, then check again."
        )
        return feedback
    paths = [e.path for e in cassette.exchanges]
    for provider, endpoint in ENDPOINTS.items():
        feedback.check(
            endpoint in paths,
            f"The cassette holds {paths.count(endpoint)} {provider} exchanges ({endpoint}).",
            f"No {provider} exchange ({endpoint}) was recorded: run REQUEST with "
            f"ModelClient.offline(provider={provider!r}) inside the `with record(...)` block.",
        )
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    feedback.check(
        not _KEYLIKE.search(text),
        "Nothing in the cassette looks like an API key.",
        "Something in the cassette looks like an API key (sk-...): never type a key into "
        "a request; keys come from the environment.",
    )
    for provider in ENDPOINTS:
        if ENDPOINTS[provider] in paths:
            _replay(feedback, cassette, provider)
    return feedback


def _replay(feedback: Feedback, cassette: Cassette, provider: str) -> None:
    client = ModelClient.offline(ReplayModel(cassette), provider=provider)  # type: ignore[arg-type]
    desk = SupportDesk()
    try:
        trace = run(client, desk.tools, REQUEST)
    finally:
        desk.close()
    made = [name for name, _ in trace.calls()]
    feedback.check(
        trace.error is None and made == CALLS,
        f"Replayed through the {provider} SDK with no model: {' -> '.join(made)}.",
        f"Replaying through the {provider} SDK did not repeat the run "
        f"({' -> '.join(made) or 'no calls'}; {trace.error or trace.stop_reason}). Record "
        "exactly REQUEST with desk.tools from a fresh SupportDesk(), and nothing else.",
    )
