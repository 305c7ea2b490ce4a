"""The simulated model under hostile schemas and many threads: it answers, and the same.

- Schema values no real tool has (NaN, infinity, a 5,000-digit integer, a default of the
  wrong type, deep nesting) read as absent, never as a crash; Hypothesis throws random
  bounded schemas with such values, and random text, at ``respond``.
- One model shared by 16 threads (as ``evaluate(concurrency>1)`` and the HTTP server share
  it) gives each request the answer it gives alone, and ``explain`` finds every turn.
"""

from __future__ import annotations

import contextlib
import json
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fcplayground import Message, Request, ToolSpec
from fcplayground.chat import ModelTurn
from fcplayground.evals import everyday_cases
from fcplayground.evals.everyday import everyday_tools
from fcplayground.models import SimulatedModel

HUGE = 10**5000  # more digits than int() and str() convert (4,300)


def answer(request: Request, model: SimulatedModel | None = None) -> ModelTurn:
    """The model's turn, checked to be one that can go on the wire."""
    turn = (model or SimulatedModel()).respond(request)
    for call in turn.tool_calls:
        json.dumps(call.arguments, allow_nan=False)
    return turn


def counter_tool(value_schema: dict[str, Any]) -> ToolSpec:
    return ToolSpec(
        "set_counter",
        "Sets the counter to a value.",
        {"type": "object", "properties": {"value": value_schema}, "required": ["value"]},
    )


def nested(depth: int) -> Any:
    value: Any = 1
    for i in range(depth):
        value = {"a": value} if i % 2 else [value]
    return value


EXTREME_SCHEMAS = {
    "default NaN": {"type": "number", "default": float("nan")},
    "default infinity": {"type": "integer", "default": float("inf")},
    "default a 5,000-digit integer": {"type": "integer", "default": HUGE},
    "enum with a 5,000-digit integer": {"type": "integer", "enum": [1, HUGE]},
    "minimum and maximum of 5,000 digits": {"type": "integer", "minimum": -HUGE, "maximum": HUGE},
    "examples of 5,000 digits": {"type": "integer", "examples": [HUGE]},
    "maxLength of 5,000 digits": {"type": "string", "maxLength": HUGE},
    "default of the wrong type": {"type": "integer", "default": "three"},
    "default nested 900 deep": {"type": "string", "default": nested(900)},
    "enum nested 900 deep": {"enum": [nested(900)]},
    "examples nested 900 deep": {"type": "string", "examples": [nested(900)]},
}


@pytest.mark.fault(
    "request text",
    "a tool schema with NaN, infinity, a 5,000-digit integer, a wrongly typed or deeply "
    "nested default, enum or examples",
    "the simulated model ignores what it cannot read and answers",
)
@pytest.mark.parametrize("case", sorted(EXTREME_SCHEMAS))
@pytest.mark.parametrize("text", ["Set the counter to 3.", "Set the counter."])
def test_model_answers_tools_with_extreme_schema_values(case, text):
    answer(Request([Message.user(text)], tools=[counter_tool(EXTREME_SCHEMAS[case])]))


def test_a_5000_digit_default_reads_as_absent_and_the_request_still_binds():
    turn = answer(
        Request(
            [Message.user("Set the counter to 3.")],
            tools=[counter_tool({"type": "integer", "default": HUGE})],
        )
    )
    assert [(c.name, c.arguments) for c in turn.tool_calls] == [("set_counter", {"value": 3})]


@pytest.mark.fault(
    "request text",
    'user text that is not a Python literal, e.g. "Weather for cities [{[1]: 2}] please"',
    "the simulated model reads it as words and answers",
)
@pytest.mark.parametrize(
    "text",
    [
        "Weather for cities [{[1]: 2}] please",
        "Tag items [[[[[[[[[[1]]]]]]]]]] and [{'a': {1, 2}}]",
        "Convert [1e999, -1e999] km to miles",
        "Set the counter to " + "9" * 5_000,
        "Order item A-" + "7" * 5_000 + " now",
    ],
)
def test_model_answers_text_that_looks_like_broken_literals_or_huge_numbers(text):
    tools = [*everyday_tools().specs(), counter_tool({"type": "integer"})]
    answer(Request([Message.user(text)], tools=tools))


