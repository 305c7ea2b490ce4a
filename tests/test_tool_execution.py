"""Tool execution faults: whatever a tool raises or however long it hangs, the call
gives an error result, the run keeps its trace, and hung threads stay bounded."""

from __future__ import annotations

import argparse
import asyncio
import inspect
import os
import signal
import threading
import time

import pytest

from fcplayground import ModelClient, ScriptedModel, ToolRegistry
from fcplayground.agent import arun, run
from fcplayground.tools import running_in_background
from fcplayground.tools.threads import MAX_THREADS, PoolFull, ToolThreads


def faulty_tools() -> ToolRegistry:
    tools = ToolRegistry()

    @tools.tool
    def cli(flags: str) -> str:
        """Run a command line.

        Args:
            flags: The flags, e.g. --count 3.
        """
        parser = argparse.ArgumentParser(prog="cli", exit_on_error=False)
        parser.add_argument("--count", type=int, required=True)
        return str(parser.parse_args(flags.split()).count)

    @tools.tool
    def quit_now() -> str:
        """Exit."""
        raise SystemExit(3)

    @tools.tool
    def stop() -> str:
        """Press Ctrl-C."""
        raise KeyboardInterrupt

    @tools.tool
    def ok() -> str:
        """Succeed."""
        return "fine"

    return tools


def scripted(*steps) -> ModelClient:
    return ModelClient.offline(ScriptedModel(list(steps)), provider="openai")


@pytest.mark.fault(
    "tool execution",
    "a tool calls sys.exit() or argparse exits on bad input",
    "an error result saying the tool tried to exit the program; the run goes on",
)
@pytest.mark.parametrize(("name", "arguments"), [("quit_now", {}), ("cli", {"flags": "--cnt 1"})])
def test_a_tool_that_exits_gives_an_error_result(name, arguments):
    result = faulty_tools().call(name, arguments)
    assert result.is_error
    assert result.content.startswith(f"{name} failed: it tried to exit the program (SystemExit:")


@pytest.mark.fault(
    "tool execution",
    "a tool calls sys.exit() or argparse exits on bad input",
    "an error result saying the tool tried to exit the program; the run goes on",
)
@pytest.mark.parametrize("parallel", [True, False])
def test_a_run_survives_a_tool_that_exits_and_keeps_its_trace(parallel):
    client = scripted([("quit_now", {}), ("ok", {})], "Done.")
    trace = run(client, faulty_tools(), "Go", parallel=parallel)
    assert trace.stop_reason == "answered" and trace.final_text == "Done."
    assert [r.result.is_error for r in trace.tool_runs] == [True, False]
    assert "SystemExit: 3" in trace.tool_runs[0].result.content


@pytest.mark.fault(
    "agent loop",
    "Ctrl-C (KeyboardInterrupt) during a run",
    'the run stops at once and returns its trace, with stop_reason "interrupted"',
)
@pytest.mark.parametrize("parallel", [True, False])
def test_ctrl_c_in_a_run_returns_the_trace_so_far(parallel):
    client = scripted(("ok", {}), ("stop", {}), "never reached")
    trace = run(client, faulty_tools(), "Go", parallel=parallel)
    assert trace.stop_reason == "interrupted"
    assert len(trace.steps) == 2 and trace.tool_runs[0].result.content == "fine"
    assert trace.error.startswith("Interrupted (KeyboardInterrupt) during the tool calls of step 2")


@pytest.mark.fault(
    "agent loop",
    "Ctrl-C (KeyboardInterrupt) during a run",
    'the run stops at once and returns its trace, with stop_reason "interrupted"',
)
def test_ctrl_c_in_an_async_run_returns_the_trace_so_far():
    client = scripted(("ok", {}), ("stop", {}), "never reached")
    trace = asyncio.run(arun(client, faulty_tools(), "Go"))
    assert trace.stop_reason == "interrupted" and len(trace.steps) == 2


@pytest.mark.fault(
    "agent loop",
    "Ctrl-C (KeyboardInterrupt) during a run",
    'the run stops at once and returns its trace, with stop_reason "interrupted"',
)
def test_ctrl_c_while_waiting_for_the_model_returns_the_trace():
    def interrupted(request):
        raise KeyboardInterrupt

    client = scripted(("ok", {}), interrupted)
    trace = run(client, faulty_tools(), "Go")
    assert trace.stop_reason == "interrupted" and len(trace.steps) == 1
    assert "waiting for the model's answer to request 2" in trace.error


@pytest.mark.fault(
    "tool execution",
    "a tool raises an exception whose str() fails, or CancelledError of its own",
    "an error result naming the exception",
)
def test_exceptions_that_misbehave_are_still_error_results():
    class Unprintable(Exception):
        def __str__(self) -> str:
            raise ValueError("no")

    tools = ToolRegistry()

    @tools.tool
    def odd() -> str:
        """Fail oddly."""
        raise Unprintable

    @tools.tool
    async def gives_up() -> str:
        """Cancel itself."""
        raise asyncio.CancelledError

    assert tools.call("odd").content == "odd failed: Unprintable"
    result = tools.call("gives_up", timeout=5)
    assert result.is_error and result.content == "gives_up failed: CancelledError"


