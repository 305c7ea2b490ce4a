"""SimulatedModel: a deterministic stand-in for an LLM that reads tool descriptions.

It decides from the request alone, as a hosted model does: which tools fit (by the
words of their names, descriptions and parameters), the arguments (from the text and
from earlier results), whether calls can run together (dataflow), and, once results
are back, a short answer built from them. Each turn carries an :class:`Explanation`.
"""

from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from ...chat import Message, ModelTurn, NamedTool, Request, ToolCall, ToolResult, ToolSpec, Usage
from ..plain import count_tokens
from .arguments import Argument, Filled, fill
from .explain import Explanation, PlannedCall
from .injection import Injection, emails, scan
from .kinds import param_kind
from .planner import THRESHOLD, Plan, fill_intent, plan, producer, score
from .words import terms


@dataclass
class _Conversation:
    """What the latest request asks, and the calls made for it so far."""

    text: str
    done: list[tuple[ToolCall, ToolResult | None]] = field(default_factory=list)
    results: list[tuple[str, Any]] = field(default_factory=list)  # newest first

    @classmethod
    def read(cls, messages: list[Message]) -> _Conversation:
        users = [i for i, m in enumerate(messages) if m.role == "user"]
        if not users:
            return cls("")
        last = users[-1]
        text = messages[last].content
        asked = (
            last > 0
            and messages[last - 1].role == "assistant"
            and messages[last - 1].content.endswith("?")
        )
        if asked and len(users) > 1:  # the user answers our question: read both together
            text = f"{messages[users[-2]].content} {text}"
        by_id = {r.call_id: r for m in messages for r in m.tool_results}
        done = [(c, by_id.get(c.id)) for m in messages[last:] for c in m.tool_calls]
        results = [
            (c.name, _parse(by_id[c.id].content))
            for m in reversed(messages)
            for c in reversed(m.tool_calls)
            if c.id in by_id and not by_id[c.id].is_error
        ]
        return cls(text, done, results)


def _parse(content: str) -> Any:
    try:
        return json.loads(content)
    except ValueError:
        return content


