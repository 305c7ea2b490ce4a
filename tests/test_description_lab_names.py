"""Editable tool names in DescriptionLab: a rename is what the model sees and can improve
routing, expectations follow it, invalid names are reported and ignored, reset restores
the names, and the export mentions the rename."""

from __future__ import annotations

import ipywidgets as w
from lab_tools import SPECIFIC, descriptions, lab_for, support_tools

from fcplayground import ToolRegistry
from fcplayground.widgets import DescriptionLab


def vague_tools() -> ToolRegistry:
    tools = ToolRegistry()

    @tools.tool
    def tool_a(query: str) -> dict:
        """Looks something up.

        Args:
            query: What to look up.
        """
        return {}

    @tools.tool
    def tool_b(query: str) -> dict:
        """Looks something up.

        Args:
            query: What to look up.
        """
        return {}

    return tools


VAGUE_BATTERY = [
    ("Look up the customer jane@example.com", "tool_a"),
    ("Find the customer record for bob@example.com", "tool_a"),
    ("Which customer account does mia@example.com have?", "tool_a"),
    ("Where is order ORD-1234?", "tool_b"),
]


def test_a_renamed_tool_is_what_the_model_sees():
    lab = lab_for()
    box = lab._name_boxes["lookup_customer"]
    assert isinstance(box, w.Text) and box.description == "Name"
    assert {"fcp-tool-name", "fcp-name-lookup_customer"} <= set(box._dom_classes)
    box.value = "find_customer"  # as the browser would
    names = [s.name for s in lab.offered_specs()]
    assert names[0] == "find_customer" and "lookup_customer" not in names
    assert lab.tools.names[0] == "find_customer"  # registration order kept
    assert "fcp-desc-lookup_customer" in lab._desc["lookup_customer"]._dom_classes


def test_a_telling_name_improves_routing():
    lab = DescriptionLab(vague_tools(), VAGUE_BATTERY, debounce=0)
    before = lab.result.correct
    assert lab.rename("tool_a", "lookup_customer") is True
    assert lab.result.correct > before
    assert all(r.right for r in lab.result.rows[:3])
    assert lab._name_boxes["tool_a"].value == "lookup_customer"
    assert "tool_a -> lookup_customer" in lab.compare()


def test_expectations_follow_the_rename():
    lab = lab_for()
    first = lab.result.summary
    lab.rename("lookup_customer", "find_customer")
    assert lab.result.summary == first  # renaming alone turns no right answer wrong
    assert lab.result.rows[0].expected == "find_customer"
    assert "No probe changed verdict." in lab.compare()
    lab.describe("find_customer", SPECIFIC)  # the current name works too
    assert lab.result.correct == 12 and lab._desc["lookup_customer"].value == SPECIFIC


def test_invalid_names_are_reported_and_ignored():
    lab = lab_for()
    for bad, why in [
        ("bad name", "cannot be a tool name"),
        ("", "cannot be a tool name"),
        ("x" * 65, "cannot be a tool name"),
        ("get_order", "already registered"),
    ]:
        assert lab.rename("lookup_customer", bad) is False
        assert why in lab.status.value
        assert lab.tools.names[0] == "lookup_customer"
    lab._name_boxes["lookup_customer"].value = "no good!"  # typing does not raise either
    assert "cannot be a tool name" in lab.status.value
    assert lab.tools.names[0] == "lookup_customer"
    lab._name_boxes["lookup_customer"].value = "find_customer"
    assert lab.status.value == "" and lab.tools.names[0] == "find_customer"


def test_reset_restores_names_and_the_learners_registry_is_untouched():
    tools = support_tools()
    before = descriptions(tools)
    lab = lab_for(tools)
    first = lab.result.summary
    lab.rename("lookup_customer", "find_customer")
    lab.rename("get_order", "lookup_customer")  # the freed name can be reused
    assert tools.names == list(before) and descriptions(tools) == before
    lab.reset()
    assert lab.tools.names == tools.names and lab.result.summary == first
    assert lab._name_boxes["lookup_customer"].value == "lookup_customer"
    assert lab._name_boxes["get_order"].value == "get_order"
    assert descriptions(tools) == before


def test_export_mentions_the_rename():
    lab = lab_for()
    lab.rename("lookup_customer", "find_customer")
    lab.describe("lookup_customer", SPECIFIC)
    code = lab.export_code()
    assert "# renamed lookup_customer -> find_customer" in code
    fresh = support_tools()
    exec(code, {"tools": fresh})  # the descriptions go to the learner's (original) names
    assert fresh["lookup_customer"].description == SPECIFIC
