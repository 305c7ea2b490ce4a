"""``fcplayground serve`` under load, with and without hostile clients beside it.

Starts ``fcplayground serve`` (the simulated model) in a child process, so that the
clients here do not share its interpreter lock, and prints a table: requests per second
and p50/p99 latency for 20 clients x 25 small Chat Completions requests, each client on its
own keep-alive connection, run

- alone;
- beside one slowloris client (request headers sent a byte every 0.2 s, reconnecting each
  time the server drops it);
- beside one 3 MB request (a pasted document; one at a time, repeated while the clients run);
- beside both. The goal: p99 here within 2x the p99 alone.

    python benchmarks/serve_load.py [--clients 20] [--requests 25] [--big-mb 3]
                                    [--repeat 3] [--switch-interval SECONDS] [--unread]

``--unread`` makes the big request one the server reads and parses in full but the model
never sees (cut short of its closing brace, so a 400): the HTTP layer's own cost.
``--repeat`` runs the clients several times per scenario, after one uncounted warm-up
round, and reports the median p99 (the machine's other load makes a single p99 noisy).
``--switch-interval`` sets the server's ``sys.setswitchinterval`` (``fcplayground serve``
sets 1 ms; CPython's default is 5 ms): how long a CPU-bound thread, such as the model
reading the 3 MB request, may hold the interpreter before a thread with its reply ready
gets a turn.

Measured on a 2-core machine shared with other work (load 3-8, so single figures move by
+-50%): p99 in ms, its ratio to "alone" in the same run, and requests per second; each a
range over separate runs (4 at 1 ms, 3 at 5 ms), p99 the median of 3 rounds per run.

| switch interval | alone | beside slowloris | beside 3 MB | beside both |
|---|---|---|---|---|
| 1 ms (``fcplayground serve``) | 192-301 ms, 253-484/s | 161-194 ms (0.5-0.9x) | 216-373 ms (1.0-1.9x), 293-372/s | 264-345 ms (1.1-1.6x), 266-335/s |
| 5 ms (CPython's default) | 175-318 ms, 350-463/s | 185-390 ms (0.9-1.3x) | 655-1425 ms (2.1-6.6x), 111-188/s | 442-2168 ms (1.5-12x), 123-314/s |
| 5 ms, 3 MB unread (HTTP layer only) | 251 ms, 310/s | 271 ms (1.1x) | 244 ms (1.0x), 436/s | 204 ms (0.8x), 474/s |

Every request was answered in every run. The simulated model spends minutes on a 3 MB
document today (~25 s per 300 KB, mostly in its place and currency extractors), so the
3 MB request never finished during a run: those rows measure one thread grinding in the
model beside the others, and the interpreter lock's turn-taking, not the HTTP layer.
"""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

from fcplayground.offline.server import SWITCH_INTERVAL

SMALL = json.dumps(
    {
        "model": "gpt-5.4-mini",
        "messages": [{"role": "user", "content": "Weather in Paris?"}],
        "tools": [
            {
                "type": "function",
                "function": {
                    "name": "get_weather",
                    "description": "Returns the current weather for a city.",
                    "parameters": {
                        "type": "object",
                        "properties": {"city": {"type": "string"}},
                        "required": ["city"],
                    },
                },
            }
        ],
    }
)
PROSE = "The quick brown fox jumps over the lazy dog, and the dog sleeps on. "
SERVER = """
import sys
from fcplayground.offline import server
if sys.argv[1] != "default":
    server.SWITCH_INTERVAL = float(sys.argv[1])
server.serve(port=0, quiet=True, timeout=float(sys.argv[2]))
"""
HEADERS = {"Content-Type": "application/json"}


@dataclass
class Run:
    """What one scenario measured: each repeat's latencies."""

    name: str
    repeats: list[list[float]] = field(default_factory=list)
    failures: int = 0
    seconds: float = 0.0
    beside: list[str] = field(default_factory=list)

    @property
    def latencies(self) -> list[float]:
        return self.repeats[-1]

    def p99(self) -> float:
        """The median over repeats of each repeat's p99, in ms."""
        return statistics.median(1000 * percentile(r, 0.99) for r in self.repeats if r)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def start_server(
    switch_interval: float | None, timeout: float
) -> tuple[subprocess.Popen[str], int]:
    process = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(switch_interval or "default"), str(timeout)],
        stdout=subprocess.PIPE,
        text=True,
    )
    first = process.stdout.readline() if process.stdout else ""
    if "127.0.0.1:" not in first:
        process.kill()
        raise SystemExit(f"the server did not start: {first!r}")
    port = int(first.split("127.0.0.1:")[1].split()[0])
    # The model's first answer loads its tables (a unit registry among them, ~3 s): not measured.
    warm = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    warm.request("POST", "/v1/chat/completions", SMALL, HEADERS)
    warm.getresponse().read()
    warm.close()
    return process, port


def client(port: int, requests: int, run: Run, go: threading.Barrier) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    go.wait()
    for _ in range(requests):
        start = time.perf_counter()
        try:
            connection.request("POST", "/v1/chat/completions", SMALL, HEADERS)
            reply = connection.getresponse()
            reply.read()
            ok = reply.status == 200
        except OSError:
            ok = False
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        if ok:
            run.latencies.append(time.perf_counter() - start)
        else:
            run.failures += 1


