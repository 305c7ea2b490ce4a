"""ScriptedModel: plays back its script, records requests, survives copies."""

from __future__ import annotations

import copy

import pytest

from fcplayground import Message, ModelTurn, Request, ScriptedModel, ToolCall
from fcplayground.models import ModelError

HELLO = Request([Message.user("hello")])


def test_each_step_kind_becomes_a_turn():
    model = ScriptedModel(
        [
            "text",
            ToolCall("f", {"a": 1}),
            ("g", {"b": 2}),
            [("f", {}), ("g", '{"x": 1}')],
            ModelTurn(text="whole turn"),
            lambda request: f"you said {request.messages[-1].content}",
        ]
    )
    turns = [model.respond(HELLO) for _ in range(6)]
    assert turns[0].text == "text" and turns[0].stop_reason == "end_turn"
    assert turns[1].tool_calls == [ToolCall("f", {"a": 1})] and turns[1].stop_reason == "tool_use"
    assert turns[2].tool_calls == [ToolCall("g", {"b": 2})]
    assert [c.name for c in turns[3].tool_calls] == ["f", "g"]
    assert turns[3].tool_calls[1].arguments == '{"x": 1}'
    assert turns[4].text == "whole turn"
    assert turns[5].text == "you said hello"


def test_records_every_request_in_order():
    model = ScriptedModel(["a", "b"])
    second = Request([Message.user("again")])
    model.respond(HELLO)
    model.respond(second)
    assert model.requests == [HELLO, second]


def test_running_out_of_turns_says_so():
    model = ScriptedModel(["only"])
    model.respond(HELLO)
    with pytest.raises(ModelError, match="no turn left: it was given 1 and this is request 2"):
        model.respond(HELLO)


def test_assert_complete_names_unplayed_turns():
    model = ScriptedModel(["a", "b"])
    model.respond(HELLO)
    with pytest.raises(AssertionError, match="1 never requested"):
        model.assert_complete()
    model.respond(HELLO)
    model.assert_complete()


def test_state_survives_copies():
    model = ScriptedModel(["a", "b", "c"])
    model.respond(HELLO)
    shallow, deep = copy.copy(model), copy.deepcopy(model)
    assert shallow.respond(HELLO).text == "b"
    assert deep.respond(HELLO).text == "c"
    assert len(model.requests) == 3
    model.assert_complete()


def test_bad_step_raises_a_clear_type_error():
    with pytest.raises(TypeError, match="must be text, a ToolCall"):
        ScriptedModel([42]).respond(HELLO)


def test_script_is_not_mutated_by_id_stamping():
    call = ToolCall("f", {})
    model = ScriptedModel([call])
    turn = model.respond(HELLO)
    turn.tool_calls[0].id = "call_x"
    assert call.id == ""
