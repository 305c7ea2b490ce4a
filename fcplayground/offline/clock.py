"""The offline provider's fixed clock: every object it makes says it was created now."""

from __future__ import annotations

# Fixed so that every run prints the same objects.
CREATED = 1_767_225_600  # 2026-01-01T00:00:00Z
