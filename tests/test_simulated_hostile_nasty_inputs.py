"""The simulated model finishes on nasty inputs: long runs of one character, 200 KB of text,
1 MB tool results, deeply nested JSON, 500-turn conversations, huge tool specs ...

They run in child processes, so that a stall is caught without a timed assert: a child
still running after ``TIMEOUT`` seconds (``subprocess.TimeoutExpired``) fails the input it
was on, with the stack faulthandler printed just before; a child's address space is capped,
so a blow-up in memory is a MemoryError, not a machine that swaps. The inputs are batched, a
few to a child; all the children start in background threads when the module's first test
runs, and each test waits for its batch. A batch known to stall runs at the lowest priority
(it costs wall time, not the others' CPU).

An input that finds a real bug stays, marked ``xfail(strict=True)`` with what breaks;
whoever fixes the model removes the mark (strict: a fixed bug fails the run until then).
"""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

TIMEOUT = 60  # seconds a child process gets for its batch of nasty inputs
MEMORY = 3 << 30  # bytes of address space a child may use (it reads ~250 MB)
ROOT = Path(__file__).resolve().parent.parent


# -- nasty inputs, in child processes -----------------------------------------------------

CHILD = r"""
import faulthandler, json, os, random, resource, string, sys, traceback

CASES, OPTIONS = json.loads(sys.argv[1]), json.loads(sys.argv[2])
MARK = OPTIONS["mark"]
# A blow-up in memory is a MemoryError here, not a machine that swaps or an OOM kill.
resource.setrlimit(resource.RLIMIT_AS, (OPTIONS["memory"], OPTIONS["memory"]))

faulthandler.dump_traceback_later(OPTIONS["stack_after"])  # where a stall is, on stderr
# Below the property tests in the parent (they are the longer path), and a batch known to
# stall below everything: it costs wall time, not the others' CPU.
os.nice(OPTIONS["nice"])
from fcplayground import Message, Request, ToolResult, ToolSpec
from fcplayground.chat import ToolCall
from fcplayground.evals.everyday import everyday_tools
from fcplayground.models import SimulatedModel

TOOLS = everyday_tools().specs()
LOREM = (
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
    "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud "
    "exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. "
)
REQUEST = "Email jane@example.com on 2026-03-02 about order ORD-1234: 3 items at $19.99, to Paris."


def text(t):
    return Request([Message.user(t)], tools=TOOLS)


def spec(properties, description="Sends an email about an order."):
    parameters = {"type": "object", "properties": properties, "required": list(properties)[:1]}
    tool = ToolSpec("send_order_email", description, parameters)
    return Request([Message.user(REQUEST)], tools=[tool, *TOOLS[:3]])


def after_search(content, ask="Search the shop for running shoes and add the first one to my cart."):
    call = ToolCall("search_products", {"query": "running shoes"}, id="call_1")
    results = [ToolResult("call_1", content, name="search_products")]
    messages = [Message.user(ask), Message.assistant("", [call]), Message.tool(results)]
    return Request(messages, tools=TOOLS)


def turns(n):
    said = ["What's 12 times 7?", "and 13?", "Email bob@example.com about it.", ".", "go on"]
    replied = ["It is 84.", "Which city?", "Done.", "Sure, what should the subject be?"]
    messages = [
        Message.user(said[i // 2 % len(said)]) if i % 2 == 0 else Message.assistant(replied[i // 2 % len(replied)])
        for i in range(n)
    ]
    return Request(messages, tools=TOOLS)


def where(tb):
    frames = [f for f in traceback.extract_tb(tb) if "fcplayground" in f.filename] or traceback.extract_tb(tb)
    f = frames[-1]
    path = f.filename[f.filename.rfind("fcplayground"):] if "fcplayground" in f.filename else f.filename
    return f"{path}:{f.lineno} in {f.name}"


for name, source in CASES:
    print(MARK + json.dumps({"start": name}), flush=True)
    error = None
    try:
        turn = SimulatedModel().respond(eval(source))
        for call in turn.tool_calls:
            json.dumps(call.arguments, allow_nan=False)
    except Exception as exc:
        error = f"{type(exc).__name__}: {str(exc)[:300]} ({where(exc.__traceback__)})"
    print(MARK + json.dumps({"done": name, "error": error}), flush=True)
"""
MARK = "@@hostile@@ "

