"""The planning stage on its own: ``planning.plan`` makes the calls of a request a graph,
each call ready, waiting (on what), asking, done or retried.

Its inputs are built the way ``SimulatedModel._decide`` builds them: ``reading.read`` the
conversation, ``profiles.profile`` each tool, ``extractors.extract`` the text read, and
``intents.find_intents`` at the model's threshold. What is asserted is planning's output:
the statuses, ``waits_on``, and the calls ``to_calls`` lets through.
"""

from __future__ import annotations

from stages import spec

from fcplayground.chat import Message, ToolCall, ToolResult, ToolSpec
from fcplayground.models.simulated import extractors, intents, planning, profiles, reading
from fcplayground.models.simulated.relevance import THRESHOLD
from fcplayground.models.simulated.vocabulary import Status


def plan(
    messages: list[Message], tools: list[ToolSpec], parallel: bool = True
) -> list[planning.Planned]:
    read = reading.read(messages)
    tool_profiles = [profiles.profile(t) for t in tools]
    candidates = extractors.extract(read.text, read.today)
    found, _scores = intents.find_intents(read.text, candidates, tools, tool_profiles, THRESHOLD)
    return planning.plan(read.text, candidates, found, read, tools, tool_profiles, parallel)


def statuses(planned: list[planning.Planned]) -> list[tuple[str, Status]]:
    return [(p.call.profile.name, p.status) for p in planned]


def one(planned: list[planning.Planned], name: str) -> planning.Planned:
    [found] = [p for p in planned if p.call.profile.name == name]
    return found


FIND_CUSTOMER = spec(
    "find_customer",
    "Finds a customer account by the customer's name and returns their customer id.",
    {"name": {"type": "string", "description": "The customer's full name, e.g. Jane Doe."}},
    ["name"],
)
CREATE_TICKET = spec(
    "create_ticket",
    "Opens a support ticket for a customer and returns the ticket number.",
    {
        "customer_id": {
            "type": "string",
            "description": "The customer's id, as returned by find_customer.",
        },
        "subject": {"type": "string", "description": "A short summary of the problem."},
    },
    ["customer_id", "subject"],
)
WEATHER = spec(
    "get_weather",
    "Get the current weather for a city.",
    {"city": {"type": "string", "description": "The city, e.g. Paris"}},
    ["city"],
)
TICKET_REQUEST = "Open a ticket for Jane Doe about a refund."


def found_jane() -> list[Message]:
    return [
        Message.user(TICKET_REQUEST),
        Message.assistant("", [ToolCall("find_customer", {"name": "Jane Doe"}, id="f1")]),
        Message.tool(
            [
                ToolResult(
                    "f1",
                    '{"customer_id": "C-42", "email": "jane@example.com"}',
                    name="find_customer",
                )
            ]
        ),
    ]


def test_a_call_needing_an_id_returned_by_another_tool_waits_on_that_tool():
    planned = plan([Message.user(TICKET_REQUEST)], [CREATE_TICKET, FIND_CUSTOMER])
    ticket = one(planned, "create_ticket")
    assert ticket.status == Status.WAITS
    assert ticket.waits_on == ["find_customer"]


def test_the_producer_the_request_did_not_name_is_planned_first_and_ready():
    planned = plan([Message.user(TICKET_REQUEST)], [CREATE_TICKET, FIND_CUSTOMER])
    assert statuses(planned) == [
        ("find_customer", Status.READY),
        ("create_ticket", Status.WAITS),
    ]
    assert planned[0].call.values == {"name": "Jane Doe"}
    assert [c.name for c in planning.to_calls(planned)] == ["find_customer"]


def test_a_producer_the_request_did_not_name_is_marked_added():
    planned = plan([Message.user(TICKET_REQUEST)], [CREATE_TICKET, FIND_CUSTOMER])
    assert one(planned, "find_customer").added


def test_a_producer_the_request_names_is_not_marked_added():
    text = "Find Jane Doe's account and open a ticket for her about a refund."
    planned = plan([Message.user(text)], [FIND_CUSTOMER, CREATE_TICKET])
    assert statuses(planned) == [
        ("find_customer", Status.READY),
        ("create_ticket", Status.WAITS),
    ]
    assert one(planned, "create_ticket").waits_on == ["find_customer"]
    assert not one(planned, "find_customer").added


def test_once_the_producer_has_answered_the_waiting_call_is_ready_with_its_result():
    planned = plan(found_jane(), [CREATE_TICKET, FIND_CUSTOMER])
    ticket = one(planned, "create_ticket")
    assert ticket.status == Status.READY
    assert ticket.call.values["customer_id"] == "C-42"
    assert [c.name for c in planning.to_calls(planned)] == ["create_ticket"]


