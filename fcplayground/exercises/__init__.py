"""Checks for the lessons' exercises: each says what is right and what to fix."""

from __future__ import annotations

from .feedback import Feedback
from .lessons_01_02 import check_round_trip, check_tool_description

__all__ = ["Feedback", "check_round_trip", "check_tool_description"]
