"""The simulated model reads a learner's own first tools and requests as a hosted model does:
the verb says what to do ("Reserve Barrafina", "send back" an order), the message a request
dictates is not what it is about, a time is no count of people, and a word one tool has does
not outweigh the subject many share.

Every tool here is written for the test, in a learner's style, and asked through the real
SDKs offline.
"""

from __future__ import annotations

from offline_calls import anthropic_calls, openai_calls

from fcplayground import Message, Request, SimulatedModel, ToolRegistry, offline
from fcplayground.evals import examples_tools
from fcplayground.models.simulated.reported import told
from fcplayground.scenarios import SupportDesk
from fcplayground.scenarios.catalogue import catalogue_specs
from fcplayground.tools import Tool


def table_tools() -> ToolRegistry:
    """A learner's first booking tool, and a tool named for its verb."""
    tools = ToolRegistry()

    @tools.tool
    def reserve_table(restaurant: str, day: str, time: str, people: int) -> dict:
        """Reserves a table at a restaurant.

        Args:
            restaurant: Name of the restaurant.
            day: The date.
            time: What time.
            people: Number of guests.
        """
        return {"reserved": restaurant}

    @tools.tool
    def greet_guest(guest: str) -> dict:
        """Says hello to a hotel guest.

        Args:
            guest: The guest's name.
        """
        return {"greeted": guest}

    return tools


def test_the_verb_that_opens_a_request_is_not_part_of_the_name_after_it():
    tools = table_tools()
    ((name, arguments),) = openai_calls(tools, "Reserve Barrafina on 6 April at 1pm for two")
    assert name == "reserve_table"
    assert arguments["restaurant"] == "Barrafina" and arguments["people"] == 2
    assert anthropic_calls(tools, "Greet Anna Lopez") == [("greet_guest", {"guest": "Anna Lopez"})]


def test_a_time_is_never_a_count_of_people():
    reply = offline.openai_client().chat.completions.create(
        model="simulated",
        messages=[{"role": "user", "content": "Reserve Barrafina on 6 April at 1pm"}],
        tools=table_tools().to_openai(),
    )
    message = reply.choices[0].message
    assert message.tool_calls is None and "people" in message.content


def get_order(order_id: str) -> dict:
    """Looks up an order and says what it cost and where it is.

    Args:
        order_id: The order number, like ORD-1234.
    """
    return {"order_id": order_id, "total": 42.0}


def cancel_order(order_id: str) -> dict:
    """Cancels an order that has not left the warehouse.

    Args:
        order_id: The order number.
    """
    return {"cancelled": order_id}


def track_order(order_id: str) -> dict:
    """Says where the parcel of an order is.

    Args:
        order_id: The order number.
    """
    return {"order_id": order_id, "at": "depot"}


def reorder(order_id: str) -> dict:
    """Orders the same items as an earlier order again.

    Args:
        order_id: The earlier order's number.
    """
    return {"new_order": "ORD-9999"}


def return_order(order_id: str, reason: str) -> dict:
    """Starts a return for an order.

    Args:
        order_id: The order number.
        reason: Why it goes back.
    """
    return {"return_for": order_id}


def change_delivery_address(order_id: str, address: str) -> dict:
    """Sends an order that has not shipped to another address.

    Args:
        order_id: The order number.
        address: The new address.
    """
    return {"order_id": order_id, "to": address}


def get_payslip(employee: str, month: str) -> dict:
    """Shows an employee's pay for a month.

    Args:
        employee: The employee's id.
        month: The month, like 2026-01.
    """
    return {"gross": 3000}


def get_weather(city: str) -> dict:
    """Gives the weather forecast for a city.

    Args:
        city: Which city.
    """
    return {"city": city, "sky": "sunny"}


def set_timer(minutes: int) -> dict:
    """Starts a kitchen timer.

    Args:
        minutes: How long it runs.
    """
    return {"ends_in": minutes}


def add_note(text: str) -> dict:
    """Saves a note.

    Args:
        text: What the note says.
    """
    return {"saved": True}


def play_music(song: str) -> dict:
    """Plays a song on the speaker.

    Args:
        song: The song's title.
    """
    return {"playing": song}


SHOP = (get_order, cancel_order, track_order, reorder, return_order, change_delivery_address,
        get_payslip, get_weather, set_timer, add_note, play_music)  # fmt: skip


def shop_tools() -> ToolRegistry:
    """A learner's assistant: a shop's order tools, a payroll tool that says "pay", and
    tools for other things."""
    tools = ToolRegistry()
    for func in SHOP:
        tools.add(func)
    return tools


def test_a_word_one_tool_has_does_not_outweigh_the_subject_the_request_names():
    tools = shop_tools()
    assert openai_calls(tools, "How much did I pay for order ORD-1234?") == [
        ("get_order", {"order_id": "ORD-1234"})
    ]


