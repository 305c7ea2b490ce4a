"""The ``input_examples`` of Anthropic tools, checked as the Messages API checks them.

Each example must be valid under its tool's ``input_schema``, or the request is a 400; and
only tools the caller runs take examples (custom tools, and the client tools Anthropic
defines: bash, text editor, computer use, memory), never a server tool (web search, web
fetch, code execution, tool search). The field's type (an array of objects) is checked
with the other fields, in :mod:`.fields_messages`.
"""

from __future__ import annotations

from typing import Any

from ...tools.examples import example_problem
from ...tools.schema_check import SchemaCheck
from .verdicts import Remembered, digest
from .wording import Refusal

# The server tools: Anthropic runs them, and their types take no input_examples.
SERVER_TOOLS = ("web_search_", "web_fetch_", "code_execution_", "tool_search_tool_")


def problem(index: int, tool: dict[str, Any], schema_ok: bool) -> Refusal | None:
    """What is wrong with tool ``index``'s examples (None: nothing, or none given).
    ``schema_ok``: its ``input_schema`` passed its own check (examples of a broken schema
    are not read)."""
    examples = tool.get("input_examples")
    if not examples:
        return None
    kind = str(tool.get("type") or "custom")
    if kind.startswith(SERVER_TOOLS):
        return Refusal(f"tools.{index}.{kind}.input_examples: Extra inputs are not permitted")
    if kind != "custom" or not schema_ok:
        return None  # an Anthropic client tool: its schema is Anthropic's own
    schema = tool["input_schema"]
    found = VERDICTS.find(digest([schema, examples]), lambda: _first_problem(schema, examples))
    if found is None:
        return None
    j, wrong = found
    return Refusal(
        f"tools.{index}.custom.input_examples.{j}: Input example does not match the tool's "
        f"input_schema: {wrong}. Each example must be valid according to the input_schema."
    )


# A tool's examples checked once, by content: a session offers the same tools on every
# request, and an evaluation many lists that share most of their tools.
VERDICTS: Remembered[tuple[int, str] | None] = Remembered(4096)


def _first_problem(schema: dict[str, Any], examples: list[Any]) -> tuple[int, str] | None:
    check = SchemaCheck(schema)
    for j, example in enumerate(examples):
        if wrong := example_problem(schema, example, check):
            return j, wrong
    return None
