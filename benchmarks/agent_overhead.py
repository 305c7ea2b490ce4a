"""The agent loop's overhead per step, next to pydantic-ai's, and its parallel speed-up.

1. A two-tool task (get_weather, then get_time, then an answer: 3 model requests) run
   through ``fcplayground.agent.run`` with offline OpenAI and Anthropic clients (the real
   SDKs), timed over many runs: median ms per run and per step.
2. The same task in pydantic-ai, with a ``FunctionModel`` that scripts the same 3 steps
   (and, for reference, ``TestModel``, which calls both tools in one turn: 2 steps).
   pydantic-ai is not a dependency of fcplayground and may pin other openai/httpx
   versions, so it runs in a separate Python (a throwaway virtualenv) by subprocess:

       python -m venv /tmp/pai-venv && /tmp/pai-venv/bin/pip install pydantic-ai-slim

3. Parallel speed-up: one model turn asks for 8 calls of a tool that sleeps 200 ms;
   the step's tool time with ``run(..., parallel=True)`` vs ``parallel=False``.

    python benchmarks/agent_overhead.py [--n 200] [--pai-python /tmp/pai-venv/bin/python]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import time
from pathlib import Path

from fcplayground import ModelClient, ScriptedModel, ToolRegistry
from fcplayground.agent import run

QUESTION = "What's the weather and the local time in Paris?"
SCRIPT = [
    ("get_weather", {"city": "Paris"}),
    ("get_time", {"city": "Paris"}),
    "It is sunny and 22 C in Paris, where it is 14:00.",
]
STEPS = len(SCRIPT)
WARMUP = 5
SLEEP = 0.2
FANOUT = 8
REPEATS = 3  # parallel runs, each way; the median is reported

tools = ToolRegistry()


@tools.tool
def get_weather(city: str) -> dict:
    """Returns the current weather for a city.

    Args:
        city: The city name, e.g. Paris.
    """
    return {"city": city, "sky": "sunny", "celsius": 22}


@tools.tool
def get_time(city: str) -> dict:
    """Returns the local time in a city.

    Args:
        city: The city name, e.g. Paris.
    """
    return {"city": city, "time": "14:00"}


slow_tools = ToolRegistry()


@slow_tools.tool
def slow_lookup(key: str) -> str:
    """Looks up a key in a slow remote store and returns its value.

    Args:
        key: The key to look up.
    """
    time.sleep(SLEEP)
    return key


# -- 1. fcplayground -----------------------------------------------------------------


def fcp_times(provider: str, n: int) -> list[float]:
    """Wall ms of each of n runs of the 3-step task (after a warm-up)."""
    # One client for every run; its ScriptedModel holds the script n + WARMUP times.
    client = ModelClient.offline(ScriptedModel(SCRIPT * (n + WARMUP)), provider=provider)
    times = []
    for i in range(n + WARMUP):
        start = time.perf_counter()
        trace = run(client, tools, QUESTION)
        elapsed = (time.perf_counter() - start) * 1000
        if trace.stop_reason != "answered" or len(trace.steps) != STEPS:
            raise SystemExit(f"unexpected trace ({provider}): {trace.stop_reason} {trace.error}")
        if i >= WARMUP:
            times.append(elapsed)
    return times


# -- 2. pydantic-ai, run in its own Python -------------------------------------------

# Runs under --pai-python with argv[1] = n; prints one JSON object of per-run wall ms.
PAI_CODE = """
import json, sys, time
import pydantic_ai
from pydantic_ai import Agent
from pydantic_ai.messages import ModelResponse, TextPart, ToolCallPart
from pydantic_ai.models.function import AgentInfo, FunctionModel
from pydantic_ai.models.test import TestModel

n, warmup = int(sys.argv[1]), int(sys.argv[2])
question, script = sys.argv[3], json.loads(sys.argv[4])


def scripted(messages, info: AgentInfo) -> ModelResponse:
    step = script[sum(1 for m in messages if m.kind == "response")]
    if isinstance(step, str):
        return ModelResponse(parts=[TextPart(step)])
    return ModelResponse(parts=[ToolCallPart(step[0], step[1])])


agent = Agent(FunctionModel(scripted))


@agent.tool_plain
def get_weather(city: str) -> dict:
    \"\"\"Returns the current weather for a city.\"\"\"
    return {"city": city, "sky": "sunny", "celsius": 22}


@agent.tool_plain
def get_time(city: str) -> dict:
    \"\"\"Returns the local time in a city.\"\"\"
    return {"city": city, "time": "14:00"}


