"""Codes and email addresses in the binding stage: a value goes only to a parameter whose
meaning it fits.

An order id is not a period, nor an employee id; an email address is an id only for a
parameter that says it takes one. Each case binds one learner-style tool over the whole
request, as ``find_intents`` hands it over when that tool is the request's only intent.
"""

from __future__ import annotations

import pytest
from stages import TODAY, spec, text

from fcplayground.chat import ToolSpec
from fcplayground.models.simulated import binding, extractors, intents, profiles


def bound(tool: ToolSpec, request: str) -> list[dict]:
    """The values of each call binding makes (a required value left out is for completing
    and planning to find or ask for)."""
    candidates = extractors.extract(request, TODAY)
    intent = intents.Intent(profiles.profile(tool), tool, 1.0, intents.pieces(request, candidates))
    return [c.values for c in binding.bind(request, candidates, [intent], TODAY)]


def code_tool(name: str, description: str, parameter: str, meaning: str) -> ToolSpec:
    """A tool with one required string parameter, described as ``meaning``."""
    return spec(name, description, {parameter: text(meaning)}, [parameter])


TRACK_SHIPMENT = code_tool(
    "track_shipment",
    "Returns where a shipment is and when it should arrive.",
    "shipment_id",
    "The shipment id, e.g. SH-5521.",
)
GET_ACCOUNT = code_tool(
    "get_account",
    "Returns a customer account: plan, balance and status.",
    "account_id",
    "The account's email or id, e.g. A-301.",
)
GET_MEMBER = code_tool(
    "get_member", "Looks up a club member.", "member_id", "The member's email address."
)
QUARTERLY_REPORT = code_tool(
    "get_quarterly_report",
    "Returns revenue and costs for one quarter.",
    "quarter",
    "The quarter, e.g. 2025-Q2.",
)
GET_TICKET = code_tool(
    "get_ticket", "Returns a support ticket.", "ticket_id", "The ticket id, e.g. T-100."
)
MONTHLY_BILL = code_tool(
    "get_monthly_bill", "Returns the phone bill for one month.", "month", "The month, e.g. 2025-05."
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
SEND_MONEY = spec(
    "send_money",
    "Sends money to someone.",
    {
        "amount": {"type": "number", "description": "How much to send, in USD."},
        "receiver": text("The identifier of the recipient, such as an account number."),
    },
    ["amount", "receiver"],
)


@pytest.mark.parametrize(
    ("tool", "request_text", "values"),
    [
        pytest.param(
            GET_ACCOUNT,
            "Show me the account of ana@shop.io.",
            {"account_id": "ana@shop.io"},
            id="an email address fills an id described as an email or an id",
        ),
        pytest.param(
            GET_MEMBER,
            "Is lee@club.org a member?",
            {"member_id": "lee@club.org"},
            id="an email address fills an id described as an email address",
        ),
        pytest.param(
            SEND_MONEY,
            "Send $20 to tom@pay.me",
            {"amount": 20, "receiver": "tom@pay.me"},
            id="an email address fills the identifier of a recipient",
        ),
        pytest.param(
            QUARTERLY_REPORT,
            "Revenue for 2024-Q3, please.",
            {"quarter": "2024-Q3"},
            id="a quarter shaped like the example fills the quarter",
        ),
        pytest.param(
            MONTHLY_BILL,
            "What did I pay in 2025-03?",
            {"month": "2025-03"},
            id="a month written like the example fills the month",
        ),
        pytest.param(
            GET_TICKET,
            "What does ticket ZD-2201 say?",
            {"ticket_id": "ZD-2201"},
            id="a code of another shape fills the parameter the words before it name",
        ),
    ],
)
def test_a_value_fills_the_parameter_whose_meaning_it_fits(tool, request_text, values):
    assert bound(tool, request_text) == [values]


@pytest.mark.parametrize(
    ("tool", "request_text", "values"),
    [
        pytest.param(
            TRACK_SHIPMENT,
            "Where is the parcel for ana@shop.io?",
            {},
            id="an email address never fills an id that does not take one",
        ),
        pytest.param(
            QUARTERLY_REPORT,
            "What did we make on order ORD-1234?",
            {},
            id="an order number is not taken for a quarter",
        ),
        pytest.param(
            TIMESHEET,
            "How many hours went into order ORD-1234 in 2025-W18?",
            {"week": "2025-W18"},
            id="an order number is not taken for an employee id of another shape",
        ),
        pytest.param(
            MONTHLY_BILL,
            "What did I pay for order ORD-1234?",
            {},
            id="an order number is not taken for a month written in digits",
        ),
    ],
)
def test_a_value_is_left_out_of_a_parameter_whose_meaning_it_does_not_fit(
    tool, request_text, values
):
    assert bound(tool, request_text) == [values]
