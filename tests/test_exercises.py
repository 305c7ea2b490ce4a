"""The exercise checks pass good answers and explain what is wrong with weak ones."""

from __future__ import annotations

import multiprocessing

import pytest

from fcplayground.exercises import check_tool_description
from fcplayground.exercises.description_quality import Gaming, find_gaming


def test_vague_tool_fails_with_reasons():
    def get_order_status(order_id: str) -> dict:
        """Gets order stuff."""

    feedback = check_tool_description(get_order_status, "order")
    assert not feedback.ok
    text = str(feedback)
    assert text.startswith("Not yet")
    assert "3 words" in text
    assert "Describe the parameter(s) order_id" in text
    assert "Say what it returns" in text


def test_clear_tool_passes():
    def get_order_status(order_id: str) -> dict:
        """Looks up an order by its id and returns its status, items and delivery date.

        Args:
            order_id: The order's id, like ORD-1234.
        """

    feedback = check_tool_description(get_order_status, "order")
    assert feedback.ok
    assert str(feedback).startswith("Well done")


def test_something_that_cannot_be_a_tool_is_explained():
    feedback = check_tool_description(42, "order")  # type: ignore[arg-type]
    assert not feedback.ok
    assert "cannot become a tool" in str(feedback)


# -- gaming the word counts ----------------------------------------------------------------


def test_the_issues_repeated_word_is_turned_down():
    def get_order_status(order_id: str) -> dict:
        """Returns order order order order order order order.

        Args:
            order_id: The order's id, like ORD-1234.
        """

    text = str(check_tool_description(get_order_status, "order"))
    assert text.startswith("Not yet")
    assert "The description says 'order' 7 times" in text
    assert "say it once" in text


def test_a_list_of_keywords_is_turned_down():
    def get_order_status(order_id: str) -> dict:
        """Order status delivery date shipping items tracking returns carrier.

        Args:
            order_id: The order's id, like ORD-1234.
        """

    text = str(check_tool_description(get_order_status, "order"))
    assert "The description is a list of keywords" in text
    assert "Write a sentence that says what the tool does" in text


def test_a_description_with_no_verb_is_turned_down():
    def get_order_status(order_id: str) -> dict:
        """The order with the status, the delivery date and the items of the customer.

        Args:
            order_id: The order's id, like ORD-1234.
        """

    text = str(check_tool_description(get_order_status, "order"))
    assert "The description has no verb" in text
    assert "Start with what it does" in text


def test_a_repeated_word_in_a_parameter_is_turned_down():
    def get_order_status(order_id: str) -> dict:
        """Looks up an order by its id and returns its status, items and delivery date.

        Args:
            order_id: Order id order id order id.
        """

    text = str(check_tool_description(get_order_status, "order"))
    assert "The description of the parameter order_id says 'order' 3 times" in text


HONEST_DOCSTRINGS = [
    "Looks up an order by its order id and returns the order's status and delivery date.",
    "Finds one customer order and gives its shipping status, the items in it and when it "
    "should arrive.",
    "Returns where an order is: processing, shipped or delivered, with the carrier and the "
    "tracking number.",
]


def test_honest_docstrings_pass():
    for summary in HONEST_DOCSTRINGS:

        def get_order_status(order_id: str) -> dict:
            return {}

        get_order_status.__doc__ = (
            f"{summary}\n\nArgs:\n    order_id: The order id, e.g. ORD-1234.\n"
        )
        feedback = check_tool_description(get_order_status, "order")
        assert feedback.ok, f"{summary!r}: {feedback}"
        assert "no list of keywords" in str(feedback)


LONG = 200_000  # characters of one hostile description
GUARD = 30.0  # seconds; a linear pass over LONG characters takes well under one


def _judge_long_texts() -> None:
    visible = ["Is laptop LT-0042 still under warranty?", "Who has the projector PJ-7 right now?"]
    for unit in ("a'", "order ", "LT-0042 ", "laptop, "):
        text = (unit * (LONG // len(unit) + 1))[:LONG]
        find_gaming(text, visible)


@pytest.mark.fault(
    "request text",
    "a 200 KB description (one letter, apostrophes, one word or an id repeated)",
    "judged at once: the exercise checks' stuffing tests are linear in the text's length",
)
def test_stuffing_checks_judge_a_200_kb_description_at_once():
    child = multiprocessing.get_context("fork").Process(target=_judge_long_texts)
    child.start()
    child.join(GUARD)
    finished = not child.is_alive()
    if not finished:
        child.kill()
    assert finished and child.exitcode == 0, "find_gaming stalled or failed on a long text"


def test_a_word_repeated_a_thousand_times_is_one_finding():
    (finding,) = [f for f in find_gaming("order " * 1000) if f.kind is Gaming.REPEATED_WORD]
    assert finding.count == 1000
