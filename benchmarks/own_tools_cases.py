"""The requests of the own-tools probe, each with the calls a hosted model makes.

Rows are ``(kit, category, request, [expected calls])``; a request that needs today's
date is asked with the system prompt :data:`TODAY` (Thursday 2026-01-15). No expected
call means no call is right: a fact only the user knows is missing (the model asks), or
no tool fits. Text a model composes (a commit message, a reason, a note) is ``ANY``.
Follow-ups (:data:`FOLLOW_UPS`) carry an earlier call and its result.
"""

from __future__ import annotations

from typing import Any

from fcplayground import Message
from fcplayground.chat import ToolCall, ToolResult
from fcplayground.evals import ANY, OMITTED, expect, one_of

TODAY = "Today is Thursday, 2026-01-15."
DATED = ("dates", "parallel dates")
"""Categories whose requests are asked with :data:`TODAY`."""

Row = tuple[str, str, Any, list]

NONE = one_of(OMITTED, None)


def _hold(isbn: str, branch: object = None) -> dict:
    return expect(
        "place_hold", isbn=isbn, branch=one_of(OMITTED, "central") if branch is None else branch
    )


def _renew(loan: str, weeks: object = None) -> dict:
    return expect("renew_loan", loan_id=loan, weeks=one_of(OMITTED, 2) if weeks is None else weeks)


def _search(query: object, available: object = None) -> dict:
    return expect("search_catalog", query=query,
                  available_only=one_of(OMITTED, False) if available is None else available)  # fmt: skip


def _workout(exercise: object, sets: int, reps: int, kg: object = NONE) -> dict:
    return expect("log_workout", exercise=exercise, sets=sets, reps=reps, weight_kg=kg)


def _water(plant: object, ml: int) -> dict:
    return expect("water_plant", plant=plant, millilitres=ml)


def _schedule(plant: object, days: int, time: object = None) -> dict:
    return expect("set_watering_schedule", plant=plant, every_days=days,
                  time=one_of(OMITTED, "08:00") if time is None else time)  # fmt: skip


def _branch(name: object, start: object = None) -> dict:
    return expect("create_branch", name=name,
                  from_branch=one_of(OMITTED, "main") if start is None else start)  # fmt: skip


def _pr(source: str, target: object = None, draft: object = None) -> dict:
    return expect("open_pull_request", title=ANY, source_branch=source,
                  target_branch=one_of(OMITTED, "main") if target is None else target,
                  draft=one_of(OMITTED, False) if draft is None else draft)  # fmt: skip


def _commit(files: object = None) -> dict:
    return expect("commit_changes", message=ANY,
                  files=one_of(OMITTED, None) if files is None else files)  # fmt: skip


def _park(plate: object, zone: str, hours: float) -> dict:
    return expect("start_parking", plate=plate, zone=zone, hours=hours)


def _find_parking(near: object, price: object = NONE, covered: object = None) -> dict:
    return expect("find_parking", near=near, max_price_per_hour=price,
                  covered=one_of(OMITTED, False) if covered is None else covered)  # fmt: skip


def _play(podcast: object, episode: object = NONE, speed: object = None) -> dict:
    return expect("play_episode", podcast=podcast, episode_number=episode,
                  speed=one_of(OMITTED, 1.0) if speed is None else speed)  # fmt: skip


def _lock(door: str, locked: object = None) -> dict:
    return expect(
        "lock_door", door=door, locked=one_of(OMITTED, True) if locked is None else locked
    )


def _price(price: float, source: str, target: str) -> dict:
    return expect("convert_price", price=price, source_currency=source, target_currency=target)


def _split(total: float, people: int, tip: object = None) -> dict:
    return expect("split_bill", total=total, people=people,
                  tip_percent=one_of(OMITTED, 0) if tip is None else tip)  # fmt: skip


def _zone(time: str, source: str, target: str) -> dict:
    return expect("convert_meeting_time", time=time, from_timezone=source, to_timezone=target)


_FERN = one_of("fern", "the fern")
_BASIL = one_of("basil", "the basil")

