"""DescriptionLab: edits re-route a battery; reset, compare, export, distractors, display,
and the Run button with a cached client. No browser: the widgets are driven from Python."""

from __future__ import annotations

import copy
import re
import time

import ipywidgets as w
import pytest

from fcplayground import ModelClient, ScriptedModel, ToolRegistry
from fcplayground.widgets import DescriptionLab

VAGUE = "does CRM stuff"
SPECIFIC = (
    "Searches for a customer record by email address and returns their account details "
    "including name, plan type, and billing status."
)
BATTERY = [
    ("What plan is jane@example.com on?", "lookup_customer"),
    ("Is the billing status of jane@example.com past due?", "lookup_customer"),
    ("Check the billing status for jane@example.com", "lookup_customer"),
    ("Which plan type does mia@example.com have?", "lookup_customer"),
    ("Find the customer record for bob@example.com", "lookup_customer"),
    ("Where is order ORD-1234?", "get_order"),
    ("How much did order ORD-2211 cost?", "get_order"),
    ("Search the help center for password reset articles", "search_knowledge_base"),
    ("Open a ticket for customer C-1001 about a damaged package", "create_ticket"),
    ("Email jane@example.com that her refund is on its way", "send_response"),
    ("Tell me a joke", None),
    ("What's the weather in Paris?", None),
]
BILLING = [BATTERY[1][0], BATTERY[2][0]]  # lost by "does CRM stuff", won by SPECIFIC


def support_tools() -> ToolRegistry:
    tools = ToolRegistry()

    @tools.tool
    def lookup_customer(email: str) -> dict:
        """does CRM stuff

        Args:
            email: The customer's email address, e.g. jane@example.com.
        """
        return {}

    @tools.tool
    def get_order(order_id: str) -> dict:
        """Gets one order by its order id and returns its status, item, amount and date.

        Args:
            order_id: The order id, e.g. ORD-1234.
        """
        return {}

    @tools.tool
    def search_knowledge_base(query: str) -> list:
        """Searches the help-center articles by keywords and returns the best matches.

        Args:
            query: Keywords or the user's question, e.g. reset password.
        """
        return []

    @tools.tool
    def create_ticket(customer_id: str, subject: str) -> dict:
        """Creates a support ticket for a customer so the support team follows up.

        Args:
            customer_id: The customer's id, e.g. C-1001.
            subject: A one-line summary of the problem.
        """
        return {}

    @tools.tool
    def send_response(to_email: str, subject: str, body: str) -> dict:
        """Sends an email reply to a customer.

        Args:
            to_email: The customer's email address, e.g. jane@example.com.
            subject: The subject line of the reply.
            body: The full text of the reply.
        """
        return {}

    return tools


def descriptions(tools: ToolRegistry) -> dict[str, object]:
    return {t.name: (t.description, copy.deepcopy(t.parameters)) for t in tools}


def lab_for(tools: ToolRegistry | None = None, **options) -> DescriptionLab:
    return DescriptionLab(tools or support_tools(), BATTERY, debounce=0, **options)


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


def test_mimebundle_has_the_widget_static_html_and_a_deterministic_text():
    lab = lab_for()
    bundle = lab._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"] == "<DescriptionLab: 5 tools, 12 requests, 7/12 routed correctly>"
    assert bundle["text/plain"] == lab_for()._repr_mimebundle_()["text/plain"]
    html = bundle["text/html"]
    assert "7/12 routed correctly" in html and "<table" in html and "does CRM stuff" in html
    assert "expected ↓ / chosen →" in html
    assert not re.search(r"0x[0-9a-f]{6,}|[0-9a-f]{32}", html + bundle["text/plain"])
    lab.set_distractors(17)
    assert (
        repr(lab)
        == "<DescriptionLab: 5 tools + 17 distractors, 12 requests, 6/12 routed correctly>"
    )


def test_key_widgets_carry_css_classes_for_browser_tests():
    lab = lab_for()
    assert "fcp-lab" in lab.widget._dom_classes and isinstance(lab.widget, w.VBox)
    assert "fcp-desc-lookup_customer" in lab._desc["lookup_customer"]._dom_classes
    assert "fcp-param-lookup_customer-email" in lab._params["lookup_customer", "email"]._dom_classes
    for widget, css in [
        (lab.score, "fcp-score"),
        (lab.table, "fcp-table"),
        (lab.confusion, "fcp-confusion"),
        (lab.probe_select, "fcp-probe-select"),
        (lab.explanation, "fcp-explanation"),
        (lab.reset_button, "fcp-reset"),
        (lab.compare_button, "fcp-compare"),
        (lab.export_button, "fcp-export"),
        (lab.slider, "fcp-distractors"),
        (lab.export_box, "fcp-export-code"),
        (lab.compare_output, "fcp-compare-output"),
    ]:
        assert css in widget._dom_classes
    assert lab.run_button is None and lab.progress is None  # a local model needs no Run


def _router(request):
    """A scripted 'live' model: routes by a keyword, as a hosted model might."""
    text = request.messages[-1].content
    if "@" in text:
        return ("lookup_customer", {"email": "jane@example.com"})
    if "ORD-" in text:
        return ("get_order", {"order_id": "ORD-1234"})
    return "No tool fits."


def test_a_client_runs_only_on_the_run_button_and_never_pays_twice():
    model = ScriptedModel([_router] * 100)
    lab = lab_for(client=ModelClient.offline(model=model))
    assert lab.result is None and len(model.requests) == 0
    assert "not run yet" in repr(lab) and "Press Run to send 12 requests" in lab.status.value
    assert "fcp-run" in lab.run_button._dom_classes and "fcp-progress" in lab.progress._dom_classes

    lab.run_button.click()
    assert len(model.requests) == 12 and lab.progress.value == 12
    first = lab.result.summary
    assert first == "9/12 routed correctly, 1 wrong tool, 2 no call"
    assert "get_order" in lab.detail(5)  # the raw call: a script gives no explanation

    lab.run_button.click()  # same descriptions: everything is cached
    assert len(model.requests) == 12 and lab.result.summary == first

    lab.describe("lookup_customer", SPECIFIC)  # no auto re-run with a client
    assert len(model.requests) == 12 and "before the latest edits" in repr(lab)
    assert "Results: the current descriptions have not been run" in lab.compare()
    lab.run_button.click()
    assert len(model.requests) == 24
    assert "Results: 9/12 routed correctly" in lab.compare()  # both are cached now

    lab.reset()  # back to descriptions already paid for: shown at once, free
    assert len(model.requests) == 24 and lab.result.summary == first
    assert "before" not in repr(lab)


def test_model_and_client_together_are_refused():
    with pytest.raises(ValueError, match="not both"):
        DescriptionLab(
            support_tools(), BATTERY, model=ScriptedModel([]), client=ModelClient.offline()
        )


# --- editable tool names ----------------------------------------------------------------


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


def test_an_evaluation_test_set_serves_as_the_labs_battery():
    from fcplayground.evals import support_desk_cases
    from fcplayground.scenarios import SupportDesk

    desk = SupportDesk()
    lab = DescriptionLab(desk.tools, support_desk_cases(desk.tools))
    assert lab.result.total == 24
    assert lab.result.rows[0].request == "What plan is jane@example.com on?"
    assert lab.result.rows[0].expected == "lookup_customer"
    assert sum(r.expected is None for r in lab.result.rows) == 6
