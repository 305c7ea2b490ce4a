"""The exercise of lesson 07: write the expected calls of a small test set.

    from fcplayground.exercises.lesson07 import shop_tools, REQUESTS, check_test_set
    shop = shop_tools()
    my_cases = [Case.ask(REQUESTS[0], shop, expect("get_price", ...)), ...]
    check_test_set(my_cases)     # what is right, and what to fix

A test case is only as good as its expectations: too strict and it fails a right answer
("toaster" vs "Toaster" is fine, but leaving out a currency that has a default may be fine
too), too loose and it passes a wrong one. The check runs each of the learner's cases on
answers known to be right and answers known to be wrong.
"""

from __future__ import annotations

from typing import Any

from ..chat import ToolCall
from ..evals.cases import Case
from ..evals.checker import check
from ..tools import ToolRegistry
from .feedback import Feedback

REQUESTS = [
    "What does the toaster cost in dollars?",
    "How much is the kettle?",
    "Is the kettle in stock?",
    "Prices of the kettle and the toaster, please.",
    "Tell me a joke about kettles.",
]


def shop_tools() -> ToolRegistry:
    """The shop's tools: ``check_stock(product)``, ``get_price(product, currency="EUR")``
    and ``track_parcel(tracking_number)`` (a new registry at each call)."""
    tools = ToolRegistry()

    @tools.tool
    def check_stock(product: str) -> dict[str, Any]:
        """Checks whether a product is in stock and how many are left in the warehouse.

        Args:
            product: The product name, e.g. kettle.
        """
        return {"product": product, "in_stock": True, "count": 12}

    @tools.tool
    def get_price(product: str, currency: str = "EUR") -> dict[str, Any]:
        """Gets the current price of a product, in euros unless another currency is asked.

        Args:
            product: The product name, e.g. kettle.
            currency: The currency code: EUR (the default), USD for dollars, GBP for pounds.
        """
        return {"product": product, "price": 29.99, "currency": currency}

    @tools.tool
    def track_parcel(tracking_number: str) -> dict[str, Any]:
        """Tracks a parcel by its carrier tracking number and says where it is.

        Args:
            tracking_number: The carrier's tracking number, e.g. 1Z999AA10123456784.
        """
        return {"tracking_number": tracking_number, "status": "in transit"}

    return tools


def _price(product: str, **more: str) -> ToolCall:
    return ToolCall("get_price", {"product": product, **more})


def _stock(product: str) -> ToolCall:
    return ToolCall("check_stock", {"product": product})


# For each request: answers a good case accepts, and answers it must refuse (with why).
RIGHT: dict[str, list[list[ToolCall]]] = {
    REQUESTS[0]: [[_price("toaster", currency="USD")], [_price("Toaster", currency="usd")]],
    REQUESTS[1]: [[_price("kettle")], [_price("kettle", currency="EUR")]],
    REQUESTS[2]: [[_stock("kettle")]],
    REQUESTS[3]: [
        [_price("kettle"), _price("toaster")],
        [_price("toaster"), _price("kettle")],
        [_price("kettle", currency="EUR"), _price("toaster", currency="EUR")],
    ],
    REQUESTS[4]: [[]],
}
WRONG: dict[str, list[tuple[list[ToolCall], str]]] = {
    REQUESTS[0]: [
        ([_price("toaster")], "no currency means euros, and dollars were asked for"),
        ([_price("toaster", currency="EUR")], "euros, not dollars"),
        ([_stock("toaster")], "the wrong tool"),
    ],
    REQUESTS[1]: [
        ([_price("kettle", currency="USD")], "nobody asked for dollars"),
        ([_price("toaster")], "the wrong product"),
    ],
    REQUESTS[2]: [
        ([_price("kettle")], "the wrong tool"),
        ([], "no call at all"),
    ],
    REQUESTS[3]: [
        ([_price("kettle")], "only one of the two prices"),
        ([_price("kettle"), _price("kettle")], "the kettle twice, no toaster"),
    ],
    REQUESTS[4]: [([_stock("kettles")], "a call where no tool helps")],
}


def check_test_set(cases: Any) -> Feedback:
    """Does each of the learner's cases accept the right answers and refuse the wrong ones?"""
    feedback = Feedback()
    if not isinstance(cases, list) or not all(isinstance(c, Case) for c in cases):
        return Feedback.failing(
            "Pass a list of Case values: check_test_set(my_cases), each made with "
            "Case.ask(request, shop, expect(...), ...)."
        )
    by_text = {c.text: c for c in cases}
    for request in REQUESTS:
        case = by_text.get(request)
        if case is None:
            feedback.problems.append(f"No case asks {request!r}: keep the five requests as given.")
            continue
        _judge(feedback, case)
    return feedback


def _judge(feedback: Feedback, case: Case) -> None:
    request = case.text
    verdicts = [(a, check(case, a)) for a in RIGHT[request]]
    refused = [(a, v.reasons) for a, v in verdicts if not v.ok]
    accepted = [(a, why) for a, why in WRONG[request] if check(case, a).ok]
    for answer, reasons in refused[:1]:
        feedback.problems.append(
            f"{request!r}: your case refuses a right answer, {_calls(answer)}, because "
            f"{reasons[0]}. " + _hint(answer, case)
        )
    for answer, why in accepted[:1] if not refused else []:
        feedback.problems.append(
            f"{request!r}: your case accepts a wrong answer, {_calls(answer)} ({why}). "
            "Name the tool and each argument that matters."
        )
    if not refused and not accepted:
        feedback.passed.append(f"{request!r}: right answers pass, wrong ones fail.")


def _hint(answer: list[ToolCall], case: Case) -> str:
    if not case.expected and answer:
        return "An empty case means 'no call'; add expect(tool, argument=value) for each call."
    if len(answer) > len(case.expected):
        return "Expect one call for each thing asked for: Case.ask(text, shop, expect(...), expect(...))."
    return (
        "If an argument may be left out (it has a default), write one_of(value, OMITTED); "
        "strings are compared without case, so 'Toaster' matches 'toaster'."
    )


def _calls(answer: list[ToolCall]) -> str:
    return ", ".join(f"{c.name}({c.arguments_json})" for c in answer) or "no call"
