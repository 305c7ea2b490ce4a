"""Models: what answers a request when no provider does."""

from __future__ import annotations

from .base import Model, ModelError
from .faulty import FaultRecord, FaultyModel
from .plain import PlainTextModel
from .replay import ReplayModel
from .scripted import ScriptedModel
from .simulated import Explanation, SimulatedModel

__all__ = [
    "Explanation",
    "FaultRecord",
    "FaultyModel",
    "Model",
    "ModelError",
    "PlainTextModel",
    "ReplayModel",
    "ScriptedModel",
    "SimulatedModel",
]
