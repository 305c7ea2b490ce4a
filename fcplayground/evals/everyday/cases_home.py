"""Everyday cases at home: shopping, the calendar, the smart home, notes and reminders,
timers and cooking.

Rows are ``(category, request, expected calls[, TODAY])``; see :mod:`.common`. Requests
that need today's date carry the system prompt ``TODAY`` (Thursday 2026-01-15), so
"tomorrow" is 2026-01-16 and "next Friday" may be 2026-01-16 or 2026-01-23.
"""

from __future__ import annotations

from ..cases import ANY, OMITTED, expect, one_of
from .common import NO_LIST, NOT_GIVEN, TODAY, Row, default


def _search(query: object, max_price: object = NOT_GIVEN, sort_by: object = None) -> dict:
    sort = default("relevance") if sort_by is None else sort_by
    return expect("search_products", query=query, max_price=max_price, sort_by=sort)


def _cart(product_id: str, quantity: object = None) -> dict:
    return expect("add_to_cart", product_id=product_id,
                  quantity=default(1) if quantity is None else quantity)  # fmt: skip


def _event(title: object, date: object, start: str, minutes: object = None) -> dict:
    return expect("create_event", title=title, date=date, start_time=start,
                  duration_minutes=default(60) if minutes is None else minutes)  # fmt: skip


def _lights(room: str, state: str, brightness: object = NOT_GIVEN) -> dict:
    return expect("set_lights", room=room, state=state, brightness=brightness)


def _heat(temperature: float, unit: object = None) -> dict:
    return expect("set_thermostat", temperature=temperature,
                  unit=default("celsius") if unit is None else unit)  # fmt: skip


def _recipes(ingredients: object, diet: object = None) -> dict:
    return expect("find_recipes", ingredients=ingredients,
                  diet=default("any") if diet is None else diet)  # fmt: skip


def _timer(seconds: int, label: object = None) -> dict:
    return expect("start_timer", seconds=seconds,
                  label=one_of(OMITTED, ANY) if label is None else label)  # fmt: skip


NEXT_FRIDAY = one_of("2026-01-16", "2026-01-23")

