"""Ready-made test sets for the demo scenarios: requests with the calls they should get.

Each request is the first message of a conversation, so a case checks the model's first
turn: which tools it calls, with which arguments, or that it calls none (a question no
tool answers, or a request that lacks what a tool needs: then the model should ask). A
chain ("look up ..., then open a ticket") is checked on its first step. ::

    from fcplayground.evals import evaluate, support_desk_cases
    print(evaluate(support_desk_cases()))

Pass ``tools`` to test edited descriptions of the same tools (names and parameters
unchanged). The description lab accepts these cases as its battery too.
"""

from __future__ import annotations

from ..scenarios import SupportDesk, Travel
from ..tools import ToolRegistry
from .cases import ANY, OMITTED, Case, expect, one_of

NO_CALL = "no tool"
ASK = "needs more info"


def support_desk_cases(tools: ToolRegistry | None = None) -> list[Case]:
    """24 requests for the support desk tools (lookup_customer, get_order,
    search_knowledge_base, create_ticket, send_response)."""
    if tools is None:
        desk = SupportDesk()
        tools = desk.tools
        desk.close()
    limit = one_of(OMITTED, 3)  # the default, said or not
    help_ = expect("search_knowledge_base", query=ANY, limit=limit)
    table: list[tuple[str, str, list]] = [
        ("customers", "What plan is jane@example.com on?",
         [expect("lookup_customer", email="jane@example.com")]),
        ("customers", "Is the account of jane@example.com past due?",
         [expect("lookup_customer", email="jane@example.com")]),
        ("customers", "Pull up the customer record for sam.lee@example.org.",
         [expect("lookup_customer", email="sam.lee@example.org")]),
        ("orders", "Where is my order ORD-1234?", [expect("get_order", order_id="ORD-1234")]),
        ("orders", "Has order ORD-2001 shipped yet?", [expect("get_order", order_id="ORD-2001")]),
        ("orders", "How much did I pay for order ORD-1234?",
         [expect("get_order", order_id="ORD-1234")]),
        ("help center", "How do I reset my password?", [help_]),
        ("help center", "What is your refund policy?", [help_]),
        ("help center", "Can I export all my data?", [help_]),
        ("help center", "Show me the top 5 help articles about shipping to Canada.",
         [expect("search_knowledge_base", query=ANY, limit=5)]),
        ("actions", "Open a high priority ticket for customer C-1001: she was charged twice.",
         [expect("create_ticket", customer_id="C-1001", subject=ANY,
                 body=one_of(ANY, OMITTED), priority="high")]),
        ("actions", "File a ticket for customer C-1002 about a damaged package.",
         [expect("create_ticket", customer_id="C-1002", subject=ANY,
                 body=one_of(ANY, OMITTED), priority=one_of("normal", OMITTED))]),
        ("actions", "Email jane@example.com to tell her that her refund has been processed.",
         [expect("send_response", to_email="jane@example.com", subject=ANY, body=ANY)]),
        ("parallel", "Where are my orders ORD-1234 and ORD-2001?",
         [expect("get_order", order_id="ORD-1234"), expect("get_order", order_id="ORD-2001")]),
        ("parallel", "Look up jane@example.com and check order ORD-1234.",
         [expect("lookup_customer", email="jane@example.com"),
          expect("get_order", order_id="ORD-1234")]),
        ("parallel", "Which plans are jane@example.com and sam.lee@example.org on?",
         [expect("lookup_customer", email="jane@example.com"),
          expect("lookup_customer", email="sam.lee@example.org")]),
        ("chains", "Look up jane@example.com, then open a ticket about her double charge.",
         [expect("lookup_customer", email="jane@example.com")]),
        ("chains", "Find jane@example.com's account and then email her the refund policy.",
         [expect("lookup_customer", email="jane@example.com")]),
        (NO_CALL, "Tell me a joke about penguins.", []),
        (NO_CALL, "What is the capital of France?", []),
        (NO_CALL, "Thanks, that's all for today!", []),
        (NO_CALL, "Translate 'good morning' into Spanish.", []),
        (ASK, "I want to check the status of my order.", []),
        (ASK, "Open a ticket for me.", []),
    ]  # fmt: skip
    return [_case("support_desk", i, row, tools) for i, row in enumerate(table)]


def travel_cases(tools: ToolRegistry | None = None) -> list[Case]:
    """16 requests for the travel tools (get_weather, search_flights, search_hotels)."""
    if tools is None:
        tools = Travel(latency=0).tools
    paris = one_of("Paris", "Paris, France")
    table: list[tuple[str, str, list]] = [
        ("weather", "What's the weather in Paris?", [expect("get_weather", city=paris)]),
        ("weather", "Should I pack an umbrella for London?",
         [expect("get_weather", city=one_of("London", "London, UK"))]),
        ("flights", "Find flights from London to Rome on 2025-07-14.",
         [expect("search_flights", origin="London", destination="Rome", date="2025-07-14")]),
        ("flights", "I need to fly from Berlin to Lisbon on 3 August 2025.",
         [expect("search_flights", origin="Berlin", destination="Lisbon", date="2025-08-03")]),
        ("hotels", "Find a hotel in Tokyo from 2025-09-01 for 3 nights.",
         [expect("search_hotels", city="Tokyo", check_in="2025-09-01", nights=3)]),
        ("hotels", "Any hotels in Barcelona? I arrive on July 20, 2025.",
         [expect("search_hotels", city="Barcelona", check_in="2025-07-20",
                 nights=one_of(1, OMITTED))]),
        ("parallel", "What's the weather in Paris, Tokyo and New York?",
         [expect("get_weather", city=paris), expect("get_weather", city="Tokyo"),
          expect("get_weather", city=one_of("New York", "New York City"))]),
        ("parallel", "Compare the weather in Lisbon and Barcelona.",
         [expect("get_weather", city="Lisbon"), expect("get_weather", city="Barcelona")]),
        ("parallel", "What's the weather in Rome, and find me a hotel there from 2025-07-14 "
         "for 2 nights.",
         [expect("get_weather", city="Rome"),
          expect("search_hotels", city="Rome", check_in="2025-07-14", nights=2)]),
        ("parallel", "Flights from Paris to London on 2025-06-10, and hotels in London from "
         "2025-06-10 for 4 nights.",
         [expect("search_flights", origin=paris, destination="London", date="2025-06-10"),
          expect("search_hotels", city="London", check_in="2025-06-10", nights=4)]),
        (NO_CALL, "What's the best way to learn Japanese?", []),
        (NO_CALL, "Convert 100 euros to dollars.", []),
        (NO_CALL, "Tell me about the history of Rome.", []),
        (NO_CALL, "Write a haiku about airports.", []),
        (ASK, "Find me a flight to Tokyo.", []),
        (ASK, "I want to book a hotel.", []),
    ]  # fmt: skip
    return [_case("travel", i, row, tools) for i, row in enumerate(table)]


def _case(suite: str, index: int, row: tuple[str, str, list], tools: ToolRegistry) -> Case:
    category, request, calls = row
    return Case.ask(request, tools, *calls, id=f"{suite}_{index}", category=category)
