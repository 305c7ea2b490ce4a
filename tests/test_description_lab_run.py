"""DescriptionLab with a client: requests go out only on the Run button, and each set of
descriptions is paid for once; a model and a client together are refused."""

from __future__ import annotations

import pytest
from lab_tools import BATTERY, SPECIFIC, lab_for, support_tools

from fcplayground import ModelClient, ScriptedModel
from fcplayground.widgets import DescriptionLab


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
