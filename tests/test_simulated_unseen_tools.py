"""The simulated model on tools and requests no battery holds, as a hosted model reads them:
a word the parameter's description gives as an example is its value, a quantity reaches a
parameter in the unit the parameter's name says, and a flag follows what its description
says each value does.

Every tool here is written for the test, in a learner's style, and asked through the real
SDKs offline.
"""

from __future__ import annotations

from typing import Literal

from offline_calls import anthropic_calls, openai_calls

from fcplayground import ToolRegistry


def gym_tools() -> ToolRegistry:
    """A gym's booking tool next to a training log and a pet clinic's booking tool."""
    tools = ToolRegistry()

    @tools.tool
    def book_class(class_name: str, day: str, time: str) -> dict:
        """Books a spot in a group class at the gym.

        Args:
            class_name: The class, e.g. spin, yoga, HIIT.
            day: The date of the class, YYYY-MM-DD.
            time: Start time, HH:MM.
        """
        return {"booked": class_name}

    @tools.tool
    def log_workout(exercise: str, sets: int, reps: int) -> dict:
        """Adds an exercise to today's training log.

        Args:
            exercise: What was done, e.g. squats.
            sets: Number of sets.
            reps: Repetitions in each set.
        """
        return {"logged": exercise}

    @tools.tool
    def book_vet_appointment(pet_name: str, date: str) -> dict:
        """Books an appointment at the pet clinic.

        Args:
            pet_name: The pet's name.
            date: The day of the visit, YYYY-MM-DD.
        """
        return {"pet": pet_name}

    return tools


def test_a_plain_word_the_description_gives_as_an_example_is_the_value():
    tools = gym_tools()
    expected = [("book_class", {"class_name": "spin", "day": "2026-01-16", "time": "07:00"})]
    assert openai_calls(tools, "Book me into spin on 2026-01-16 at 7am") == expected
    assert anthropic_calls(tools, "book yoga on 2026-01-19 at 18:30") == [
        ("book_class", {"class_name": "yoga", "day": "2026-01-19", "time": "18:30"})
    ]


def chart_tools() -> ToolRegistry:
    """A tool whose description gives capitalised names as examples."""
    tools = ToolRegistry()

    @tools.tool
    def top_songs(genre: str, country: str) -> dict:
        """Lists the most streamed songs of a genre this week.

        Args:
            genre: The genre, e.g. Jazz, Soul, Techno.
            country: Where the songs are streamed.
        """
        return {"genre": genre, "songs": ["Blue in Green"]}

    return tools


def test_examples_a_request_names_as_names_still_make_one_call_each():
    request = "What are the top Jazz songs and also the top Techno songs in Germany?"
    assert sorted(openai_calls(chart_tools(), request), key=str) == [
        ("top_songs", {"genre": "Jazz", "country": "Germany"}),
        ("top_songs", {"genre": "Techno", "country": "Germany"}),
    ]


def home_tools() -> ToolRegistry:
    """A watering bot, a sleep timer and a parking finder, with parameters named for units."""
    tools = ToolRegistry()

    @tools.tool
    def water_plant(plant: str, millilitres: int) -> dict:
        """Turns on the watering bot for one plant now.

        Args:
            plant: The plant's name, e.g. basil or the fern.
            millilitres: How much water to give.
        """
        return {"watered": plant}

    @tools.tool
    def set_sleep_timer(minutes: int) -> dict:
        """Stops playback after some minutes.

        Args:
            minutes: Minutes until playback stops.
        """
        return {"stops_in": minutes}

    @tools.tool
    def extend_parking(session: str, hours: float) -> dict:
        """Adds time to a parking session.

        Args:
            session: The parking session's code, like PS-5521.
            hours: How much longer to park.
        """
        return {"session": session}

    @tools.tool
    def log_lift(exercise: str, weight_kg: float) -> dict:
        """Adds a lift to the training log.

        Args:
            exercise: The lift, e.g. deadlift.
            weight_kg: The weight lifted in kilograms.
        """
        return {"logged": exercise}

    @tools.tool
    def find_parking(near: str, max_price_per_hour: float | None = None) -> dict:
        """Finds car parks near a place.

        Args:
            near: An address or landmark.
            max_price_per_hour: The most to pay per hour, in euros.
        """
        return {"near": near}

    return tools


