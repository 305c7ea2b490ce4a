"""DescriptionLab re-scoring its battery: edits re-route requests while the learner's
registry is never changed; reset, export, compare, distractors, the explanation dropdown,
debounced edits, and an evaluation test set as the battery. No browser: the widgets are
driven from Python."""

from __future__ import annotations

import time

import pytest
from lab_tools import BATTERY, BILLING, SPECIFIC, VAGUE, descriptions, lab_for, support_tools

from fcplayground.widgets import DescriptionLab


def test_a_specific_description_wins_the_requests_a_vague_one_loses():
    lab = lab_for()
    assert lab.result.summary == "7/12 routed correctly, 1 wrong tool, 4 no call"
    lost = [r.request for r in lab.result.rows if not r.right]
    assert set(BILLING) <= set(lost)
    lab.describe("lookup_customer", SPECIFIC)
    assert lab.result.summary == "12/12 routed correctly"
    won = {r.request for r in lab.result.rows if r.right}
    assert set(BILLING) <= won
    assert lab._desc["lookup_customer"].value == SPECIFIC  # the widget shows the edit


def test_typing_in_the_textarea_rescores_the_working_copy():
    tools = support_tools()
    lab = lab_for(tools)
    lab._desc["lookup_customer"].value = SPECIFIC  # as the browser would
    assert lab.result.correct == 12
    assert lab.tools["lookup_customer"].description == SPECIFIC
    assert tools["lookup_customer"].description == VAGUE


def test_editing_a_parameter_description_goes_to_the_working_copy():
    tools = support_tools()
    lab = lab_for(tools)
    lab._params["lookup_customer", "email"].value = "Who to look up."
    assert lab.tools["lookup_customer"].parameters["properties"]["email"]["description"] == (
        "Who to look up."
    )
    assert (
        "jane@example.com"
        in tools["lookup_customer"].parameters["properties"]["email"]["description"]
    )


def test_the_learners_registry_is_never_mutated():
    tools = support_tools()
    before = descriptions(tools)
    lab = lab_for(tools)
    lab.describe("lookup_customer", SPECIFIC)
    lab.describe("get_order", "Orders.", param="order_id")
    lab.set_distractors(5)
    lab.reset()
    lab.describe("send_response", "Emails a customer.")
    assert descriptions(tools) == before and len(tools) == 5


def test_reset_restores_descriptions_widgets_and_score():
    lab = lab_for()
    original = descriptions(lab.tools)
    first = lab.result.summary
    lab.describe("lookup_customer", SPECIFIC)
    lab.describe("lookup_customer", "Who?", param="email")
    lab.reset()
    assert descriptions(lab.tools) == original and lab.result.summary == first
    assert lab._desc["lookup_customer"].value == VAGUE
    assert "jane@example.com" in lab._params["lookup_customer", "email"].value
    lab.reset_button.click()  # the button does the same
    assert lab.result.summary == first


def test_export_code_recreates_the_edited_descriptions_on_a_fresh_registry():
    lab = lab_for()
    assert lab.export_code() == "# No description was changed."
    lab.describe("lookup_customer", SPECIFIC)
    lab.describe("get_order", 'The order id, like "ORD-1234" (costs $5).', param="order_id")
    code = lab.export_code()
    assert code.count("tools.describe(") == 2
    fresh = support_tools()
    exec(code, {"tools": fresh})
    assert descriptions(fresh) == descriptions(lab.tools)
    lab.export_button.click()
    assert lab.export_box.value == code and lab.export_box.layout.display == ""


def test_compare_lists_changed_descriptions_and_probes():
    lab = lab_for()
    assert "No description changed." in lab.compare()
    assert "No probe changed verdict." in lab.compare()
    lab.describe("lookup_customer", SPECIFIC)
    text = lab.compare()
    assert f"  - {VAGUE}" in text and f"  + {SPECIFIC}" in text
    assert "7/12 routed correctly, 1 wrong tool, 4 no call  ->  12/12 routed correctly" in text
    changed = [line for line in text.splitlines() if "  ->  " in line and line.startswith("  '")]
    assert len(changed) == 5 and all(any(b in line for b in BILLING) for line in changed[1:3])
    assert "no call  ->  right (lookup_customer)" in changed[0]
    lab.compare_button.click()
    assert "Probes that changed" in lab.compare_output.value


def test_distractors_lower_or_keep_accuracy():
    lab = lab_for()
    lab.describe("lookup_customer", SPECIFIC)
    scores = []
    for k in (0, 5, 10, len(lab.distractors)):
        lab.set_distractors(k)
        assert len(lab.result.tools) == 5 + k
        scores.append(lab.result.correct)
    assert scores == sorted(scores, reverse=True) and scores[-1] < scores[0]
    lab.slider.value = 0  # the slider itself re-scores too
    assert lab.result.correct == scores[0]


def test_default_distractors_skip_names_the_learner_already_uses():
    tools = support_tools()

    @tools.tool
    def get_invoice(invoice_id: str) -> dict:
        """Gets an invoice.

        Args:
            invoice_id: The invoice id.
        """
        return {}

    lab = lab_for(tools)
    assert "get_invoice" not in [d.name for d in lab.distractors]
    assert lab.slider.max == len(lab.distractors) == 16


def test_describe_rejects_unknown_tools_and_parameters():
    lab = lab_for()
    with pytest.raises(KeyError, match="lookup_customer"):
        lab.describe("no_such_tool", "x")
    with pytest.raises(KeyError, match="email"):
        lab.describe("lookup_customer", "x", param="phone")


def test_the_dropdown_shows_the_models_explanation():
    lab = lab_for()
    assert "Decision" in lab.detail(1) and BILLING[0] in lab.detail(1)
    lab.probe_select.value = 5
    assert "get_order" in lab.explanation.value and "ORD-1234" in lab.explanation.value


def test_edits_are_debounced_then_rescored():
    lab = DescriptionLab(support_tools(), BATTERY, debounce=0.05)
    lab._desc["lookup_customer"].value = "does"
    lab._desc["lookup_customer"].value = SPECIFIC  # one rescore for both keystrokes
    assert lab.result.correct == 7 and "before the latest edits" in repr(lab)
    deadline = time.monotonic() + 5
    while lab.result.correct == 7 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert lab.result.correct == 12 and "before" not in repr(lab)


def test_an_evaluation_test_set_serves_as_the_labs_battery():
    from fcplayground.evals import support_desk_cases
    from fcplayground.scenarios import SupportDesk

    desk = SupportDesk()
    lab = DescriptionLab(desk.tools, support_desk_cases(desk.tools))
    assert lab.result.total == 24
    assert lab.result.rows[0].request == "What plan is jane@example.com on?"
    assert lab.result.rows[0].expected == "lookup_customer"
    assert sum(r.expected is None for r in lab.result.rows) == 6
