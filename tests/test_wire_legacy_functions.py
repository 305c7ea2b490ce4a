"""The legacy function-calling fields of Chat Completions: ``functions``, ``function_call``,
assistant ``function_call`` messages and ``role: "function"`` results.

Through the real openai SDK offline (answered by the default simulated model), and at the
wire level: what is read into the neutral request, the legacy response and stream shapes
(validated with the SDK's own models), and a clear error for each malformed input.
"""

from __future__ import annotations

import json

import openai
import pytest
from openai.types.chat import ChatCompletion, ChatCompletionChunk

from fcplayground import SimulatedModel, offline
from fcplayground.chat import Message, ModelTurn, NamedTool, Request, ToolCall, ToolResult
from fcplayground.wire import openai_chat, openai_legacy, parse_sse, sse
from fcplayground.wire.openai_legacy import LegacyFormatError, LegacyRequest

WEATHER = {
    "name": "get_weather",
    "description": "Returns the current weather for a city.",
    "parameters": {
        "type": "object",
        "properties": {"city": {"type": "string", "description": "The city name, e.g. Paris."}},
        "required": ["city"],
    },
}
LOCAL_TIME = {
    "name": "get_local_time",
    "description": "Returns the current local time in a city.",
    "parameters": {
        "type": "object",
        "properties": {"city": {"type": "string", "description": "The city name, e.g. Tokyo."}},
        "required": ["city"],
    },
}
ASK = [{"role": "user", "content": "What's the weather in Paris?"}]
PARIS = json.dumps({"city": "Paris", "sky": "sunny", "celsius": 22})


def legacy_call(name: str, arguments: str) -> dict:
    return {"role": "assistant", "content": None, "function_call": {"name": name, "arguments": arguments}}  # fmt: skip


def function_result(name: str, content: str) -> dict:
    return {"role": "function", "name": name, "content": content}


def body(messages: list[dict] | None = None, **fields) -> dict:
    return {"model": "m", "messages": ASK if messages is None else messages, **fields}


# -- through the real openai SDK, offline ---------------------------------------------


def test_legacy_functions_get_a_legacy_function_call_back_through_the_openai_sdk():
    client = offline.openai_client()
    reply = client.chat.completions.create(model="m", messages=ASK, functions=[WEATHER])
    choice = reply.choices[0]
    assert isinstance(reply, ChatCompletion)
    assert choice.finish_reason == "function_call"
    assert choice.message.tool_calls is None
    assert choice.message.function_call.name == "get_weather"
    assert json.loads(choice.message.function_call.arguments) == {"city": "Paris"}


def test_function_result_after_the_legacy_call_gets_a_text_answer():
    client = offline.openai_client()
    first = client.chat.completions.create(model="m", messages=ASK, functions=[WEATHER])
    # the SDK's own message object goes back, as old tutorials do
    follow_up = [*ASK, first.choices[0].message, function_result("get_weather", PARIS)]
    reply = client.chat.completions.create(model="m", messages=follow_up, functions=[WEATHER])
    choice = reply.choices[0]
    assert choice.finish_reason == "stop"
    assert choice.message.function_call is None
    assert "sunny" in choice.message.content


def test_hand_written_legacy_history_gets_a_text_answer():
    client = offline.openai_client()
    history = [*ASK, legacy_call("get_weather", '{"city": "Paris"}')]
    history.append(function_result("get_weather", PARIS))
    reply = client.chat.completions.create(model="m", messages=history, functions=[WEATHER])
    assert reply.choices[0].finish_reason == "stop"
    assert "22" in reply.choices[0].message.content


def test_function_call_with_a_name_forces_that_function():
    client = offline.openai_client()
    reply = client.chat.completions.create(
        model="m",
        messages=ASK,
        functions=[WEATHER, LOCAL_TIME],
        function_call={"name": "get_local_time"},
    )
    call = reply.choices[0].message.function_call
    assert reply.choices[0].finish_reason == "function_call"
    assert (call.name, json.loads(call.arguments)) == ("get_local_time", {"city": "Paris"})


def test_function_call_none_gives_text_and_no_call():
    client = offline.openai_client()
    reply = client.chat.completions.create(
        model="m", messages=ASK, functions=[WEATHER], function_call="none"
    )
    choice = reply.choices[0]
    assert choice.finish_reason == "stop"
    assert choice.message.function_call is None
    assert choice.message.tool_calls is None
    assert choice.message.content


def test_legacy_request_gets_one_call_even_when_two_would_fit():
    client = offline.openai_client()
    ask = [{"role": "user", "content": "What's the weather in Paris and in Rome?"}]
    reply = client.chat.completions.create(model="m", messages=ask, functions=[WEATHER])
    choice = reply.choices[0]
    assert choice.finish_reason == "function_call"
    assert choice.message.tool_calls is None
    assert choice.message.function_call.name == "get_weather"


