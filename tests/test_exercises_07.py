"""Lesson 07's exercise: the check of a learner's test set."""

from __future__ import annotations

from fcplayground.evals import OMITTED, Case, expect, one_of
from fcplayground.exercises.lesson07 import REQUESTS, check_test_set, shop_tools

SHOP = shop_tools()
EUR = one_of("EUR", OMITTED)


def solution() -> list[Case]:
    return [
        Case.ask(REQUESTS[0], SHOP, expect("get_price", product="toaster", currency="USD")),
        Case.ask(REQUESTS[1], SHOP, expect("get_price", product="kettle", currency=EUR)),
        Case.ask(REQUESTS[2], SHOP, expect("check_stock", product="kettle")),
        Case.ask(
            REQUESTS[3],
            SHOP,
            expect("get_price", product="kettle", currency=EUR),
            expect("get_price", product="toaster", currency=EUR),
        ),
        Case.ask(REQUESTS[4], SHOP),
    ]


def test_the_solution_passes_every_check():
    feedback = check_test_set(solution())
    assert feedback.ok and len(feedback.passed) == 5


def test_the_notebook_skeleton_fails_and_says_an_empty_case_means_no_call():
    feedback = check_test_set([Case.ask(r, SHOP) for r in REQUESTS])
    assert not feedback.ok and len(feedback.problems) == 4
    assert "An empty case means 'no call'" in feedback.problems[0]


def test_a_case_that_forbids_a_defaulted_argument_is_too_strict():
    cases = solution()
    cases[1] = Case.ask(REQUESTS[1], SHOP, expect("get_price", product="kettle"))
    (problem,) = check_test_set(cases).problems
    assert "refuses a right answer" in problem and "one_of(value, OMITTED)" in problem


def test_a_case_that_lets_the_currency_be_omitted_for_dollars_is_too_loose():
    cases = solution()
    cases[0] = Case.ask(
        REQUESTS[0], SHOP, expect("get_price", product="toaster", currency=one_of("USD", OMITTED))
    )
    (problem,) = check_test_set(cases).problems
    assert "accepts a wrong answer" in problem and "dollars were asked for" in problem


def test_a_parallel_request_needs_one_expected_call_each():
    cases = solution()
    cases[3] = Case.ask(REQUESTS[3], SHOP, expect("get_price", product="kettle", currency=EUR))
    (problem,) = check_test_set(cases).problems
    assert "expect(...), expect(...)" in problem


def test_a_missing_request_and_a_wrong_type_are_explained():
    assert "keep the five requests" in check_test_set(solution()[:4]).problems[0]
    assert "Pass a list of Case values" in check_test_set("cases").problems[0]
