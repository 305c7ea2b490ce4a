"""Lesson 12's exercise: structured extraction. The check must pass a forced tool, a
response_format and an Anthropic output_format done right, and catch each way of not doing it (answers not from the
model above all)."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, Field

from fcplayground.exercises.lesson12 import HELD_OUT, check_extraction


class Order(BaseModel):
    order_id: str | None = Field(description="The order number, e.g. ORD-1042, or null.")
    email: str | None = Field(description="The customer's email address, or null.")
    quantity: int = Field(description="How many items the customer writes about.")
    problem: Literal["damaged", "late", "wrong_item", "other"] = Field(
        description="What went wrong: 'damaged' for broken, 'late' for delayed, "
        "'wrong_item' for wrong."
    )
    urgent: bool = Field(description="Whether the customer says it is urgent.")


class Vague(BaseModel):
    order_id: str | None
    email: str | None
    quantity: int
    problem: Literal["damaged", "late", "wrong_item", "other"]
    urgent: bool


def with_parse(client: Any, text: str, shape: type[BaseModel] = Order) -> Any:
    completion = client.chat.completions.parse(
        model="gpt-4o-mini", messages=[{"role": "user", "content": text}], response_format=shape
    )
    return completion.choices[0].message.parsed


def with_forced_tool(client: Any, text: str, choice: dict[str, Any] | None = None) -> Any:
    tool = {
        "name": "record_order",
        "description": "Records the order problem a customer writes about.",
        "input_schema": Order.model_json_schema(),
    }
    message = client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=400,
        tools=[tool],
        tool_choice=choice or {"type": "tool", "name": "record_order"},
        messages=[{"role": "user", "content": text}],
    )
    return next((b.input for b in message.content if b.type == "tool_use"), {})


def test_response_format_parse_done_right_passes():
    feedback = check_extraction(with_parse)

    assert feedback.ok, str(feedback)
    assert any(f"On {len(HELD_OUT)} complaints you had not seen" in p for p in feedback.passed)


def test_a_forced_anthropic_tool_done_right_passes():
    feedback = check_extraction(with_forced_tool, api="anthropic")

    assert feedback.ok, str(feedback)


def test_anthropic_output_format_parse_done_right_passes():
    def with_output_format(client: Any, text: str) -> Any:
        message = client.messages.parse(
            model="claude-sonnet-4-5",
            max_tokens=400,
            messages=[{"role": "user", "content": text}],
            output_format=Order,
        )
        return message.parsed_output

    feedback = check_extraction(with_output_format, api="anthropic")

    assert feedback.ok, str(feedback)


def test_a_value_patched_after_anthropic_parse_is_refused():
    def patched(client: Any, text: str) -> dict[str, Any]:
        message = client.messages.parse(
            model="claude-sonnet-4-5",
            max_tokens=400,
            messages=[{"role": "user", "content": text}],
            output_format=Order,
        )
        return {**message.parsed_output.model_dump(), "quantity": 99}

    problems = check_extraction(patched, api="anthropic").problems

    assert any("is not what the model wrote" in p for p in problems), problems


def test_reading_the_text_in_python_is_refused_as_never_asking_the_model():
    def by_regex(client: Any, text: str) -> dict[str, Any]:
        order = re.search(r"ORD-\d+", text)
        return {"order_id": order.group(0) if order else None, "email": None, "quantity": 1,
                "problem": "damaged", "urgent": False}  # fmt: skip

    problems = check_extraction(by_regex).problems

    assert any("without asking the model" in p for p in problems), problems


def test_a_request_that_does_not_force_the_shape_is_refused():
    def unforced(client: Any, text: str) -> Any:
        return with_forced_tool(client, text, choice={"type": "auto"})

    problems = check_extraction(unforced, api="anthropic").problems

    assert any("did not force the shape" in p and "tool_choice" in p for p in problems), problems


def test_a_value_patched_after_the_model_answered_is_refused():
    def patched(client: Any, text: str) -> dict[str, Any]:
        return {**with_parse(client, text).model_dump(), "urgent": True}

    problems = check_extraction(patched).problems

    assert any("is not what the model wrote" in p for p in problems), problems


def test_a_schema_without_descriptions_is_told_which_field_is_wrong_and_what_to_describe():
    def vague(client: Any, text: str) -> Any:
        return with_parse(client, text, Vague)

    problems = check_extraction(vague).problems

    assert any("but the text says" in p and "Describe each option" in p for p in problems), problems


def test_a_function_that_raises_is_told_what_it_raised_and_on_which_text():
    def broken(client: Any, text: str) -> Any:
        raise KeyError("choices")

    problems = check_extraction(broken).problems

    assert any("raised KeyError" in p and HELD_OUT[0].text in p for p in problems), problems


def test_returning_the_reply_text_instead_of_fields_is_refused():
    def text_only(client: Any, text: str) -> Any:
        completion = client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": text}],
            response_format={
                "type": "json_schema",
                "json_schema": {"name": "order", "schema": Order.model_json_schema()},
            },
        )
        return completion.choices[0].message.content

    problems = check_extraction(text_only).problems

    assert any("returned str" in p and "dict" in p for p in problems), problems


def test_a_result_missing_a_field_names_it():
    def partial(client: Any, text: str) -> dict[str, Any]:
        value = with_parse(client, text).model_dump()
        del value["quantity"]
        return value

    problems = check_extraction(partial).problems

    assert any("no field quantity" in p for p in problems), problems


def test_a_wrong_argument_or_api_is_explained():
    assert "your function itself" in str(check_extraction("extract_order"))  # type: ignore[arg-type]
    assert "'openai' or 'anthropic'" in str(check_extraction(with_parse, api="gemini"))