# Batches of (name, the request as a Python expression the child evaluates). Each batch is
# one child process (starting one costs ~3 s of imports, hence few). A stall ends its batch,
# so the inputs most likely to be slow go last; one known to stall (in STALLS) should get a
# batch of its own, which then runs at low priority.
BATCHES: dict[str, list[tuple[str, str]]] = {
    "request_text": [
        ("at_signs_5k", "text('@' * 5_000)"),
        ("digits_2k", "text('7' * 2_000)"),
        ("digits_5k_past_the_int_limit", "text('multiply ' + '7' * 5_000 + ' by 2')"),
        ("1e999", "text('1e999')"),
        ("1e999_as_amounts", "text('What is the square root of 1e999? And 1e400 USD in EUR? Set a timer for 1e400 seconds.')"),
        ("and_3k", "text('and ' * 3_000)"),
        ("email_like_5k", "text('a@' + 'a.' * 2_500 + 'a')"),
        ("single_quotes_10k", "text(\"'\" * 10_000)"),
        ("double_quotes_10k", "text('\"' * 10_000)"),
        ("slashes_10k", "text('/' * 10_000)"),
        ("nested_brackets", "text('([{<' * 2_500 + 'x' + '>}])' * 2_500)"),
        ("open_brackets_20k", "text('[' * 20_000)"),
        ("zero_width_and_rtl", "text('\\u200bWeather\\u200d in \\u202eParis\\u202c \\u2066x\\u2069 \\ufeff' * 200)"),
        ("zero_width_between_letters", "text('\\u200b'.join('email jane@example.com at 3pm tomorrow'))"),
        ("nul_bytes", "text('Email\\x00 jane@exam\\x00ple.com\\x00 at \\x00 3pm' + '\\x00' * 5_000)"),
        ("lone_surrogates", "text('\\ud800 set a timer for 5 minutes \\udfff' * 100)"),
        ("random_letters_20k", "text('convert ' + ''.join(random.Random(1).choices(string.ascii_lowercase, k=20_000)))"),
        ("word_chars_50k", "text('a' * 50_000)"),
        ("lorem_ipsum_200kb", "text((LOREM * 1_000)[:200_000])"),
    ],
    "conversations": [
        ("500_turns_ending_with_assistant", "turns(500)"),
        ("500_turns_ending_with_user", "turns(501)"),
        ("result_1mb_string", "after_search('x' * 1_000_000)"),
        ("result_1mb_inside_json", "after_search(json.dumps({'results': [{'product_id': 'P-1', 'name': 'y' * 1_000_000}]}))"),
        ("result_invalid_json", "after_search('{\"results\": [{\"product_id\": \"P-1\", ')"),
        ("result_deep_open_brackets", "after_search('[' * 5_000)"),
        ("result_deep_nested_array", "after_search('[' * 5_000 + ']' * 5_000)"),
        ("result_deep_nested_object", "after_search('{\"a\":' * 5_000 + '1' + '}' * 5_000)"),
        ("result_1e400", "after_search('{\"results\": [{\"product_id\": 1e400, \"price\": 1e400}]}')"),
        ("result_100k_items", "after_search(json.dumps([{'product_id': f'P-{i}'} for i in range(100_000)]), 'Add the second one to my cart.')"),
    ],
    "tool_specs": [
        ("enum_of_5k_values", "spec({'value': {'type': 'string', 'enum': [f'v{i}' for i in range(5_000)]}})"),
        ("parameter_name_20k_chars", "spec({'a' * 20_000: {'type': 'string'}})"),
        ("parameter_description_100kb", "spec({'to': {'type': 'string', 'description': 'the email address ' * 5_500}})"),
        ("tool_description_100kb", "spec({'to': {'type': 'string'}}, 'Sends the order email. ' * 4_500)"),
        ("50_parameters", "spec({f'field_{i}': {'type': 'string'} for i in range(50)})"),
        ("enum_of_two_100k_char_values", "spec({'value': {'type': 'string', 'enum': ['x' * 100_000, 'y' * 100_000]}})"),
        ("500_parameters", "spec({f'field_{i}': {'type': 'string'} for i in range(500)})"),
    ],
}  # fmt: skip
BATCH_OF = {name: batch for batch, cases in BATCHES.items() for name, _ in cases}

