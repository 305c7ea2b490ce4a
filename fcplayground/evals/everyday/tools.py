"""The everyday tools: what a learner writes as their first own tools, over fake data.

Each tool is a plain function with type hints and a short Google-style docstring, the way
lesson 01 teaches; :func:`everyday_tools` registers them all (26) in one
:class:`~fcplayground.tools.ToolRegistry`. Every tool returns a small dict computed from
its arguments alone: no network, no clock, no randomness. This module holds the home and
office tools (shopping, calendar, smart home, notes, timer, email, files, HR);
:mod:`.tools_numbers` holds the numbers and facts (maths, conversions, time zones, flights,
recipes, finance, language).
"""

from __future__ import annotations

from typing import Any, Literal

from ...tools import ToolRegistry
from . import tools_numbers

Room = Literal["living_room", "kitchen", "bedroom", "bathroom", "office", "hallway"]


def _code(text: str, prefix: str) -> str:
    """A stable fake id from some text (the same text always gives the same id)."""
    return f"{prefix}-{sum(map(ord, text)) % 9000 + 1000}"


def search_products(
    query: str,
    max_price: float | None = None,
    sort_by: Literal["relevance", "price_low", "price_high", "rating"] = "relevance",
) -> dict[str, Any]:
    """Searches the shop for products and returns matches with their ids and prices.

    Args:
        query: What to look for, e.g. "running shoes".
        max_price: Highest price in dollars, if the user gives one.
        sort_by: How to order the results.
    """
    price = 39.99 if max_price is None else round(max_price * 0.8, 2)
    item = {"product_id": _code(query, "P"), "name": query.title(), "price": price}
    return {"query": query, "sort_by": sort_by, "results": [item]}


def add_to_cart(product_id: str, quantity: int = 1) -> dict[str, Any]:
    """Adds a product to the user's shopping cart.

    Args:
        product_id: The product's id from the search results, e.g. "P-2291".
        quantity: How many to add.
    """
    return {"added": product_id, "quantity": quantity, "items_in_cart": quantity + 2}


def create_event(
    title: str, date: str, start_time: str, duration_minutes: int = 60
) -> dict[str, Any]:
    """Creates a new event in the user's calendar.

    Args:
        title: A short name for the event, e.g. "Dentist".
        date: The day of the event, as YYYY-MM-DD.
        start_time: When it starts, 24-hour HH:MM, e.g. "14:30".
        duration_minutes: How long it lasts, in minutes.
    """
    event = {"title": title, "date": date, "start_time": start_time, "minutes": duration_minutes}
    return {"created": True, "event_id": _code(title + date, "EV"), **event}


def list_events(date: str) -> dict[str, Any]:
    """Lists the events already in the user's calendar on one day.

    Args:
        date: The day to look at, as YYYY-MM-DD.
    """
    busy = sum(map(ord, date)) % 3
    events = [{"title": "Stand-up", "start_time": "09:00"}, {"title": "1:1", "start_time": "15:00"}]
    return {"date": date, "events": events[:busy]}


def set_thermostat(
    temperature: float, unit: Literal["celsius", "fahrenheit"] = "celsius"
) -> dict[str, Any]:
    """Sets the home thermostat to a target temperature.

    Args:
        temperature: The temperature to heat or cool to.
        unit: The scale the temperature is in.
    """
    return {"target": temperature, "unit": unit, "heating": temperature > 19}


def set_lights(
    room: Room, state: Literal["on", "off"], brightness: int | None = None
) -> dict[str, Any]:
    """Turns the lights in one room on or off.

    Args:
        room: Which room.
        state: "on" or "off".
        brightness: Brightness in percent (0-100), only when turning lights on.
    """
    level = 0 if state == "off" else (100 if brightness is None else brightness)
    return {"room": room, "state": state, "brightness": level}


def save_note(text: str, tags: list[str] | None = None) -> dict[str, Any]:
    """Saves a short note for the user to read later.

    Args:
        text: The note itself.
        tags: Labels to file the note under, e.g. ["work", "ideas"].
    """
    return {"saved": True, "note_id": _code(text, "N"), "tags": tags or []}


def set_reminder(message: str, date: str, time: str) -> dict[str, Any]:
    """Sets a reminder that notifies the user at a given date and time.

    Args:
        message: What to remind the user about.
        date: The day, as YYYY-MM-DD.
        time: The time of day, 24-hour HH:MM.
    """
    return {"reminder_id": _code(message + date + time, "R"), "at": f"{date} {time}"}


def start_timer(seconds: int, label: str | None = None) -> dict[str, Any]:
    """Starts a countdown timer.

    Args:
        seconds: How long the timer runs, in seconds.
        label: A name for the timer, e.g. "pasta".
    """
    return {"timer_id": _code(str(seconds), "T"), "seconds": seconds, "label": label or "timer"}


def send_email(to: str, subject: str, body: str, cc: list[str] | None = None) -> dict[str, Any]:
    """Sends an email from the user's account.

    Args:
        to: The recipient's email address.
        subject: The subject line.
        body: The text of the message.
        cc: Other addresses to copy in, if any.
    """
    return {"sent": True, "to": to, "cc": cc or [], "message_id": _code(to + subject, "M")}


def read_file(path: str) -> dict[str, Any]:
    """Reads a text file from the user's project folder and returns its contents.

    Args:
        path: Path to the file, e.g. "reports/2025/q3.csv".
    """
    return {"path": path, "content": f"(the first lines of {path})", "lines": len(path) * 7}


def list_folder(path: str = ".") -> dict[str, Any]:
    """Lists the files and folders inside a folder of the user's project.

    Args:
        path: The folder, e.g. "reports/2025"; "." is the top folder.
    """
    return {"path": path, "entries": ["README.md", "notes.txt", "data/"]}


def request_time_off(
    start_date: str, end_date: str, kind: Literal["vacation", "sick", "personal"] = "vacation"
) -> dict[str, Any]:
    """Files a time-off request for the user with HR.

    Args:
        start_date: The first day off, as YYYY-MM-DD.
        end_date: The last day off, as YYYY-MM-DD.
        kind: What kind of leave it is.
    """
    return {"request_id": _code(start_date + end_date, "TO"), "kind": kind, "status": "pending"}


def lookup_employee(employee_id: str) -> dict[str, Any]:
    """Looks up an employee's name, team, email address and manager.

    Args:
        employee_id: The employee id, e.g. "E-1042".
    """
    digits = "".join(c for c in employee_id if c.isdigit()) or "0"
    return {
        "employee_id": employee_id,
        "name": f"Employee {digits}",
        "team": ("Platform", "Sales", "Design")[int(digits) % 3],
        "email": f"e{digits}@example.com",
        "manager": f"E-{int(digits) % 1000 + 1000}",
    }


_HOME_AND_OFFICE = [
    (search_products, False),
    (add_to_cart, True),
    (create_event, True),
    (list_events, False),
    (set_thermostat, True),
    (set_lights, True),
    (save_note, True),
    (set_reminder, True),
    (start_timer, True),
    (send_email, True),
    (read_file, False),
    (list_folder, False),
    (request_time_off, True),
    (lookup_employee, False),
]


def everyday_tools() -> ToolRegistry:
    """A fresh registry of all the everyday tools (26), the toolset every case offers.

    Those that change something (add to the cart, send an email, set the lights ...) are
    marked ``side_effect=True``.
    """
    tools = ToolRegistry()
    for func, side_effect in _HOME_AND_OFFICE + tools_numbers.NUMBERS_AND_FACTS:
        tools.add(func, side_effect=side_effect)
    return tools
