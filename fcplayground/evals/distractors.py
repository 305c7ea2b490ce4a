"""The stock distractor tools a battery scores against: plausible business tools (invoices,
products, shipping, ...) beside which a vague description loses requests it should win."""

from __future__ import annotations

from ..chat import ToolSpec


def _spec(name: str, description: str, **params: str) -> ToolSpec:
    properties = {p: {"type": "string", "description": d} for p, d in params.items()}
    return ToolSpec(
        name, description, {"type": "object", "properties": properties, "required": list(params)}
    )


def default_distractors() -> list[ToolSpec]:
    """17 plausible business tools (invoices, products, shipping, ...) that compete with
    a support desk's tools for requests: the same list every time."""
    return [
        _spec(
            "get_invoice",
            "Gets an invoice by its invoice id and returns the line items, total amount, "
            "due date and payment status.",
            invoice_id="The invoice id, e.g. INV-2024-0042.",
        ),
        _spec(
            "list_products",
            "Lists the products in the catalog with their price and stock, optionally "
            "filtered by category.",
            category="A product category, e.g. headphones or chargers.",
        ),
        _spec(
            "update_address",
            "Updates the shipping address saved on a customer's account.",
            customer_id="The customer's id, e.g. C-1001.",
            address="The new postal address, street, city and postcode.",
        ),
        _spec(
            "cancel_subscription",
            "Cancels a customer's subscription at the end of the current billing period.",
            customer_id="The customer's id, e.g. C-1001.",
            reason="Why the customer is leaving.",
        ),
        _spec(
            "refund_payment",
            "Refunds a card payment, fully or in part, to the card it came from.",
            payment_id="The payment id, e.g. PAY-7781.",
            amount="The amount to refund, e.g. 19.99.",
        ),
        _spec(
            "get_shipping_rates",
            "Returns the shipping rates and delivery times for a parcel to a destination.",
            destination="The destination country or city.",
            weight="The parcel weight, e.g. 2 kg.",
        ),
        _spec(
            "track_shipment",
            "Tracks a parcel by its carrier tracking number and returns where it is and "
            "when it should arrive.",
            tracking_number="The carrier's tracking number, e.g. 1Z999AA10123456784.",
        ),
        _spec(
            "list_orders",
            "Lists a customer's orders, newest first, optionally only those with a status.",
            customer_id="The customer's id, e.g. C-1001.",
            status="processing, shipped, delivered or refunded.",
        ),
        _spec(
            "send_sms",
            "Sends a text message to a mobile phone number.",
            phone_number="The phone number in international format, e.g. +44 7700 900123.",
            message="The text to send.",
        ),
        _spec(
            "schedule_callback",
            "Books a phone call back from a support agent at a given time.",
            phone_number="The number to call, e.g. +44 7700 900123.",
            time="When to call, e.g. 2025-06-03 14:00.",
        ),
        _spec(
            "apply_discount",
            "Applies a discount or coupon code to an order that has not shipped yet.",
            order_id="The order id, e.g. ORD-1234.",
            code="The coupon code, e.g. SUMMER10.",
        ),
        _spec(
            "get_exchange_rate",
            "Returns today's exchange rate between two currencies.",
            base="The currency to convert from, e.g. EUR.",
            quote="The currency to convert to, e.g. USD.",
        ),
        _spec(
            "check_inventory",
            "Checks how many units of a product are in stock in each warehouse.",
            product_id="The product id or SKU, e.g. SKU-0042.",
        ),
        _spec(
            "reset_password",
            "Sends a password reset link to the email address of an account.",
            email="The account's email address, e.g. jane@example.com.",
        ),
        _spec(
            "change_plan",
            "Moves a customer to another subscription plan (Free, Pro or Business).",
            customer_id="The customer's id, e.g. C-1001.",
            plan="The new plan: Free, Pro or Business.",
        ),
        _spec(
            "create_invoice",
            "Creates and issues a new invoice to a customer for an amount.",
            customer_id="The customer's id, e.g. C-1001.",
            amount="The amount to bill, e.g. 49.00.",
        ),
        _spec(
            "log_feedback",
            "Records a customer's satisfaction rating and comment about a conversation.",
            rating="A score from 1 (poor) to 5 (great).",
            comment="What the customer said.",
        ),
    ]
