"""TraceStepper: the messages of a real (scripted, offline) run, moving, the lanes, display."""

from __future__ import annotations

import json

from id_masks import without_ids

from fcplayground import ModelClient, ScriptedModel, ToolRegistry
from fcplayground.agent import Step, Trace, run
from fcplayground.chat import ModelTurn, ToolCall
from fcplayground.widgets.trace_stepper import TraceStepper, trace_messages

HOSTILE = "<script>alert(1)</script>"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def weather_tools() -> ToolRegistry:
    tools = ToolRegistry()

    @tools.tool
    def get_weather(city: str) -> dict:
        """Current weather for a city.

        Args:
            city: The city, e.g. Paris.
        """
        return {"city": city, "temp": 18}

    return tools


def scripted_trace(
    provider: str = "openai", api: str | None = None, answer: str = "Sunny."
) -> Trace:
    """One call, its result, then an answer: 8 messages."""
    model = ScriptedModel([("get_weather", {"city": "Paris"}), answer])
    client = ModelClient.offline(model=model, provider=provider, api=api)
    return run(client, weather_tools(), "Weather in Paris?")


def parallel_trace() -> Trace:
    model = ScriptedModel(
        [[("get_weather", {"city": "Paris"}), ("get_weather", {"city": "Rome"})], "Both sunny."]
    )
    return run(ModelClient.offline(model=model), weather_tools(), "Paris and Rome?")


def test_messages_follow_the_round_trips_in_order():
    stepper = TraceStepper(scripted_trace())
    route = [(m.sender, m.receiver) for m in stepper.messages]
    assert route == [
        ("User", "App"),
        ("App", "Model"),
        ("Model", "App"),
        ("App", "Tools"),
        ("Tools", "App"),
        ("App", "Model"),
        ("Model", "App"),
        ("App", "User"),
    ]


def test_each_message_carries_the_exact_payload_that_crossed():
    trace = scripted_trace()
    step1, step2 = trace.steps
    run1 = step1.tool_runs[0]
    messages = TraceStepper(trace).messages
    assert messages[0].payload == "Weather in Paris?"
    assert messages[1].payload == step1.request
    assert messages[2].payload == step1.turn.raw.model_dump(mode="json", exclude_unset=True)
    chat_call = messages[2].payload["choices"][0]["message"]["tool_calls"][0]
    assert chat_call["function"]["arguments"] == '{"city":"Paris"}'
    assert messages[3].payload == {"city": "Paris"}
    assert messages[4].payload == run1.result.content
    assert json.loads(messages[4].payload) == {"city": "Paris", "temp": 18}
    assert messages[5].payload == step2.request
    assert messages[7].payload == "Sunny." == trace.final_text
    assert run1.call.id in messages[3].title and run1.call.id in messages[4].title


def test_model_turns_show_each_providers_own_response_shape():
    responses = TraceStepper(scripted_trace("openai", "responses")).messages[2].payload
    anthropic = TraceStepper(scripted_trace("anthropic")).messages[2].payload
    assert responses["object"] == "response"
    assert responses["output"][0]["type"] == "function_call"
    assert anthropic["type"] == "message"
    assert anthropic["content"][0]["input"] == {"city": "Paris"}


