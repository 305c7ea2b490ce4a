"""What the example-input tests share: a flight tracker's examples, and a registry holding
the tracker, with them or without (for the tests that add examples themselves)."""

from __future__ import annotations

from fcplayground import ToolRegistry

FLIGHTS = [{"flight": "LH 454", "date": "2026-03-14"}, {"flight": "BA 2490"}]


def flight_tools(examples: bool = True) -> ToolRegistry:
    """A new registry with ``track_flight``, whose input examples are :data:`FLIGHTS`
    (none when ``examples`` is false)."""
    tools = ToolRegistry()

    @tools.tool(input_examples=FLIGHTS if examples else None)
    def track_flight(flight: str, date: str | None = None) -> dict:
        """Shows where a flight is now.

        Args:
            flight: The flight.
            date: The day it leaves.
        """
        return {"flight": flight}

    return tools