class SimulatedModel:
    """An offline model whose choices follow the tool descriptions, and say why.

    >>> model = SimulatedModel()
    >>> turn = model.respond(request)        # a neutral ModelTurn
    >>> print(turn.explanation)              # scores, argument sources, the decision

    ``threshold`` is the relevance score a tool needs before the model calls it.
    Instructions found inside tool results are data, not requests: the model ignores
    them and notes it. ``naive=True`` makes it follow them instead (one call per email
    address it has seen), to show a prompt injection offline.
    The model keeps its recent turns so that :meth:`explain` can find the reasons
    for a response an SDK returned.
    """

    name = "simulated-model"

    def __init__(
        self, threshold: float = THRESHOLD, history: int = 256, naive: bool = False
    ) -> None:
        self.threshold = threshold
        self.naive = naive
        self._turns: deque[ModelTurn] = deque(maxlen=history)

    # -- the public face ----------------------------------------------------------------

    def respond(self, request: Request) -> ModelTurn:
        """Decide the next turn for ``request``."""
        conversation = _Conversation.read(request.messages)
        turn = self._decide(request, conversation)
        turn.usage = Usage(count_tokens(request), count_tokens(turn.text + str(turn.tool_calls)))
        self._turns.append(turn)
        return turn

    def explain(self, response: Any = None) -> Explanation:
        """The explanation for a response (an SDK object or a turn id), or the latest."""
        if not self._turns:
            raise LookupError("The simulated model has not answered any request yet.")
        wanted = getattr(response, "id", response)
        for turn in reversed(self._turns):
            if wanted is None or turn.id == wanted:
                return turn.explanation
        raise LookupError(f"No recent turn of this model has the id {wanted!r}.")

    @property
    def last_explanation(self) -> Explanation | None:
        return self._turns[-1].explanation if self._turns else None

    # -- deciding -----------------------------------------------------------------------

    def _decide(self, request: Request, conv: _Conversation) -> ModelTurn:
        if not conv.text.strip():
            return _say(
                "How can I help?", Explanation("", decision="no user message: nothing to do")
            )
        tools = request.tools
        choice = request.tool_choice or "auto"
        if isinstance(choice, NamedTool):
            tools = [t for t in tools if t.name == choice.name]
        p = plan(conv.text, tools, 0.0 if isinstance(choice, NamedTool) else self.threshold)
        why = Explanation(conv.text, p.scores, self.threshold, notes=list(p.notes))
        if choice == "none" or not request.tools:
            return self._without_tools(request, conv, p, why)
        planned = self._planned(p, conv, why)
        ready = [c for c in planned if c.status == "call"] + self._injected(request, conv, why)
        if not request.allows_parallel and len(ready) > 1:
            for c in ready[1:]:
                c.status, c.reason = "waits", "parallel calls are off: one call per turn"
            ready = ready[:1]
        if ready:
            why.decision = _calls_decision(ready, planned)
            return ModelTurn(
                tool_calls=[ToolCall(c.tool, c.arguments) for c in ready], explanation=why
            )
        forced = choice == "required" or isinstance(choice, NamedTool)
        if forced:
            return self._forced(request, p, planned, why, choice)
        if asking := [c for c in planned if c.status == "asks"]:
            return _say(
                _question(asking[0], request),
                why,
                f"asks for {', '.join(asking[0].guessed) or 'a missing value'}",
            )
        if conv.done:
            why.decision = "all planned calls have results: answers from them"
            return _say(_answer(conv.done), why)
        return _say(_no_tool(request, p), why, "no tool fits the request well enough: no call")

    def _planned(self, p: Plan, conv: _Conversation, why: Explanation) -> list[PlannedCall]:
        """Every call the plan needs, each marked called / already done / waits / asks."""
        grouped = [(intent, fill_intent(p, intent, conv.results)) for intent in p.intents]
        calls: list[tuple[ToolSpec, Filled]] = [
            (intent.tool, filled) for intent, fills in grouped for filled in fills
        ]
        # An intent after "then" waits until every call before it has a result.
        barrier: dict[int, str] = {}
        for i, (intent, fills) in enumerate(grouped):
            if intent.after and i:
                earlier = {t.tool.name for t, _ in grouped[:i]}
                for f in fills:
                    barrier[id(f)] = ", ".join(sorted(earlier))
        texts = {id(f): p.span(intent) for intent, fills in grouped for f in fills}
        _share(calls, texts)
        done = list(conv.done)
        out: list[PlannedCall] = []
        pending_before = False  # an earlier planned call that has no result yet
        for spec, filled in calls:
            call = _planned_call(spec, filled)
            match = next(
                (d for d in done if d[0].name == spec.name and d[0].arguments == call.arguments),
                None,
            )
            match = match or next((d for d in done if d[0].name == spec.name), None)
            if match is not None:
                done.remove(match)
                result = match[1]
                if (
                    result is not None
                    and result.is_error
                    and _fixable(spec, match[0], result, call, conv)
                ):
                    call.status, call.reason = (
                        "call",
                        f"retries after the error: {result.content.splitlines()[0]}",
                    )
                else:
                    call.status = "already done"
            elif id(filled) in barrier and pending_before:
                call.status = "waits"
                call.reason = f"the request says to do it after {barrier[id(filled)]}"
            elif filled.missing:
                source = next(
                    (s for m in filled.missing if (s := producer(m, spec, [t for t, _ in calls]))),
                    None,
                )
                if source is None and set(filled.missing) <= set(filled.refers):
                    # "email her the answer": the answer is a result still to come
                    source = next((t for t, _ in calls if t.name != spec.name), None)
                if source is not None and not any(d[0].name == source.name for d in conv.done):
                    call.status, call.reason = (
                        "waits",
                        f"needs {', '.join(filled.missing)} from the result of {source.name}",
                    )
                else:
                    call.status, call.reason = (
                        "asks",
                        f"{', '.join(filled.missing)} not in the request",
                    )
                    call.guessed = list(filled.missing)
            else:
                call.status = "call"
            pending_before = pending_before or call.status != "already done"
            out.append(call)
        why.calls = out
        return out

    def _injected(
        self, request: Request, conv: _Conversation, why: Explanation
    ) -> list[PlannedCall]:
        """An instruction inside a tool result: noted and ignored, or (naive) followed."""
        found = scan(conv.results)
        if not found:
            return []
        first = found[0]
        if not self.naive:
            why.notes.append(
                "ignored an instruction inside a tool result (data, not a request): the "
                f"result of {first.tool} says {first.quote!r}"
            )
            return []
        followed = (
            f"naive mode: followed an instruction found inside the result of {first.tool}: "
            f"{first.quote!r}"
        )
        spec = _sender(request.tools, first)
        if spec is None or first.message is None:
            why.notes.append(
                f"naive mode: found an instruction inside the result of {first.tool} but "
                f"no message or no tool to send it with: {first.quote!r}"
            )
            return []
        props = list(spec.parameters.get("properties", {}))
        to = next(n for n in props if "email" in n or _kind(spec, n) == "email")
        body = next(n for n in props if n in _BODY_NAMES)
        out = []
        for address in dict.fromkeys(emails(conv.results) + first.addresses):
            arguments: dict[str, Any] = {to: address}
            sources = {to: "an email address seen in the conversation (naive mode)"}
            if "subject" in props:
                arguments["subject"] = _INJECTED_SUBJECT
                sources["subject"] = "made up to carry the injected message (naive mode)"
            arguments[body] = first.message
            sources[body] = f"the quoted text of the instruction in the result of {first.tool}"
            if any(c.name == spec.name and c.arguments == arguments for c, _ in conv.done):
                continue
            out.append(PlannedCall(spec.name, arguments, sources, "call", followed))
        why.notes.append(followed)
        why.calls += out
        return out

    def _without_tools(
        self, request: Request, conv: _Conversation, p: Plan, why: Explanation
    ) -> ModelTurn:
        if conv.done:
            why.decision = "tool_choice is 'none': answers from the results so far"
            return _say(_answer(conv.done), why)
        if not request.tools:
            why.decision = "no tools were offered: answers in words"
            return _say(
                "I have no tools to help with that, so I can only answer in words: I am a simulated model and know nothing beyond the tools I am given.",
                why,
            )
        useful = [i.tool.name for i in p.intents]
        why.decision = "tool_choice is 'none': no call" + (
            f" (would have used {', '.join(useful)})" if useful else ""
        )
        hint = f" With {useful[0]} I could look that up, if tools were allowed." if useful else ""
        return _say("I was asked not to use tools for this reply." + hint, why)

    def _forced(
        self, request: Request, p: Plan, planned: list[PlannedCall], why: Explanation, choice: Any
    ) -> ModelTurn:
        """tool_choice required / a named tool: call something, guessing what is missing."""
        pending = [c for c in planned if c.status in ("asks", "waits")]
        if pending:
            call = pending[0]
        else:
            name = choice.name if isinstance(choice, NamedTool) else p.scores[0].name
            spec = next(t for t in request.tools if t.name == name)
            call = _planned_call(spec, fill(spec, p.text, p.mentions, [])[0])
            why.calls.append(call)
            call.guessed = [
                n for n in spec.parameters.get("required", []) if n not in call.arguments
            ]
        spec = next(t for t in request.tools if t.name == call.tool)
        for name in list(call.guessed) or [
            n for n in spec.parameters.get("required", []) if n not in call.arguments
        ]:
            prop = spec.parameters.get("properties", {}).get(name, {})
            call.arguments[name] = _guess(name, prop, p.text)
            call.sources[name] = "not in the request: a forced call guesses it"
            if name not in call.guessed:
                call.guessed.append(name)
        call.status = "called"
        call.reason = f"tool_choice {'names ' + choice.name if isinstance(choice, NamedTool) else 'is required'}: a call is forced"
        why.decision = f"forced to call {call.tool}" + (
            f", guessing {', '.join(call.guessed)}" if call.guessed else ""
        )
        return ModelTurn(tool_calls=[ToolCall(call.tool, call.arguments)], explanation=why)


