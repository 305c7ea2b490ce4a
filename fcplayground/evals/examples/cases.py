"""The examples battery's requests, as a learner types them, with the call a hosted model
makes when the tools carry their example inputs.

Rows are ``(category, request, expected calls[, TODAY])``, as in the everyday battery.
Where the form of a value is the point, the answer is :func:`~..cases.exactly` the form
the examples show: a booking's date as ``20/03/2026``, a flight as ``LH 454``, a French
mobile as ``+33 6 98 76 54 32``; elsewhere strings compare as BFCL compares them. The
``no tool`` rows check that examples bring no call where none belongs.
"""

from __future__ import annotations

from ..cases import ANY, OMITTED, exactly, expect, one_of
from ..everyday.common import NOT_GIVEN, TODAY, Row

NOTE = one_of(OMITTED, None, ANY)  # an optional note a model may or may not write


def _table(restaurant: str, date: str, time: str, people: int) -> dict:
    return expect(
        "book_table",
        restaurant=restaurant,
        date=exactly(date),
        time=exactly(time),
        party_size=people,
    )


def _flight(flight: str, date: object = NOT_GIVEN) -> dict:
    return expect("track_flight", flight=exactly(flight), date=date)


def _expense(amount: str, category: str) -> dict:
    return expect("log_expense", amount=exactly(amount), category=category, note=NOTE)


ROWS: list[Row] = [
    ("dates", "Get us a table at Padella for 4 on March 20 at 8pm",
     [_table("Padella", "20/03/2026", "20:00", 4)], TODAY),
    ("dates", "Reserve Barrafina for two people on 6 April at 1pm",
     [_table("Barrafina", "06/04/2026", "13:00", 2)], TODAY),
    ("dates", "Book Hoppers, table for 3, Friday 13 February at 19:00",
     [_table("Hoppers", "13/02/2026", "19:00", 3)], TODAY),
    ("dates", "Set an alarm for 18:40",
     [expect("set_alarm", time=exactly("6:40 PM"), label=NOT_GIVEN)]),
    ("dates", "alarm at 5am for my run",
     [expect("set_alarm", time=exactly("5:00 AM"), label=one_of(OMITTED, None, ANY))]),
    ("codes", "where is lh454 right now?", [_flight("LH 454")]),
    ("codes", "Is ba2490 delayed?", [_flight("BA 2490")]),
    ("codes", "Status of U2 8012 on March 3", [_flight("U2 8012", exactly("2026-03-03"))], TODAY),
    ("codes", "What is BRK-7781?", [expect("lookup_part", sku=exactly("BRK-7781"))]),
    ("codes", "how much is flt-0099", [expect("lookup_part", sku=exactly("FLT-0099"))]),
    ("codes", "Do we have FLT-1100 in stock?", [expect("lookup_part", sku=exactly("FLT-1100"))]),
    ("phones", "Text 06 98 76 54 32 that I'm running late",
     [expect("send_text", to=exactly("+33 6 98 76 54 32"), message=ANY)]),
    ("phones", "send 'see you at 5' to 07 11 22 33 44",
     [expect("send_text", to=exactly("+33 7 11 22 33 44"), message=ANY)]),
    ("phones", "Save Priya Shah, (415) 555-0123",
     [expect("add_contact", name="Priya Shah", phone=exactly("+14155550123"))]),
    ("phones", "add Leo Martin to my contacts, his number is 212-555-0147",
     [expect("add_contact", name="Leo Martin", phone=exactly("+12125550147"))]),
    ("money", "I paid 30 dollars for dinner with a client, log it under meals",
     [_expense("30.00 USD", "meals")]),
    ("money", "Log 89.90 euros for the hotel as lodging", [_expense("89.90 EUR", "lodging")]),
    ("money", "expense £15 for a taxi, category travel", [_expense("15.00 GBP", "travel")]),
    ("places", "Will it rain in Lyon tomorrow?",
     [expect("get_forecast", city=exactly("Lyon, FR"), days=one_of(OMITTED, 1, 2))]),
    ("places", "5 day forecast for Kyoto", [expect("get_forecast", city=exactly("Kyoto, JP"), days=5)]),
    ("places", "weather in Munich",
     [expect("get_forecast", city=exactly("Munich, DE"), days=one_of(OMITTED, 1))]),
    ("labels", "Mark T-2002 as billing",
     [expect("label_ticket", ticket="T-2002", labels=exactly(["billing"]))]),
    ("labels", "T-3050 is a Bug, label it",
     [expect("label_ticket", ticket="T-3050", labels=exactly(["bug"]))]),
    ("labels", "label ticket T-4100 urgent and refund",
     [expect("label_ticket", ticket="T-4100", labels=exactly(["urgent", "refund"]))]),
    ("optional", "Return order ORD-3300, it's broken, RMA-7781",
     [expect("open_return", order_id="ORD-3300", reason=ANY, rma="RMA-7781")]),
    ("optional", "Send back ORD-5120, it came in the wrong colour",
     [expect("open_return", order_id="ORD-5120", reason=ANY, rma=NOT_GIVEN)]),
    ("optional", "A room in Lisbon on May 9 for 2 nights for 3 people",
     [expect("find_rooms", city="Lisbon", check_in="2026-05-09", nights=2, guests=3)], TODAY),
    ("no tool", "Thanks, that's all for now!", []),
    ("no tool", "What's the capital of Peru?", []),
    ("no tool", "Tell me a joke about airports", []),
    ("no tool", "How long should I boil an egg?", []),
]  # fmt: skip

# Requests for the held-out tools, written at once for tools the model was not tuned on, and
# scored as they first came out (8 of 10 right with the examples). The two misses (a
# temperature, a weekday date) have since been read for general rules, as the BFCL live files
# were, so the category says how the reading of examples carries over, no longer strictly unseen.
HELD_OUT_ROWS: list[Row] = [
    ("held out", "Pay inv-3307, it's 45 euros",
     [expect("pay_invoice", invoice=exactly("INV-3307"), amount=exactly("45.00 EUR"))]),
    ("held out", "Train from Berlin to Hamburg on April 2, please",
     [expect("book_train", origin="Berlin", destination="Hamburg", date=exactly("02.04.2026"))],
     TODAY),
    ("held out", "I need a taxi at King's Cross, call me on 020 7946 0123",
     [expect("call_taxi", pickup=ANY, phone=exactly("+44 20 7946 0123"))]),
    ("held out", "Make the bedroom 19 degrees",
     [expect("set_thermostat", room="bedroom", temperature=exactly("19C"))]),
    ("held out", "Where is the main station in Turin?",
     [expect("find_station", city=exactly("Turin, IT"))]),
    ("held out", "Label issue GH-1040 as Frontend",
     [expect("tag_issue", issue="GH-1040", labels=exactly(["frontend"]))]),
    ("held out", "where's my parcel 1z999aa10123456785?",
     [expect("track_parcel", tracking=exactly("1Z999AA10123456785"))]),
    ("held out", "Set up a design review on 24 March at 10:00",
     [expect("schedule_meeting", title=ANY, day=exactly("Tuesday 24 March 2026"),
             start=exactly("10:00"))], TODAY),
    ("held out", "What's a good name for a cat?", []),
    ("held out", "Translate 'good night' into Italian", []),
]  # fmt: skip
