"""Naive mode: following an instruction found inside a tool result, to show a prompt
injection offline (``SimulatedModel(naive=True)``). The default model notes the
instruction and ignores it: a result is data, not a request."""

from __future__ import annotations

from typing import Any

from ...chat import ToolSpec
from .explanation import ArgumentRecord, Explanation, PlannedCall
from .injection import Injection, emails, scan
from .profiles import profile
from .reading import Reading
from .vocabulary import Kind, Source, Status

_BODY_NAMES = {"body", "message", "text", "content"}
_INJECTED_SUBJECT = "Important notice about your account"


def injected(
    reading: Reading, tools: list[ToolSpec], naive: bool, why: Explanation
) -> list[PlannedCall]:
    """An instruction inside a tool result: noted and ignored, or (naive) followed."""
    results = [(r.tool, r.data) for r in reading.successful]
    found = scan(results)
    if not found:
        return []
    first = found[0]
    if not naive:
        why.notes.append(
            f"ignored an instruction inside a tool result (data, not a request): the result of {first.tool} says {first.quote!r}"
        )
        return []
    spec = _sender(tools, first)
    if spec is None or first.message is None:
        why.notes.append(
            f"naive mode: found an instruction inside the result of {first.tool} but no message or no tool to send it with: {first.quote!r}"
        )
        return []
    followed = f"naive mode: followed an instruction found inside the result of {first.tool}: {first.quote!r}"
    props = list(spec.parameters.get("properties", {}))
    to = next(n for n in props if "email" in n or _kind(spec, n) == Kind.EMAIL)
    body = next(n for n in props if n in _BODY_NAMES)
    done = [(d.call.name, d.call.arguments) for d in reading.done]
    out = []
    for address in dict.fromkeys(emails(results) + first.addresses):
        arguments: dict[str, Any] = {to: address}
        evidence = {
            to: ArgumentRecord(Source.INJECTED, "an email address seen in the conversation")
        }
        if "subject" in props:
            arguments["subject"] = _INJECTED_SUBJECT
            evidence["subject"] = ArgumentRecord(
                Source.INJECTED, "made up to carry the injected message"
            )
        arguments[body] = first.message
        evidence[body] = ArgumentRecord(
            Source.INJECTED, f"the quoted text of the instruction in the result of {first.tool}"
        )
        if (spec.name, arguments) not in done:
            out.append(PlannedCall(spec.name, arguments, evidence, Status.READY, followed))
    why.notes.append(followed)
    why.calls += out
    return out


def _sender(tools: list[ToolSpec], injection: Injection) -> ToolSpec | None:
    """The tool that can send the injected message: the one the text names, else any tool
    with an email parameter and a body parameter."""
    able = [t for t in tools if set(t.parameters.get("properties", {})) & _BODY_NAMES
            and any("email" in n or _kind(t, n) == Kind.EMAIL for n in t.parameters.get("properties", {}))]  # fmt: skip
    return next((t for t in able if t.name in injection.text), able[0] if able else None)


def _kind(spec: ToolSpec, name: str) -> Kind | None:
    slot = profile(spec).slot(name)
    return slot.kind if slot else None