# -- helpers ----------------------------------------------------------------------------


def _share(calls: list[tuple[ToolSpec, Filled]], texts: dict[int, str]) -> None:
    """Values said once serve several calls: the same parameter of another call ("the
    median and the variance of 3, 4, 5", "the same day"), or another call's parameter
    the request names ("flights to Rome and the weather at the destination")."""
    for i, (own, filled) in enumerate(calls):
        others = [(s, c) for s, c in reversed(calls[:i])] + list(calls[i + 1 :])
        said = set(terms(texts.get(id(filled), "")))
        for name in list(filled.missing):
            donor = next(((s, c) for s, c in others if name in c.arguments), None)
            key = name
            kind = _kind(own, name)
            if donor is None:  # "at the destination": another call's argument, by its name
                donor, key = next(
                    (
                        ((s, c), other)
                        for s, c in others
                        for other in c.arguments
                        if set(terms(other.replace("_", " "))) & said - {"find"}
                        and _kind(s, other) == kind
                    ),
                    (None, name),
                )
            if donor is not None:
                spec, call = donor
                source = call.arguments[key]
                why = "said once for several calls" if key == name else f"the {key} of {spec.name}"
                filled.arguments[name] = Argument(source.value, f"{source.source} ({why})")
                filled.missing.remove(name)


