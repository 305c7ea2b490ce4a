"""What the tests of how the simulated model behaves share: a support desk's tools (a
customer, an order, the weather), two tools where one needs the other's result, and
:func:`ask` (one turn) and :func:`run` (an agent loop) to put a request to the model.
"""

from __future__ import annotations

from fcplayground import Message, Request, ToolRegistry
from fcplayground.models import SimulatedModel


def support_tools() -> ToolRegistry:
    """A support desk: a customer by email, an order by id, the weather in a city."""
    tools = ToolRegistry()

    @tools.tool
    def lookup_customer(email: str) -> dict:
        """Searches for a customer record by email address and returns their account details
        including name, plan type, and billing status.

        Args:
            email: The customer's email address, e.g. jane@example.com.
        """
        return {"name": "Jane Doe", "plan": "Pro", "billing_status": "active"}

    @tools.tool
    def lookup_order(order_id: str) -> dict:
        """Looks up an order by its id and returns its status, items and delivery date.

        Args:
            order_id: The order id, like ORD-1234.
        """
        return {"order_id": order_id, "status": "shipped"}

    @tools.tool
    def get_weather(city: str) -> dict:
        """Returns the current weather forecast for a city: sky and temperature.

        Args:
            city: The city name, e.g. Paris.
        """
        return {"city": city, "sky": "sunny", "celsius": 21}

    return tools


def dataflow_tools() -> ToolRegistry:
    """find_customer, whose customer id create_ticket needs."""
    tools = ToolRegistry()

    @tools.tool
    def find_customer(name: str) -> dict:
        """Finds a customer account by the customer's name and returns their customer id.

        Args:
            name: The customer's full name, e.g. Jane Doe.
        """
        return {"customer_id": "C-42", "email": "jane@example.com"}

    @tools.tool
    def create_ticket(customer_id: str, subject: str) -> dict:
        """Opens a support ticket for a customer and returns the ticket number.

        Args:
            customer_id: The customer's id, as returned by find_customer.
            subject: A short summary of the problem.
        """
        return {"ticket": "T-7"}

    return tools


def ask(tools: ToolRegistry, text: str, **options) -> tuple:
    """The model's one turn for ``text``, and its calls as (name, arguments) pairs."""
    model = SimulatedModel()
    turn = model.respond(Request([Message.user(text)], tools=tools.specs(), **options))
    return turn, [(c.name, c.arguments) for c in turn.tool_calls]


def run(tools: ToolRegistry, text: str, max_turns: int = 6, **options) -> list:
    """Drive the model like an agent loop: returns the turns."""
    model, messages, turns = SimulatedModel(), [Message.user(text)], []
    for step in range(max_turns):
        turn = model.respond(Request(messages, tools=tools.specs(), **options))
        turns.append(turn)
        if not turn.tool_calls:
            break
        for i, call in enumerate(turn.tool_calls):
            call.id = f"call_{step}_{i}"
        messages += [
            turn.message,
            Message.tool([tools.call(c.name, c.arguments, call_id=c.id) for c in turn.tool_calls]),
        ]
    return turns