# Inputs known to crash or stall: name -> what breaks (the test is marked xfail for it). One
# known to stall must have a batch of its own, which then runs at low priority.
BUGS: dict[str, str] = {}
STALLS = {name for name, bug in BUGS.items() if bug.startswith("stalls")}


@dataclass
class Outcome:
    error: str | None  # None: the model answered


_futures: dict[str, Future] = {}


def run_batch(batch: str) -> dict[str, Outcome]:
    """Runs one batch in a child process; every input of it gets an outcome."""
    cases = BATCHES[batch]
    options = {
        "mark": MARK,
        "memory": MEMORY,
        "stack_after": TIMEOUT - 10,
        # Normal priority unless it is known to stall: at nice 5, beside two busy pytest
        # workers, a 10 s batch got a seventh of a core and ran past its 60 s guard.
        "nice": 19 if any(name in STALLS for name, _ in cases) else 0,
    }
    command = [sys.executable, "-c", CHILD, json.dumps(cases), json.dumps(options)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, cwd=ROOT)
        stdout, stderr, stalled = done.stdout, done.stderr, False
    except subprocess.TimeoutExpired as exc:
        stdout, stderr, stalled = _text(exc.stdout), _text(exc.stderr), True
    outcomes: dict[str, Outcome] = {}
    running = None
    for line in stdout.splitlines():
        if line.startswith(MARK):
            event = json.loads(line[len(MARK) :])
            if "start" in event:
                running = event["start"]
            else:
                outcomes[event["done"]] = Outcome(event["error"])
                running = None
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    stack = " | ".join(line for line in lines if "fcplayground" in line) or " | ".join(lines)
    for name, _ in cases:
        if name in outcomes:
            continue
        if name == running and stalled:
            outcomes[name] = Outcome(
                f"stalled: had not finished after {TIMEOUT} s (TimeoutExpired); "
                f"stack after {TIMEOUT - 10} s, most recent call first: {stack[-1500:] or 'none'}"
            )
        elif name == running:
            outcomes[name] = Outcome(f"the child process died: {stderr[-1500:]}")
        else:
            outcomes[name] = Outcome(f"not reached: {running} did not finish before it")
    return outcomes


def _text(data: bytes | str | None) -> str:
    return data.decode("utf-8", "replace") if isinstance(data, bytes) else data or ""


@pytest.fixture(scope="module", autouse=True)
def children(request):
    """Starts every batch holding an input of a selected test, at once, in the background;
    each test then waits for its batch."""
    wanted = {
        BATCH_OF[item.callspec.params["case"]]
        for item in request.session.items
        if getattr(item, "module", None) is sys.modules[__name__]  # notebook cells have none
        and item.originalname.startswith("test_model_finishes")
    }
    pool = ThreadPoolExecutor(max_workers=max(1, len(wanted)), thread_name_prefix="hostile")
    _futures.update({batch: pool.submit(run_batch, batch) for batch in sorted(wanted)})
    yield
    pool.shutdown(wait=False, cancel_futures=True)
    _futures.clear()


def finishes(case: str) -> None:
    error = _futures[BATCH_OF[case]].result()[case].error
    assert error is None, f"{case}: {error}"


def cases(*batches: str) -> list:
    """The inputs of ``batches`` as test parameters, a known bug marked xfail for it."""
    return [
        pytest.param(name, marks=[pytest.mark.xfail(reason=BUGS[name], strict=True)])
        if name in BUGS
        else name
        for batch in batches
        for name, _ in BATCHES[batch]
    ]


@pytest.mark.parametrize("case", cases("request_text"))
def test_model_finishes_on_pathological_request_text(case):
    finishes(case)


@pytest.mark.parametrize("case", cases("conversations"))
def test_model_finishes_on_long_conversations_and_hostile_tool_results(case):
    finishes(case)


@pytest.mark.parametrize("case", cases("tool_specs"))
def test_model_finishes_on_huge_tool_specs(case):
    finishes(case)