def test_a_call_whose_result_is_in_is_done_and_not_made_again():
    messages = found_jane() + [
        Message.assistant(
            "",
            [ToolCall("create_ticket", {"customer_id": "C-42", "subject": "Refund"}, id="t1")],
        ),
        Message.tool([ToolResult("t1", '{"ticket": "T-7"}', name="create_ticket")]),
    ]
    planned = plan(messages, [CREATE_TICKET, FIND_CUSTOMER])
    assert one(planned, "create_ticket").status == Status.DONE
    assert planning.to_calls(planned) == []


def test_of_a_fan_out_only_the_calls_not_made_yet_are_ready():
    messages = [
        Message.user("weather in Paris and Tokyo"),
        Message.assistant("", [ToolCall("get_weather", {"city": "Paris"}, id="w1")]),
        Message.tool([ToolResult("w1", '{"celsius": 5}', name="get_weather")]),
    ]
    planned = plan(messages, [WEATHER])
    assert [(p.call.values["city"], p.status) for p in planned] == [
        ("Paris", Status.DONE),
        ("Tokyo", Status.READY),
    ]


def test_a_call_missing_a_fact_nobody_can_produce_asks_for_it():
    planned = plan([Message.user("Open a ticket about a refund.")], [CREATE_TICKET, FIND_CUSTOMER])
    assert statuses(planned) == [("create_ticket", Status.ASKS)]
    assert planned[0].guessed == ["customer_id"]
    assert planning.to_calls(planned) == []


def test_a_call_without_its_one_required_value_asks():
    planned = plan([Message.user("What's the weather?")], [WEATHER])
    assert statuses(planned) == [("get_weather", Status.ASKS)]
    assert planned[0].guessed == ["city"]


def test_parallel_calls_off_lets_one_ready_call_through_per_turn():
    planned = plan([Message.user("weather in Paris and Tokyo")], [WEATHER], parallel=False)
    assert [(p.call.values["city"], p.status) for p in planned] == [
        ("Paris", Status.READY),
        ("Tokyo", Status.WAITS),
    ]
    assert [c.arguments for c in planning.to_calls(planned)] == [{"city": "Paris"}]


def test_parallel_calls_on_makes_every_independent_call_ready():
    planned = plan([Message.user("weather in Paris and Tokyo")], [WEATHER], parallel=True)
    assert [p.status for p in planned] == [Status.READY, Status.READY]
    assert len(planning.to_calls(planned)) == 2


def test_then_makes_the_later_call_wait_for_the_earlier_one():
    lookup = spec(
        "lookup_customer",
        "Look up a customer by email address.",
        {"email": {"type": "string", "description": "The customer's email address"}},
        ["email"],
    )
    email = spec(
        "send_email",
        "Send an email to someone.",
        {
            "to": {"type": "string", "description": "Recipient address"},
            "subject": {"type": "string", "description": "Subject line"},
            "body": {"type": "string", "description": "The message body"},
        },
        ["to", "subject", "body"],
    )
    text = (
        "Look up jane@example.com, then email her at jane@example.com that her refund is on its way"
    )
    planned = plan([Message.user(text)], [lookup, email])
    assert statuses(planned) == [
        ("lookup_customer", Status.READY),
        ("send_email", Status.WAITS),
    ]
    assert one(planned, "send_email").waits_on == ["lookup_customer"]


def test_a_reply_about_what_a_search_finds_waits_for_the_search():
    search = spec(
        "search_help_center",
        "Search the help center articles.",
        {"query": {"type": "string", "description": "Search terms"}},
        ["query"],
    )
    reply = spec(
        "send_reply",
        "Send the reply to the customer.",
        {"body": {"type": "string", "description": "The reply text"}},
        ["body"],
    )
    text = "search the help center for double charges and send the customer a reply with the answer"
    planned = plan([Message.user(text)], [search, reply])
    assert one(planned, "search_help_center").status == Status.READY
    assert one(planned, "search_help_center").call.values == {"query": "double charges"}
    assert one(planned, "send_reply").status == Status.WAITS
    assert one(planned, "send_reply").waits_on == ["search_help_center"]


def test_a_tool_described_as_the_last_step_waits_for_the_others():
    search = spec(
        "search_help_center",
        "Search the help center articles.",
        {"query": {"type": "string", "description": "Search terms"}},
        ["query"],
    )
    reply = spec(
        "send_reply",
        "Send the reply to the customer. Use this as the final step.",
        {"body": {"type": "string", "description": "The reply text"}},
        ["body"],
    )
    text = "search the help center for double charges and send a reply to the customer"
    planned = plan([Message.user(text)], [search, reply])
    assert one(planned, "send_reply").status == Status.WAITS
    assert one(planned, "send_reply").waits_on == ["search_help_center"]


