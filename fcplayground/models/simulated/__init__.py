"""The simulated model: tool choice that follows the descriptions, explained."""

from __future__ import annotations

from .explain import Explanation, PlannedCall
from .model import SimulatedModel
from .relevance import ToolScore

__all__ = ["Explanation", "PlannedCall", "SimulatedModel", "ToolScore"]
