"""The description lab's tables as HTML: what keeps them readable in a narrow notebook.

The browser test (tests/browser/test_lab_layout.py) measures the rendered layout at 1280×800;
these check the HTML it relies on, without a browser.
"""

from __future__ import annotations

import html
import re

import pytest

from fcplayground.evals.battery import ProbeResult, score_battery
from fcplayground.tools import ToolRegistry
from fcplayground.widgets import static

NOWRAP_SPAN = re.compile(r'<span style="white-space: nowrap;">([^<]*)</span>')


def row(arguments: object, chosen: str | None = "get_order") -> ProbeResult:
    return ProbeResult("Where is ORD-1?", "get_order", chosen, arguments, "right")


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_the_call_shows_exactly_the_call_text():
    for arguments in [{"order_id": "ORD-1", "include_items": True}, {"q": "a b"}, {}, "{bad", None]:
        probe = row(arguments)
        assert text_of(static.call_html(probe)) == probe.call_text, arguments
    assert text_of(static.call_html(row(None, chosen=None))) == "no call"


def test_the_call_breaks_only_after_the_name_and_between_arguments():
    probe = row({"order_id": "ORD-1", "note": "leave at the door", "rush": False})
    pieces = NOWRAP_SPAN.findall(static.call_html(probe))
    assert [html.unescape(p) for p in pieces] == [
        "get_order(",
        '{"order_id": "ORD-1",',
        '"note": "leave at the door",',
        '"rush": false})',
    ]


@pytest.mark.fault(
    "model output",
    "malformed JSON arguments in the description lab's table",
    "the call is shown as sent, on one line; the table scrolls inside its own box",
)
def test_malformed_arguments_stay_on_one_line():
    pieces = NOWRAP_SPAN.findall(static.call_html(row('{"order_id": "ORD-1", oops')))
    assert [html.unescape(p) for p in pieces] == ["get_order(", '{"order_id": "ORD-1", oops)']


def test_both_tables_scroll_sideways_inside_a_box_of_their_own():
    tools = ToolRegistry()

    @tools.tool
    def get_order(order_id: str) -> dict:
        """Gets one order by its order id and returns its status.

        Args:
            order_id: The order id, e.g. ORD-1234.
        """
        return {}

    result = score_battery(tools, [("Where is order ORD-1234?", "get_order"), ("Hi", None)])
    for fragment in (static.table_html(result), static.confusion_html(result)):
        assert fragment.startswith('<div class="fcp-scroll" style="overflow-x: auto;'), fragment
        assert fragment.endswith("</table></div>")
    # Short columns (number, expected tool, verdict) never wrap; the request keeps room.
    cells = re.findall(r'<td style="([^"]*)">', static.table_html(result))[:5]
    assert ["nowrap" in c for c in cells] == [True, False, True, False, True]
    assert "min-width: 12em" in cells[1] and "min-width: 12em" in cells[3]
