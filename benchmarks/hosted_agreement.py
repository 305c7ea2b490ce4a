"""How often the simulated model decides as real hosted models did, on recorded traffic.

The recordings in ``../shared/fixtures/recorded/`` (vcrpy YAML; see its ``SOURCES.md``) are
real HTTP calls to OpenAI Chat Completions, OpenAI Responses and Anthropic Messages, each
with the request body and the hosted model's reply. For every interaction whose request
offers tools, the request body is read by the offline provider's own parsers (the same
checks as ``fcplayground.offline.handler`` and ``wire.FORMATS[api].request_from_wire``),
``SimulatedModel().respond`` answers it, and its decision is compared with the recorded one
(read by ``turn_from_wire``, or ``turn_from_stream`` for SSE replies, which accumulates
tool-call deltas as an SDK does):

- call vs no call: both called some tool, or both answered in text only;
- names: the same tool names, as a multiset (order ignored);
- whole calls: the same names with equal arguments (JSON-normalised), as a multiset;
- whole calls, optional args: the same, but an argument the simulated model sent that the
  schema does not require and the recording omits is ignored.

Every interaction is its own request: an "opening" request has no tool results in it yet,
a "follow-up" carries the results of earlier calls (and the model usually answers in
text). Prints one table per API, an overall row, the same split by opening/follow-up, what
was skipped and why, and with ``--show N`` up to N disagreements (the request's last user
text, recorded calls, simulated calls).

    python benchmarks/hosted_agreement.py [--show N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from fcplayground import wire
from fcplayground.chat import ModelTurn, Request, ToolCall
from fcplayground.evals.bfcl import shared_dir
from fcplayground.evals.report import percent, table
from fcplayground.models import SimulatedModel
from fcplayground.offline.handler import CHECKS
from fcplayground.wire.openai_legacy import LegacyFormatError

API_NAMES = {
    "chat": "OpenAI Chat Completions",
    "responses": "OpenAI Responses",
    "anthropic": "Anthropic Messages",
}
MEASURES = ("call vs no call", "names", "whole calls", "whole calls, optional args")


@dataclass
class Case:
    """One recorded interaction that offers tools, with both decisions."""

    source: str  # file name and interaction index
    api: str
    stage: str  # "opening" or "follow-up"
    model: str
    request: Request
    recorded: ModelTurn
    simulated: ModelTurn
    streamed: bool


@dataclass
class Skip:
    source: str
    reason: str


def recorded_dir() -> Path:
    """The recorded fixtures folder; SystemExit with a message if it is not there."""
    path = shared_dir() / "fixtures" / "recorded"
    if not path.is_dir():
        raise SystemExit(
            f"Recorded fixtures not found: {path}. Set FCP_SHARED_DIR to the shared folder "
            "that contains fixtures/recorded/ (by default ../shared beside the repository)."
        )
    return path


def _text(raw: Any) -> str:
    """A vcrpy body as text: bytes (gzip-decompressed if need be) or a string."""
    if isinstance(raw, bytes):
        return (gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw).decode("utf-8")
    return raw if isinstance(raw, str) else ""


def _body(part: dict[str, Any]) -> Any:
    """A request or response body in any of the three storage styles: a dict for JSON,
    a string for anything else (SSE text)."""
    if "parsed_body" in part:
        return part["parsed_body"]
    raw = part.get("body")
    if isinstance(raw, dict):
        raw = raw.get("string")
    text = _text(raw)
    try:
        return json.loads(text)
    except ValueError:
        return text


def _is_stream(payload: dict[str, Any], body: Any) -> bool:
    return bool(payload.get("stream")) or isinstance(body, str)


def recorded_turn(api: str, payload: dict[str, Any], body: Any) -> ModelTurn:
    """What the hosted model answered, as a neutral turn."""
    fmt = wire.FORMATS[api]
    if isinstance(body, str):
        return fmt.turn_from_stream(body)
    if isinstance(body, dict):
        return fmt.turn_from_wire(body)
    raise ValueError(f"unreadable response body ({type(body).__name__})")


def load_case(
    source: str, interaction: dict[str, Any], model: SimulatedModel
) -> Case | Skip | None:
    """One interaction as a Case, a Skip (with why), or None if it offers no tools."""
    request_part, response_part = interaction["request"], interaction["response"]
    api = wire.ENDPOINTS.get(wire.endpoint(request_part.get("uri", "").split(".com", 1)[-1]))
    if api is None:
        return Skip(source, f"unknown endpoint {request_part.get('uri')}")
    payload = _body(request_part)
    if not isinstance(payload, dict):
        return Skip(source, "request body is not a JSON object")
    if not payload.get("tools"):
        return None
    status = (response_part.get("status") or {}).get("code", 200)
    if status != 200:
        return Skip(source, f"recorded response is HTTP {status}")
    if problem := CHECKS[api](payload):
        return Skip(source, f"offline checks reject the request: {problem.message}")
    try:
        request = wire.FORMATS[api].request_from_wire(payload)
    except LegacyFormatError as e:
        return Skip(source, f"request not readable: {e.message}")
    body = _body(response_part)
    try:
        recorded = recorded_turn(api, payload, body)
    except (ValueError, KeyError, TypeError) as e:
        return Skip(source, f"recorded response not readable: {type(e).__name__}: {e}")
    simulated = model.respond(request)
    stage = "follow-up" if any(m.tool_results for m in request.messages) else "opening"
    return Case(
        source,
        api,
        stage,
        str(payload.get("model", "")),
        request,
        recorded,
        simulated,
        _is_stream(payload, body),
    )


def load_all(folder: Path) -> tuple[list[Case], list[Skip], int]:
    """Every case and skip under ``folder``, and how many interactions offered no tools."""
    model = SimulatedModel()
    cases: list[Case] = []
    skips: list[Skip] = []
    no_tools = 0
    for path in sorted(folder.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for index, interaction in enumerate(data.get("interactions") or []):
            source = f"{path.relative_to(folder)}#{index}"
            try:
                found = load_case(source, interaction, model)
            except Exception as e:  # a broken recording or a model bug: report, go on
                found = Skip(source, f"{type(e).__name__}: {e}")
            if found is None:
                no_tools += 1
            elif isinstance(found, Skip):
                skips.append(found)
            else:
                cases.append(found)
    return cases, skips, no_tools


def _norm(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _required(request: Request, name: str) -> set[str] | None:
    """The required parameters of the offered tool ``name`` (None if not offered)."""
    for spec in request.tools:
        if spec.name == name:
            return set(spec.parameters.get("required") or [])
    return None


def _trimmed(call: ToolCall, like: ToolCall | None, request: Request) -> str:
    """``call``'s arguments without optional ones that ``like`` (the recorded call) omits."""
    args = call.arguments
    required = _required(request, call.name)
    if not isinstance(args, dict) or required is None:
        return _norm(args)
    keep = set(like.arguments) if like and isinstance(like.arguments, dict) else set()
    return _norm({k: v for k, v in args.items() if k in required or k in keep})


