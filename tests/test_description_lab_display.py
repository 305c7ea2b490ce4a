"""What DescriptionLab shows: its MIME bundle (the widget, static HTML and a deterministic
text) and the CSS classes the browser tests find its widgets by."""

from __future__ import annotations

import re

import ipywidgets as w
from lab_tools import lab_for


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
