"""What the tests of fcplayground.tools share: two documented tools (a customer lookup
that fails for one address, a ticket opener with a defaulted priority), a pydantic model and
an enum to take as parameters, the lookup's schema, and small registry helpers."""

from __future__ import annotations

import enum

from pydantic import BaseModel

from fcplayground.tools import ToolRegistry


# No docstrings on Address and Color: pydantic would put them into the schemas tested.
class Address(BaseModel):
    street: str
    zip_code: str = "00000"


class Color(enum.Enum):
    RED = "red"
    GREEN = "green"


def lookup_customer(email: str) -> dict:
    """Searches for a customer record by email address.

    Returns name, plan and billing status.

    Args:
        email: The customer's email address, e.g. jane@example.com.
    """
    if email == "missing@example.com":
        raise ValueError("no customer with that email")
    return {"email": email, "plan": "pro"}


def create_ticket(subject: str, priority: int = 3) -> str:
    """Opens a support ticket.

    Args:
        subject: One-line summary of the problem.
        priority: 1 (urgent) to 5 (whenever).
    """
    return f"ticket {subject!r} at priority {priority}"


def registry(*funcs) -> ToolRegistry:
    """A new registry holding ``funcs``, each added under its own name."""
    tools = ToolRegistry()
    for func in funcs:
        tools.add(func)
    return tools


def schema_of(func) -> dict:
    """The parameters schema ``func`` gets as a tool."""
    return registry(func)[func.__name__].parameters


EMAIL_SCHEMA = {
    "type": "object",
    "properties": {
        "email": {
            "type": "string",
            "description": "The customer's email address, e.g. jane@example.com.",
        }
    },
    "required": ["email"],
}