# Bounded hypothesis strategies: schema values of every JSON type, and the ones Python
# reads from a request body that JSON cannot write back (NaN, infinity, huge integers).
EXTREMES = {"nan": float("nan"), "inf": float("inf"), "-inf": -float("inf"), "huge": HUGE}
# drawn by name: hypothesis prints its strategies, and no str() prints a 5,000-digit int
extreme_numbers = st.sampled_from(sorted(EXTREMES)).map(lambda name: EXTREMES[name])
values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8) | extreme_numbers,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=8,
)  # fmt: skip
types = st.sampled_from(["string", "integer", "number", "boolean", "array", "object", "null"])
value_schemas = st.fixed_dictionaries(
    {"type": types | st.lists(types, max_size=2) | values},
    optional={
        key: values
        for key in ("default", "enum", "examples", "minimum", "maximum", "format", "items")
    },
)
requests_text = st.sampled_from(
    ["Set the counter to 3.", "Set the counter.", "counter 1e999", "[{[1]: 2}]", ""]
) | st.text(max_size=40)


@settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(schema=value_schemas, text=requests_text)
def test_model_never_raises_on_random_schemas_and_text(schema, text):
    answer(Request([Message.user(text)], tools=[counter_tool(schema)]))


# -- one model, many threads --------------------------------------------------------------

THREADS = 16
REQUESTS = [case.request() for case in everyday_cases()[:48]]


def decision(turn: ModelTurn) -> tuple[str, list[tuple[str, str]]]:
    """What a turn says and calls (its id differs from one answer to the next)."""
    return turn.text, [(c.name, json.dumps(c.arguments, sort_keys=True)) for c in turn.tool_calls]


@pytest.mark.fault(
    "evaluation",
    "one simulated model answering 16 threads at once (evaluate with concurrency, the server)",
    "every answer is the one it gives alone, and explain() finds each turn",
)
def test_one_model_shared_by_16_threads_answers_each_request_as_alone():
    alone = [decision(SimulatedModel().respond(r)) for r in REQUESTS]
    model = SimulatedModel()
    for request in REQUESTS * 6:  # a full history (256 turns): explain() walks all of it
        model.respond(request)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads often, as a loaded server does
    try:

        def ask(i: int) -> tuple[int, Any, bool | None]:
            request = REQUESTS[i % len(REQUESTS)]
            turn = model.respond(request)
            turn.id = f"turn-{i}"  # as the offline handler names it, for explain(response)
            for _ in range(20):  # read the history while the other threads add to it
                model.last_explanation  # noqa: B018
                with contextlib.suppress(LookupError):
                    model.explain("no such turn")
            try:
                found = model.explain(turn.id) is turn.explanation  # never another's
            except LookupError:
                found = None  # pushed out of the history while this thread waited
            return i, decision(turn), found

        with ThreadPoolExecutor(THREADS) as pool:
            results = list(pool.map(ask, range(THREADS * 12)))
    finally:
        sys.setswitchinterval(interval)
    for i, got, _ in results:
        assert got == alone[i % len(REQUESTS)], REQUESTS[i % len(REQUESTS)].messages[-1].content
    assert all(found is not False for *_, found in results)
    assert sum(found is True for *_, found in results) >= len(results) // 2


def test_the_profile_cache_keeps_one_profile_per_tool_across_threads():
    specs = [counter_tool({"type": "integer", "description": f"variant {i}"}) for i in range(64)]
    barrier = threading.Barrier(THREADS)

    def ask(k: int) -> list[str]:
        barrier.wait(timeout=30)
        return [
            decision(answer(Request([Message.user("Set the counter to 3.")], tools=[s])))[0]
            for s in specs[k::THREADS]
        ]

    with ThreadPoolExecutor(THREADS) as pool:
        assert len([t for texts in pool.map(ask, range(THREADS)) for t in texts]) == len(specs)
