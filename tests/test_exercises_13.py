"""Lesson 13's check runs the learner's system prompt on held-out requests and passes one
that asks before emailing and keeps tools for account questions; each way to go wrong
gets its own verdict, naming the request that behaved wrongly and what to change."""

from __future__ import annotations

import pytest

from fcplayground.exercises.lesson13 import HELD_OUT, Expect, check_system_prompt

ANSWER = "You are the Acme support agent. Only use tools for account questions. Confirm before sending email."  # fmt: skip
EMAIL = next(c.request for c in HELD_OUT if c.expect == Expect.ASKS_FIRST)
RATE = next(c.request for c in HELD_OUT if c.expect == Expect.NO_TOOL)
ACCOUNT = next(c.request for c in HELD_OUT if c.expect == Expect.CALLS)


@pytest.mark.parametrize(
    "system",
    [
        ANSWER,
        "Never send an email without asking the user first. "
        "Don't use tools for anything except questions about accounts.",
        "Use the tools only for account questions, and ask before any action that changes data.",
    ],
)
def test_prompts_that_ask_before_email_and_keep_tools_for_accounts_pass(system):
    feedback = check_system_prompt(system)
    assert feedback.ok, str(feedback)
    assert len(feedback.passed) == 3


@pytest.mark.parametrize("system", ["", "   ", None, 42])
def test_an_empty_or_non_string_prompt_is_turned_down_with_an_example(system):
    feedback = check_system_prompt(system)
    assert not feedback.ok
    assert "non-empty string" in feedback.problems[0] and "SYSTEM =" in feedback.problems[0]


def test_a_prompt_with_no_rules_names_the_email_and_the_exchange_rate_requests():
    feedback = check_system_prompt("You are a helpful assistant.")
    text = "\n".join(feedback.problems)
    assert len(feedback.problems) == 2
    assert EMAIL in text and "without asking" in text and "confirm" in text
    assert RATE in text and "Only use tools for" in text
    assert any(ACCOUNT in p for p in feedback.passed)


def test_confirming_without_a_topic_fails_only_the_non_account_request():
    feedback = check_system_prompt("Confirm before sending email.")
    assert len(feedback.problems) == 1 and RATE in feedback.problems[0]


def test_a_topic_without_confirming_fails_only_the_email_request():
    feedback = check_system_prompt("Only use tools for account questions.")
    assert len(feedback.problems) == 1 and EMAIL in feedback.problems[0]
    assert "sent at once" in feedback.problems[0]


def test_the_wrong_topic_blocks_the_account_lookup_and_says_the_prompt_is_too_strict():
    feedback = check_system_prompt(
        "Only use tools for weather questions. Confirm before sending email."
    )
    text = "\n".join(feedback.problems)
    assert ACCOUNT in text and "too strict" in text
    assert EMAIL in text and "another topic" in text


def test_asking_for_values_instead_of_confirming_is_explained():
    feedback = check_system_prompt(ANSWER + " Don't make assumptions about values.")
    assert len(feedback.problems) == 1
    assert "subject and body" in feedback.problems[0] and "don't assume" in feedback.problems[0]


def test_quoting_the_lesson_requests_does_not_pass_because_the_check_uses_other_requests():
    gamed = (
        "If the user says 'Email jane@example.com that her refund went through', ask first. "
        "If they ask about the weather in Lisbon, answer without tools."
    )
    feedback = check_system_prompt(gamed)
    assert not feedback.ok
    assert all("jane@example.com" not in c.request and "Lisbon" not in c.request for c in HELD_OUT)
