"""The exercise checks pass good answers and explain what is wrong with weak ones."""

from __future__ import annotations

from fcplayground.exercises import check_tool_description


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
