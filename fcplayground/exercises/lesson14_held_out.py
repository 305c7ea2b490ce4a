"""Lesson 14's held-out requests: asked of the same 235 tools, never shown to the learner.

The learner sees :data:`~.lesson14.EXAMPLES`; the check also runs ``narrow`` on
:data:`HELD_OUT`. They are phrased as people write: with the words that dozens of tools
share (customer, order, email, account) beside the one or two that point at the right tool.
A search that counts every shared word alike loses some of them; one that weighs a word by
how few tools have it, and matches word forms, keeps them all. The feedback names the tool
a request needed and the list it got, never the request.
"""

from __future__ import annotations

from ..evals.battery import Probe

HELD_OUT: list[Probe] = [
    Probe("Could you check whether the account of customer C-1001 still has some credit left?", "get_account_balance"),
    Probe("I'd like to see the payslip of employee E-0451 for the month of March.", "get_payslip"),
    Probe("The customer says the parcel with tracking number 1Z999AA10123456784 never arrived, where is it?", "track_package"),
    Probe("Please book the Aquarium meeting room for our team tomorrow from 10 to 11.", "book_meeting_room"),
    Probe("How many days of vacation does employee E-0451 have left this year?", "get_leave_balance"),
    Probe("My laptop won't connect to the office network, can someone from IT have a look?", "create_it_ticket"),
    Probe("The last deploy of checkout-api broke production, please roll it back.", "rollback_deployment"),
    Probe("What is the VAT on an order of 250 euros for a customer in Germany?", "calculate_sales_tax"),
    Probe("The customer on deal DL-7730 agreed to talk price: move it to negotiation.", "update_deal_stage"),
    Probe("Let sam@example.org edit the file F-1A2B3C too.", "share_file"),
    Probe("Let everyone in the #sales channel know that the new price list is live.", "post_team_message"),
    Probe("Customer C-1002 is travelling: can we pause billing her subscription for two months?", "pause_subscription"),
    Probe("Which of our products have fewer than 10 units left in stock?", "list_low_stock"),
    Probe("Who is the engineer on call for the payments team at the moment?", "get_on_call"),
    Probe("Is there a runbook in the wiki on how to rotate the database credentials?", "search_wiki"),
    Probe("Make a coupon code for 20% off that expires on 2025-08-31.", "create_discount_code"),
    Probe("Which plan is the customer with the email mia.chen@example.com on?", "lookup_customer"),
    Probe("Is there a help article about exporting all of a customer's data?", "search_knowledge_base"),
    Probe("The customer wants to know if order ORD-3301 has been delivered yet.", "get_order"),
    Probe("Our customer placed order ORD-2001 from Canada: which carriers can ship there?", "list_carriers"),
    Probe("The customer of order ORD-1234 wants to know if the SKU-0042 product has good reviews.", "list_product_reviews"),
    Probe("Email the customer at sam.lee@example.org that his replacement order has shipped.", "send_response"),
]  # fmt: skip
"""22 requests, each needing a different tool: four of the support desk's and 18 of the
catalogue's, from ten of its domains."""

__all__ = ["HELD_OUT"]
