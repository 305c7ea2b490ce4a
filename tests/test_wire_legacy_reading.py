"""Legacy function-calling requests read into the neutral request: functions become tools,
function_call becomes tool_choice, a call and its result share a synthetic id; and each
malformed legacy input is a LegacyFormatError naming the field and the fix."""

from __future__ import annotations

import pytest
from legacy_functions import ASK, LOCAL_TIME, PARIS, WEATHER, body, function_result, legacy_call

from fcplayground.chat import NamedTool, Request
from fcplayground.wire import openai_chat, openai_legacy
from fcplayground.wire.openai_legacy import LegacyFormatError, LegacyRequest

# --- reading requests ---------------------------------------------------------------------


def test_functions_become_tools_with_parallel_calls_off():
    request = openai_chat.request_from_wire(body(functions=[WEATHER, {"name": "ping"}]))
    assert isinstance(request, LegacyRequest)
    assert [t.name for t in request.tools] == ["get_weather", "ping"]
    assert request.tools[0].parameters == WEATHER["parameters"]
    assert request.tools[1].parameters == {"type": "object", "properties": {}}
    assert request.tools[1].description == ""
    assert request.parallel_tool_calls is False
    assert request.tool_choice is None


def test_function_call_values_become_tool_choice():
    def choice(value):
        return openai_chat.request_from_wire(body(functions=[WEATHER], function_call=value))

    assert choice("auto").tool_choice == "auto"
    assert choice("none").tool_choice == "none"
    assert choice({"name": "get_weather"}).tool_choice == NamedTool("get_weather")


def test_request_with_tools_is_not_legacy():
    tool = {"type": "function", "function": WEATHER}
    request = openai_chat.request_from_wire(body(tools=[tool]))
    assert type(request) is Request
    assert request.parallel_tool_calls is None
    assert not openai_legacy.is_legacy(request)


def test_legacy_call_and_its_result_share_one_synthetic_id():
    history = [*ASK, legacy_call("get_weather", '{"city": "Paris"}')]
    history.append(function_result("get_weather", PARIS))
    request = openai_chat.request_from_wire(body(history, functions=[WEATHER]))
    user, assistant, tool = request.messages
    call, result = assistant.tool_calls[0], tool.tool_results[0]
    assert (call.name, call.arguments) == ("get_weather", {"city": "Paris"})
    assert call.id.startswith("call_") and result.call_id == call.id
    assert (result.name, result.content, result.is_error) == ("get_weather", PARIS, False)


def test_function_result_answers_the_latest_unanswered_call_of_its_name():
    history = [
        *ASK,
        legacy_call("get_weather", '{"city": "Paris"}'),
        legacy_call("get_local_time", '{"city": "Paris"}'),
        legacy_call("get_weather", '{"city": "Rome"}'),
        function_result("get_weather", "rome"),
        function_result("get_local_time", "noon"),
        function_result("get_weather", "paris"),
    ]
    request = openai_chat.request_from_wire(body(history, functions=[WEATHER, LOCAL_TIME]))
    calls = {c.id: c.arguments["city"] + "/" + c.name for c in request.messages[1].tool_calls}
    answers = [(calls[r.call_id], r.content) for r in request.messages[2].tool_results]
    assert answers == [
        ("Rome/get_weather", "rome"),
        ("Paris/get_local_time", "noon"),
        ("Paris/get_weather", "paris"),
    ]


def test_function_result_with_null_content_reads_as_empty_text():
    history = [*ASK, legacy_call("get_weather", "{}"), function_result("get_weather", None)]
    request = openai_chat.request_from_wire(body(history, functions=[WEATHER]))
    assert request.messages[2].tool_results[0].content == ""


def test_legacy_history_reads_under_modern_tools_too():
    history = [*ASK, legacy_call("get_weather", '{"city": "Paris"}')]
    history.append(function_result("get_weather", PARIS))
    tool = {"type": "function", "function": WEATHER}
    request = openai_chat.request_from_wire(body(history, tools=[tool]))
    assert type(request) is Request
    assert request.messages[2].tool_results[0].call_id == request.messages[1].tool_calls[0].id


