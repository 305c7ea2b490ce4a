"""Keys never reach a file or a message: one redaction for cassettes, traces and evals.

:func:`redact` replaces, in any text, every credential known to this process (the
values of ``*_API_KEY`` environment variables, and any the caller saw, such as a
request's ``Authorization`` header) and anything shaped like a provider key
(``sk-...``, ``sk-ant-...``, ``AIza...``) with ``[REDACTED]``. The recorder runs it over
a cassette before writing it; traces and evaluation runs over their error texts, since
a provider may echo the key it refused in a 401 body.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable

REDACTED = "[REDACTED]"
MIN_SECRET = 12  # shorter values ("test", "1") are not keys, and would mangle bodies
# OpenAI (sk-, sk-proj-), Anthropic (sk-ant-), OpenRouter and most compatible servers
# (sk-), Google (AIza). Possessive: linear time however long the run of characters.
KEY_SHAPE = re.compile(r"\b(?:sk-|AIza)[A-Za-z0-9_\-]{20,}+")


def env_secrets() -> set[str]:
    """The values of ``*_API_KEY`` environment variables long enough to be keys."""
    return {
        value
        for name, value in os.environ.items()
        if name.endswith("_API_KEY") and len(value) >= MIN_SECRET
    }


def redact_found(text: str, secrets: Iterable[str] = ()) -> tuple[str, bool]:
    """``text`` with every known secret and key-shaped string replaced by ``[REDACTED]``;
    and whether there was any."""
    known = {s for s in secrets if s and len(s) >= MIN_SECRET} | env_secrets()
    found = False
    for secret in sorted(known, key=len, reverse=True):  # longest first: no partial leftovers
        if secret in text:
            text, found = text.replace(secret, REDACTED), True
    text, shaped = KEY_SHAPE.subn(REDACTED, text)
    return text, found or shaped > 0


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with every known secret and key-shaped string replaced by ``[REDACTED]``."""
    return redact_found(text, secrets)[0]
