"""Trace rendering: the terminal text and the notebook HTML/SVG, on traces built by hand."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from fcplayground.agent import Step, ToolRun, Trace
from fcplayground.agent.render import trace_html, trace_text
from fcplayground.chat import ModelTurn, ToolCall, ToolResult, Usage

HOSTILE = "<script>alert(1)</script>"

# -- building traces --------------------------------------------------------------------


def _request(n: int) -> dict:
    """An OpenAI Chat request body with ``n`` messages."""
    return {
        "model": "sim-1",
        "messages": [{"role": "user", "content": f"m{i}"} for i in range(n)],
        "tools": [{"type": "function", "function": {"name": "lookup_customer"}}],
    }


def _run(
    name: str, args: dict, call_id: str, content: str, start: float, end: float, *, error=False
):
    call = ToolCall(name, args, call_id)
    result = ToolResult(call_id, content, is_error=error, name=name, duration=end - start)
    return ToolRun(call, result, start, end)


def _step(index: int, n_messages: int, runs: list[ToolRun], started: float, text: str = "") -> Step:
    turn = ModelTurn(text=text, tool_calls=[r.call for r in runs], usage=Usage(10, 5))
    ended = max((r.ended for r in runs), default=started + 0.05)
    return Step(index, _request(n_messages), turn, runs, started, started + 0.05, ended)


def _answer_step(index: int, n_messages: int, started: float, text: str) -> Step:
    return _step(index, n_messages, [], started, text=text)


def one_call_trace() -> Trace:
    run = _run(
        "lookup_customer", {"email": "jane@example.com"}, "call_1", '{"name": "Jane"}', 0.05, 0.25
    )
    steps = [_step(1, 1, [run], 0.0), _answer_step(2, 3, 0.25, "Jane is on the Pro plan.")]
    return Trace(
        "Who is jane@example.com?",
        "openai",
        "sim-1",
        steps=steps,
        final_text="Jane is on the Pro plan.",
        duration=0.30,
    )


def sequential_trace() -> Trace:
    first = _run(
        "lookup_customer", {"email": "jane@example.com"}, "call_a", '{"id": 7}', 0.05, 0.15
    )
    second = _run("list_invoices", {"customer_id": 7}, "call_b", '[{"total": 12}]', 0.20, 0.32)
    steps = [
        _step(1, 1, [first], 0.0),
        _step(2, 3, [second], 0.15),
        _answer_step(3, 5, 0.32, "One invoice of 12."),
    ]
    return Trace(
        "Invoices of jane@example.com?",
        "anthropic",
        "sim-1",
        steps=steps,
        final_text="One invoice of 12.",
        duration=0.40,
    )


def parallel_trace() -> Trace:
    runs = [
        _run("get_weather", {"city": "Paris"}, "call_p", '{"temp": 18}', 0.05, 0.25),
        _run("get_weather", {"city": "Oslo"}, "call_o", '{"temp": 4}', 0.06, 0.16),
        _run(
            "get_weather",
            {"city": "Rome"},
            "call_r",
            "city unknown " + HOSTILE,
            0.07,
            0.30,
            error=True,
        ),
    ]
    steps = [_step(1, 1, runs, 0.0), _answer_step(2, 5, 0.30, "Paris 18, Oslo 4, Rome unknown.")]
    steps[0].turn.explanation = "Three cities, all arguments known: called together."
    return Trace(
        "Weather in Paris, Oslo and Rome?",
        "openai",
        "sim-1",
        steps=steps,
        final_text="Paris 18, Oslo 4, Rome unknown.",
        duration=0.36,
    )


def error_trace() -> Trace:
    run = _run(
        "lookup_customer",
        {"email": "nobody@example.com"},
        "call_x",
        "no such customer",
        0.05,
        0.07,
        error=True,
    )
    return Trace(
        "Who is nobody@example.com?",
        "openai",
        "sim-1",
        steps=[_step(1, 1, [run], 0.0)],
        stop_reason="error",
        error="model request failed: HTTP 500",
        duration=0.1,
    )


def max_steps_trace() -> Trace:
    steps = [
        _step(
            i,
            2 * i - 1,
            [_run("ping", {"n": i}, f"call_{i}", "pong", 0.1 * i, 0.1 * i + 0.02)],
            0.1 * i - 0.05,
        )
        for i in range(1, 4)
    ]
    return Trace(
        "Ping forever", "openai", "sim-1", steps=steps, stop_reason="max_steps", duration=0.35
    )


ALL = [one_call_trace, sequential_trace, parallel_trace, error_trace, max_steps_trace]

# -- parsing the HTML ---------------------------------------------------------------------


def _parse(markup: str) -> ET.Element:
    root = ET.fromstring(f"<root>{markup}</root>")
    for el in root.iter():  # drop the SVG namespace from tag names
        el.tag = el.tag.split("}")[-1]
    return root


def _svgs(markup: str, label: str) -> list[ET.Element]:
    return [s for s in _parse(markup).iter("svg") if s.get("aria-label") == label]


def _texts(el: ET.Element) -> list[str]:
    return [t.text or "" for t in el.iter("text")]


def _arrow_groups(svg: ET.Element, call_id: str) -> list[ET.Element]:
    """The arrow groups of the sequence diagram that carry ``call_id``."""
    return [g for g in svg.iter("g") if call_id in _texts(g)]


def _bars(svg: ET.Element) -> dict[str, tuple[float, float]]:
    return {
        r.get("data-call"): (float(r.get("x")), float(r.get("x")) + float(r.get("width")))
        for r in svg.iter("rect")
        if r.get("data-call") is not None
    }


# -- text -----------------------------------------------------------------------------------


def test_text_header_names_provider_model_steps_duration_and_stop():
    first = trace_text(sequential_trace()).splitlines()[0]
    for part in ("anthropic", "sim-1", "3 steps", "0.40 s", "stop: answered"):
        assert part in first


def test_text_lists_every_call_and_result_in_order():
    text = trace_text(sequential_trace())
    order = [
        "→ model  1 message, 1 tool",
        '← model  lookup_customer(email="jane@example.com") [call_a]',
        '⚙ lookup_customer(email="jane@example.com") -> {"id": 7} (0.10 s)',
        "→ model  3 messages",
        "← model  list_invoices(customer_id=7) [call_b]",
        '⚙ list_invoices(customer_id=7) -> [{"total": 12}] (0.12 s)',
        "answer: One invoice of 12.",
    ]
    positions = [text.index(line) for line in order]
    assert positions == sorted(positions)


def test_text_lists_parallel_results_in_time_order_and_marks_errors():
    text = trace_text(parallel_trace())
    results = [line for line in text.splitlines() if "⚙" in line]
    assert [r.split("city=")[1][:6] for r in results] == ['"Oslo"', '"Paris', '"Rome"']
    assert "-> ERROR city unknown" in results[2]
    assert '← model  get_weather(city="Rome") [call_r]' in text
    assert "ERROR" not in results[0] + results[1]


def test_text_shows_error_and_max_steps_endings():
    assert "ERROR: model request failed: HTTP 500" in trace_text(error_trace())
    assert "ERROR no such customer" in trace_text(error_trace())
    text = trace_text(max_steps_trace())
    assert "stop: max_steps" in text and "stopped: max_steps reached after 3 steps" in text
    assert "answer:" not in text


def test_text_truncates_long_model_text():
    trace = one_call_trace()
    trace.steps[1].turn.text = "word " * 100
    lines = trace_text(trace).splitlines()
    line = next(line for line in lines if line.startswith('  ← model  "'))
    assert "…" in line and len(line) < 130


def test_str_of_a_trace_is_its_text():
    trace = one_call_trace()
    assert str(trace) == trace_text(trace)
    assert trace._repr_html_() == trace_html(trace)


# -- HTML -----------------------------------------------------------------------------------


def test_html_is_well_formed_for_every_trace():
    for make in ALL:
        _parse(trace_html(make()))  # raises on unbalanced tags or bad entities


def test_html_has_one_sequence_diagram_with_the_four_lanes():
    for make in ALL:
        diagrams = _svgs(trace_html(make()), "sequence diagram")
        assert len(diagrams) == 1
        texts = _texts(diagrams[0])
        assert all(lane in texts for lane in ("User", "App", "Model", "Tools"))


def test_sequence_diagram_labels_requests_and_replies():
    texts = _texts(_svgs(trace_html(sequential_trace()), "sequence diagram")[0])
    assert "step 1 · 1 message" in texts and "step 2 · 3 messages" in texts
    assert "tool calls: lookup_customer" in texts and "answer" in texts
    assert any(t.startswith("answer: One invoice") for t in texts)


def test_sequence_diagram_pairs_each_call_with_its_result():
    svg = _svgs(trace_html(parallel_trace()), "sequence diagram")[0]
    colors = set()
    for call_id in ("call_p", "call_o", "call_r"):
        call, result = _arrow_groups(svg, call_id)
        color = call.find("line").get("stroke")
        assert result.find("line").get("stroke") == color
        assert result.find("line").get("stroke-dasharray")  # results are dashed returns
        colors.add(color)
    assert len(colors) == 3


def test_sequence_diagram_marks_error_results_in_red():
    svg = _svgs(trace_html(parallel_trace()), "sequence diagram")[0]
    _, result = _arrow_groups(svg, "call_r")
    label = next(t for t in result.iter("text") if (t.text or "").startswith("✖ ERROR"))
    assert label.get("fill") == "#d62728"
    _, ok = _arrow_groups(svg, "call_p")
    assert all(t.get("fill") != "#d62728" for t in ok.iter("text"))


def test_sequence_diagram_truncates_long_labels():
    trace = one_call_trace()
    trace.user_message = "a very long question " * 20
    texts = _texts(_svgs(trace_html(trace), "sequence diagram")[0])
    question = next(t for t in texts if t.startswith("a very long"))
    assert question.endswith("…") and len(question) <= 26


def test_sequence_diagram_height_grows_with_the_trace():
    short = _svgs(trace_html(one_call_trace()), "sequence diagram")[0]
    long = _svgs(trace_html(max_steps_trace()), "sequence diagram")[0]
    assert int(long.get("height")) > int(short.get("height"))


def test_timeline_only_for_parallel_steps():
    assert _svgs(trace_html(one_call_trace()), "tool call timeline") == []
    assert _svgs(trace_html(sequential_trace()), "tool call timeline") == []
    assert _svgs(trace_html(max_steps_trace()), "tool call timeline") == []
    assert len(_svgs(trace_html(parallel_trace()), "tool call timeline")) == 1


def test_timeline_has_one_bar_per_run_placed_by_start_time():
    bars = _bars(_svgs(trace_html(parallel_trace()), "tool call timeline")[0])
    assert set(bars) == {"call_p", "call_o", "call_r"}
    (p0, p1), (o0, o1), (r0, _) = bars["call_p"], bars["call_o"], bars["call_r"]
    assert p0 < o0 < r0  # started 0.05, 0.06, 0.07
    assert o0 < p1 and r0 < p1 and r0 < o1  # overlapping runs overlap in x
    assert p1 - p0 > o1 - o0  # 200 ms is longer than 100 ms


def test_timeline_states_wall_time_and_sum_of_durations():
    markup = trace_html(parallel_trace())
    assert "wall time 0.25 s" in markup and "sum of durations 0.53 s" in markup
    assert "ms</text>" in markup  # the axis is in milliseconds


def test_details_per_step_hold_request_turn_and_explanation():
    trace = parallel_trace()
    root = _parse(trace_html(trace))
    details = list(root.iter("details"))
    assert len(details) == len(trace.steps)
    pres = ["".join(p.itertext()) for p in details[0].iter("pre")]
    assert '"messages": [' in pres[0] and '"content": "m0"' in pres[0]  # pretty-printed JSON
    assert '"name": "get_weather"' in pres[1] and '"id": "call_p"' in pres[1]
    assert "Three cities, all arguments known" in pres[2]
    assert not any("Three cities" in "".join(d.itertext()) for d in details[1:])


def test_html_shows_stop_reason_and_error():
    markup = trace_html(error_trace())
    assert "Stop reason:" in markup and "model request failed: HTTP 500" in markup
    assert "stopped: max_steps, no answer" in trace_html(max_steps_trace())


def test_html_escapes_hostile_text():
    trace = parallel_trace()
    trace.user_message = HOSTILE
    trace.final_text = HOSTILE
    trace.steps[0].turn.explanation = HOSTILE
    markup = trace_html(trace)
    assert HOSTILE not in markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup


def test_html_needs_no_script_style_or_classes():
    for make in ALL:
        markup = trace_html(make()).lower()
        assert "<script" not in markup and "<style" not in markup
        assert "class=" not in markup and " id=" not in markup and "url(#" not in markup
        external = markup.replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert "://" not in external and "url(" not in external  # no fonts, images or CSS


def test_rendering_is_deterministic():
    for make in ALL:
        assert trace_html(make()) == trace_html(make())
        assert trace_text(make()) == trace_text(make())


def test_html_escapes_hostile_arguments_and_ids():
    trace = one_call_trace()
    run = trace.steps[0].tool_runs[0]
    run.call.arguments = {"email": '"><svg onload=alert(1)>'}
    run.call.id = '"><b>x</b>'
    markup = trace_html(trace)
    _parse(markup)  # still well-formed
    assert "<svg onload" not in markup and "<b>x</b>" not in markup