def test_among_the_company_catalogue_an_order_question_goes_to_the_order_tool():
    specs = SupportDesk().tools.specs() + catalogue_specs()[:200]
    request = Request([Message.user("How much did I pay for order ORD-1234?")], tools=specs)
    turn = SimulatedModel().respond(request)
    assert [(c.name, c.arguments) for c in turn.tool_calls] == [
        ("get_order", {"order_id": "ORD-1234"})
    ]


def test_what_an_email_is_to_tell_does_not_choose_the_tool():
    desk = SupportDesk().tools
    (call,) = anthropic_calls(desk, "Email jane@example.com that her refund is on its way")
    assert call[0] == "send_response"
    assert call[1]["to_email"] == "jane@example.com"
    assert "refund is on its way" in call[1]["body"]


def test_the_message_after_to_tell_her_that_is_written_without_those_words():
    desk = SupportDesk().tools
    request = "Email jane@example.com to tell her that her refund has been processed."
    ((name, arguments),) = openai_calls(desk, request)
    assert name == "send_response"
    assert arguments["subject"] == "Refund has been processed"
    assert not arguments["body"].lower().startswith("tell")


def test_told_finds_what_a_message_says_and_stops_at_the_next_request():
    text = "Email kai@example.com that I'm in, and add 'Hack night' to my calendar."
    assert [text[a:b] for a, b in told(text)] == ["I'm in"]
    text = "Can you text Sam saying the build passed? Then book a room"
    assert [text[a:b] for a, b in told(text)] == ["the build passed"]


def test_told_leaves_a_thing_to_send_and_plain_requests_alone():
    assert told("Email me that report") == []
    assert told("Find the order that shipped late") == []


def calendar_tools() -> ToolRegistry:
    """Two calendar tools that share every word a request about a day may use."""
    tools = ToolRegistry()

    @tools.tool
    def add_meeting(title: str, day: str, start: str) -> dict:
        """Puts a meeting in my calendar.

        Args:
            title: What it is about.
            day: The day, as YYYY-MM-DD.
            start: When it starts, as HH:MM.
        """
        return {"added": title}

    @tools.tool
    def list_meetings(day: str) -> dict:
        """Lists the meetings in my calendar on a day.

        Args:
            day: The day, as YYYY-MM-DD.
        """
        return {"meetings": []}

    return tools


def test_between_tools_tied_on_words_the_opening_verb_says_read_or_write():
    tools = calendar_tools()
    calls = anthropic_calls(tools, "show my meetings for the day after tomorrow")
    assert [name for name, _ in calls] == ["list_meetings"]
    reply = offline.openai_client().chat.completions.create(
        model="simulated",
        messages=[{"role": "user", "content": "set up a meeting with Tom next week"}],
        tools=tools.to_openai(),
    )
    message = reply.choices[0].message
    assert message.tool_calls is None and "add_meeting" in message.content


def return_tools() -> ToolRegistry:
    """A return tool written plainly, beside a tool that sends messages."""
    tools = ToolRegistry()

    @tools.tool
    def start_return(order: str, why: str) -> dict:
        """Starts a return for something I bought.

        Args:
            order: The order number.
            why: The reason for returning it.
        """
        return {"return_for": order}

    @tools.tool
    def message(to: str, text: str) -> dict:
        """Sends a message to someone.

        Args:
            to: Who gets it.
            text: The message.
        """
        return {"sent": True}

    return tools


def test_send_back_with_an_order_is_a_return_not_a_message():
    ((name, arguments),) = openai_calls(
        return_tools(), "Send back ORD-5120, it came in the wrong colour"
    )
    assert name == "start_return" and arguments["order"] == "ORD-5120"
    assert "colour" in arguments["why"].lower()
    battery = examples_tools(examples=False, names=["open_return", "send_text"])
    ((name, arguments),) = anthropic_calls(
        battery, "Send back ORD-5120, it came in the wrong colour"
    )
    assert name == "open_return" and arguments["order_id"] == "ORD-5120"


def test_a_reason_the_description_names_is_written_not_asked_for():
    ((name, arguments),) = openai_calls(return_tools(), "Return ORD-5120, wrong colour")
    assert name == "start_return" and "wrong colour" in arguments["why"].lower()


def test_send_still_sends_a_message():
    ((name, arguments),) = openai_calls(return_tools(), "Send Sam a message saying I'm late")
    assert name == "message" and "late" in arguments["text"].lower()


def test_a_verb_opening_a_request_before_its_object_is_not_a_name():
    schema = {
        "type": "object",
        "properties": {"name": {"type": "string"}, "age": {"type": "integer"}},
        "required": ["name", "age"],
    }
    tools = ToolRegistry()
    tools.add(Tool.from_schema("person", "Records a person.", schema, lambda **kwargs: kwargs))
    for text in (
        "Extract the person: Anna Lopez is 31 years old.",
        "Capture this person: Anna Lopez, 31.",
        "Person to save: Anna Lopez, 31.",
    ):
        assert openai_calls(tools, text) == [("person", {"name": "Anna Lopez", "age": 31})], text
    # A one-word name that opens the request, before a verb, is still one.
    assert openai_calls(tools, "Madonna is a person aged 65.") == [
        ("person", {"name": "Madonna", "age": 65})
    ]
