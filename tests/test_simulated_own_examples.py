"""The simulated model reads a learner's own tools with example inputs as a hosted model
does: a quantity in the form the examples write ("21C"), a day in their weekday form, and the
lower-case words of an example value ("Sprint review") as the kind of thing the tool handles.

Every tool here is written for the test, and asked through the real SDKs offline.
"""

from __future__ import annotations

from offline_calls import anthropic_calls, openai_calls

from fcplayground import ToolRegistry, offline


def plan_meeting(title: str, day: str, start: str) -> dict:
    """Adds a meeting to the team's calendar.

    Args:
        title: What it is about.
        day: Which day.
        start: When it starts.
    """
    return {"planned": title}


def set_alarm(time: str) -> dict:
    """Sets an alarm on my phone.

    Args:
        time: When it rings.
    """
    return {"alarm": time}


def test_set_up_with_a_day_and_a_time_is_a_meeting_in_the_examples_form_not_an_alarm():
    tools = ToolRegistry()
    tools.add(plan_meeting, input_examples=[
        {"title": "Sprint review", "day": "Monday 16 March 2026", "start": "14:00"},
        {"title": "Budget planning", "day": "Friday 20 March 2026", "start": "09:30"},
    ])  # fmt: skip
    tools.add(set_alarm)
    reply = offline.anthropic_client().messages.create(
        model="simulated",
        max_tokens=300,
        system="Today is Thursday, 2026-01-15.",
        messages=[{"role": "user", "content": "Set up a design review on 24 March at 10:00"}],
        tools=tools.to_anthropic(),
    )
    (call,) = [b for b in reply.content if b.type == "tool_use"]
    assert call.name == "plan_meeting"
    assert call.input["day"] == "Tuesday 24 March 2026" and call.input["start"] == "10:00"
    assert "design review" in call.input["title"].lower()


def heating_tools() -> ToolRegistry:
    """A heating tool whose examples write temperatures as "21C"."""

    def heat_room(room: str, temperature: str) -> dict:
        """Sets the heating of a room.

        Args:
            room: Which room.
            temperature: How warm it should be.
        """
        return {"room": room, "set_to": temperature}

    tools = ToolRegistry()
    tools.add(heat_room, input_examples=[{"room": "living room", "temperature": "21C"}])
    return tools


def test_degrees_for_a_room_are_a_temperature_written_as_the_examples_write_one():
    tools = heating_tools()
    assert openai_calls(tools, "Make the bedroom 19 degrees") == [
        ("heat_room", {"room": "bedroom", "temperature": "19C"})
    ]
    ((_, arguments),) = anthropic_calls(tools, "warm the kitchen up to 70F")
    assert arguments == {"room": "kitchen", "temperature": "21C"}


def test_degrees_of_an_angle_do_not_reach_a_heating_tool():
    assert openai_calls(heating_tools(), "rotate the image 30 degrees") == []
