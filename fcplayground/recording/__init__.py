"""Record a live session once, replay it anywhere: no key, no network, the same bytes.

>>> with fcplayground.record("session.json"):        # any openai / anthropic SDK client
...     client.chat.completions.create(...)
>>> offline.openai_client(model=ReplayModel("session.json"))

:func:`record` writes a :class:`Cassette` (one readable JSON file);
:class:`~fcplayground.models.ReplayModel` serves it back.
"""

from __future__ import annotations

from .cassette import Cassette, Exchange
from .checks import CassetteError
from .matching import closest, first_difference
from .recorder import Recording, record
from .redaction import redact

__all__ = [
    "Cassette",
    "CassetteError",
    "Exchange",
    "Recording",
    "closest",
    "first_difference",
    "record",
    "redact",
]
