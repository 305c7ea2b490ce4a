"""The tools of the own-tools probe: thirty first tools a learner might write, in domains
the everyday and examples batteries leave out (a library, a gym, plants, recipes, git,
parking, a school, a pet clinic, invoices, a smart home, podcasts, language help).

Each is a plain function with type hints and a Google-style docstring; the bodies return
small dicts from their arguments alone. :data:`KITS` groups them as the requests offer
them: five to eight tools at once, near neighbours side by side.
"""

from __future__ import annotations

from typing import Literal

from fcplayground import ToolRegistry

Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday"]


def search_catalog(query: str, available_only: bool = False) -> dict:
    """Searches the library catalogue for books by title, author or subject.

    Args:
        query: Words to search for.
        available_only: Only show books that are on the shelf now.
    """
    return {"query": query, "books": [{"isbn": "978-0141439518", "title": query.title()}]}


def renew_loan(loan_id: str, weeks: int = 2) -> dict:
    """Renews a book the member has borrowed so it is due later.

    Args:
        loan_id: The loan number printed on the receipt, like L-20931.
        weeks: How many more weeks to keep it.
    """
    return {"loan_id": loan_id, "extended_by_weeks": weeks}


def place_hold(isbn: str, branch: Literal["central", "north", "riverside"] = "central") -> dict:
    """Reserves a book so it is kept for the member at a branch when it comes back.

    Args:
        isbn: The book's ISBN.
        branch: Which library branch to collect it from.
    """
    return {"isbn": isbn, "branch": branch, "position": 2}


def book_class(class_name: str, day: str, time: str) -> dict:
    """Books a spot in a group class at the gym.

    Args:
        class_name: The class, e.g. spin, yoga, HIIT.
        day: The date of the class, YYYY-MM-DD.
        time: Start time, HH:MM.
    """
    return {"booked": class_name, "day": day, "time": time}


def log_workout(exercise: str, sets: int, reps: int, weight_kg: float | None = None) -> dict:
    """Adds an exercise to today's training log.

    Args:
        exercise: What was done, e.g. squats.
        sets: Number of sets.
        reps: Repetitions in each set.
        weight_kg: The weight lifted in kilograms, if any.
    """
    return {"logged": exercise, "volume": sets * reps}


def cancel_membership(member_id: str, reason: str) -> dict:
    """Ends a gym membership at the end of the month.

    Args:
        member_id: The member's card number.
        reason: Why they are leaving.
    """
    return {"cancelled": member_id}


def water_plant(plant: str, millilitres: int) -> dict:
    """Turns on the watering bot for one plant now.

    Args:
        plant: The plant's name, e.g. basil or the fern.
        millilitres: How much water to give.
    """
    return {"watered": plant, "ml": millilitres}


def set_watering_schedule(plant: str, every_days: int, time: str = "08:00") -> dict:
    """Sets how often the watering bot waters a plant.

    Args:
        plant: The plant's name.
        every_days: Water it once every this many days.
        time: Time of day to water, HH:MM.
    """
    return {"plant": plant, "every_days": every_days, "time": time}


def scale_recipe(recipe: str, from_servings: int, to_servings: int) -> dict:
    """Scales the ingredient amounts of a saved recipe to a different number of servings.

    Args:
        recipe: The recipe's name.
        from_servings: How many servings the recipe makes now.
        to_servings: How many servings are wanted.
    """
    return {"recipe": recipe, "factor": to_servings / max(1, from_servings)}


def create_branch(name: str, from_branch: str = "main") -> dict:
    """Creates a new git branch.

    Args:
        name: The new branch's name.
        from_branch: The branch to start it from.
    """
    return {"created": name, "from": from_branch}


def commit_changes(message: str, files: list[str] | None = None) -> dict:
    """Commits staged changes to the current git branch.

    Args:
        message: The commit message.
        files: Only commit these paths; all staged changes when left out.
    """
    return {"commit": "a1b2c3d", "message": message}


def open_pull_request(
    title: str, source_branch: str, target_branch: str = "main", draft: bool = False
) -> dict:
    """Opens a pull request to merge one branch into another.

    Args:
        title: The pull request's title.
        source_branch: The branch with the changes.
        target_branch: The branch to merge into.
        draft: Open it as a draft.
    """
    return {"pr": 42, "title": title}


def start_parking(plate: str, zone: str, hours: float) -> dict:
    """Pays for street parking for a car in a parking zone.

    Args:
        plate: The car's licence plate.
        zone: The zone code shown on the parking sign, e.g. Z12.
        hours: How long to park.
    """
    return {"plate": plate, "zone": zone, "until": f"+{hours}h"}


def find_parking(near: str, max_price_per_hour: float | None = None, covered: bool = False) -> dict:
    """Finds car parks near a place.

    Args:
        near: An address or landmark.
        max_price_per_hour: The most to pay per hour, in euros.
        covered: Only indoor or covered car parks.
    """
    return {"near": near, "car_parks": ["P1 Centre"]}


def get_timetable(class_group: str, day: Weekday) -> dict:
    """Shows a school class's lessons on one weekday.

    Args:
        class_group: The class, like 7B or 10A.
        day: The weekday.
    """
    return {"class": class_group, "day": day, "lessons": ["maths", "history"]}


def report_absence(student_name: str, date: str, reason: str) -> dict:
    """Tells the school office a student will be absent.

    Args:
        student_name: The student's full name.
        date: The day of the absence, YYYY-MM-DD.
        reason: Why the student is away.
    """
    return {"reported": student_name, "date": date}


