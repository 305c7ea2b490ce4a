"""The simulated model: tool choice that follows the descriptions, explained.

A pipeline of typed stages, one module each: ``reading`` (the conversation),
``profiles`` (what each tool asks for), ``extractors`` (one module per kind of value),
``relevance`` and ``intents`` (which tools, on which words), ``binding`` and
``completing`` (values to parameters, and how many calls), ``planning`` (the calls as a
graph), ``responding`` (the turn) and ``explanation`` (why).
"""

from __future__ import annotations

from .explanation import Explanation, PlannedCall
from .model import SimulatedModel
from .relevance import ToolScore

__all__ = ["Explanation", "PlannedCall", "SimulatedModel", "ToolScore"]