def test_modern_tools_still_get_tool_calls():
    client = offline.openai_client()
    tool = {"type": "function", "function": WEATHER}
    reply = client.chat.completions.create(model="m", messages=ASK, tools=[tool])
    assert reply.choices[0].finish_reason == "tool_calls"
    assert reply.choices[0].message.function_call is None
    assert reply.choices[0].message.tool_calls[0].function.name == "get_weather"


def test_legacy_stream_sends_function_call_deltas_name_then_arguments():
    client = offline.openai_client()
    stream = client.chat.completions.create(
        model="m", messages=ASK, functions=[WEATHER], stream=True
    )
    chunks = [c for c in stream if c.choices]
    pieces = [c.choices[0].delta.function_call for c in chunks if c.choices[0].delta.function_call]
    assert all(c.choices[0].delta.tool_calls is None for c in chunks)
    assert pieces[0].name == "get_weather"
    assert all(p.name is None for p in pieces[1:])
    assert json.loads("".join(p.arguments for p in pieces)) == {"city": "Paris"}
    assert chunks[-1].choices[0].finish_reason == "function_call"


def test_legacy_stream_accumulates_in_the_sdk_stream_helper():
    client = offline.openai_client()
    with client.chat.completions.stream(model="m", messages=ASK, functions=[WEATHER]) as stream:
        final = stream.get_final_completion().choices[0]
    assert final.finish_reason == "function_call"
    assert final.message.function_call.name == "get_weather"
    assert json.loads(final.message.function_call.arguments) == {"city": "Paris"}


def sdk_error(**fields) -> openai.BadRequestError:
    client = offline.openai_client()
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(**body(**fields))
    assert caught.value.status_code == 400
    return caught.value


def test_functions_that_are_not_a_list_are_a_400_through_the_sdk():
    error = sdk_error(functions="get_weather")
    assert error.body["param"] == "functions"
    assert "expected an array, but got a string" in error.body["message"]
    assert "Pass a list of function objects" in error.body["message"]


def test_unknown_function_call_value_is_a_400_through_the_sdk():
    error = sdk_error(functions=[WEATHER], function_call="required")
    assert error.body["param"] == "function_call"
    assert "Supported values are 'none', 'auto'" in error.body["message"]


def test_arguments_that_are_not_json_are_a_400_through_the_sdk():
    history = [*ASK, legacy_call("get_weather", "{city: Paris}")]
    history.append(function_result("get_weather", PARIS))
    error = sdk_error(messages=history, functions=[WEATHER])
    assert error.body["param"] == "messages.[1].function_call.arguments"
    assert "is not valid JSON" in error.body["message"]


def test_function_message_with_no_call_is_a_400_through_the_sdk():
    error = sdk_error(messages=[*ASK, function_result("get_weather", PARIS)], functions=[WEATHER])
    assert error.body["param"] == "messages.[1].role"
    assert "no earlier assistant message has an unanswered 'function_call'" in error.body["message"]


# -- reading requests -----------------------------------------------------------------


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


# -- malformed legacy input -----------------------------------------------------------


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


# -- writing responses and streams ----------------------------------------------------


def legacy_request() -> Request:
    return openai_chat.request_from_wire(body(functions=[WEATHER]))


def turn_with_calls(*cities: str) -> ModelTurn:
    calls = [ToolCall("get_weather", {"city": c}, f"call_{c}") for c in cities]
    return ModelTurn("", calls, model="m", id="chatcmpl-1")


def test_legacy_response_validates_with_the_sdk_model_and_has_one_call():
    wire_body = openai_chat.turn_to_wire(turn_with_calls("Paris", "Rome"), 0, legacy_request())
    reply = ChatCompletion.model_validate(wire_body, strict=True)
    assert "tool_calls" not in wire_body["choices"][0]["message"]
    assert reply.choices[0].finish_reason == "function_call"
    assert reply.choices[0].message.function_call.model_dump() == {
        "name": "get_weather",
        "arguments": '{"city":"Paris"}',
    }


def test_legacy_text_response_finishes_with_stop():
    wire_body = openai_chat.turn_to_wire(ModelTurn("Sunny.", model="m"), 0, legacy_request())
    choice = ChatCompletion.model_validate(wire_body, strict=True).choices[0]
    assert (choice.finish_reason, choice.message.function_call) == ("stop", None)