ROWS: list[Row] = [
    # -- shopping ---------------------------------------------------------------------
    ("shopping", "find me some running shoes", [_search(one_of("running shoes"))]),
    ("shopping", "Do you sell waterproof hiking boots under $120?",
     [_search("waterproof hiking boots", max_price=120)]),
    ("shopping", "cheapest wireless earbuds",
     [_search("wireless earbuds", sort_by="price_low")]),
    ("shopping", "Show me the best rated coffee grinders.",
     [_search(one_of("coffee grinders", "coffee grinder"), sort_by="rating")]),
    ("shopping", "search for a yoga mat, most expensive first",
     [_search("yoga mat", sort_by="price_high")]),
    ("shopping", "I need a desk lamp for less than 40 bucks",
     [_search("desk lamp", max_price=40)]),
    ("shopping", "add P-2291 to my cart", [_cart("P-2291")]),
    ("shopping", "Put three of P-1180 in the basket.", [_cart("P-1180", 3)]),
    ("shopping", "add 2 x P-3307 to the cart please", [_cart("P-3307", 2)]),
    ("shopping", "Add product p-4410 to cart, quantity twelve", [_cart("P-4410", 12)]),
    ("parallel", "add P-2291 and P-1180 to my cart", [_cart("P-2291"), _cart("P-1180")]),
    ("parallel", "search for a french press and for coffee filters",
     [_search("french press"), _search("coffee filters")]),
    ("chains", "find a blue yoga mat and add it to my cart", [_search("blue yoga mat")]),
    ("asks", "add it to my cart", []),
    # -- calendar ---------------------------------------------------------------------
    ("calendar", 'Add "Team lunch" to my calendar on 2026-02-03 at 12:30',
     [_event("Team lunch", "2026-02-03", "12:30")]),
    ("calendar", "put a dentist appointment in my calendar for March 3 at 2pm",
     [_event(ANY, "2026-03-03", "14:00")], TODAY),
    ("calendar", "Schedule a 30 minute call with Priya tomorrow at 9:30.",
     [_event(ANY, "2026-01-16", "09:30", 30)], TODAY),
    ("calendar", "Book 'Quarterly review' on 2026-04-01 at 10:00 for 90 minutes",
     [_event("Quarterly review", "2026-04-01", "10:00", 90)]),
    ("calendar", "new event: Yoga, 2026-01-21, 18:15",
     [_event("Yoga", "2026-01-21", "18:15")]),
    ("calendar", "create an event called Board meeting on the 28th at noon",
     [_event("Board meeting", "2026-01-28", "12:00")], TODAY),
    ("calendar", "I have a haircut next Friday at 4pm, can you add it to my calendar?",
     [_event(ANY, NEXT_FRIDAY, "16:00")], TODAY),
    ("calendar", "two hour workshop on 2026-02-10 from 13:00, call it 'Design sprint'",
     [_event("Design sprint", "2026-02-10", "13:00", 120)]),
    ("calendar", "What's on my calendar on 2026-01-20?",
     [expect("list_events", date="2026-01-20")]),
    ("calendar", "what do I have on friday", [expect("list_events", date="2026-01-16")], TODAY),
    ("calendar", "Am I free next Friday?", [expect("list_events", date=NEXT_FRIDAY)], TODAY),
    ("calendar", "anything in my diary today?",
     [expect("list_events", date="2026-01-15")], TODAY),
    ("calendar", "show my schedule for the day after tomorrow",
     [expect("list_events", date="2026-01-17")], TODAY),
    ("calendar", "do I have anything on Feb 14?",
     [expect("list_events", date="2026-02-14")], TODAY),
    ("parallel", "what's on my calendar tomorrow and on Monday?",
     [expect("list_events", date="2026-01-16"), expect("list_events", date="2026-01-19")],
     TODAY),
    ("parallel", "List my events for 2026-01-20, 2026-01-21 and 2026-01-22.",
     [expect("list_events", date="2026-01-20"), expect("list_events", date="2026-01-21"),
      expect("list_events", date="2026-01-22")]),
    ("parallel", "Email kai@example.com that I'm in, and add 'Hack night' on 2026-01-29 at "
     "19:00 to my calendar.",
     [expect("send_email", to="kai@example.com", subject=ANY, body=ANY, cc=NO_LIST),
      _event("Hack night", "2026-01-29", "19:00")]),
    ("asks", "set up a meeting with Tom next week", [], TODAY),
    ("asks", "Add an event to my calendar.", []),
    # -- smart home -------------------------------------------------------------------
    ("smart home", "set the heating to 21 degrees", [_heat(21)]),
    ("smart home", "make it 68 fahrenheit in here", [_heat(68, "fahrenheit")]),
    ("smart home", "thermostat to 19.5 please", [_heat(19.5)]),
    ("smart home", "Turn the heat up to twenty two.", [_heat(22)]),
    ("smart home", "can you set the temperature to 72°F", [_heat(72, "fahrenheit")]),
    ("smart home", "switch the living room lights off", [_lights("living_room", "off")]),
    ("smart home", "Kitchen lights on please", [_lights("kitchen", "on")]),
    ("smart home", "turn on the bedroom light at 30%", [_lights("bedroom", "on", 30)]),
    ("smart home", "lights out in the bathroom", [_lights("bathroom", "off")]),
    ("smart home", "Dim the office lights to 40 percent.", [_lights("office", "on", 40)]),
    ("smart home", "kill the hallway lights", [_lights("hallway", "off")]),
    ("smart home", "Could you turn on the lights in the lounge?",
     [_lights("living_room", "on")]),
    ("parallel", "turn off the lights in the kitchen and the bedroom",
     [_lights("kitchen", "off"), _lights("bedroom", "off")]),
    ("parallel", "Set the thermostat to 20 and turn on the living room lights.",
     [_heat(20), _lights("living_room", "on")]),
    ("parallel", "bedroom, bathroom and hallway lights off",
     [_lights("bedroom", "off"), _lights("bathroom", "off"), _lights("hallway", "off")]),
    ("parallel", "turn on the kitchen lights and set a 15 minute timer",
     [_lights("kitchen", "on"), _timer(900)]),
    ("asks", "turn the lights on", []),
    ("asks", "Set the thermostat for me.", []),
    ("no tool", "I love my new smart bulbs!", []),
    ("no tool", "What's a good temperature for sleeping?", []),
    # -- notes, reminders and timers --------------------------------------------------
    ("reminders", "note to self: buy milk", [expect("save_note", text=ANY, tags=NO_LIST)]),
    ("reminders", "Save a note tagged work and urgent: renew the domain.",
     [expect("save_note", text=ANY, tags=["work", "urgent"])]),
    ("reminders", "jot this down - the wifi password is on the fridge",
     [expect("save_note", text=ANY, tags=NO_LIST)]),
    ("reminders", "remind me tomorrow at 8am to take the bins out",
     [expect("set_reminder", message=ANY, date="2026-01-16", time="08:00")], TODAY),
    ("reminders", "Remind me to call mum on 2026-01-18 at 18:00.",
     [expect("set_reminder", message=ANY, date="2026-01-18", time="18:00")]),
    ("reminders", "set a reminder for 2026-02-01 at 9:00: renew passport",
     [expect("set_reminder", message=ANY, date="2026-02-01", time="09:00")]),
    ("reminders", "remind me on the 20th at half past nine to send the invoice",
     [expect("set_reminder", message=ANY, date="2026-01-20", time="09:30")], TODAY),
    ("reminders", "set a timer for 10 minutes", [_timer(600)]),
    ("reminders", "timer 90 seconds", [_timer(90)]),
    ("reminders", "pasta timer, 12 min",
     [_timer(720, one_of("pasta", "pasta timer", OMITTED))]),
    ("reminders", "Start a timer for an hour and a half.", [_timer(5400)]),
    ("parallel", "remind me at 9:00 tomorrow to call the bank, and start a 25 minute timer",
     [expect("set_reminder", message=ANY, date="2026-01-16", time="09:00"), _timer(1500)],
     TODAY),
    ("parallel", "Save a note 'call the plumber' and remind me about it tomorrow at 10.",
     [expect("save_note", text=ANY, tags=NO_LIST),
      expect("set_reminder", message=ANY, date="2026-01-16", time="10:00")], TODAY),
    ("parallel", "set two timers: 3 minutes for the eggs and 8 minutes for the toast",
     [_timer(180), _timer(480)]),
    ("asks", "remind me to pay rent", []),
    ("asks", "set a timer", []),
    # -- cooking ----------------------------------------------------------------------
    ("cooking", "What can I make with tomatoes, basil and garlic?",
     [_recipes(one_of(["tomatoes", "basil", "garlic"], ["tomato", "basil", "garlic"]))]),
    ("cooking", "vegan recipes with chickpeas and spinach",
     [_recipes(["chickpeas", "spinach"], "vegan")]),
    ("cooking", "got eggs, cheese and some leftover rice - ideas?",
     [_recipes(one_of(["eggs", "cheese", "rice"], ["eggs", "cheese", "leftover rice"]))]),
    ("cooking", "gluten free dinner ideas with chicken",
     [_recipes(["chicken"], "gluten_free")]),
    ("cooking", "recipes using salmon", [_recipes(["salmon"])]),
    ("cooking", "I'm vegetarian. What can I cook with mushrooms, leeks and potatoes?",
     [_recipes(["mushrooms", "leeks", "potatoes"], "vegetarian")]),
    ("cooking", "any recipe with beef mince onion carrot",
     [_recipes(one_of(["beef mince", "onion", "carrot"], ["minced beef", "onion", "carrot"],
                      ["beef mince", "onions", "carrots"]))]),
    ("asks", "Find me a recipe.", []),
    ("no tool", "how long do I boil an egg for?", []),
]  # fmt: skip
"""The home cases, as rows for :func:`fcplayground.evals.everyday.everyday_cases`."""
