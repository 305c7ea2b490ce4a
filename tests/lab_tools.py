"""What the DescriptionLab tests share: the support-desk tools with a vague lookup
description, a battery of requests with the tool each should reach, a specific description
that wins them all, and a lab that re-scores at once (no debounce)."""

from __future__ import annotations

import copy

from fcplayground import ToolRegistry
from fcplayground.widgets import DescriptionLab

VAGUE = "does CRM stuff"


SPECIFIC = (
    "Searches for a customer record by email address and returns their account details "
    "including name, plan type, and billing status."
)


BATTERY = [
    ("What plan is jane@example.com on?", "lookup_customer"),
    ("Is the billing status of jane@example.com past due?", "lookup_customer"),
    ("Check the billing status for jane@example.com", "lookup_customer"),
    ("Which plan type does mia@example.com have?", "lookup_customer"),
    ("Find the customer record for bob@example.com", "lookup_customer"),
    ("Where is order ORD-1234?", "get_order"),
    ("How much did order ORD-2211 cost?", "get_order"),
    ("Search the help center for password reset articles", "search_knowledge_base"),
    ("Open a ticket for customer C-1001 about a damaged package", "create_ticket"),
    ("Email jane@example.com that her refund is on its way", "send_response"),
    ("Tell me a joke", None),
    ("What's the weather in Paris?", None),
]


BILLING = [BATTERY[1][0], BATTERY[2][0]]  # lost by "does CRM stuff", won by SPECIFIC


def support_tools() -> ToolRegistry:
    """A new registry with the five support-desk tools, lookup_customer described vaguely."""
    tools = ToolRegistry()

    @tools.tool
    def lookup_customer(email: str) -> dict:
        """does CRM stuff

        Args:
            email: The customer's email address, e.g. jane@example.com.
        """
        return {}

    @tools.tool
    def get_order(order_id: str) -> dict:
        """Gets one order by its order id and returns its status, item, amount and date.

        Args:
            order_id: The order id, e.g. ORD-1234.
        """
        return {}

    @tools.tool
    def search_knowledge_base(query: str) -> list:
        """Searches the help-center articles by keywords and returns the best matches.

        Args:
            query: Keywords or the user's question, e.g. reset password.
        """
        return []

    @tools.tool
    def create_ticket(customer_id: str, subject: str) -> dict:
        """Creates a support ticket for a customer so the support team follows up.

        Args:
            customer_id: The customer's id, e.g. C-1001.
            subject: A one-line summary of the problem.
        """
        return {}

    @tools.tool
    def send_response(to_email: str, subject: str, body: str) -> dict:
        """Sends an email reply to a customer.

        Args:
            to_email: The customer's email address, e.g. jane@example.com.
            subject: The subject line of the reply.
            body: The full text of the reply.
        """
        return {}

    return tools


def descriptions(tools: ToolRegistry) -> dict[str, object]:
    """Each tool's description and a copy of its parameters, by name."""
    return {t.name: (t.description, copy.deepcopy(t.parameters)) for t in tools}


def lab_for(tools: ToolRegistry | None = None, **options) -> DescriptionLab:
    """A lab over ``tools`` (the support tools by default) and BATTERY, with no debounce."""
    return DescriptionLab(tools or support_tools(), BATTERY, debounce=0, **options)
