"""The simulated model reads a tool's example inputs as a hosted model does: as evidence of
the form of each value, of which optional parameters a call fills, and of which requests
the tool is for; through ``input_examples`` and through examples written into the
description (OpenAI's side), never as words about the tool."""

from __future__ import annotations

import json

import pytest

from fcplayground import SimulatedModel
from fcplayground.chat import Message, Request, ToolSpec
from fcplayground.models.simulated.profiles import read_tool
from fcplayground.tools.examples import with_examples


def spec(name: str, description: str, props: dict, required: list, examples=()) -> ToolSpec:
    schema = {"type": "object", "properties": props, "required": required}
    return ToolSpec(name, description, schema, None, list(examples))


def text(description: str) -> dict:
    return {"type": "string", "description": description}


FLIGHT = spec(
    "track_flight", "Shows where a flight is now.", {"flight": text("The flight.")}, ["flight"]
)
BOOKING = spec(
    "book_table",
    "Books a table at a restaurant.",
    {"restaurant": text("The restaurant."), "date": text("The day."), "time": text("The time.")},
    ["restaurant", "date", "time"],
)


def shown(tool: ToolSpec, *examples: dict) -> ToolSpec:
    return ToolSpec(tool.name, tool.description, tool.parameters, None, list(examples))


def call(request: str, *tools: ToolSpec, system: str | None = "Today is Thursday, 2026-01-15."):
    turn = SimulatedModel().respond(
        Request([Message.user(request)], system=system, tools=list(tools))
    )
    return [(c.name, c.arguments) for c in turn.tool_calls], turn


def test_a_date_is_written_in_the_form_the_examples_show():
    examples = {"restaurant": "Nopi", "date": "14/03/2026", "time": "19:30"}
    (got,), _ = call("A table at Padella on March 20 at 8pm", shown(BOOKING, examples))
    assert got[1]["date"] == "20/03/2026"
    (bare,), _ = call("A table at Padella on March 20 at 8pm", BOOKING)
    assert bare[1]["date"] == "2026-03-20"


@pytest.mark.parametrize(
    "example, written",
    [("14 March 2026", "20 March 2026"), ("March 14, 2026", "March 20, 2026"), ("20260314", "20260320"),
     ("14.03.2026", "20.03.2026"), ("Saturday 14 March 2026", "Friday 20 March 2026")],
)  # fmt: skip
def test_date_forms_beyond_iso_are_read_off_the_examples(example, written):
    examples = {"restaurant": "Nopi", "date": example, "time": "19:30"}
    (got,), _ = call("A table at Padella on March 20 at 8pm", shown(BOOKING, examples))
    assert got[1]["date"] == written


def test_a_time_follows_the_examples_clock():
    examples = {"restaurant": "Nopi", "date": "2026-03-14", "time": "7:30 PM"}
    (got,), _ = call("A table at Padella on March 20 at 20:15", shown(BOOKING, examples))
    assert got[1]["time"] == "8:15 PM"


def test_a_flight_is_written_as_the_examples_write_flights_and_reaches_the_tool():
    assert call("where is lh454 right now?", FLIGHT)[0] == [("track_flight", {"flight": "lh454"})]
    calls, _ = call("where is lh454 right now?", shown(FLIGHT, {"flight": "LH 454"}))
    assert calls == [("track_flight", {"flight": "LH 454"})]
    calls, _ = call("where is LH 454 right now?", shown(FLIGHT, {"flight": "BA2490"}))
    assert calls == [("track_flight", {"flight": "LH454"})]


PHONE = spec(
    "send_text",
    "Sends a text message.",
    {"to": text("Who."), "message": text("What.")},
    ["to", "message"],
)