def test_a_call_rejected_for_an_unexpected_argument_is_retried_without_it():
    messages = [
        Message.user("weather in Paris"),
        Message.assistant("", [ToolCall("get_weather", {"city": "Paris", "days": 3}, id="w")]),
        Message.tool(
            [
                ToolResult(
                    "w", "Error: unexpected argument 'days'", is_error=True, name="get_weather"
                )
            ]
        ),
    ]
    planned = plan(messages, [WEATHER])
    assert statuses(planned) == [("get_weather", Status.RETRY)]
    assert [c.arguments for c in planning.to_calls(planned)] == [{"city": "Paris"}]


def test_a_call_that_failed_for_a_reason_no_argument_can_fix_is_not_retried():
    messages = [
        Message.user("weather in Paris"),
        Message.assistant("", [ToolCall("get_weather", {"city": "Paris"}, id="w")]),
        Message.tool(
            [ToolResult("w", "Error: service unavailable", is_error=True, name="get_weather")]
        ),
    ]
    planned = plan(messages, [WEATHER])
    assert statuses(planned) == [("get_weather", Status.DONE)]
    assert planning.to_calls(planned) == []


def test_an_email_given_for_an_id_returned_by_a_lookup_goes_through_the_lookup():
    lookup = spec(
        "lookup_customer",
        "Look up a customer by email address and return their customer id.",
        {"email": {"type": "string", "description": "The customer's email address"}},
        ["email"],
    )
    orders = spec(
        "list_orders",
        "List the orders of a customer.",
        {
            "customer_id": {
                "type": "string",
                "description": "The customer id, as returned by lookup_customer",
            }
        },
        ["customer_id"],
    )
    planned = plan([Message.user("Show me the orders of jane@example.com")], [lookup, orders])
    assert one(planned, "lookup_customer").status == Status.READY
    assert one(planned, "list_orders").waits_on == ["lookup_customer"]


def test_a_fact_a_lookup_tool_is_named_for_is_looked_up_first():
    from fcplayground.chat import Request
    from fcplayground.models import SimulatedModel

    lookup = spec("lookup_population", "Returns the population of a country.",
                  {"country": {"type": "string", "description": "The country."}}, ["country"])  # fmt: skip
    dragons = spec("can_have_dragons", "Whether a country can have dragons.",
                   {"population": {"type": "integer", "description": "Its population."}},
                   ["population"])  # fmt: skip
    turn = SimulatedModel().respond(
        Request([Message.user("Can the country of Crumpet have dragons?")], tools=[lookup, dragons])
    )
    assert [(c.name, c.arguments) for c in turn.tool_calls] == [
        ("lookup_population", {"country": "Crumpet"})
    ]


SEND_INVOICE = spec(
    "send_invoice",
    "Emails an invoice to a customer.",
    {
        "invoice_id": {"type": "string", "description": "The invoice number, e.g. INV-0077."},
        "email": {"type": "string", "description": "The customer's email address."},
    },
    ["invoice_id", "email"],
)
CAMPAIGN_STATS = spec(
    "get_campaign_stats",
    "Returns a campaign's opens and clicks, and the email of each recipient.",
    {"campaign_id": {"type": "string", "description": "The campaign id."}},
    ["campaign_id"],
)


def test_a_tool_is_not_added_as_a_producer_on_a_code_said_for_another_tool():
    planned = plan([Message.user("Send invoice INV-0077 to the customer.")],
                   [SEND_INVOICE, CAMPAIGN_STATS])  # fmt: skip
    assert statuses(planned) == [("send_invoice", Status.ASKS)]
    assert planning.to_calls(planned) == []


def test_a_tool_is_added_as_a_producer_on_a_code_said_for_its_own_parameter():
    text = "Send invoice INV-0077 to the customer of campaign CMP-9."
    planned = plan([Message.user(text)], [SEND_INVOICE, CAMPAIGN_STATS])
    assert statuses(planned) == [
        ("get_campaign_stats", Status.READY),
        ("send_invoice", Status.WAITS),
    ]
    assert planned[0].call.values == {"campaign_id": "CMP-9"}


def test_a_producer_the_request_did_not_name_comes_just_before_the_call_it_serves():
    text = "What's the weather in Paris? And open a ticket for Jane Doe about a refund."
    planned = plan([Message.user(text)], [WEATHER, CREATE_TICKET, FIND_CUSTOMER])
    assert statuses(planned) == [
        ("get_weather", Status.READY),
        ("find_customer", Status.READY),
        ("create_ticket", Status.WAITS),
    ]
    assert [c.name for c in planning.to_calls(planned)] == ["get_weather", "find_customer"]