def slowloris(port: int, stop: threading.Event, report: list[str]) -> None:
    """Headers a byte every 0.2 s; a new connection each time the server drops one."""
    report.append("slowloris: 1 connection")
    line, drops = len(report) - 1, 0
    while not stop.is_set():
        with socket.create_connection(("127.0.0.1", port)) as conn:
            conn.sendall(b"POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            try:
                while not stop.wait(0.2):
                    conn.sendall(b"X")
            except OSError:
                drops += 1
                report[line] = f"slowloris: dropped {drops}x at the timeout, reconnected"


def big_body(megabytes: float, unread: bool) -> str:
    """A request carrying a pasted document; ``unread``: one cut short of its closing brace,
    so the server reads and parses it all but the model never sees it (a 400)."""
    text = (PROSE * int(megabytes * 2**20 / len(PROSE) + 1))[: int(megabytes * 2**20)]
    body = json.dumps({"model": "gpt-5.4-mini", "messages": [{"role": "user", "content": text}]})
    return body[:-1] if unread else body


def big_requests(port: int, body: str, stop: threading.Event, report: list[str]) -> None:
    """One large request at a time, repeated until ``stop``."""
    megabytes = len(body) / 2**20
    report.append(f"{megabytes:.1f} MB request: none finished")
    done: list[str] = []
    while not stop.is_set():
        start = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        try:
            connection.request("POST", "/v1/chat/completions", body, HEADERS)
            status = connection.getresponse().status
        except OSError:  # the server was stopped under it, at the end of the scenario
            return
        done.append(f"{status} in {time.perf_counter() - start:.2f} s")
        connection.close()
        report[-1] = f"{megabytes:.1f} MB request x{len(done)}: {', '.join(done[:3])}"


def scenario(name: str, args: argparse.Namespace, beside: list[tuple]) -> Run:
    """The clients' figures, against a fresh server, with ``beside`` running too."""
    process, port = start_server(args.switch_interval, args.timeout)
    run, stop = Run(name), threading.Event()
    helpers = [
        threading.Thread(target=helper, args=(port, *extra, stop, run.beside), daemon=True)
        for helper, *extra in beside
    ]
    try:
        for helper in helpers:
            helper.start()
        time.sleep(0.5 if helpers else 0)  # let the hostile ones get going first
        warm_up = args.repeat > 1
        for _ in range(args.repeat + warm_up):
            run.repeats.append([])
            go = threading.Barrier(args.clients + 1)
            clients = [
                threading.Thread(target=client, args=(port, args.requests, run, go))
                for _ in range(args.clients)
            ]
            for thread in clients:
                thread.start()
            go.wait()
            start = time.perf_counter()
            for thread in clients:
                thread.join()
            run.seconds += time.perf_counter() - start
            if warm_up and not run.failures:
                # the first round warms the server's caches and threads: not counted
                run.repeats.clear()
                run.seconds, warm_up = 0.0, False
        stop.set()
        for helper in helpers:
            helper.join(timeout=2)  # a big request still being read is left behind
    finally:
        process.kill()
        process.wait()
    return run


def row(run: Run, baseline: float | None) -> str:
    every = [x for repeat in run.repeats for x in repeat]
    p50, p99 = 1000 * statistics.median(every), run.p99()
    ratio = f"{p99 / baseline:.1f}x" if baseline else "1.0x"
    answered = f"{len(every)}/{len(every) + run.failures}"
    return (
        f"| {run.name} | {answered} | {len(every) / run.seconds:.0f} | {p50:.1f} | "
        f"{p99:.1f} | {ratio} | {'; '.join(run.beside)} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=25)
    parser.add_argument("--big-mb", type=float, default=3.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--switch-interval",
        type=float,
        default=None,
        help="the server's sys.setswitchinterval (default: what fcplayground serve sets, 1 ms)",
    )
    parser.add_argument(
        "--unread",
        action="store_true",
        help="make the big request one the model never reads (cut short: a 400 after parsing)",
    )
    parser.add_argument("--timeout", type=float, default=10.0, help="the server's --timeout")
    args = parser.parse_args()
    big = (big_requests, big_body(args.big_mb, args.unread))
    runs = [
        scenario("alone", args, []),
        scenario("beside a slowloris client", args, [(slowloris,)]),
        scenario(f"beside a {args.big_mb:g} MB request", args, [big]),
        scenario("beside both", args, [(slowloris,), big]),
    ]
    interval = (args.switch_interval or SWITCH_INTERVAL) * 1000
    print(
        f"{args.clients} clients x {args.requests} requests, server switch interval "
        f"{interval:g} ms, p99: the median of {args.repeat} runs\n"
    )
    print("| scenario | answered | req/s | p50 ms | p99 ms | p99 vs alone | beside |")
    print("|---|---|---|---|---|---|---|")
    baseline = runs[0].p99()
    for index, run in enumerate(runs):
        print(row(run, baseline if index else None))


if __name__ == "__main__":
    main()