def _names(turn: ModelTurn) -> Counter[str]:
    return Counter(c.name for c in turn.tool_calls)


def _calls(turn: ModelTurn) -> Counter[tuple[str, str]]:
    return Counter((c.name, _norm(c.arguments)) for c in turn.tool_calls)


def _calls_optional(case: Case) -> bool:
    """Whole calls equal once optional simulated arguments the recording omits are dropped.
    Each simulated call is paired with the recorded call of its name in the same position."""
    recorded_by_name: dict[str, list[ToolCall]] = defaultdict(list)
    for call in case.recorded.tool_calls:
        recorded_by_name[call.name].append(call)
    seen: Counter[str] = Counter()
    simulated: Counter[tuple[str, str]] = Counter()
    for call in case.simulated.tool_calls:
        peers = recorded_by_name.get(call.name, [])
        like = peers[seen[call.name]] if seen[call.name] < len(peers) else None
        seen[call.name] += 1
        simulated[(call.name, _trimmed(call, like, case.request))] += 1
    return simulated == _calls(case.recorded)


def scores(case: Case) -> tuple[bool, bool, bool, bool]:
    """The four agreements of one case, in the order of MEASURES."""
    rec, sim = case.recorded, case.simulated
    return (
        bool(rec.tool_calls) == bool(sim.tool_calls),
        _names(rec) == _names(sim),
        _calls(rec) == _calls(sim),
        _calls_optional(case),
    )


