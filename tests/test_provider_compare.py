"""ProviderCompare: one conversation as three wire formats, the differences highlighted."""

from __future__ import annotations

import html
import json
import re

from fcplayground import Message, ToolCall, ToolRegistry, ToolResult
from fcplayground.widgets.provider_compare import ASPECTS, ProviderCompare

HOSTILE = "<script>alert(1)</script>"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def support_tools() -> ToolRegistry:
    tools = ToolRegistry()

    @tools.tool
    def lookup_customer(email: str) -> dict:
        """Searches for a customer record by email address.

        Args:
            email: The customer's email address, e.g. jane@example.com.
        """
        return {}

    return tools


def visible_text(markup: str) -> str:
    """What a browser shows: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def marked(markup: str) -> list[str]:
    """The text inside every <mark>."""
    return [html.unescape(m) for m in re.findall(r"<mark[^>]*>(.*?)</mark>", markup, re.S)]


def test_the_three_formats_are_the_wire_converters_bodies():
    compare = ProviderCompare(support_tools())
    assert list(compare.bodies) == ["chat", "responses", "anthropic"]
    text = visible_text(compare.html())
    for title in ("OpenAI Chat Completions", "OpenAI Responses", "Anthropic Messages"):
        assert title in text
    for body in compare.bodies.values():
        assert json.dumps(body, indent=2, ensure_ascii=False) in text


def test_the_default_conversation_has_a_question_a_call_and_a_result():
    compare = ProviderCompare(support_tools())
    roles = [m.role for m in compare.messages]
    assert roles == ["user", "assistant", "tool"]
    assert compare.messages[1].tool_calls[0].arguments == {"email": "jane@example.com"}


def test_each_format_uses_its_own_key_names():
    text = visible_text(ProviderCompare(support_tools()).html())
    for key in ("parameters", "input_schema", "tool_call_id", "tool_use_id", "call_id"):
        assert f'"{key}":' in text
    assert '"type": "function_call"' in text
    assert '"type": "function_call_output"' in text
    assert '"role": "tool"' in text
    assert '"type": "tool_result"' in text


def test_arguments_are_a_json_string_for_openai_and_an_object_for_anthropic():
    compare = ProviderCompare(support_tools())
    text = visible_text(compare.html())
    assert '"arguments": "{\\"email\\":\\"jane@example.com\\"}"' in text
    assert '"input": {\n' in text
    chat_call = compare.bodies["chat"]["messages"][1]["tool_calls"][0]
    assert chat_call["function"]["arguments"] == '{"email":"jane@example.com"}'
    assert compare.bodies["anthropic"]["messages"][1]["content"][0]["input"] == {
        "email": "jane@example.com"
    }


def test_the_differences_are_highlighted():
    marks = marked(ProviderCompare(support_tools()).html())
    assert '"parameters"' in marks and '"input_schema"' in marks
    assert '"tool_call_id": "call_abc123"' in marks
    assert '"tool_use_id": "call_abc123"' in marks
    assert marks.count('"call_id": "call_abc123"') == 2
    assert '"arguments": "{\\"email\\":\\"jane@example.com\\"}"' in marks
    assert any(m.startswith('"input": {') for m in marks)
    assert '"role": "tool"' in marks and '"type": "tool_result"' in marks
    assert '"type": "function_call"' in marks and '"type": "function_call_output"' in marks


def test_only_the_user_message_carrying_results_is_marked_in_anthropic():
    marks = marked(ProviderCompare(support_tools()).html("results"))
    assert marks.count('"role": "user"') == 1


def test_one_aspect_highlights_only_its_own_keys():
    compare = ProviderCompare(support_tools())
    marks = marked(compare.html("ids"))
    data_marks = [m for m in marks if m.startswith('"')]
    assert data_marks and all("_id" in m for m in data_marks)
    assert '"parameters"' not in marks
    compare.aspect = "schema"
    assert '"input_schema"' in marked(compare.view.value)
    assert '"tool_use_id": "call_abc123"' not in marked(compare.view.value)


def test_the_legend_explains_each_difference_in_words():
    text = visible_text(ProviderCompare(support_tools()).html())
    for aspect in ASPECTS:
        assert f"{aspect.label}: {aspect.words}" in text


def test_own_messages_are_used_and_hostile_text_is_escaped():
    messages = [
        Message.user(HOSTILE),
        Message.assistant(tool_calls=[ToolCall("lookup_customer", {"email": HOSTILE}, "c1")]),
        Message.tool([ToolResult("c1", HOSTILE)]),
    ]
    page = ProviderCompare(support_tools(), messages).html()
    assert HOSTILE not in page
    assert "&lt;script&gt;" in page
    assert "<style" not in page and "class=" not in page


def test_output_is_deterministic():
    first = ProviderCompare(support_tools())._repr_mimebundle_()
    second = ProviderCompare(support_tools())._repr_mimebundle_()
    assert first["text/plain"] == "<ProviderCompare: 3 formats>" == second["text/plain"]
    assert first["text/html"] == second["text/html"]
    assert WIDGET_VIEW in first
