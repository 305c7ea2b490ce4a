"""Everyday cases where no tool is right: small talk, and questions the model answers
itself although 26 tools are on offer.

Rows are ``(category, request, [])``; see :mod:`.common`. A hosted model answers these
in words. Requests near a tool but not for it ("what a time to be alive", "tell me
something nice about money") sit with their domains in the other case modules.
"""

from __future__ import annotations

from .common import Row

ROWS: list[Row] = [
    ("small talk", "thanks!", []),
    ("small talk", "Tell me a joke.", []),
    ("small talk", "what's your name?", []),
    ("small talk", "hi there", []),
    ("small talk", "Good morning!", []),
    ("small talk", "how are you today?", []),
    ("small talk", "you're awesome", []),
    ("small talk", "ok cool", []),
    ("small talk", "What can you do?", []),
    ("small talk", "bye for now", []),
    ("small talk", "lol", []),
    ("small talk", "can you keep a secret?", []),
    ("small talk", "Who made you?", []),
    ("small talk", "that's all, thank you", []),
    ("no tool", "What's the capital of Australia?", []),
    ("no tool", "write a haiku about autumn", []),
    ("no tool", "who won the 2018 world cup", []),
    ("no tool", "Explain what an API is in one sentence.", []),
    ("no tool", "recommend a good sci-fi book", []),
    ("no tool", "is a tomato a fruit?", []),
    ("no tool", "what's the difference between a tsunami and a tidal wave?", []),
    ("no tool", "Who invented the telephone?", []),
    ("no tool", "Book me a table at an Italian restaurant tonight.", []),
]
"""The no-call cases, as rows for :func:`fcplayground.evals.everyday.everyday_cases`."""
