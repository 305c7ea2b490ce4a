"""The policies stage on its own: ``read_policies(system)`` finds the tool-use rules a
system prompt sets (ask instead of assuming, tools only for a topic, confirm before an
action), by meaning, in the wordings a learner would write, and finds none in prompts
that set no such rule."""

from __future__ import annotations

import threading

import pytest

from fcplayground.models.simulated.policies import PolicyKind, read_policies
from fcplayground.models.simulated.words import terms

ASK = PolicyKind.ASK_FOR_VALUES
ONLY = PolicyKind.TOOLS_ONLY_FOR
CONFIRM = PolicyKind.CONFIRM_FIRST


def kinds(system: str) -> set[PolicyKind]:
    return {r.kind for r in read_policies(system).rules}


@pytest.mark.parametrize(
    "system",
    [
        "Don't make assumptions about what values to plug into functions. "
        "Ask for clarification if a user request is ambiguous.",
        "Never guess a value: ask the user.",
        "Please don\u2019t assume any details.",
        "Do not hesitate to ask for clarification when the request is vague.",
        "If a request is unclear, ask the user for the missing details.",
        "Do not invent arguments.",
    ],
)
def test_wordings_of_do_not_assume_set_the_ask_rule(system):
    assert kinds(system) == {ASK}


@pytest.mark.parametrize(
    "system",
    [
        "Feel free to make reasonable assumptions.",
        "You don't need to ask for clarification.",
        "Guess sensible values when the user leaves them out.",
    ],
)
def test_an_invitation_to_assume_or_a_negated_ask_sets_no_ask_rule(system):
    assert ASK not in kinds(system)


@pytest.mark.parametrize(
    ("system", "topic"),
    [
        ("Only use tools for account questions.", "account"),
        ("Use the tools only for questions about accounts and billing.", "billing"),
        ("Don't use tools for anything except account questions.", "account"),
        ("Never call functions unless the user asks about their account.", "account"),
        ("Only call a function when the question is about an order.", "order"),
    ],
)
def test_wordings_of_tools_only_for_keep_the_topic(system, topic):
    rules = read_policies(system)
    assert kinds(system) == {ONLY}
    rule = rules.get(ONLY)
    assert rule is not None and set(terms(topic)) <= rule.scope
    assert topic in rule.topic


@pytest.mark.parametrize(
    "system",
    [
        "Always use tools when they help.",
        "Only use tools when they help.",
        "Use tools whenever needed.",
        "Only answer in English.",
        "Strictly use the mentioned functions only to generate the output.",  # BFCL's wording
    ],
)
def test_a_rule_without_a_topic_or_without_only_narrows_nothing(system):
    assert ONLY not in kinds(system)


@pytest.mark.parametrize(
    ("system", "action", "any_change"),
    [
        ("Confirm before sending email.", "send", False),
        ("Never send an email without asking me first.", "email", False),
        ("Only send emails once the user has confirmed.", "send", False),
        ("Always get the user's approval before deleting anything.", "delete", False),
        ("Check with the user before you create a ticket.", "create", False),
        ("Ask before any action that changes data.", "", True),
    ],
)
def test_wordings_of_confirm_first_name_the_actions_they_cover(system, action, any_change):
    rule = read_policies(system).get(CONFIRM)
    assert rule is not None
    assert rule.any_change is any_change
    assert not action or set(terms(action)) <= rule.actions


@pytest.mark.parametrize(
    "system",
    [
        "Send emails without asking.",
        "No need to confirm before sending email.",
        "Don't ask for confirmation.",
        "Before providing any answer, verify each function's description.",  # no action named
        "If anything is unclear, ask me before calling a tool.",
    ],
)
def test_a_negated_or_waived_confirmation_sets_no_confirm_rule(system):
    assert CONFIRM not in kinds(system)


@pytest.mark.parametrize(
    "system",
    [
        "You are a helpful assistant.",
        "You are a support agent for Acme. Be concise and friendly.",
        "Today is 2026-03-02.",
        "",
    ],
)
def test_a_prompt_without_tool_rules_sets_none(system):
    assert not read_policies(system)


def test_one_prompt_may_set_all_three_rules_and_each_quotes_its_sentence():
    system = (
        "You are the Acme support agent. Don't make assumptions about values. "
        "Only use tools for account questions. Confirm before sending email."
    )
    rules = read_policies(system)
    assert [r.kind for r in rules.rules] == [ASK, ONLY, CONFIRM]
    assert rules.get(CONFIRM).said == "Confirm before sending email"


@pytest.mark.fault(
    "request text",
    "a 1 MB system prompt of cue words, negations and prepositions in one sentence",
    "the simulated model reads its rules from the prompt's start and end, in linear time",
)
def test_a_huge_prompt_of_cue_words_is_read_without_stalling():
    system = "don't not never only tools for before without confirm ask assume " * 20_000
    done: list[object] = []
    worker = threading.Thread(target=lambda: done.append(read_policies(system)), daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert done, "reading the rules of a long prompt did not finish"
    assert done[0].get(PolicyKind.ASK_FOR_VALUES) is not None  # "don't ... assume" is a rule


def test_a_rule_said_at_the_end_of_a_long_prompt_is_still_read():
    system = "You are a friendly assistant for Acme. " * 400 + "Confirm before sending email."
    assert CONFIRM in kinds(system)
