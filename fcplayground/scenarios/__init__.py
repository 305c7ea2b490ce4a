"""Demo worlds with real data for lessons: a support desk in SQLite and a travel planner."""

from __future__ import annotations

from .support_desk import SupportDesk
from .travel import Travel

__all__ = ["SupportDesk", "Travel"]