_BODY_NAMES = {"body", "message", "text", "content"}
_INJECTED_SUBJECT = "Important notice about your account"


def _sender(tools: list[ToolSpec], injection: Injection) -> ToolSpec | None:
    """The tool that can send the injected message: the one the text names, else any
    tool with an email parameter and a body parameter."""
    able = [
        t
        for t in tools
        if set(t.parameters.get("properties", {})) & _BODY_NAMES
        and any("email" in n or _kind(t, n) == "email" for n in t.parameters.get("properties", {}))
    ]
    return next((t for t in able if t.name in injection.text), able[0] if able else None)


def _kind(spec: ToolSpec, name: str) -> str:
    return param_kind(name, spec.parameters.get("properties", {}).get(name, {}))


def _planned_call(spec: ToolSpec, filled: Filled) -> PlannedCall:
    order = list(spec.parameters.get("properties", {}))
    found = sorted(
        filled.arguments.items(),
        key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order),
    )
    return PlannedCall(
        spec.name,
        {k: a.value for k, a in found},
        {k: a.source for k, a in found},
        "call",
        guessed=[k for k, a in filled.arguments.items() if a.guessed],
    )


def _fixable(
    spec: ToolSpec, call: ToolCall, result: ToolResult, plan_call: PlannedCall, conv: _Conversation
) -> bool:
    """Retry once when the error names an argument and the new arguments differ."""
    tries = sum(1 for c, _ in conv.done if c.name == spec.name)
    if tries > 1 or "argument" not in result.content:
        return False
    unexpected = [
        k
        for k in plan_call.arguments
        if f"'{k}'" in result.content and "unexpected" in result.content
    ]
    for k in unexpected:
        del plan_call.arguments[k]
        plan_call.sources.pop(k, None)
    return plan_call.arguments != call.arguments and not [
        n for n in spec.parameters.get("required", []) if n not in plan_call.arguments
    ]


def _guess(name: str, prop: dict[str, Any], text: str) -> Any:
    kind = param_kind(name, prop)
    if kind == "enum":
        return prop["enum"][0]
    return {"number": 0, "bool": False, "array": [], "object": {}}.get(kind, text.strip()[:80])


def _calls_decision(ready: list[PlannedCall], planned: list[PlannedCall]) -> str:
    names = ", ".join(c.tool for c in ready)
    waiting = [c for c in planned if c.status == "waits"]
    text = f"calls {names}" + (" in parallel: each has all its arguments" if len(ready) > 1 else "")
    if waiting:
        text += "; " + "; ".join(f"{c.tool} waits ({c.reason})" for c in waiting)
    return text


def _say(text: str, why: Explanation, decision: str | None = None) -> ModelTurn:
    if decision:
        why.decision = decision
    return ModelTurn(text=text, explanation=why)


def _question(call: PlannedCall, request: Request) -> str:
    spec = request.tool(call.tool)
    props = spec.parameters.get("properties", {}) if spec else {}
    asks = []
    for name in call.guessed:
        described = str(props.get(name, {}).get("description", "")).rstrip(".")
        asks.append(f"{name.replace('_', ' ')}" + (f" ({described})" if described else ""))
    return f"I can do that with {call.tool}, but I need the {' and the '.join(asks)}. What should I use?"


def _no_tool(request: Request, p: Plan) -> str:
    names = ", ".join(t.name for t in request.tools)
    return f"None of my tools fits that request, so I haven't called any. The tools I have are: {names}."


def _summary(content: str, limit: int = 300) -> str:
    data = _parse(content)
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


def _answer(done: list[tuple[ToolCall, ToolResult | None]]) -> str:
    lines = []
    for call, result in done:
        args = (
            ", ".join(f"{k}={_short(v)}" for k, v in call.arguments.items())
            if isinstance(call.arguments, dict)
            else ""
        )
        label = f"{call.name}({args})"
        if result is None:
            lines.append(f"{label} has no result yet.")
        elif result.is_error:
            reason = result.content.splitlines()[0] if result.content else "no details"
            reason = reason.removeprefix(f"{call.name} failed: ")  # the registry says it already
            lines.append(f"{label} failed: {reason}")
        else:
            lines.append(f"{label} returned {_summary(result.content)}")
    if len(lines) == 1:
        return f"Here is what I found: {lines[0]}"
    return "Here is what I found:\n" + "\n".join(f"- {line}" for line in lines)


__all__ = ["Argument", "SimulatedModel", "score"]
