"""Responding: the plan made into a turn, as a hosted model would give it.

Calls when some are ready; a forced call (``tool_choice`` required or a named tool) with
its guesses marked; a question when a fact is missing; an answer from the results when
every call is done; otherwise words: no tool fits, tools are off, or none were offered.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ...chat import ModelTurn, NamedTool, Request, ToolCall, ToolResult
from . import forcing
from .explanation import ArgumentRecord, Explanation, PlannedCall
from .planning import Planned
from .reading import Done, Reading, parse
from .vocabulary import Kind, Outcome, Source, Status

_SMALL_TALK = re.compile(
    r"^\s*(?:hi|hello|hey|thanks?(?: you)?(?: so much| a lot)?|thank you|cheers|good (?:morning|afternoon|evening|night)|"
    r"bye|goodbye|see you|ok(?:ay)?|cool|great|nice|awesome|how are you|who are you|what(?:'s| is) your name)\b[\s!.?,]*(?:there|again|friend)?[\s!.?]*$",
    re.I,
)


def record(p: Planned) -> PlannedCall:
    """The explanation's record of one planned call."""
    call = p.call
    evidence = {
        name: ArgumentRecord(a.source, a.detail, a.guessed)
        for name, a in sorted(call.arguments.items(), key=lambda kv: _order(call, kv[0]))
    }
    return PlannedCall(
        call.profile.name,
        call.values,
        evidence,
        p.status,
        p.reason,
        list(p.guessed),
        list(p.waits_on),
    )


def _order(call, name: str) -> int:
    names = [s.name for s in call.profile.slots]
    return names.index(name) if name in names else len(names)


def calls_turn(ready: list[PlannedCall], why: Explanation) -> ModelTurn:
    why.outcome = Outcome.CALLS
    return ModelTurn(
        tool_calls=[ToolCall(c.tool, dict(c.arguments)) for c in ready], explanation=why
    )


def say(text: str, why: Explanation, outcome: Outcome) -> ModelTurn:
    why.outcome = outcome
    return ModelTurn(text=text, explanation=why)


def question(call: PlannedCall, request: Request) -> str:
    spec = request.tool(call.tool)
    props = spec.parameters.get("properties", {}) if spec else {}
    asks = []
    for name in call.guessed:
        described = str(props.get(name, {}).get("description", "")).rstrip(".")
        asks.append(name.replace("_", " ") + (f" ({described})" if described else ""))
    return f"I can do that with {call.tool}, but I need the {' and the '.join(asks)}. What should I use?"


def no_tool(request: Request, reading: Reading) -> tuple[str, Outcome]:
    if _SMALL_TALK.match(reading.said or reading.text):
        return _small_talk(reading.said or reading.text), Outcome.SMALL_TALK
    names = ", ".join(t.name for t in request.tools)
    return (
        f"None of my tools fits that request, so I haven't called any. The tools I have are: {names}.",
        Outcome.NO_TOOL,
    )


def _small_talk(text: str) -> str:
    low = text.lower()
    if "thank" in low or "cheers" in low:
        return "You're welcome!"
    if "name" in low or "who are you" in low:
        return "I'm a simulated model: I choose tools by reading their descriptions."
    if "bye" in low or "see you" in low:
        return "Goodbye!"
    return "Hello! How can I help?"


def answer(done: list[Done]) -> str:
    """What the calls found, one line each (failures say why)."""
    lines = []
    for d in done:
        call, result = d.call, d.result
        args = (
            ", ".join(f"{k}={_short(v)}" for k, v in call.arguments.items())
            if isinstance(call.arguments, dict)
            else ""
        )
        label = f"{call.name}({args})"
        lines.append(_line(label, call, result))
    if len(lines) == 1:
        return f"Here is what I found: {lines[0]}"
    return "Here is what I found:\n" + "\n".join(f"- {line}" for line in lines)


def _line(label: str, call: ToolCall, result: ToolResult | None) -> str:
    if result is None:
        return f"{label} has no result yet."
    if result.is_error:
        reason = result.content.splitlines()[0] if result.content else "no details"
        return f"{label} failed: {reason.removeprefix(f'{call.name} failed: ')}"
    return f"{label} returned {_summary(result.content)}"


def _summary(content: str, limit: int = 300) -> str:
    data = parse(content)
    if isinstance(data, dict):
        text = "; ".join(f"{k.replace('_', ' ')}: {_short(v)}" for k, v in list(data.items())[:8])
    elif isinstance(data, list):
        text = f"{len(data)} item{'s' if len(data) != 1 else ''}" + (
            f", first: {_short(data[0])}" if data else ""
        )
    else:
        text = str(data)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:79] + "…"


def forced(
    request: Request, planned: list[PlannedCall], fallback: PlannedCall | None, why: Explanation
) -> ModelTurn:
    """tool_choice required / a named tool: call something, guessing what is missing."""
    choice = request.tool_choice
    call = next((c for c in planned if c.status in (Status.ASKS, Status.WAITS)), None) or fallback
    if call is None:
        return say("I was asked to call a tool, but no tool was offered.", why, Outcome.NO_TOOL)
    spec = request.tool(call.tool)
    props = spec.parameters.get("properties", {}) if spec else {}
    for name in [
        n for n in (spec.parameters.get("required", []) if spec else []) if n not in call.arguments
    ]:
        call.arguments[name] = forcing.guess(call.tool, name, props.get(name, {}), why.request)
        call.evidence[name] = ArgumentRecord(Source.GUESS, guessed=True)
        if name not in call.guessed:
            call.guessed.append(name)
    call.arguments = forcing.in_schema_order(call.arguments, spec.parameters if spec else {})
    call.status = Status.READY
    named = isinstance(choice, NamedTool)
    call.reason = (
        f"tool_choice {'names ' + choice.name if named else 'is required'}: a call is forced"
    )
    if call not in why.calls:
        why.calls.append(call)
    why.outcome = Outcome.FORCED
    return ModelTurn(tool_calls=[ToolCall(call.tool, dict(call.arguments))], explanation=why)


__all__ = ["Kind", "answer", "calls_turn", "forced", "no_tool", "question", "record", "say"]