ROWS: list[Row] = [
    # -- one tool among its neighbours ----------------------------------------------------
    ("library", "choice", "Do you have any books by Ursula K. Le Guin?",
     [_search(one_of("Ursula K. Le Guin", "Ursula K Le Guin", "Le Guin"))]),
    ("library", "choice", "renew my loan L-20931", [_renew("L-20931")]),
    ("library", "choice", "Put a hold on 978-0141439518 at the riverside branch",
     [_hold("978-0141439518", "riverside")]),
    ("library", "choice", "is there a copy of Dune on the shelf right now?",
     [_search("Dune", True)]),
    ("library", "choice", "Follow the podcast Hard Fork", [expect("subscribe_podcast", podcast="Hard Fork")]),
    ("gym", "choice", "I did 3 sets of 12 squats with 60 kg", [_workout("squats", 3, 12, 60)]),
    ("gym", "choice", "log 4 sets of 10 push-ups", [_workout(one_of("push-ups", "push ups", "pushups"), 4, 10)]),
    ("gym", "choice", "Give the basil 250 ml of water", [_water(_BASIL, 250)]),
    ("gym", "choice", "water the fern every 3 days", [_schedule(_FERN, 3)]),
    ("gym", "choice", "Cancel membership M-5521, I'm moving to another city",
     [expect("cancel_membership", member_id="M-5521", reason=ANY)]),
    ("git", "choice", "create a branch called feature/login-page",
     [_branch("feature/login-page")]),
    ("git", "choice", "Make a new branch hotfix-42 off release", [_branch("hotfix-42", "release")]),
    ("git", "choice", "what language is 'Ich habe keine Zeit' in?",
     [expect("detect_language", text="Ich habe keine Zeit")]),
    ("money", "choice", "Split a 180 dollar bill between 4 of us with a 15% tip",
     [_split(180, 4, 15)]),
    ("town", "choice", "What's 7B's timetable on Tuesday?",
     [expect("get_timetable", class_group="7B", day="tuesday")]),
    ("town", "choice", "Show the vaccination record for PET-0042",
     [expect("get_vaccination_record", pet_id="PET-0042")]),
    ("town", "choice", "Find a covered car park near the central station",
     [_find_parking(one_of("central station", "the central station", "Central Station"), covered=True)]),
    ("town", "choice", "parking near the Rijksmuseum under 3 euros an hour",
     [_find_parking(one_of("Rijksmuseum", "the Rijksmuseum"), price=3)]),
    ("home", "choice", "lock the garage", [_lock("garage")]),
    ("home", "choice", "Unlock the back door", [_lock("back", False)]),
    ("home", "choice", "open the bedroom blinds halfway", [expect("set_blinds", room="bedroom", position_percent=50)]),
    ("home", "choice", "close the blinds in the kitchen", [expect("set_blinds", room="kitchen", position_percent=0)]),
    ("home", "choice", "stop the podcast in 20 minutes", [expect("set_sleep_timer", minutes=20)]),
    ("home", "choice", "play episode 112 of Radiolab at 1.5x",
     [_play("Radiolab", 112, 1.5)]),
    ("home", "choice", "Play the latest Serial", [_play("Serial")]),
    ("library", "choice", "scale my lasagna recipe from 4 servings to 10",
     [expect("scale_recipe", recipe="lasagna", from_servings=4, to_servings=10)]),
    # -- free text to compose ---------------------------------------------------------------
    ("git", "compose", "commit what I've staged, I fixed the typo in the README", [_commit()]),
    ("git", "compose", "Commit src/app.py and src/db.py with a message about the connection pool fix",
     [_commit(["src/app.py", "src/db.py"])]),
    ("git", "compose", "open a PR from feature/search into develop", [_pr("feature/search", "develop")]),
    ("git", "compose", "Open a draft pull request for my branch dark-mode", [_pr("dark-mode", draft=True)]),
    ("money", "compose", "Remind the client about INV-2025-117, it's two weeks overdue",
     [expect("send_payment_reminder", invoice_number="INV-2025-117", message=ANY)]),
    ("town", "compose", "Report that Maya Chen is off sick on 2026-01-20",
     [expect("report_absence", student_name="Maya Chen", date="2026-01-20", reason=ANY)]),
    ("town", "compose", "book the vet for my cat Miso on 2026-02-03 for her yearly shots",
     [expect("book_vet_appointment", pet_name="Miso", species="cat", date="2026-02-03", reason=ANY)]),
    # -- compound values kept whole ---------------------------------------------------------
    ("money", "compound", "What is 15:30 Europe/Paris in America/New_York?",
     [_zone("15:30", "Europe/Paris", "America/New_York")]),
    ("home", "compound", "what's 9am Asia/Tokyo in Europe/London time",
     [_zone("09:00", "Asia/Tokyo", "Europe/London")]),
    ("town", "compound", "Park AB-123-CD in zone Z12 for 2 hours", [_park("AB-123-CD", "Z12", 2)]),
    ("money", "compound", "pay parking for plate KL 45 TX in zone Z7 for 90 minutes",
     [_park(one_of("KL 45 TX", "KL45TX"), "Z7", 1.5)]),
    ("git", "compound", "branch release/2.4.1 from develop", [_branch("release/2.4.1", "develop")]),
    ("git", "compound", "Search the catalogue for The Left Hand of Darkness",
     [_search("The Left Hand of Darkness")]),
    # -- direction words ----------------------------------------------------------------------
    ("money", "direction", "how much is 250 euros in dollars?", [_price(250, "EUR", "USD")]),
    ("money", "direction", "convert 1200 yen to pounds", [_price(1200, "JPY", "GBP")]),
    ("money", "direction", "What do 80 Swiss francs come to in euros?", [_price(80, "CHF", "EUR")]),
    ("money", "direction", "I need 500 USD, how many CAD is that?", [_price(500, "USD", "CAD")]),
    ("home", "direction", "10pm in London, what time is that in Asia/Singapore",
     [_zone("22:00", "Europe/London", "Asia/Singapore")]),
    # -- numbers in words ------------------------------------------------------------------
    ("gym", "words", "I did five sets of eight deadlifts at a hundred kilos",
     [_workout("deadlifts", 5, 8, 100)]),
    ("gym", "words", "give the orchid half a litre of water", [_water(one_of("orchid", "the orchid"), 500)]),
    ("library", "words", "renew L-30077 for three more weeks", [_renew("L-30077", 3)]),
    ("money", "words", "split ninety euros three ways", [_split(90, 3)]),
    ("home", "words", "sleep timer for half an hour", [expect("set_sleep_timer", minutes=30)]),
    ("home", "words", "water the cactus once every two weeks", [_schedule(one_of("cactus", "the cactus"), 14)]),
    # -- dates and times ---------------------------------------------------------------------
    ("gym", "dates", "Book me into spin tomorrow at 7am",
     [expect("book_class", class_name=one_of("spin", "Spin"), day="2026-01-16", time="07:00")]),
    ("gym", "dates", "yoga on Monday at 18:30",
     [expect("book_class", class_name=one_of("yoga", "Yoga"), day="2026-01-19", time="18:30")]),
    ("town", "dates", "Leo Martin won't be in school tomorrow, he has a dentist appointment",
     [expect("report_absence", student_name="Leo Martin", date="2026-01-16", reason=ANY)]),
    ("money", "dates", "Invoice Acme Corp 1500 EUR for the January website work, due 2026-02-15",
     [expect("create_invoice", client="Acme Corp", amount=1500, currency="EUR",
             due_date="2026-02-15", description=ANY)]),
    ("gym", "dates", "water the tomatoes every day at 6:30 in the evening",
     [_schedule(one_of("tomatoes", "the tomatoes"), 1, "18:30")]),
    # -- several things at once ------------------------------------------------------------
    ("home", "parallel", "lock the front door and close the living room blinds",
     [_lock("front"), expect("set_blinds", room="living room", position_percent=0)]),
    ("home", "parallel", "Lock the front and back doors", [_lock("front"), _lock("back")]),
    ("gym", "parallel", "water the basil with 200 ml and the fern with 300 ml",
     [_water(_BASIL, 200), _water(_FERN, 300)]),
    ("library", "parallel", "renew L-111 and L-222", [_renew("L-111"), _renew("L-222")]),
    ("money", "parallel", "convert 100 EUR to USD and also 100 EUR to GBP",
     [_price(100, "EUR", "USD"), _price(100, "EUR", "GBP")]),
    ("town", "parallel", "show 10A's timetable for Monday and for Friday",
     [expect("get_timetable", class_group="10A", day="monday"),
      expect("get_timetable", class_group="10A", day="friday")]),
    ("home", "parallel", "Subscribe to Planet Money and play the latest episode of it",
     [expect("subscribe_podcast", podcast="Planet Money"), _play("Planet Money")]),
    ("git", "parallel", "create branches docs-update and ci-fix",
     [_branch("docs-update"), _branch("ci-fix")]),
    ("gym", "parallel", "log 3x10 bench press at 50 kg and also 3x15 lunges",
     [_workout("bench press", 3, 10, 50), _workout("lunges", 3, 15)]),
    # -- a fact only the user knows is missing: ask ------------------------------------------
    ("library", "ask", "renew my book please", []),
    ("town", "ask", "pay for parking in zone Z3 for an hour", []),
    ("money", "ask", "make an invoice for Globex for the logo design", []),
    ("money", "ask", "send a payment reminder to the client", []),
    ("town", "ask", "show my dog's vaccinations", []),
    ("gym", "ask", "cancel my gym membership", []),
    ("library", "ask", "put a hold on that book for me", []),
    # -- no tool fits ---------------------------------------------------------------------
    ("library", "none", "how many pages is War and Peace usually?", []),
    ("gym", "none", "what's a good stretch for lower back pain?", []),
    ("git", "none", "explain what a git rebase does", []),
    ("money", "none", "what's the capital of Australia?", []),
    ("town", "none", "thanks, that's all for now!", []),
    ("home", "none", "turn on the kitchen lights", []),
    ("home", "none", "what is the best podcast about history?", []),
]  # fmt: skip
"""The single-turn requests, as rows."""


