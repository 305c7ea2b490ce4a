"""The examples battery's tools: first tools a learner writes, whose descriptions leave the
form of a value open, and the example inputs that settle it.

Each is a plain function with a short docstring, as lesson 01 teaches, and the examples a
learner would give it: the dates a UK restaurant books, flights as the airline writes them,
French mobile numbers, amounts with their currency, cities with their country code, the
labels a help desk uses. :func:`examples_tools` registers them with their examples, or
without (``examples=False``): the same tools, as the description alone describes them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ...tools import ToolRegistry


def book_table(restaurant: str, date: str, time: str, party_size: int) -> dict[str, Any]:
    """Books a table at a restaurant.

    Args:
        restaurant: The restaurant's name.
        date: The day of the booking.
        time: The time of the booking.
        party_size: How many people are coming.
    """
    return {"booked": restaurant, "date": date, "time": time, "people": party_size}


def track_flight(flight: str, date: str | None = None) -> dict[str, Any]:
    """Shows where a flight is and whether it is on time.

    Args:
        flight: The flight.
        date: The day it leaves, if not today.
    """
    return {"flight": flight, "status": "on time"}


def send_text(to: str, message: str) -> dict[str, Any]:
    """Sends a text message to a phone.

    Args:
        to: Who to send it to.
        message: What to say.
    """
    return {"sent_to": to, "characters": len(message)}


def log_expense(amount: str, category: str, note: str | None = None) -> dict[str, Any]:
    """Records an expense to be paid back.

    Args:
        amount: How much it cost.
        category: What kind of expense it is.
        note: Anything to add.
    """
    return {"logged": amount, "category": category}


def get_forecast(city: str, days: int = 1) -> dict[str, Any]:
    """Gives the weather forecast for a place.

    Args:
        city: Which city.
        days: How many days ahead.
    """
    return {"city": city, "days": [{"high": 14, "rain": 0.2}] * days}


def lookup_part(sku: str) -> dict[str, Any]:
    """Finds a spare part in the workshop catalogue and says its price and how many are in
    stock.

    Args:
        sku: The part's SKU.
    """
    return {"sku": sku, "price": 18.5, "in_stock": 4}


def label_ticket(ticket: str, labels: list[str]) -> dict[str, Any]:
    """Puts labels on a help desk ticket, so that the team it concerns sees it.

    Args:
        ticket: The ticket.
        labels: The labels to add.
    """
    return {"ticket": ticket, "labels": labels}


def open_return(order_id: str, reason: str, rma: str | None = None) -> dict[str, Any]:
    """Starts a return for an order.

    Args:
        order_id: The order.
        reason: Why it is sent back.
        rma: A return authorisation the customer already has.
    """
    return {"return_for": order_id, "label_sent": True}


def add_contact(name: str, phone: str) -> dict[str, Any]:
    """Saves someone in the address book.

    Args:
        name: Their name.
        phone: Their phone number.
    """
    return {"saved": name}


def find_rooms(city: str, check_in: str, nights: int = 1, guests: int | None = None) -> dict:
    """Looks for hotel rooms.

    Args:
        city: Where.
        check_in: The first night.
        nights: How long.
        guests: Guests.
    """
    return {"city": city, "rooms": [{"hotel": "Hotel Central", "price": 120}]}


def set_alarm(time: str, label: str | None = None) -> dict[str, Any]:
    """Sets an alarm on the phone.

    Args:
        time: When it rings.
        label: A name for it.
    """
    return {"alarm": time}


def pay_invoice(invoice: str, amount: str) -> dict[str, Any]:
    """Pays a supplier's invoice.

    Args:
        invoice: The invoice.
        amount: How much to pay.
    """
    return {"paid": invoice, "amount": amount}


def book_train(origin: str, destination: str, date: str) -> dict[str, Any]:
    """Books a train ticket.

    Args:
        origin: Where the journey starts.
        destination: Where it ends.
        date: The day of travel.
    """
    return {"ticket": f"{origin}-{destination}", "date": date}


def call_taxi(pickup: str, phone: str) -> dict[str, Any]:
    """Orders a taxi; the driver calls when they arrive.

    Args:
        pickup: Where to pick up.
        phone: The number the driver calls.
    """
    return {"taxi": "on its way", "pickup": pickup}


def set_thermostat(room: str, temperature: str) -> dict[str, Any]:
    """Sets the heating of a room.

    Args:
        room: Which room.
        temperature: How warm it should be.
    """
    return {"room": room, "set_to": temperature}


def find_station(city: str) -> dict[str, Any]:
    """Finds the main railway station of a city and its address.

    Args:
        city: The city.
    """
    return {"station": f"{city} Centrale"}


def tag_issue(issue: str, labels: list[str]) -> dict[str, Any]:
    """Adds labels to an issue in the bug tracker.

    Args:
        issue: The issue.
        labels: The labels.
    """
    return {"issue": issue, "labels": labels}


def track_parcel(tracking: str) -> dict[str, Any]:
    """Says where a parcel is.

    Args:
        tracking: The tracking number.
    """
    return {"tracking": tracking, "status": "in transit"}


def schedule_meeting(title: str, day: str, start: str) -> dict[str, Any]:
    """Puts a meeting in the team calendar.

    Args:
        title: What the meeting is about.
        day: Which day.
        start: When it starts.
    """
    return {"scheduled": title, "day": day, "start": start}


EXAMPLES: dict[str, list[dict[str, Any]]] = {
    "book_table": [
        {"restaurant": "Nopi", "date": "14/03/2026", "time": "19:30", "party_size": 2},
        {"restaurant": "Dishoom", "date": "02/05/2026", "time": "12:00", "party_size": 6},
    ],
    "track_flight": [{"flight": "LH 454"}, {"flight": "BA 2490", "date": "2026-03-14"}],
    "send_text": [
        {"to": "+33 6 12 34 56 78", "message": "On my way!"},
        {"to": "+33 1 42 68 53 00", "message": "A table for 2 at 8pm, please."},
    ],
    "log_expense": [
        {"amount": "12.50 USD", "category": "meals"},
        {"amount": "230.00 EUR", "category": "lodging", "note": "2 nights in Lyon"},
        {"amount": "48.00 GBP", "category": "travel"},
    ],
    "get_forecast": [{"city": "Paris, FR"}, {"city": "Osaka, JP", "days": 3}],
    "lookup_part": [{"sku": "BRK-2231"}, {"sku": "FLT-0042"}],
    "label_ticket": [
        {"ticket": "T-1001", "labels": ["billing", "refund"]},
        {"ticket": "T-1077", "labels": ["bug"]},
        {"ticket": "T-1203", "labels": ["billing", "urgent"]},
    ],
    "open_return": [
        {"order_id": "ORD-1234", "reason": "arrived damaged", "rma": "RMA-5512"},
        {"order_id": "ORD-2001", "reason": "wrong size"},
    ],
    "add_contact": [
        {"name": "Ana Ruiz", "phone": "+14155550100"},
        {"name": "Tom Baker", "phone": "+12125550199"},
    ],
    "find_rooms": [
        {"city": "Rome", "check_in": "2026-05-02", "nights": 2, "guests": 2},
        {"city": "Oslo", "check_in": "2026-07-10", "nights": 4, "guests": 1},
    ],
    "set_alarm": [{"time": "6:45 AM", "label": "gym"}, {"time": "10:30 PM"}],
    # The held-out tools: written at once, never looked at while the model was developed.
    "pay_invoice": [
        {"invoice": "INV-2041", "amount": "199.00 EUR"},
        {"invoice": "INV-1988", "amount": "1200.00 USD"},
    ],
    "book_train": [{"origin": "Berlin", "destination": "Munich", "date": "14.03.2026"}],
    "call_taxi": [{"pickup": "10 Downing Street", "phone": "+44 20 7946 0958"}],
    "set_thermostat": [{"room": "living room", "temperature": "21C"}],
    "find_station": [{"city": "Milan, IT"}, {"city": "Lyon, FR"}],
    "tag_issue": [
        {"issue": "GH-881", "labels": ["frontend", "p1"]},
        {"issue": "GH-902", "labels": ["docs"]},
    ],
    "track_parcel": [{"tracking": "1Z999AA10123456784"}],
    "schedule_meeting": [
        {"title": "Sprint review", "day": "Monday 16 March 2026", "start": "14:00"},
        {"title": "1:1 with Sam", "day": "Friday 20 March 2026", "start": "09:30"},
    ],
}
TOOLS = (
    book_table, track_flight, send_text, log_expense, get_forecast, lookup_part,
    label_ticket, open_return, add_contact, find_rooms, set_alarm,
    pay_invoice, book_train, call_taxi, set_thermostat, find_station, tag_issue, track_parcel,
    schedule_meeting,
)  # fmt: skip


def examples_tools(examples: bool = True, names: Iterable[str] | None = None) -> ToolRegistry:
    """The battery's 19 tools (or those ``names`` picks, in its order), with their example
    inputs (``examples=False``: without)."""
    wanted = None if names is None else set(names)
    tools = ToolRegistry()
    for func in TOOLS:
        if wanted is None or func.__name__ in wanted:
            tools.add(func, input_examples=EXAMPLES[func.__name__] if examples else None)
    return tools
