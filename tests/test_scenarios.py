"""The demo scenarios: a deterministic SQLite support desk and a travel planner."""

from __future__ import annotations

import json
import warnings

from fcplayground import Message, Request
from fcplayground.models import SimulatedModel
from fcplayground.scenarios import SupportDesk, Travel


def quiet_desk() -> SupportDesk:
    """A SupportDesk built with warnings as errors: every tool and parameter documented."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return SupportDesk()


def content(result) -> object:
    assert not result.is_error, result.content
    return json.loads(result.content)


def first_call(tools, text: str):
    turn = SimulatedModel().respond(Request([Message.user(text)], tools=tools.specs()))
    assert turn.tool_calls, turn.text
    return turn.tool_calls[0]


# --- SupportDesk data -----------------------------------------------------------------------


def test_two_desks_hold_identical_data():
    a, b = SupportDesk(), SupportDesk()
    for table in ("customers", "orders", "articles", "tickets", "outbox"):
        rows_a = [tuple(r) for r in a.db.execute(f"SELECT * FROM {table} ORDER BY id")]
        rows_b = [tuple(r) for r in b.db.execute(f"SELECT * FROM {table} ORDER BY id")]
        assert rows_a == rows_b, table
    assert len(a.customers()) >= 30
    assert len(a.orders()) >= 30


def test_reset_restores_the_data_after_writes():
    desk = SupportDesk()
    before = (desk.customers(), desk.orders(), desk.tickets(), desk.outbox())
    desk.tools.call("create_ticket", {"customer_id": "C-1001", "subject": "Help"})
    desk.tools.call("send_response", {"to_email": "jane@example.com", "subject": "Hi", "body": "."})
    desk.db.execute("DELETE FROM customers WHERE id = 'C-1002'")
    desk.reset()
    assert (desk.customers(), desk.orders(), desk.tickets(), desk.outbox()) == before


def test_desk_can_live_in_a_file(tmp_path):
    desk = SupportDesk(path=tmp_path / "desk.sqlite")
    desk.reset()  # a second build over the same file must not clash with the first
    assert desk.customers() == SupportDesk().customers()
    desk.close()


# --- SupportDesk tools ----------------------------------------------------------------------


def test_lookup_finds_jane_doe():
    desk = SupportDesk()
    jane = content(desk.tools.call("lookup_customer", {"email": "jane@example.com"}))
    assert jane == {
        "customer_id": "C-1001",
        "name": "Jane Doe",
        "email": "jane@example.com",
        "plan": "Pro",
        "billing_status": "past_due",
        "created": "2023-03-14",
    }


def test_unknown_email_gives_an_error_result_naming_it():
    desk = SupportDesk()
    result = desk.tools.call("lookup_customer", {"email": "nobody@example.com"})
    assert result.is_error
    assert "nobody@example.com" in result.content


def test_get_order_returns_janes_recent_order():
    desk = SupportDesk()
    order = content(desk.tools.call("get_order", {"order_id": "ORD-1234"}))
    assert order["customer_id"] == "C-1001"
    assert order["status"] == "shipped"
    assert desk.tools.call("get_order", {"order_id": "ORD-0000"}).is_error


def test_knowledge_base_finds_the_password_reset_article():
    desk = SupportDesk()
    hits = content(desk.tools.call("search_knowledge_base", {"query": "I forgot my password"}))
    assert hits[0]["title"] == "How to reset your password"
    assert set(hits[0]) == {"id", "title", "snippet"}


def test_knowledge_base_search_survives_hostile_input():
    desk = SupportDesk()
    for query in ['"; DROP TABLE articles; --', 'pass*word"(', "NEAR(a b) NOT", "", "?!"]:
        result = desk.tools.call("search_knowledge_base", {"query": query})
        assert isinstance(content(result), list), query
    assert len(desk.db.execute("SELECT * FROM articles").fetchall()) >= 12


def test_create_ticket_writes_a_row_and_is_a_side_effect():
    desk = SupportDesk()
    before = len(desk.tickets())
    args = {"customer_id": "C-1001", "subject": "Headphones broken", "priority": "high"}
    ticket = content(desk.tools.call("create_ticket", args))
    assert ticket["status"] == "open"
    assert desk.tickets()[-1]["id"] == ticket["ticket_id"]
    assert len(desk.tickets()) == before + 1
    assert desk.tools["create_ticket"].side_effect
    assert desk.tools.call("create_ticket", {"customer_id": "C-9999", "subject": "x"}).is_error


def test_send_response_writes_to_the_outbox_and_is_a_side_effect():
    desk = SupportDesk()
    args = {"to_email": "jane@example.com", "subject": "Your bill", "body": "Please update."}
    message = content(desk.tools.call("send_response", args))
    assert desk.outbox() == [
        {"id": message["message_id"], **args, "sent_at": desk.outbox()[0]["sent_at"]}
    ]
    assert desk.tools["send_response"].side_effect
    assert not desk.tools["lookup_customer"].side_effect


def test_every_tool_and_parameter_is_described():
    desk = quiet_desk()
    assert desk.tools.names == [
        "lookup_customer",
        "get_order",
        "search_knowledge_base",
        "create_ticket",
        "send_response",
    ]
    for tool in desk.tools:
        assert len(tool.description) > 60, tool.name
        for name, prop in tool.parameters["properties"].items():
            assert prop.get("description"), f"{tool.name}.{name}"


def test_tools_work_from_worker_threads():
    desk = SupportDesk()
    emails = [c["email"] for c in desk.customers()[:8]]
    calls = [("lookup_customer", {"email": e}) for e in emails]
    calls += [("create_ticket", {"customer_id": f"C-{1001 + i}", "subject": "t"}) for i in range(4)]
    results = desk.tools.call_many(calls, parallel=True)
    assert [content(r)["email"] for r in results[:8]] == emails
    ticket_ids = {content(r)["ticket_id"] for r in results[8:]}
    assert len(ticket_ids) == 4  # the lock keeps concurrent inserts from reusing an id


# --- The simulated model on the desk -------------------------------------------------------


def test_simulated_model_looks_up_a_customer_by_email():
    call = first_call(SupportDesk().tools, "What plan is jane@example.com on?")
    assert (call.name, call.arguments) == ("lookup_customer", {"email": "jane@example.com"})


def test_simulated_model_gets_an_order_by_id():
    call = first_call(SupportDesk().tools, "Where is my order ORD-1234?")
    assert (call.name, call.arguments) == ("get_order", {"order_id": "ORD-1234"})


def test_simulated_model_searches_the_knowledge_base():
    call = first_call(SupportDesk().tools, "Search the help center for password reset")
    assert call.name == "search_knowledge_base"
    assert "password" in call.arguments["query"]


# --- Travel ---------------------------------------------------------------------------------


def test_travel_tools_return_data():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        travel = Travel(latency=0)
    weather = content(travel.tools.call("get_weather", {"city": "Paris"}))
    assert weather["city"] == "Paris" and isinstance(weather["celsius"], int)
    trip = {"origin": "London", "destination": "Rome", "date": "2025-07-14"}
    flights = content(travel.tools.call("search_flights", trip))
    assert flights and flights == sorted(flights, key=lambda f: f["price_eur"])
    assert flights == content(travel.tools.call("search_flights", trip))  # deterministic
    stay = {"city": "Lisbon", "check_in": "2025-07-14", "nights": 3}
    hotels = content(travel.tools.call("search_hotels", stay))
    assert hotels[0]["check_out"] == "2025-07-17"
    assert hotels[0]["total_price"] == 3 * hotels[0]["price_per_night"]
    assert travel.tools.call("get_weather", {"city": "Atlantis"}).is_error
    assert travel.tools.call("search_hotels", {**stay, "check_in": "next week"}).is_error


def test_travel_calls_overlap_when_run_in_parallel():
    travel = Travel(latency=0.2)
    calls = [
        ("get_weather", {"city": "Paris"}),
        ("get_weather", {"city": "Tokyo"}),
        ("search_flights", {"origin": "Paris", "destination": "Tokyo", "date": "2025-07-14"}),
        ("search_hotels", {"city": "Tokyo", "check_in": "2025-07-15", "nights": 2}),
    ]
    results = travel.tools.call_many(calls, parallel=True)
    assert not any(r.is_error for r in results)
    assert len(travel.log) == 4
    # Every call started before any call finished: all four ran at the same time.
    assert max(r.started for r in travel.log) < min(r.finished for r in travel.log)