@pytest.mark.parametrize(
    "example, request_text, written",
    [
        ("+33 6 12 34 56 78", "Text 06 98 76 54 32 that I'm late", "+33 6 98 76 54 32"),
        ("+44 20 7946 0958", "Text 020 7946 0123 that I'm late", "+44 20 7946 0123"),
        ("+14155550100", "Text (415) 555-0123 that I'm late", "+14155550123"),
        ("+1 415-555-0100", "Text (415) 555 0123 that I'm late", "+1 415-555-0123"),
    ],
)
def test_a_phone_number_takes_the_examples_country_code_and_grouping(
    example, request_text, written
):
    (got,), _ = call(request_text, shown(PHONE, {"to": example, "message": "On my way"}))
    assert got[1]["to"] == written


EXPENSE = spec(
    "log_expense", "Records an expense.", {"amount": text("How much."), "category": text("What for.")},
    ["amount", "category"],
)  # fmt: skip


@pytest.mark.parametrize(
    "example, request_text, written",
    [
        ("12.50 USD", "Log an expense: 30 dollars, category meals", "30.00 USD"),
        ("USD 12.50", "Log an expense: 30 dollars, category meals", "USD 30.00"),
        ("€12.50", "Log an expense: 30 euros, category meals", "€30.00"),
        ("12.50", "Log an expense: 30 dollars, category meals", "30.00"),
    ],
)
def test_an_amount_is_written_with_its_currency_as_the_examples_write_it(
    example, request_text, written
):
    (got,), _ = call(request_text, shown(EXPENSE, {"amount": example, "category": "meals"}))
    assert got[1] == {"amount": written, "category": "meals"}


FORECAST = spec(
    "get_forecast", "Gives the weather forecast.", {"city": text("Which city.")}, ["city"]
)


@pytest.mark.parametrize(
    "example, written",
    [("Paris, FR", "Lyon, FR"), ("Tokyo, Japan", "Lyon, France"), ("Paris", "Lyon")],
)
def test_a_city_comes_with_its_country_when_the_examples_give_one(example, written):
    (got,), _ = call("Will it rain in Lyon?", shown(FORECAST, {"city": example}))
    assert got[1]["city"] == written


LABELS = spec(
    "label_ticket",
    "Puts labels on a help desk ticket.",
    {"ticket": text("The ticket."), "labels": {"type": "array", "items": {"type": "string"}, "description": "The labels."}},
    ["ticket", "labels"],
)  # fmt: skip


def test_labels_the_examples_use_are_picked_from_the_request_in_their_letter_case():
    examples = [
        {"ticket": "T-1001", "labels": ["billing", "refund"]},
        {"ticket": "T-1077", "labels": ["bug"]},
    ]
    assert call("Mark T-2002 as Billing and Refund", LABELS)[0] == []
    calls, _ = call("Mark T-2002 as Billing and Refund", shown(LABELS, *examples))
    assert calls == [("label_ticket", {"ticket": "T-2002", "labels": ["billing", "refund"]})]


PART = spec(
    "lookup_part", "Finds a spare part in the catalogue: price and stock.", {"sku": text("The SKU.")}, ["sku"]
)  # fmt: skip


def test_a_code_shaped_like_the_examples_ties_a_request_to_the_tool():
    examples = [{"sku": "BRK-2231"}, {"sku": "FLT-0042"}]
    assert call("What is BRK-7781?", PART)[0] == []
    assert call("What is brk-7781?", shown(PART, *examples))[0] == [
        ("lookup_part", {"sku": "BRK-7781"})
    ]
    assert call("What is ZZ-7781?", shown(PART, *examples))[0] == []  # another code's shape


RETURN = spec(
    "open_return",
    "Starts a return for an order.",
    {"order_id": text("The order."), "reason": text("Why."), "rma": text("An authorisation the customer has.")},
    ["order_id", "reason"],
)  # fmt: skip


def test_an_optional_parameter_the_examples_fill_takes_a_value_of_their_form():
    examples = [
        {"order_id": "ORD-1234", "reason": "damaged", "rma": "RMA-5512"},
        {"order_id": "ORD-2001", "reason": "too big"},
    ]
    request_text = "Return order ORD-3300, it's broken, RMA-7781"
    assert len(call(request_text, RETURN)[0]) == 2  # without examples: a second call for RMA-7781
    ((name, arguments),), _ = call(request_text, shown(RETURN, *examples))
    assert (name, arguments["order_id"], arguments["rma"]) == (
        "open_return",
        "ORD-3300",
        "RMA-7781",
    )