def _result(tool: str, arguments: dict, content: str) -> list[Message]:
    call = ToolCall(tool, arguments, id="call_1")
    return [Message.assistant("", [call]), Message.tool([ToolResult("call_1", content, name=tool)])]


FOLLOW_UPS: list[Row] = [
    ("library", "follow-up",
     [Message.user("find me Persuasion by Jane Austen"),
      *_result("search_catalog", {"query": "Persuasion Jane Austen"},
               '{"books": [{"isbn": "978-0141439686", "title": "Persuasion", "on_shelf": false}]}'),
      Message.user("ok put a hold on it at the north branch")],
     [_hold("978-0141439686", "north")]),
    ("money", "follow-up",
     [Message.user("invoice Initech 900 USD for the API audit, due 2026-03-01"),
      *_result("create_invoice", {"client": "Initech", "amount": 900, "currency": "USD",
                                  "due_date": "2026-03-01", "description": "API audit"},
               '{"invoice_number": "INV-2026-014", "client": "Initech"}'),
      Message.user("great, now send them a reminder for it")],
     [expect("send_payment_reminder", invoice_number="INV-2026-014", message=ANY)]),
    ("git", "follow-up",
     [Message.user("make a branch called tidy-imports"),
      *_result("create_branch", {"name": "tidy-imports"}, '{"created": "tidy-imports", "from": "main"}'),
      Message.user("now open a pull request for it")],
     [_pr("tidy-imports")]),
    ("home", "follow-up",
     [Message.user("play the latest episode of The Daily"),
      *_result("play_episode", {"podcast": "The Daily"}, '{"playing": "The Daily", "episode": 2210}'),
      Message.user("and stop it after 15 minutes")],
     [expect("set_sleep_timer", minutes=15)]),
    ("town", "follow-up",
     [Message.user("find parking near the Town Hall"),
      *_result("find_parking", {"near": "Town Hall"}, '{"car_parks": ["P1 Centre"], "zone": "Z4"}'),
      Message.user("pay for 3 hours there for my car XY-987-ZZ")],
     [_park("XY-987-ZZ", "Z4", 3)]),
]  # fmt: skip
"""Requests that follow an earlier call and its result."""
