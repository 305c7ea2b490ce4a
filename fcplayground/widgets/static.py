"""Plain HTML for widgets: what the live widgets show, and the static fallback that a
notebook viewer without a kernel (GitHub, nbviewer) renders instead.

Everything here is a pure function of its arguments (no ids, no clock), so the output is
the same every run. Text is escaped, and ``$`` too, so that descriptions mentioning prices
are never typeset as LaTeX by the notebook's MathJax.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence

from ..chat import ToolSpec
from ..evals.battery import BatteryResult, ProbeResult, label_text
from ..evals.cases import ANY, Exactly

# Keep MathJax (2 and 3) away from text that may contain "$".
NO_MATH = "tex2jax_ignore mathjax_ignore"

_TABLE = "border-collapse: collapse; font-size: 13px; margin: 4px 0;"
_CELL = "border: 1px solid #ccc; padding: 2px 6px; text-align: left; vertical-align: top;"
_NUM = "border: 1px solid #ccc; padding: 2px 6px; text-align: right;"
# Layout, so that a narrow notebook (1280 px with the file browser open) stays readable:
# a table too wide for its box scrolls inside its own wrapper (not the page's output area);
# prose columns keep room for a few words a line; names, calls' arguments and verdicts never
# break inside a word (a call breaks only between its arguments).
# (width 0 with min-width 100%: the wrapper takes its box's width without lending the table's
# width to it, so an ipywidgets HTML box, a flex item, does not grow to fit the table.)
_SCROLL = "overflow-x: auto; width: 0; min-width: 100%;"
_PROSE = "min-width: 12em;"
_NOWRAP = "white-space: nowrap;"
_RIGHT = "color: #1a7f37; font-weight: bold;"
_WRONG = "color: #cf222e; font-weight: bold;"


def esc(text: object) -> str:
    """``text`` as HTML text: escaped, with ``$`` as an entity."""
    return html.escape(str(text)).replace("$", "&#36;")


def pre(text: str, css_class: str = "") -> str:
    """Preformatted text (explanations, diffs, code)."""
    classes = f"{css_class} {NO_MATH}".strip()
    return (
        f'<pre class="{classes}" style="white-space: pre-wrap; font-size: 12px; margin: 0;">'
        f"{esc(text)}</pre>"
    )


def score_html(result: BatteryResult | None, note: str = "") -> str:
    """The score line ("9/12 routed correctly, 2 wrong tool, 1 no call"), with a note."""
    if result is None:
        text = "Not run yet."
    else:
        style = _RIGHT if result.correct == result.total else _WRONG
        text = f'<span style="{style}">{esc(result.summary)}</span>'
    extra = f' <span style="color: #777;">{esc(note)}</span>' if note else ""
    return f'<div class="{NO_MATH}" style="font-size: 15px; margin: 4px 0;">{text}{extra}</div>'


def table_html(result: BatteryResult | None) -> str:
    """One row per probe: request, expected tool, the model's first call, ✓ or ✗."""
    if result is None:
        return '<div style="color: #777;">No results yet.</div>'
    heads = ("#", "request", "expected", "model's call", "")
    head = "".join(f'<th style="{_CELL}{_NOWRAP}">{h}</th>' for h in heads)
    styles = (_NOWRAP, _PROSE, _NOWRAP, _PROSE, _NOWRAP)
    rows = []
    for i, r in enumerate(result.rows, 1):
        mark = (
            f'<span style="{_RIGHT}" title="right">✓</span>'
            if r.right
            else f'<span style="{_WRONG}" title="{esc(r.verdict)}">✗ {esc(r.verdict)}</span>'
        )
        cells = [str(i), esc(r.request), expected_html(r), call_html(r), mark]
        # An expected call breaks between its arguments, as the model's call does.
        own = (_NOWRAP, _PROSE, _PROSE, _PROSE, _NOWRAP) if r.expected_call else styles
        rows.append(
            f'<tr class="fcp-row fcp-row-{"right" if r.right else "wrong"}">'
            + "".join(
                f'<td style="{_CELL}{style}">{c}</td>' for c, style in zip(cells, own, strict=True)
            )
            + "</tr>"
        )
    return _scrolling(
        f'<table class="{NO_MATH}" style="{_TABLE}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def expected_html(row: ProbeResult) -> str:
    """The expected tool, and for a probe that checks arguments the values it expects
    (``date="20/03/2026"``; those it leaves free are not shown)."""
    name = esc(label_text(row.expected))
    if not row.expected_call:
        return name
    answer = next(iter(row.expected_call.values()))
    pieces = []
    for param, values in answer.items():
        given = [v.value if isinstance(v, Exactly) else v for v in values]
        given = [v for v in given if v is not ANY and v != "" and v is not None]
        if len(given) == 1:
            pieces.append(f"{param}={json.dumps(given[0], ensure_ascii=False)}")
    spans = " ".join(f'<span style="{_NOWRAP}">{esc(p)}</span>' for p in pieces)
    return f'<span style="{_NOWRAP}">{name}</span>' + (
        f'<br><span style="color: #555; font-size: 12px;">{spans}</span>' if spans else ""
    )


def call_html(row: ProbeResult) -> str:
    """A probe's call as ``name({...})``, broken only after ``name(`` and between arguments.

    The text is exactly ``row.call_text``. Arguments that are not a JSON object (malformed,
    say) stay on one line, and the table's wrapper scrolls.
    """
    if row.chosen is None:
        return esc(row.call_text)
    args = row.arguments
    if isinstance(args, dict) and args:
        items = [
            f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
            for k, v in args.items()
        ]
        pieces = [f"{p}," for p in items[:-1]] + [items[-1]]
        pieces[0] = "{" + pieces[0]
        pieces[-1] += "})"  # the same piece as the first when there is one argument
    else:
        pieces = [row.call_text[len(row.chosen) + 1 :]]  # the arguments as shown, and ")"
    spans = " ".join(f'<span style="{_NOWRAP}">{esc(p)}</span>' for p in pieces)
    return f'<span style="{_NOWRAP}">{esc(row.chosen)}(</span><wbr>{spans}'


def _scrolling(table: str) -> str:
    """``table`` in a box of its own that scrolls sideways when the table is too wide."""
    return f'<div class="fcp-scroll" style="{_SCROLL}">{table}</div>'


def confusion_html(result: BatteryResult | None) -> str:
    """The confusion matrix: expected tool (rows) by chosen tool (columns)."""
    if result is None or not result.rows:
        return ""
    confusion = result.confusion
    names = [esc(label_text(x)) for x in confusion.labels]
    head = f'<th style="{_CELL}">expected ↓ / chosen →</th>' + "".join(
        f'<th style="{_CELL}{_NOWRAP}">{n}</th>' for n in names
    )
    rows = []
    for expected, name, counts in zip(confusion.labels, names, confusion.matrix, strict=True):
        cells = []
        for chosen, count in zip(confusion.labels, counts, strict=True):
            shade = ""
            if count:
                shade = "background: #dafbe1;" if chosen == expected else "background: #ffebe9;"
            cells.append(f'<td style="{_NUM}{shade}">{count or ""}</td>')
        rows.append(f'<tr><th style="{_CELL}{_NOWRAP}">{name}</th>{"".join(cells)}</tr>')
    return _scrolling(
        f'<table class="{NO_MATH}" style="{_TABLE}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def descriptions_html(specs: Sequence[ToolSpec], distractors: int = 0) -> str:
    """Each tool's name, description, parameter descriptions and example inputs."""
    items = []
    for spec in specs:
        params = spec.parameters.get("properties", {})
        lines = "".join(
            f"<li><code>{esc(p)}</code>: {esc(schema.get('description', ''))}</li>"
            for p, schema in params.items()
        )
        lines += "".join(
            f"<li>example: <code>{esc(json.dumps(e, ensure_ascii=False))}</code></li>"
            for e in spec.input_examples
        )
        items.append(
            f"<li><code><b>{esc(spec.name)}</b></code>: {esc(spec.description)}"
            + (f"<ul>{lines}</ul>" if lines else "")
            + "</li>"
        )
    more = (
        f'<div style="color: #777;">Plus {distractors} distractor tool'
        f"{'s' if distractors != 1 else ''}.</div>"
        if distractors
        else ""
    )
    return f'<ul class="{NO_MATH}" style="margin: 4px 0;">{"".join(items)}</ul>{more}'


def lab_html(
    title: str,
    result: BatteryResult | None,
    specs: Sequence[ToolSpec],
    distractors: int = 0,
    note: str = "",
) -> str:
    """The whole lab as static HTML: score, probe table, confusion matrix, descriptions."""
    return (
        f'<div class="fcp-static {NO_MATH}">'
        f"<div><b>{esc(title)}</b></div>"
        f"{score_html(result, note)}"
        f"{table_html(result)}"
        f"<div><b>Confusion matrix</b></div>{confusion_html(result)}"
        f"<div><b>Tool descriptions</b></div>{descriptions_html(specs, distractors)}"
        "</div>"
    )
