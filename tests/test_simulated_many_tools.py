"""The simulated model offered the support desk's tools and 200 of the company catalogue's:
whatever it calls for the desk's requests, each value goes to a parameter it fits."""

from __future__ import annotations

import re

from fcplayground.evals import score_battery, support_desk_cases
from fcplayground.scenarios import SupportDesk
from fcplayground.scenarios.catalogue import catalogue_specs

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
ORDER = re.compile(r"ORD-\d+")


def misplaced() -> list[tuple[str, str, str, str]]:
    """(request, tool, parameter, value) for each order id or email address that went to
    a parameter whose name and description do not say they take one."""
    specs = SupportDesk().tools.specs() + catalogue_specs()[:200]
    described = {
        (s.name, name): f"{name} {prop.get('description', '')}"
        for s in specs
        for name, prop in s.parameters["properties"].items()
    }
    out = []
    for row in score_battery(specs, support_desk_cases()).rows:
        for call in row.calls:
            for name, value in call.arguments.items():
                said = described[call.name, name]
                if isinstance(value, str) and (
                    (ORDER.fullmatch(value) and "order" not in said.lower())
                    or (EMAIL.fullmatch(value) and "email" not in said.lower())
                ):
                    out.append((row.request, call.name, name, value))
    return out


def test_among_two_hundred_tools_order_ids_and_emails_go_only_to_parameters_for_them():
    assert misplaced() == []
