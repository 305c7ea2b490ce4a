"""Heeding: what the system prompt's tool-use rules (see :mod:`.policies`) do to a plan.

After planning, each rule may change what becomes of a call, and says so in the
explanation (a :class:`~.explanation.RuleRecord` per rule):

- **ask for values**: a call whose required value the model would write itself or take
  as a default asks for it instead (a search query is the user's own words: it is kept);
  once the user has answered a question of the model, the values are theirs;
- **tools only for** a topic: a call is made only when its tool's name or description,
  or the request, speaks of the topic; the others are off topic, and the turn answers in
  words;
- **confirm first**: a call that changes something (its tool creates, sends, deletes,
  updates, ...) and that the rule covers waits for the user's yes; a "yes, send it" to
  the model's question lets it through.
"""

from __future__ import annotations

from dataclasses import replace

from ...chat import ModelTurn
from .explanation import Explanation, PlannedCall, RuleRecord
from .policies import ACTION_VERBS, Policy, PolicyKind, negated, read_policies
from .profiles import ToolProfile
from .reading import FollowUp, Reading
from .vocabulary import Outcome, Source, Status
from .words import identifier_terms, split_identifier, terms

_ASSUMED = {Source.COMPOSED, Source.COMPOSED_FROM_RESULTS, Source.DEFAULT}
_USERS_WORDS = {"query", "q", "search", "keyword", "keywords", "term", "terms", "question",
                "prompt", "text", "phrase", "input", "words"}  # fmt: skip
_YES = {"yes", "yep", "yeah", "yup", "sure", "ok", "okay", "confirmed", "confirm", "correct",
        "approved", "go", "please", "do", "send", "proceed", "absolutely", "definitely",
        "fine", "alright", "continue"}  # fmt: skip
_PENDING = (Status.READY, Status.RETRY, Status.WAITS, Status.ASKS)


def affirmative(said: str) -> bool:
    """Does the user's turn say yes ("yes, send it", "go ahead", "OK")?"""
    ws = [w.strip("'") for w in said.lower().replace(",", " ").split()]
    return (
        bool(ws)
        and ws[0].strip("!.") in _YES
        and not any(negated(ws, i) for i in range(len(ws) + 1))
    )


def reread(reading: Reading) -> Reading:
    """With a confirm-first rule, a yes to the model's question is the request it asked
    about, gone on with ("yes, send it" adds nothing to what is sent)."""
    if (
        read_policies(reading.system).get(PolicyKind.CONFIRM_FIRST) is None
        or reading.followup != FollowUp.ANSWER
        or not affirmative(reading.said)
        or not reading.text.endswith(" " + reading.said)
    ):
        return reading
    text = reading.text[: -len(reading.said) - 1]
    notes = [*reading.notes, "the user said yes to the model's question: the request goes on"]
    return replace(reading, text=text, followup=FollowUp.CONTINUE, notes=notes)


def heed(reading: Reading, profiles: list[ToolProfile], why: Explanation) -> None:
    """Apply the system prompt's rules to the planned calls in ``why``, recording each."""
    rules = read_policies(reading.system)
    if not rules:
        return
    by_name = {p.name: p for p in profiles}
    # whatever order the prompt says them in: off-topic calls first (they are not made at
    # all), then missing values, then confirmation of a call whose values are all known
    for rule in sorted(rules.rules, key=lambda r: list(_EFFECTS).index(r.kind)):
        why.rules.append(_EFFECTS[rule.kind](rule, reading, by_name, why.calls))


def _on_topic(
    rule: Policy, reading: Reading, by_name: dict[str, ToolProfile], calls: list[PlannedCall]
) -> RuleRecord:
    record = RuleRecord(rule.kind, rule.said, topic=rule.topic)
    if rule.scope & set(terms(reading.text)):
        record.detail = f"the request speaks of {rule.topic}: tools may be used"
        return record
    for call in calls:
        profile = by_name.get(call.tool)
        if call.status not in _PENDING or profile is None:
            continue
        if not rule.scope & (profile.name_terms | profile.core):
            call.status, call.reason = Status.OFF_TOPIC, f"tools are only for {rule.topic}"
            record.changed.append(call.tool)
    return record


