"""Codes and email addresses in the binding stage: a value goes only to a parameter whose
meaning it fits.

An order id is not a period, nor an employee id; an email address is an id only for a
parameter that says it takes one. Each case binds one learner-style tool over the whole
request, as ``find_intents`` hands it over when that tool is the request's only intent.
"""

from __future__ import annotations

from stages import TODAY, spec, text

from fcplayground.chat import ToolSpec
from fcplayground.models.simulated import binding, extractors, intents, profiles


def bound(tool: ToolSpec, request: str) -> list[dict]:
    """The values of each call binding makes (a required value left out is for completing
    and planning to find or ask for)."""
    candidates = extractors.extract(request, TODAY)
    intent = intents.Intent(profiles.profile(tool), tool, 1.0, intents.pieces(request, candidates))
    return [c.values for c in binding.bind(request, candidates, [intent], TODAY)]


TRACK_SHIPMENT = spec(
    "track_shipment",
    "Returns where a shipment is and when it should arrive.",
    {"shipment_id": text("The shipment id, e.g. SH-5521.")},
    ["shipment_id"],
)
GET_ACCOUNT = spec(
    "get_account",
    "Returns a customer account: plan, balance and status.",
    {"account_id": text("The account's email or id, e.g. A-301.")},
    ["account_id"],
)
GET_MEMBER = spec(
    "get_member",
    "Looks up a club member.",
    {"member_id": text("The member's email address.")},
    ["member_id"],
)
QUARTERLY_REPORT = spec(
    "get_quarterly_report",
    "Returns revenue and costs for one quarter.",
    {"quarter": text("The quarter, e.g. 2025-Q2.")},
    ["quarter"],
)
TIMESHEET = spec(
    "get_timesheet",
    "Returns the hours an employee logged in a week.",
    {
        "employee_id": text("The employee id, e.g. E-0451."),
        "week": text("The week, e.g. 2025-W18."),
    },
    ["employee_id", "week"],
)
GET_TICKET = spec(
    "get_ticket",
    "Returns a support ticket.",
    {"ticket_id": text("The ticket id, e.g. T-100.")},
    ["ticket_id"],
)


def test_an_email_address_never_fills_an_id_parameter_that_does_not_take_one():
    assert bound(TRACK_SHIPMENT, "Where is the parcel for ana@shop.io?") == [{}]


def test_an_email_address_fills_an_id_parameter_described_as_an_email_or_an_id():
    assert bound(GET_ACCOUNT, "Show me the account of ana@shop.io.") == [
        {"account_id": "ana@shop.io"}
    ]


def test_an_email_address_fills_an_id_parameter_described_as_an_email_address():
    assert bound(GET_MEMBER, "Is lee@club.org a member?") == [{"member_id": "lee@club.org"}]


def test_an_order_number_is_not_taken_for_a_quarter():
    assert bound(QUARTERLY_REPORT, "What did we make on order ORD-1234?") == [{}]


def test_a_quarter_shaped_like_the_example_fills_the_quarter():
    assert bound(QUARTERLY_REPORT, "Revenue for 2024-Q3, please.") == [{"quarter": "2024-Q3"}]


def test_an_order_number_is_not_taken_for_an_employee_id_of_another_shape():
    assert bound(TIMESHEET, "How many hours went into order ORD-1234 in 2025-W18?") == [
        {"week": "2025-W18"}
    ]


def test_a_code_of_another_shape_still_fills_the_parameter_the_words_before_it_name():
    assert bound(GET_TICKET, "What does ticket ZD-2201 say?") == [{"ticket_id": "ZD-2201"}]


MONTHLY_BILL = spec(
    "get_monthly_bill",
    "Returns the phone bill for one month.",
    {"month": text("The month, e.g. 2025-05.")},
    ["month"],
)


def test_an_order_number_is_not_taken_for_a_month_written_in_digits():
    assert bound(MONTHLY_BILL, "What did I pay for order ORD-1234?") == [{}]


def test_a_month_written_like_the_example_fills_the_month():
    assert bound(MONTHLY_BILL, "What did I pay in 2025-03?") == [{"month": "2025-03"}]


SEND_MONEY = spec(
    "send_money",
    "Sends money to someone.",
    {
        "amount": {"type": "number", "description": "How much to send, in USD."},
        "receiver": text("The identifier of the recipient, such as an account number."),
    },
    ["amount", "receiver"],
)


def test_an_email_address_fills_the_identifier_of_a_recipient():
    assert bound(SEND_MONEY, "Send $20 to tom@pay.me") == [{"amount": 20, "receiver": "tom@pay.me"}]
