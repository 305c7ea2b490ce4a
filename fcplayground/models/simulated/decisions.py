"""Decisions: the turn the model gave for one request's content, kept for when it comes again.

The simulated model decides from the request alone (its messages, system prompt, tools,
``tool_choice`` and parallel flag) and from its own two settings, so the same content
always gets the same turn. A session sends the same content again and again: a notebook
cell run twice, an evaluation asked again, a client that retries. The model keeps recent
turns under a digest of that content (:func:`decision_key`), and hands out a copy of the
kept turn (:func:`copy_turn`), since every caller stamps ids on its turn and may add notes
to its explanation.
"""

from __future__ import annotations

import copy
import hashlib
import marshal
from dataclasses import replace

from ...chat import ModelTurn, NamedTool, Request

__all__ = ["copy_turn", "decision_key"]


def decision_key(request: Request, tools: bytes, threshold: float, naive: bool) -> bytes | None:
    """A digest of everything the model's turn for ``request`` depends on, given ``tools``
    (the digest of its tools list as sent); None when some of it cannot be written out
    (an object of a learner's own class), and then nothing is kept."""
    choice = request.tool_choice
    messages = tuple(
        (
            m.role,
            m.content,
            tuple((c.name, c.arguments, c.id) for c in m.tool_calls),
            tuple((r.call_id, r.content, r.is_error, r.name) for r in m.tool_results),
        )
        for m in request.messages
    )
    named = ("named", choice.name) if isinstance(choice, NamedTool) else ("plain", choice)
    content = (messages, request.system, named, request.parallel_tool_calls, threshold, naive)
    try:
        # marshal writes values faithfully, types included (True is not 1, 1 is not 1.0)
        written = marshal.dumps(content)
    except ValueError:
        return None
    return hashlib.sha256(tools + written).digest()


def copy_turn(turn: ModelTurn) -> ModelTurn:
    """A copy of ``turn`` that shares nothing a caller may change: its calls, their
    arguments, its usage and its explanation are its own."""
    explanation = turn.explanation.copy() if turn.explanation is not None else None
    calls = [replace(c, arguments=copy.deepcopy(c.arguments)) for c in turn.tool_calls]
    return replace(turn, tool_calls=calls, usage=replace(turn.usage), explanation=explanation)