def test_a_run_gives_each_tool_30_seconds_by_default():
    assert inspect.signature(run).parameters["tool_timeout"].default == 30.0
    assert inspect.signature(arun).parameters["tool_timeout"].default == 30.0


# --- Timeouts and the bounded pool ------------------------------------------------


def tool_threads() -> int:
    return sum(t.name == "fcplayground-tool" for t in threading.enumerate())


def wait_until(condition, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)
    return condition()


@pytest.mark.fault(
    "tool execution",
    "20 sync tools hang past tool_timeout",
    "each gets a timeout error result; at most 16 threads are held (running_in_background() "
    "counts them), and once all are, further calls get an error result at once",
)
def test_hanging_sync_tools_hold_a_bounded_number_of_threads():
    release = threading.Event()
    tools = ToolRegistry()

    @tools.tool
    def hang() -> str:
        """Hang until released."""
        release.wait(20)
        return "late"

    before = tool_threads()
    try:
        results = tools.call_many([("hang", {})] * 20, timeout=0.3)
        assert all(r.is_error for r in results)
        assert results[0].content.startswith("hang did not finish within 0.3 s and was abandoned.")
        assert tool_threads() - before <= MAX_THREADS
        assert running_in_background() == MAX_THREADS
        refused = tools.call("hang", timeout=0.3)
        assert refused.content.startswith(
            f"hang was not run: all {MAX_THREADS} tool threads are held by calls that timed out"
        )
    finally:
        release.set()
    assert wait_until(lambda: running_in_background() == 0)
    assert tools.call("hang", timeout=5).content == "late"  # the threads serve again
    assert tool_threads() - before <= MAX_THREADS


def test_a_full_pool_refuses_and_a_queued_call_that_times_out_never_runs():
    pool = ToolThreads(max_threads=1)
    release, ran = threading.Event(), []
    first = pool.submit(lambda: release.wait(10))
    assert wait_until(first.future.running)
    queued = pool.submit(lambda: ran.append("queued"))
    pool.abandon(first)
    pool.abandon(queued)  # not started yet: cancelled, so it never runs
    assert pool.abandoned == 1
    with pytest.raises(PoolFull, match="all 1 tool threads are held"):
        pool.submit(lambda: None)
    release.set()
    assert wait_until(lambda: pool.abandoned == 0)
    assert pool.submit(lambda: 7).future.result(timeout=5) == 7
    assert ran == [] and pool.threads == 1


@pytest.mark.fault(
    "tool execution",
    "an async tool hangs past tool_timeout",
    "it is cancelled and the model gets a timeout error result; no thread is left behind",
)
def test_an_async_tool_that_overruns_is_cancelled():
    tools = ToolRegistry()
    cancelled = threading.Event()

    @tools.tool
    async def hang() -> str:
        """Hang."""
        try:
            await asyncio.sleep(20)
        except asyncio.CancelledError:
            cancelled.set()
            raise
        return "late"

    result = tools.call("hang", timeout=0.1)
    assert result.content.startswith("hang did not finish within 0.1 s and was cancelled.")
    assert cancelled.is_set()


@pytest.mark.fault(
    "agent loop",
    "Ctrl-C (KeyboardInterrupt) during a run",
    'the run stops at once and returns its trace, with stop_reason "interrupted"',
)
@pytest.mark.parametrize("parallel", [True, False])
def test_a_real_sigint_while_a_sync_tool_hangs_stops_the_run_at_once(parallel):
    started, release = threading.Event(), threading.Event()
    tools = ToolRegistry()

    @tools.tool
    def hang() -> str:
        """Hang until released."""
        started.set()
        release.wait(5)
        return "late"

    def press_ctrl_c() -> None:
        if started.wait(10):
            os.kill(os.getpid(), signal.SIGINT)

    presser = threading.Thread(target=press_ctrl_c)
    presser.start()
    try:
        trace = run(scripted(("hang", {}), "never reached"), tools, "Go", parallel=parallel)
    finally:
        release.set()
        presser.join(10)
    assert not presser.is_alive()
    assert trace.stop_reason == "interrupted" and len(trace.steps) == 1
    assert trace.tool_runs == []  # it stopped while the tool hung, not once it returned


def test_parallel_calls_beyond_the_pool_wait_for_a_thread_and_all_succeed():
    barrier = threading.Barrier(MAX_THREADS, timeout=5)
    tools = ToolRegistry()

    @tools.tool
    def meet(i: int) -> int:
        """Wait until 16 calls run at once, then return.

        Args:
            i: Which call this is.
        """
        if i < MAX_THREADS:
            barrier.wait()  # breaks (an error result) unless 16 calls run together
        return i

    before = tool_threads()
    results = tools.call_many([("meet", {"i": i}) for i in range(MAX_THREADS + 8)], timeout=10)
    assert [r.content for r in results] == [str(i) for i in range(MAX_THREADS + 8)]
    assert tool_threads() - before <= MAX_THREADS