def _ask_for_values(
    rule: Policy, reading: Reading, by_name: dict[str, ToolProfile], calls: list[PlannedCall]
) -> RuleRecord:
    record = RuleRecord(rule.kind, rule.said)
    if reading.followup in (FollowUp.ANSWER, FollowUp.CONTINUE):
        record.detail = "the user has answered the model's question: the values are theirs"
        return record
    for call in calls:
        profile = by_name.get(call.tool)
        if call.status not in (Status.READY, Status.RETRY) or profile is None:
            continue
        assumed = [
            name
            for name, source in call.evidence.items()
            if source.source in _ASSUMED
            and (slot := profile.slot(name)) is not None
            and slot.required
            and not set(split_identifier(name)) & _USERS_WORDS
        ]
        if assumed:
            call.status, call.guessed = Status.ASKS, assumed
            call.reason = f"the system prompt says to ask for {', '.join(assumed)}, not assume"
            record.changed.append(call.tool)
    return record


def _confirm_first(
    rule: Policy, reading: Reading, by_name: dict[str, ToolProfile], calls: list[PlannedCall]
) -> RuleRecord:
    record = RuleRecord(rule.kind, rule.said)
    if reading.followup == FollowUp.CONTINUE and affirmative(reading.said):
        record.detail = f"the user said yes ({reading.said!r}): the calls go ahead"
        return record
    for call in calls:
        profile = by_name.get(call.tool)
        if call.status not in (Status.READY, Status.RETRY) or profile is None:
            continue
        if changes(profile) and (rule.any_change or covers(rule, profile)):
            call.status, call.reason = Status.CONFIRMS, "the system prompt asks to confirm it first"
            record.changed.append(call.tool)
    return record


def changes(profile: ToolProfile) -> bool:
    """Does the tool change something (its name says it creates, sends, deletes, ...)?"""
    named = set(identifier_terms(profile.name)) | set(split_identifier(profile.name))
    return profile.sends or (not profile.reads and (profile.writes or bool(named & ACTION_VERBS)))


def covers(rule: Policy, profile: ToolProfile) -> bool:
    """Does a confirmation rule name what the tool does ("before sending email" for
    send_response, whose name and description say send and email)?"""
    return bool(rule.actions & (profile.name_terms | profile.core))


_EFFECTS = {
    PolicyKind.TOOLS_ONLY_FOR: _on_topic,
    PolicyKind.ASK_FOR_VALUES: _ask_for_values,
    PolicyKind.CONFIRM_FIRST: _confirm_first,
}


def policy_turn(why: Explanation) -> ModelTurn | None:
    """The words of a turn the rules held every call back from: a request to confirm, or
    an answer that tools are for another topic (None when no rule held a call)."""
    if held := [c for c in why.calls if c.status == Status.CONFIRMS]:
        why.outcome = Outcome.CONFIRMS
        plans = "; ".join(f"{c.tool} with {_arguments(c)}" for c in held)
        text = (f"Before I go ahead, please confirm: I would call {plans}. My instructions "
                "say to check with you before doing that. Shall I go ahead?")  # fmt: skip
        return ModelTurn(text=text, explanation=why)
    if off := [c for c in why.calls if c.status == Status.OFF_TOPIC]:
        why.outcome = Outcome.OFF_TOPIC
        rule = why.rule(PolicyKind.TOOLS_ONLY_FOR)
        said = f" ({rule.said!r})" if rule else ""
        names = ", ".join(dict.fromkeys(c.tool for c in off))
        text = (f"My instructions keep my tools for another topic{said}, and this request is "
                f"outside it, so I haven't called {names}. I am a simulated model and cannot "
                "answer it from memory.")  # fmt: skip
        return ModelTurn(text=text, explanation=why)
    return None


def _arguments(call: PlannedCall) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in call.arguments.items()) or "no arguments"


__all__ = ["affirmative", "changes", "covers", "heed", "policy_turn", "reread"]
