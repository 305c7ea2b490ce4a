"""What the structured-output tests share: the model name, a customer's message and the
ticket it is read into, a schema of one string property, and builders for a strict
``response_format`` and a user turn."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

MODEL = "gpt-4o-mini"


MARIA = (
    "Hi, this is Maria (maria@example.org). My order ORD-2231 arrived broken. "
    "Please hurry, it is urgent!"
)


def strict_format(schema: dict[str, Any], name: str = "ticket") -> dict[str, Any]:
    """A strict ``json_schema`` response_format for ``schema``."""
    return {"type": "json_schema", "json_schema": {"name": name, "strict": True, "schema": schema}}


def ask(text: str) -> list[dict[str, str]]:
    """The messages of one user turn."""
    return [{"role": "user", "content": text}]


OBJECT = {"type": "object", "properties": {"name": {"type": "string"}}}


# A support ticket read out of a customer's message (no docstring: pydantic would put it
# in the schema the tests send).
class Ticket(BaseModel):
    customer_email: str | None = Field(description="The customer's email address.")
    order_id: str | None = Field(description="The order number, e.g. ORD-1042.")
    category: Literal["billing", "shipping", "technical", "other"] = Field(
        description="'shipping' for delivery or broken parcels, 'technical' for crashes"
    )
    urgent: bool = Field(description="Whether the customer says it is urgent.")