# --- malformed legacy input ---------------------------------------------------------------


def legacy_error(**fields) -> LegacyFormatError:
    with pytest.raises(LegacyFormatError) as caught:
        openai_chat.request_from_wire(body(**fields))
    return caught.value


def test_functions_not_a_list_names_the_field_and_the_fix():
    error = legacy_error(functions={"name": "get_weather"})
    assert error.param == "functions"
    assert "expected an array, but got an object" in error.message
    assert "functions=[" in error.message


def test_function_entry_without_a_valid_name_is_an_error():
    assert legacy_error(functions=["get_weather"]).param == "functions[0]"
    error = legacy_error(functions=[WEATHER, {"description": "no name"}])
    assert error.param == "functions[1].name"
    assert "does not match pattern" in error.message


def test_function_parameters_not_an_object_is_an_error():
    error = legacy_error(functions=[{**WEATHER, "parameters": "city"}])
    assert error.param == "functions[0].parameters"
    assert "Invalid schema for function 'get_weather'" in error.message


def test_unknown_function_call_string_lists_the_supported_values():
    error = legacy_error(functions=[WEATHER], function_call="always")
    assert error.param == "function_call"
    assert "'always'" in error.message
    assert "'none', 'auto', or {\"name\"" in error.message


def test_function_call_naming_a_missing_function_lists_the_available_ones():
    error = legacy_error(functions=[WEATHER], function_call={"name": "get_time"})
    assert error.param == "function_call"
    assert "function 'get_time' was not found" in error.message
    assert "Available functions: get_weather." in error.message


def test_function_call_without_functions_is_an_error():
    error = legacy_error(function_call="auto")
    assert error.param == "function_call"
    assert "only allowed when 'functions' are specified" in error.message


def test_functions_and_tools_together_is_an_error():
    tool = {"type": "function", "function": WEATHER}
    error = legacy_error(functions=[WEATHER], tools=[tool])
    assert error.param == "functions"
    assert "cannot both be given" in error.message


def test_arguments_not_valid_json_name_the_message_and_the_fix():
    history = [*ASK, legacy_call("get_weather", '{"city": Paris}')]
    error = legacy_error(messages=history, functions=[WEATHER])
    assert error.param == "messages.[1].function_call.arguments"
    assert "is not valid JSON" in error.message
    assert "a JSON object as text" in error.message


def test_arguments_that_are_json_but_not_an_object_are_an_error():
    history = [*ASK, legacy_call("get_weather", '["Paris"]')]
    error = legacy_error(messages=history, functions=[WEATHER])
    assert error.param == "messages.[1].function_call.arguments"
    assert "expected a JSON object as text, but it holds an array" in error.message


def test_assistant_function_call_without_a_name_is_an_error():
    history = [*ASK, {"role": "assistant", "function_call": {"arguments": "{}"}}]
    error = legacy_error(messages=history, functions=[WEATHER])
    assert error.param == "messages.[1].function_call"


def test_function_message_with_no_matching_call_is_an_error():
    history = [*ASK, legacy_call("get_weather", "{}"), function_result("get_local_time", "noon")]
    error = legacy_error(messages=history, functions=[WEATHER, LOCAL_TIME])
    assert error.param == "messages.[2].role"
    assert "name 'get_local_time'" in error.message


def test_function_message_answering_a_call_twice_is_an_error():
    history = [*ASK, legacy_call("get_weather", "{}"), function_result("get_weather", "a")]
    history.append(function_result("get_weather", "b"))
    assert legacy_error(messages=history, functions=[WEATHER]).param == "messages.[3].role"


def test_function_message_without_a_name_is_an_error():
    history = [*ASK, legacy_call("get_weather", "{}"), {"role": "function", "content": "x"}]
    error = legacy_error(messages=history, functions=[WEATHER])
    assert error.param == "messages.[2].name"
