"""Demo worlds with real data for lessons: a support desk in SQLite and a travel planner, and
(in :mod:`.catalogue`) the 230 tools a large company's agent might be offered at once."""

from __future__ import annotations

from .support_desk import SupportDesk
from .travel import Travel

__all__ = ["SupportDesk", "Travel"]