def test_a_quantity_reaches_a_parameter_named_for_its_unit_in_that_unit():
    tools = home_tools()
    assert openai_calls(tools, "sleep timer for half an hour") == [
        ("set_sleep_timer", {"minutes": 30})
    ]
    assert anthropic_calls(tools, "give the orchid half a litre of water") == [
        ("water_plant", {"plant": "orchid", "millilitres": 500})
    ]
    assert openai_calls(tools, "extend parking PS-5521 by 90 minutes") == [
        ("extend_parking", {"session": "PS-5521", "hours": 1.5})
    ]
    assert anthropic_calls(tools, "log a deadlift of 120 kilos") == [
        ("log_lift", {"exercise": "deadlift", "weight_kg": 120})
    ]


def test_an_hour_after_an_amount_is_a_rate_not_a_value():
    tools = home_tools()
    assert openai_calls(tools, "parking near the Rijksmuseum under 3 euros an hour") == [
        ("find_parking", {"near": "Rijksmuseum", "max_price_per_hour": 3})
    ]


def door_tools() -> ToolRegistry:
    """A smart lock and a mute switch: flags whose words a request says or undoes."""
    tools = ToolRegistry()

    @tools.tool
    def lock_door(door: Literal["front", "back", "garage"], locked: bool = True) -> dict:
        """Locks or unlocks a smart door lock.

        Args:
            door: Which door.
            locked: True to lock, False to unlock.
        """
        return {"door": door, "locked": locked}

    @tools.tool
    def mute_speaker(room: str, muted: bool = True) -> dict:
        """Mutes or unmutes the speaker in a room.

        Args:
            room: The room the speaker is in.
            muted: Whether it is muted.
        """
        return {"room": room, "muted": muted}

    return tools


def test_a_flag_follows_the_word_its_description_gives_each_value():
    tools = door_tools()
    assert openai_calls(tools, "Unlock the back door") == [
        ("lock_door", {"door": "back", "locked": False})
    ]
    assert anthropic_calls(tools, "lock the garage") == [
        ("lock_door", {"door": "garage", "locked": True})
    ]


def test_a_word_that_undoes_a_flags_own_word_sets_it_false():
    assert openai_calls(door_tools(), "unmute the kitchen speaker") == [
        ("mute_speaker", {"room": "kitchen", "muted": False})
    ]


Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday"]


def school_tools() -> ToolRegistry:
    """A school timetable whose class codes the description shows."""
    tools = ToolRegistry()

    @tools.tool
    def get_timetable(class_group: str, day: Weekday) -> dict:
        """Shows a school class's lessons on one weekday.

        Args:
            class_group: The class, like 7B or 10A.
            day: The weekday.
        """
        return {"class": class_group, "day": day}

    @tools.tool
    def report_absence(student_name: str, date: str, reason: str) -> dict:
        """Tells the school office a student will be absent.

        Args:
            student_name: The student's full name.
            date: The day of the absence, YYYY-MM-DD.
            reason: Why the student is away.
        """
        return {"reported": student_name}

    return tools


def test_a_code_with_the_form_of_the_described_examples_is_one_value():
    tools = school_tools()
    assert openai_calls(tools, "What's 7B's timetable on Tuesday?") == [
        ("get_timetable", {"class_group": "7B", "day": "tuesday"})
    ]
    assert anthropic_calls(tools, "timetable of 11C for Wednesday") == [
        ("get_timetable", {"class_group": "11C", "day": "wednesday"})
    ]


def test_a_weekday_said_once_is_the_option_or_a_date_not_both():
    calls = openai_calls(school_tools(), "show 10A's timetable for Monday and for Friday")
    assert sorted(calls, key=str) == [
        ("get_timetable", {"class_group": "10A", "day": "friday"}),
        ("get_timetable", {"class_group": "10A", "day": "monday"}),
    ]


def plant_tools() -> ToolRegistry:
    """A watering bot's schedule."""
    tools = ToolRegistry()

    @tools.tool
    def set_watering_schedule(plant: str, every_days: int, time: str = "08:00") -> dict:
        """Sets how often the watering bot waters a plant.

        Args:
            plant: The plant's name.
            every_days: Water it once every this many days.
            time: Time of day to water, HH:MM.
        """
        return {"plant": plant, "every_days": every_days}

    return tools


def test_every_day_is_once_a_day_and_a_time_in_the_evening_is_after_noon():
    assert openai_calls(plant_tools(), "water the tomatoes every day at 6:30 in the evening") == [
        ("set_watering_schedule", {"plant": "tomatoes", "every_days": 1, "time": "18:30"})
    ]