def test_a_turn_without_an_sdk_object_is_shown_in_the_wire_format_of_its_request():
    body = {"model": "m", "max_tokens": 1024, "messages": [{"role": "user", "content": "hi"}]}
    turn = ModelTurn(tool_calls=[ToolCall("get_weather", {"city": "Oslo"}, "toolu_1")], id="msg_1")
    trace = Trace("hi", "anthropic", steps=[Step(1, body, turn)], stop_reason="max_steps")
    payload = trace_messages(trace)[2].payload
    assert payload["content"] == [
        {"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {"city": "Oslo"}}
    ]
    assert trace_messages(trace)[-1].payload == {"stop_reason": "max_steps"}


def test_a_parallel_step_sends_all_calls_then_gets_all_results_in_call_order():
    messages = TraceStepper(parallel_trace()).messages
    middle = [(m.sender, m.receiver, m.payload) for m in messages[3:7]]
    assert [m[:2] for m in middle] == [("App", "Tools")] * 2 + [("Tools", "App")] * 2
    assert middle[0][2] == {"city": "Paris"} and middle[1][2] == {"city": "Rome"}
    assert json.loads(middle[2][2])["city"] == "Paris"
    assert json.loads(middle[3][2])["city"] == "Rome"


def test_next_back_and_go_move_and_clamp_at_the_ends():
    stepper = TraceStepper(scripted_trace())
    last = len(stepper.messages) - 1
    assert stepper.index == 0
    stepper.back()
    assert stepper.index == 0
    assert stepper.next() is stepper.messages[1]
    assert stepper.index == 1
    stepper.back()
    assert stepper.index == 0
    stepper.go(5)
    assert stepper.index == 5
    stepper.go(99)
    assert stepper.index == last
    stepper.next()
    assert stepper.index == last
    stepper.go(-3)
    assert stepper.index == 0


def test_buttons_disable_at_the_ends_and_the_position_label_follows():
    stepper = TraceStepper(scripted_trace())
    total = len(stepper.messages)
    assert stepper.back_button.disabled and not stepper.next_button.disabled
    assert stepper.position.value == f"1 / {total}"
    stepper.next_button.click()
    assert stepper.index == 1 and stepper.position.value == f"2 / {total}"
    assert not stepper.back_button.disabled and not stepper.next_button.disabled
    stepper.go(total - 1)
    assert stepper.next_button.disabled and not stepper.back_button.disabled
    assert stepper.position.value == f"{total} / {total}"
    stepper.back_button.click()
    assert stepper.index == total - 2


def test_the_active_lanes_change_with_the_current_message():
    stepper = TraceStepper(scripted_trace())
    classes = stepper.lanes._dom_classes
    assert "fcp-lane-user-active" in classes and "fcp-lane-app-active" in classes
    assert "fcp-lane-model-active" not in classes
    stepper.next()
    classes = stepper.lanes._dom_classes
    assert "fcp-lane-model-active" in classes and "fcp-lane-user-active" not in classes
    assert "fcp-lane-app-sender" in classes and "fcp-lane-model-receiver" in classes
    stepper.go(3)
    assert stepper.active_lanes == ("App", "Tools")
    assert "fcp-lane-tools-active" in stepper.lanes._dom_classes
    assert "App → Tools" in stepper.lanes.value


def test_the_widget_carries_the_css_classes_a_browser_test_looks_for():
    stepper = TraceStepper(scripted_trace())
    assert "fcp-stepper" in stepper.widget._dom_classes
    assert "fcp-stepper-next" in stepper.next_button._dom_classes
    assert "fcp-stepper-back" in stepper.back_button._dom_classes
    assert "fcp-stepper-position" in stepper.position._dom_classes
    assert "fcp-stepper-payload" in stepper.payload._dom_classes


def test_the_payload_view_shows_the_current_messages_json():
    stepper = TraceStepper(scripted_trace())
    stepper.go(3)
    assert "&quot;city&quot;: &quot;Paris&quot;" in stepper.payload.value


def test_the_static_html_lists_every_message():
    stepper = TraceStepper(scripted_trace())
    page = stepper._repr_mimebundle_()["text/html"]
    total = len(stepper.messages)
    for i, message in enumerate(stepper.messages):
        assert f"{i + 1} / {total}" in page
        assert message.title.replace("'", "&#x27;") in page
    assert "<style" not in page and "<script" not in page and "class=" not in page


def test_hostile_content_is_escaped_everywhere():
    stepper = TraceStepper(scripted_trace(answer=HOSTILE))
    page = stepper._repr_mimebundle_()["text/html"]
    assert HOSTILE not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    stepper.go(len(stepper.messages) - 1)
    assert HOSTILE not in stepper.payload.value


def test_text_plain_is_short_and_deterministic():
    first = TraceStepper(scripted_trace())._repr_mimebundle_()
    second = TraceStepper(scripted_trace())._repr_mimebundle_()
    assert first["text/plain"] == "<TraceStepper: 8 messages>" == second["text/plain"]
    # The same but for the ids, which each offline answer has of its own.
    assert without_ids(first["text/html"]) == without_ids(second["text/html"])
    assert WIDGET_VIEW in first
