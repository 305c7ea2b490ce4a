"""Lesson 14's check runs the learner's narrow(request, tools) on the visible examples and
on held-out requests, and passes only short lists that keep the tool each request needs; the
ways to game it (every tool, one fixed list, the examples' answers) and the ways to get the
shape wrong each get their own verdict."""

from __future__ import annotations

import math
import re
from collections import Counter

import pytest

from fcplayground.exercises.lesson14 import EXAMPLES, HELD_OUT, MAX_TOOLS, check_narrow
from fcplayground.tools import ToolRegistry

WORD = re.compile(r"[a-z0-9]+")
COMMON = {
    "a",
    "an",
    "and",
    "are",
    "as",
    "at",
    "be",
    "by",
    "can",
    "do",
    "does",
    "for",
    "from",
    "has",
    "have",
    "how",
    "i",
    "in",
    "is",
    "it",
    "its",
    "me",
    "my",
    "of",
    "on",
    "or",
    "our",
    "please",
    "that",
    "the",
    "this",
    "to",
    "was",
    "we",
    "what",
    "when",
    "where",
    "which",
    "who",
    "will",
    "with",
    "you",
    "your",
}


def text_of(tool) -> str:
    params = " ".join(f"{n} {p.get('description', '')}" for n, p in tool.parameters["properties"].items())  # fmt: skip
    return f"{tool.name.replace('_', ' ')} {tool.description} {params}"


def shared_words(request: str, tools: ToolRegistry, k: int = MAX_TOOLS) -> list[str]:
    """The lesson's first search: every shared word counts 1."""
    asked = set(WORD.findall(request.lower())) - COMMON
    score = {t.name: len(asked & set(WORD.findall(text_of(t).lower()))) for t in tools}
    return [n for n in sorted(score, key=score.get, reverse=True) if score[n] > 0][:k]


def stem(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def rare_words(request: str, tools: ToolRegistry, forms: bool = True, k: int = MAX_TOOLS) -> list[str]:  # fmt: skip
    """A word counts log(N / how many tools have it); word forms folded when ``forms``."""
    fold = stem if forms else (lambda w: w)
    words = lambda text: {fold(w) for w in WORD.findall(text.lower())}  # noqa: E731
    index = {t.name: words(text_of(t)) for t in tools}
    counts = Counter(w for ws in index.values() for w in ws)
    asked = words(request)
    score = {n: sum(math.log(len(index) / counts[w]) for w in asked & ws) for n, ws in index.items()}  # fmt: skip
    return [n for n in sorted(score, key=score.get, reverse=True) if score[n] > 0][:k]


def test_a_search_that_weighs_rare_words_and_folds_word_forms_passes():
    feedback = check_narrow(rare_words)
    assert feedback.ok, str(feedback)
    assert len(feedback.passed) == 3
    assert "instead of" in feedback.passed[0] and "with all 235" in feedback.passed[0]


def test_counting_every_shared_word_alike_loses_held_out_requests_and_says_why():
    feedback = check_narrow(shared_words)
    text = "\n".join(feedback.problems)
    assert not feedback.ok
    assert "What is your refund policy?" in text  # a visible example, named
    assert "a request for calculate_sales_tax got: get_order" in text
    assert "few tools have" in text and "word forms" in text


def test_rare_words_without_word_forms_fail_only_the_example_that_needs_them():
    feedback = check_narrow(lambda request, tools: rare_words(request, tools, forms=False))
    assert len(feedback.problems) == 1
    assert "'What is your refund policy?' needs search_knowledge_base" in feedback.problems[0]


def test_every_tool_is_turned_down_as_no_narrowing():
    feedback = check_narrow(lambda request, tools: tools.names)
    assert not feedback.ok
    assert "every tool: that is no narrowing" in feedback.problems[0]
    assert f"keep at most {MAX_TOOLS}" in feedback.problems[0]


def test_a_list_one_too_long_is_turned_down():
    feedback = check_narrow(lambda request, tools: rare_words(request, tools, k=MAX_TOOLS + 1))
    assert not feedback.ok and "returned 6 tools; keep at most 5" in feedback.problems[0]


def test_a_name_given_twice_counts_once():
    feedback = check_narrow(lambda request, tools: rare_words(request, tools) * 2)
    assert feedback.ok, str(feedback)


def test_one_fixed_list_is_turned_down_for_ignoring_the_request():
    feedback = check_narrow(lambda request, tools: tools.names[:MAX_TOOLS])
    assert len(feedback.problems) == 1
    assert "the same tools for every request" in feedback.problems[0]


def test_no_fixed_list_of_five_could_keep_every_held_out_tool():
    assert len({p.expected for p in HELD_OUT}) > MAX_TOOLS * 4
    assert not {p.request for p in HELD_OUT} & {p.request for p in EXAMPLES}


def test_the_examples_answers_hard_coded_pass_the_examples_and_fail_the_held_out():
    answers = {p.request: [p.expected] for p in EXAMPLES}
    feedback = check_narrow(lambda request, tools: answers.get(request, ["get_order"]))
    assert any("All 10 examples keep" in p for p in feedback.passed)
    assert len(feedback.problems) == 1
    assert "not recognise the examples" in feedback.problems[0]


def test_the_feedback_never_shows_a_held_out_request():
    for narrow in (shared_words, lambda r, t: 1 / 0, lambda r, t: ["nope"]):
        text = str(check_narrow(narrow))
        assert not any(p.request in text for p in HELD_OUT)


@pytest.mark.fault(
    "exercise checks",
    "the learner's narrow(request, tools) raises",
    "the check names the exception and the request (a held-out one only by the tool it needs), once, with how often",
)
def test_an_exception_is_reported_once_with_how_often_it_happened():
    def narrow(request, tools):
        return {}["missing"]

    feedback = check_narrow(narrow)
    assert len(feedback.problems) == 1
    problem = feedback.problems[0]
    assert "narrow raised KeyError: 'missing' on 'Where is my order ORD-1234?'" in problem
    assert f"({len(EXAMPLES) + len(HELD_OUT)} of the" in problem


def test_an_exception_on_held_out_requests_only_names_the_tool_not_the_request():
    shown = {p.request for p in EXAMPLES}

    def narrow(request, tools):
        if request not in shown:
            raise ValueError("no idea")
        return rare_words(request, tools)

    problem = check_narrow(narrow).problems[0]
    assert "on a request you have not seen (it needs get_account_balance)" in problem


def test_names_no_tool_has_are_named():
    feedback = check_narrow(lambda request, tools: ["get_order", "lookup_client"])
    assert "names no tool has: 'lookup_client'" in feedback.problems[0]


@pytest.mark.fault(
    "exercise checks",
    "the learner's narrow returns the wrong shape (Tools, a registry, a string, None)",
    "the check says what to return: a list of at most 5 names from tools.names",
)
def test_tools_a_registry_or_a_string_are_answered_with_what_to_return():
    cases = {
        "holding Tool": lambda request, tools: [next(iter(tools))],
        "returned a ToolRegistry": lambda request, tools: tools,
        "returned str": lambda request, tools: "get_order",
        "returned NoneType": lambda request, tools: None,
    }
    for said, narrow in cases.items():
        feedback = check_narrow(narrow)
        assert not feedback.ok and said in feedback.problems[0], said
        assert "names" in feedback.problems[0]


def test_something_that_is_not_a_function_is_answered_with_how_to_call_the_check():
    feedback = check_narrow(["get_order"])
    assert not feedback.ok and "check_narrow(narrow), no brackets" in feedback.problems[0]
