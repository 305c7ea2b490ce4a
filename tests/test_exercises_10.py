"""Lesson 10's check: a right ``answer_calls`` passes; typical wrong ones and a copied,
hard-coded answer fail, each with a message that says what to do."""

from __future__ import annotations

from typing import Any

from fcplayground import model_for, offline
from fcplayground.exercises.lesson10 import check_answer_calls
from fcplayground.tools import ToolRegistry


def output(item: Any, tools: ToolRegistry) -> dict[str, str]:
    result = tools.call(item.name, item.arguments)
    return {"type": "function_call_output", "call_id": item.call_id, "output": result.content}


def right(response: Any, tools: ToolRegistry) -> list[dict[str, str]]:
    return [output(item, tools) for item in response.output if item.type == "function_call"]


def problems(answer_calls: Any) -> str:
    feedback = check_answer_calls(answer_calls)
    assert not feedback.ok, str(feedback)
    return "\n".join(feedback.problems)


def test_the_right_answer_passes_every_check():
    feedback = check_answer_calls(right)

    assert feedback.ok, str(feedback)
    assert len(feedback.passed) == 4


def test_the_lessons_skeleton_is_told_to_answer_each_call():
    assert "returned no items, but the response has 3 function_call items" in problems(
        lambda response, tools: []
    )


def test_passing_the_result_of_a_call_instead_of_the_function_is_explained():
    assert "Pass the function itself" in problems([])


def test_answering_only_the_first_call_names_the_calls_left_without_output():
    def first_only(response: Any, tools: ToolRegistry) -> list[dict[str, str]]:
        return right(response, tools)[:1]

    assert "2 of the 3 calls have no output" in problems(first_only)


def test_the_item_id_in_place_of_the_call_id_is_named_as_the_mistake():
    def by_item_id(response: Any, tools: ToolRegistry) -> list[dict[str, str]]:
        calls = [item for item in response.output if item.type == "function_call"]
        return [output(item, tools) | {"call_id": item.id} for item in calls]

    assert "item.call_id (call_…)" in problems(by_item_id)


def test_a_dict_output_is_told_to_be_a_string():
    def as_dict(response: Any, tools: ToolRegistry) -> list[dict[str, Any]]:
        return [o | {"output": {"result": o["output"]}} for o in right(response, tools)]

    assert "An output is not a string" in problems(as_dict)


def test_looping_over_every_item_without_looking_at_its_type_is_caught_on_a_text_answer():
    def every_item(response: Any, tools: ToolRegistry) -> list[dict[str, str]]:
        return [output(item, tools) for item in response.output]

    said = problems(every_item)
    assert "For a response with no function calls" in said
    assert "raised AttributeError" in said and "return []" in said


def test_a_list_copied_from_the_lessons_own_response_is_refused_as_answering_no_call():
    # The gaming attempt: run the lesson's cell once, paste the items it printed.
    lesson_tools = ToolRegistry()

    @lesson_tools.tool
    def get_weather(city: str) -> dict:
        """Returns the weather in a city.

        Args:
            city: The city name, e.g. Paris.
        """
        return {"city": city, "sky": "sunny"}

    seen = offline.openai_client().responses.create(
        model=model_for("openai"),
        input="What's the weather in Paris and in London?",
        tools=lesson_tools.to_openai(api="responses"),
    )
    pasted = right(seen, lesson_tools)

    assert "answer no call of the response given to answer_calls" in problems(
        lambda response, tools: pasted
    )


def test_made_up_outputs_with_the_right_call_ids_are_refused():
    def made_up(response: Any, tools: ToolRegistry) -> list[dict[str, str]]:
        return [o | {"output": "sunny"} for o in right(response, tools)]

    assert "is not what its tool returns" in problems(made_up)


def test_an_answer_calls_that_raises_is_reported_not_raised():
    def broken(response: Any, tools: ToolRegistry) -> list[dict[str, str]]:
        return [output(item, tools) for item in response.outputs]  # a typo: outputs

    said = problems(broken)
    assert "answer_calls raised AttributeError" in said and "response.output" in said


def test_the_same_result_reformatted_as_json_passes():
    def reformatted(response: Any, tools: ToolRegistry) -> list[dict[str, str]]:
        import json

        return [
            o | {"output": json.dumps(json.loads(o["output"]), indent=2)}
            if o["output"].startswith("{")
            else o
            for o in right(response, tools)
        ]

    feedback = check_answer_calls(reformatted)
    assert feedback.ok, str(feedback)