def test_legacy_stream_chunks_validate_with_the_sdk_model():
    events = list(openai_chat.stream_events(turn_with_calls("Paris"), 0, True, legacy_request()))
    chunks = [ChatCompletionChunk.model_validate(data, strict=True) for _, data in events[:-1]]
    deltas = [c.choices[0].delta for c in chunks if c.choices]
    assert events[-1] == (None, "[DONE]")
    assert deltas[1].function_call.model_dump() == {"name": "get_weather", "arguments": ""}
    assert all(d.tool_calls is None for d in deltas)
    assert chunks[-2].choices[0].finish_reason == "function_call"
    assert chunks[-1].usage is not None


def test_legacy_stream_accumulates_to_the_same_call():
    events = openai_chat.stream_events(turn_with_calls("Paris"), 0, False, legacy_request())
    turn = openai_chat.turn_from_stream(b"".join(sse(events)).decode())
    assert [(c.name, c.arguments) for c in turn.tool_calls] == [("get_weather", {"city": "Paris"})]
    assert turn.stop_reason == "tool_use"


def test_modern_stream_has_no_function_call_deltas():
    events = openai_chat.stream_events(turn_with_calls("Paris", "Rome"))
    frames = parse_sse(b"".join(sse(events)).decode())
    deltas = [d["choices"][0]["delta"] for _, d in frames if isinstance(d, dict)]
    assert not any("function_call" in d for d in deltas)
    assert sum("id" in p for d in deltas for p in d.get("tool_calls") or []) == 2


def test_legacy_function_call_response_reads_as_a_neutral_call_with_an_id():
    wire_body = openai_chat.turn_to_wire(turn_with_calls("Paris"), 0, legacy_request())
    turn = openai_chat.turn_from_wire(wire_body)
    assert [(c.name, c.arguments) for c in turn.tool_calls] == [("get_weather", {"city": "Paris"})]
    assert turn.tool_calls[0].id.startswith("call_")
    assert turn.stop_reason == "tool_use"


def test_legacy_response_with_bad_arguments_is_read_not_rejected():
    wire_body = openai_chat.turn_to_wire(turn_with_calls("Paris"), 0, legacy_request())
    wire_body["choices"][0]["message"]["function_call"]["arguments"] = "{city: Paris"
    assert openai_chat.turn_from_wire(wire_body).tool_calls[0].arguments == "{city: Paris"


def test_neutral_request_still_writes_modern_fields():
    call = ToolCall("get_weather", {"city": "Paris"}, "call_1")
    messages = [
        Message.user("Weather?"),
        Message.assistant("", [call]),
        Message.tool([ToolResult("call_1", PARIS)]),
    ]
    wire_body = openai_chat.request_to_wire(Request(messages, "m"))
    assert wire_body["messages"][1]["tool_calls"][0]["id"] == "call_1"
    assert wire_body["messages"][2]["role"] == "tool"


# -- what the offline handler emits, checked with the SDK's strict models -------------


def post_legacy(messages: list[dict], stream: bool = False) -> offline.Reply:
    payload = body(messages, functions=[WEATHER], **({"stream": True} if stream else {}))
    reply = offline.handle(
        SimulatedModel(), "POST", "/v1/chat/completions", json.dumps(payload).encode()
    )
    assert reply.status == 200, reply.body
    return reply


def test_handler_answers_a_legacy_conversation_with_strictly_valid_objects():
    first = post_legacy(ASK).json
    message = first["choices"][0]["message"]
    ChatCompletion.model_validate(first, strict=True)
    assert first["choices"][0]["finish_reason"] == "function_call"
    assert "tool_calls" not in message and message["function_call"]["name"] == "get_weather"
    follow_up = [*ASK, message, function_result("get_weather", PARIS)]
    answer = post_legacy(follow_up).json
    ChatCompletion.model_validate(answer, strict=True)
    assert answer["choices"][0]["finish_reason"] == "stop"
    assert "sunny" in answer["choices"][0]["message"]["content"]


def test_handler_streams_a_legacy_call_as_strictly_valid_function_call_chunks():
    frames = parse_sse(post_legacy(ASK, stream=True).body.decode())
    chunks = [ChatCompletionChunk.model_validate(d, strict=True) for _, d in frames[:-1]]
    deltas = [d for _, data in frames[:-1] for d in (c["delta"] for c in data["choices"])]
    assert not any("tool_calls" in d for d in deltas)
    pieces = [d["function_call"] for d in deltas if "function_call" in d]
    assert pieces[0]["name"] == "get_weather"
    assert json.loads("".join(p["arguments"] for p in pieces)) == {"city": "Paris"}
    assert chunks[-1].choices[0].finish_reason == "function_call"


def test_identical_legacy_requests_get_completions_with_ids_of_their_own():
    first, second = post_legacy(ASK).json, post_legacy(ASK).json
    assert first["id"] != second["id"]
    assert first["choices"] == second["choices"]  # a legacy call has no id: same content