def book_vet_appointment(
    pet_name: str, species: Literal["dog", "cat", "rabbit", "bird"], date: str, reason: str
) -> dict:
    """Books an appointment at the pet clinic.

    Args:
        pet_name: The pet's name.
        species: What kind of animal it is.
        date: The day of the visit, YYYY-MM-DD.
        reason: What the visit is for.
    """
    return {"pet": pet_name, "date": date}


def get_vaccination_record(pet_id: str) -> dict:
    """Shows which vaccinations a pet has had and when the next ones are due.

    Args:
        pet_id: The pet's clinic id, like PET-0042.
    """
    return {"pet_id": pet_id, "due": ["rabies 2026-03-01"]}


def create_invoice(
    client: str,
    amount: float,
    currency: Literal["EUR", "USD", "GBP"],
    due_date: str,
    description: str,
) -> dict:
    """Creates an invoice to send to a client.

    Args:
        client: The client's company name.
        amount: The amount to bill.
        currency: The currency of the amount.
        due_date: When it must be paid, YYYY-MM-DD.
        description: What the invoice is for.
    """
    return {"invoice_number": "INV-2026-014", "client": client}


def send_payment_reminder(invoice_number: str, message: str) -> dict:
    """Emails a client a reminder about an unpaid invoice.

    Args:
        invoice_number: The invoice's number, like INV-2025-117.
        message: A short polite note to include.
    """
    return {"sent": invoice_number}


def convert_price(price: float, source_currency: str, target_currency: str) -> dict:
    """Converts a price from one currency to another at today's rate.

    Args:
        price: The price to convert.
        source_currency: The currency the price is in, as a 3-letter code.
        target_currency: The currency wanted, as a 3-letter code.
    """
    return {"price": price, "converted": round(price * 1.1, 2)}


def lock_door(door: Literal["front", "back", "garage"], locked: bool = True) -> dict:
    """Locks or unlocks a smart door lock.

    Args:
        door: Which door.
        locked: True to lock, False to unlock.
    """
    return {"door": door, "locked": locked}


def set_blinds(room: str, position_percent: int) -> dict:
    """Moves the motorised blinds in a room.

    Args:
        room: The room, e.g. bedroom.
        position_percent: How far open, from 0 (closed) to 100 (fully open).
    """
    return {"room": room, "open": position_percent}


def play_episode(podcast: str, episode_number: int | None = None, speed: float = 1.0) -> dict:
    """Plays an episode of a podcast.

    Args:
        podcast: The podcast's name.
        episode_number: Which episode; the latest when left out.
        speed: Playback speed, e.g. 1.5.
    """
    return {"playing": podcast, "episode": episode_number}


def subscribe_podcast(podcast: str) -> dict:
    """Follows a podcast so new episodes download automatically.

    Args:
        podcast: The podcast's name.
    """
    return {"subscribed": podcast}


def set_sleep_timer(minutes: int) -> dict:
    """Stops playback after some minutes.

    Args:
        minutes: Minutes until playback stops.
    """
    return {"stops_in": minutes}


def detect_language(text: str) -> dict:
    """Says which language a piece of text is written in.

    Args:
        text: The text to look at.
    """
    return {"language": "es"}


def convert_meeting_time(time: str, from_timezone: str, to_timezone: str) -> dict:
    """Says what a clock time in one time zone is in another.

    Args:
        time: The time, HH:MM.
        from_timezone: The zone the time is in, an IANA name like Europe/Paris.
        to_timezone: The zone to convert to, an IANA name.
    """
    return {"time": time, "converted": "09:00"}


def split_bill(total: float, people: int, tip_percent: float = 0) -> dict:
    """Splits a restaurant bill evenly.

    Args:
        total: The bill's total.
        people: How many people share it.
        tip_percent: Tip to add, in percent.
    """
    return {"each": round(total * (1 + tip_percent / 100) / max(1, people), 2)}


ALL = (
    search_catalog, renew_loan, place_hold, book_class, log_workout, cancel_membership,
    water_plant, set_watering_schedule, scale_recipe, create_branch, commit_changes,
    open_pull_request, start_parking, find_parking, get_timetable, report_absence,
    book_vet_appointment, get_vaccination_record, create_invoice, send_payment_reminder,
    convert_price, lock_door, set_blinds, play_episode, subscribe_podcast, set_sleep_timer,
    detect_language, convert_meeting_time, split_bill,
)  # fmt: skip

KITS = {
    "library": ("search_catalog", "renew_loan", "place_hold", "subscribe_podcast",
                "play_episode", "scale_recipe"),
    "gym": ("book_class", "log_workout", "cancel_membership", "water_plant",
            "set_watering_schedule", "book_vet_appointment"),
    "git": ("create_branch", "commit_changes", "open_pull_request", "detect_language",
            "search_catalog", "report_absence"),
    "money": ("create_invoice", "send_payment_reminder", "convert_price", "split_bill",
              "start_parking", "scale_recipe", "convert_meeting_time"),
    "town": ("start_parking", "find_parking", "get_timetable", "report_absence",
             "book_vet_appointment", "get_vaccination_record", "lock_door"),
    "home": ("lock_door", "set_blinds", "water_plant", "set_watering_schedule",
             "play_episode", "set_sleep_timer", "subscribe_podcast", "convert_meeting_time"),
}  # fmt: skip
"""The tool sets the requests are offered, by name."""


def kit(name: str) -> ToolRegistry:
    """A fresh registry of one kit's tools."""
    by_name = {f.__name__: f for f in ALL}
    tools = ToolRegistry()
    for tool_name in KITS[name]:
        tools.tool(by_name[tool_name])
    return tools