def times(model):
    out, steps = [], 0
    for i in range(n + warmup):
        start = time.perf_counter()
        result = agent.run_sync(question, model=model)
        elapsed = (time.perf_counter() - start) * 1000
        steps = sum(1 for m in result.all_messages() if m.kind == "response")
        if i >= warmup:
            out.append(elapsed)
    return {"steps": steps, "ms": out}


print(json.dumps({
    "version": pydantic_ai.__version__,
    "FunctionModel": times(agent.model),
    "TestModel": times(TestModel()),
}))
"""


def pai_times(python: str, n: int) -> tuple[dict | None, str]:
    """pydantic-ai's timings from ``python``, or None and the reason it could not run."""
    if not Path(python).exists():
        return None, f"{python} does not exist"
    try:
        done = subprocess.run(
            [python, "-c", PAI_CODE, str(n), str(WARMUP), QUESTION, json.dumps(SCRIPT)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, f"{type(exc).__name__}: {exc}"
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return None, last
    return json.loads(done.stdout.strip().splitlines()[-1]), ""


# -- 3. parallel speed-up ----------------------------------------------------------------


def tool_wall(parallel: bool) -> float:
    """Wall ms of the step whose turn asks for FANOUT slow calls (tools only)."""
    turn = [("slow_lookup", {"key": str(i)}) for i in range(FANOUT)]
    client = ModelClient.offline(ScriptedModel([turn, "Done."]))
    trace = run(client, slow_tools, "Look up keys 0 to 7.", parallel=parallel)
    step = trace.steps[0]
    if len(step.tool_runs) != FANOUT:
        raise SystemExit(f"expected {FANOUT} tool runs, got {len(step.tool_runs)}")
    return (step.ended - step.answered) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200, help="timed runs per case")
    parser.add_argument(
        "--pai-python",
        default="/tmp/pai-venv/bin/python",
        help="a Python that has pydantic-ai installed (kept out of this environment)",
    )
    args = parser.parse_args()

    print(f"agent loop overhead: get_weather, get_time, answer ({STEPS} steps), n={args.n}")
    print(f"{'framework / model':<36}{'steps':>6}{'ms per run':>12}{'ms per step':>13}")
    per_step: dict[str, float] = {}
    for provider in ("openai", "anthropic"):
        ms = statistics.median(fcp_times(provider, args.n))
        name = f"fcplayground run() {provider} SDK"
        per_step[name] = ms / STEPS
        print(f"{name:<36}{STEPS:>6}{ms:>12.2f}{ms / STEPS:>13.3f}")

    pai, why = pai_times(args.pai_python, args.n)
    if pai is None:
        print(f"\npydantic-ai not measured: {why}")
        print(
            "To compare, set up a throwaway venv (kept out of this environment):\n"
            "    python -m venv /tmp/pai-venv && /tmp/pai-venv/bin/pip install pydantic-ai-slim\n"
            "then rerun, or pass --pai-python PATH to a Python that has pydantic-ai."
        )
    else:
        for model in ("FunctionModel", "TestModel"):
            steps, ms = pai[model]["steps"], statistics.median(pai[model]["ms"])
            name = f"pydantic-ai {pai['version']} {model}"
            print(f"{name:<36}{steps:>6}{ms:>12.2f}{ms / steps:>13.3f}")
        # fcplayground's step is a real SDK request and response: the request body is
        # built, serialized to JSON, sent through the SDK's HTTP machinery (httpx with an
        # in-process transport), parsed back into SDK objects and converted to a neutral
        # turn. pydantic-ai's FunctionModel/TestModel skip HTTP and JSON entirely, so this
        # ratio is the cost of teaching with real SDK objects, not of the loop alone.
        pai_step = statistics.median(pai["FunctionModel"]["ms"]) / pai["FunctionModel"]["steps"]
        print("\nratio, ms per step (fcplayground / pydantic-ai FunctionModel):")
        for name, ms in per_step.items():
            print(f"  {name:<34}{ms / pai_step:>6.1f}x")

    print(
        f"\nparallel tools: one turn asks for {FANOUT} calls, each sleeping {SLEEP * 1000:.0f} ms"
    )
    header = f"step tool wall ms (median of {REPEATS})"
    print(f"{'run(...)':<20}{header:>32}")
    seq = statistics.median(tool_wall(parallel=False) for _ in range(REPEATS))
    par = statistics.median(tool_wall(parallel=True) for _ in range(REPEATS))
    print(f"{'parallel=False':<20}{seq:>32.1f}")
    print(f"{'parallel=True':<20}{par:>32.1f}")
    print(f"speed-up {seq / par:.1f}x (ideal {FANOUT}x)")


if __name__ == "__main__":
    main()