def _row(label: str, group: list[Case]) -> tuple[str, ...]:
    if not group:
        return (label, "0", *("-" for _ in MEASURES))
    marks = [scores(c) for c in group]
    shares = [sum(m[i] for m in marks) / len(group) for i in range(len(MEASURES))]
    return (label, str(len(group)), *(percent(s) for s in shares))


def agreement_table(cases: list[Case], key: str, labels: dict[str, str]) -> str:
    """Agreement per value of ``key`` (an attribute of Case) and overall."""
    rows = [_row(labels[k], [c for c in cases if getattr(c, key) == k]) for k in labels]
    rows.append(_row("overall", cases))
    return table((key if key != "api" else "API", "n", *MEASURES), rows)


def _calls_text(turn: ModelTurn) -> str:
    if not turn.tool_calls:
        text = " ".join(turn.text.split())
        return f"(text) {text[:80]}{'...' if len(text) > 80 else ''}"
    return "; ".join(f"{c.name}({_norm(c.arguments)})" for c in turn.tool_calls)


def last_user_text(request: Request) -> str:
    for message in reversed(request.messages):
        if message.role == "user" and message.content.strip():
            text = " ".join(message.content.split())
            return text if len(text) <= 100 else text[:97] + "..."
    return "(no user text)"


def show_disagreements(cases: list[Case], limit: int) -> list[str]:
    """Up to ``limit`` cases that disagree on whole calls, a few lines each."""
    bad = [c for c in cases if not scores(c)[2]]
    lines = [f"Disagreements on whole calls: {len(bad)} (showing {min(limit, len(bad))})"]
    for case in bad[:limit]:
        agree = scores(case)
        lines += [
            f"- {case.source} [{API_NAMES[case.api]}, {case.model}, {case.stage}]"
            f" call/no call {'✓' if agree[0] else '✗'}, names {'✓' if agree[1] else '✗'}",
            f"    user:      {last_user_text(case.request)!r}",
            f"    choice:    {case.request.tool_choice!r}, tools offered: "
            + ", ".join(t.name for t in case.request.tools),
            f"    recorded:  {_calls_text(case.recorded)}",
            f"    simulated: {_calls_text(case.simulated)}",
        ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", type=int, default=0, help="print up to N disagreements")
    args = parser.parse_args(argv)
    folder = recorded_dir()
    cases, skips, no_tools = load_all(folder)
    streamed = sum(c.streamed for c in cases)
    print(f"Recorded traffic: {folder}")
    print(
        f"{len(cases) + len(skips) + no_tools} interactions: {len(cases)} compared "
        f"({streamed} of them streamed, read from SSE), {len(skips)} skipped, "
        f"{no_tools} offered no tools"
    )
    print()
    print(agreement_table(cases, "api", API_NAMES))
    print()
    print(agreement_table(cases, "stage", {"opening": "opening", "follow-up": "follow-up"}))
    if skips:
        print()
        print("Skipped:")
        for reason, count in Counter(s.reason for s in skips).most_common():
            print(f"  {count} x {reason}")
            print("    " + ", ".join(s.source for s in skips if s.reason == reason))
    if args.show:
        print()
        print("\n".join(show_disagreements(cases, args.show)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