def test_examples_written_into_the_description_are_read_as_examples_not_as_its_words():
    examples = [{"sku": "BRK-2231"}, {"sku": "FLT-0042"}]
    written = ToolSpec(PART.name, with_examples(PART.description, examples), PART.parameters)
    assert call("What is brk-7781?", written)[0] == [("lookup_part", {"sku": "BRK-7781"})]
    _, profile = read_tool(written)
    _, given = read_tool(shown(PART, *examples))
    assert profile.weights == given.weights and profile.quality == given.quality
    assert "brk" not in profile.weights and "2231" not in profile.weights


def test_a_json_object_in_a_description_that_is_not_an_example_of_the_tool_stays_text():
    described = ToolSpec(
        PART.name, PART.description + ' It returns {"price": 3.5}.', PART.parameters
    )
    _, profile = read_tool(described)
    assert "pric" in profile.weights  # "price", as the model's terms stem it
    assert profile.slot("sku").shown == ()


def test_a_parameters_own_json_schema_examples_are_read_too():
    schema = {
        "type": "object",
        "properties": {"flight": {"type": "string", "examples": ["LH 454"]}},
        "required": ["flight"],
    }
    assert call("where is lh454 now?", ToolSpec("track_flight", FLIGHT.description, schema))[0] == [
        ("track_flight", {"flight": "LH 454"})
    ]


def test_one_model_tells_apart_tools_that_differ_only_in_their_examples():
    model = SimulatedModel()
    ask = [Message.user("A table at Padella on March 20 at 8pm")]
    uk = shown(BOOKING, {"restaurant": "Nopi", "date": "14/03/2026", "time": "19:30"})
    us = shown(BOOKING, {"restaurant": "Nopi", "date": "03/14/2026", "time": "19:30"})
    dates = [
        model.respond(Request(ask, tools=[t])).tool_calls[0].arguments["date"]
        for t in (uk, us, BOOKING)
    ]
    assert dates == ["20/03/2026", "03/20/2026", "2026-03-20"]


def test_the_explanation_says_the_examples_were_read():
    _, turn = call("where is lh454 now?", shown(FLIGHT, {"flight": "LH 454"}))
    assert any("example inputs were read" in note for note in turn.explanation.notes)
    _, bare = call("where is LH 454 now?", FLIGHT)
    assert not any("example" in note for note in bare.explanation.notes)


def test_examples_do_not_bring_a_call_where_none_belongs():
    tools = [shown(FLIGHT, {"flight": "LH 454"}), shown(PART, {"sku": "BRK-2231"})]
    for request_text in ("Thanks, that's all!", "Tell me a joke about airports", "What is 2 + 2?"):
        assert call(request_text, *tools)[0] == []


@pytest.mark.fault(
    "request text",
    "hostile example inputs: not objects, NaN, 10,000 of them, 100,000-character values, nesting",
    "ignored, or read within bounds: the request still gets its call",
)
@pytest.mark.parametrize(
    "examples",
    [
        ["not an example", 3, None],
        [{"flight": float("nan")}],
        [{"flight": {"deep": [[[[[[[[[["x"]]]]]]]]]]}}],
        [{"flight": "LH 454"}] * 10_000,
        [{"flight": "x" * 100_000}],
        [{str(i): i for i in range(5_000)}],
    ],
)
def test_hostile_examples_are_ignored_or_read_within_bounds(examples):
    tool = ToolSpec(FLIGHT.name, FLIGHT.description, FLIGHT.parameters, None, examples)
    calls, _ = call("where is LH 454 now?", tool)
    assert [name for name, _ in calls] == ["track_flight"]
    json.dumps(calls)


def test_a_description_full_of_braces_is_read_as_text():
    tool = ToolSpec(FLIGHT.name, FLIGHT.description + " {" * 50_000, FLIGHT.parameters)
    assert [n for n, _ in call("where is LH 454 now?", tool)[0]] == ["track_flight"]
