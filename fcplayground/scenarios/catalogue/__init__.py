"""A company's tool catalogue: 230 tools across 13 domains, as a large agent platform has them.

Billing, shipping, commerce, CRM, customer service, people (HR), calendar, files, messaging,
IT, engineering, finance and marketing, each a JSON file of tool definitions beside this
module (a name, a specific description and a JSON Schema per tool). They are the tools a real
company's agent might be offered all at once, and several are near neighbours of the support
desk's five (``find_contact_by_email`` beside ``lookup_customer``, ``get_purchase_order``
beside ``get_order``, ``search_hr_policies`` beside ``search_knowledge_base``,
``create_it_ticket`` beside ``create_ticket``, ``send_email_message`` beside ``send_response``). ::

    from fcplayground.scenarios.catalogue import Domain, catalogue_specs, catalogue_tools

    specs = catalogue_specs()                  # 230 ToolSpecs, the domains interleaved
    billing = catalogue_specs([Domain.BILLING])
    tools = catalogue_tools()                  # the same as a ToolRegistry

The order is fixed: the first tool of each domain, then the second of each, and so on, so
that the first 50 already mix every domain. The tools have no backend: a call returns a
result saying so (they are here to be offered, counted and chosen between).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from enum import Enum
from functools import cache
from itertools import zip_longest
from pathlib import Path
from typing import Any

from fcplayground.chat import ToolSpec
from fcplayground.tools import Tool, ToolRegistry

HERE = Path(__file__).resolve().parent


class Domain(str, Enum):
    """The catalogue's domains, in catalogue order; each value names its JSON file."""

    BILLING = "billing"
    SHIPPING = "shipping"
    COMMERCE = "commerce"
    CRM = "crm"
    CUSTOMER_SERVICE = "customer_service"
    PEOPLE = "people"
    CALENDAR = "calendar"
    FILES = "files"
    MESSAGING = "messaging"
    IT = "it"
    ENGINEERING = "engineering"
    FINANCE = "finance"
    MARKETING = "marketing"


@cache
def _load(domain: Domain) -> tuple[str, tuple[dict[str, Any], ...]]:
    data = json.loads((HERE / f"{domain.value}.json").read_text(encoding="utf-8"))
    return data["about"], tuple(data["tools"])


def about(domain: Domain) -> str:
    """What a domain's tools work on, in one line (e.g. "Billing: invoices, payments, ...")."""
    return _load(Domain(domain))[0]


def catalogue_specs(domains: Iterable[Domain] | None = None) -> list[ToolSpec]:
    """The catalogue's tools as :class:`ToolSpec` values (fresh copies at each call), the
    domains interleaved: every domain's first tool, then every domain's second, and so on.
    ``domains`` keeps only those (default: all 13)."""
    chosen = list(Domain) if domains is None else [Domain(d) for d in domains]
    columns = zip_longest(*(_load(d)[1] for d in chosen))
    return [_spec(item) for row in columns for item in row if item is not None]


def domain_of(name: str) -> Domain:
    """The domain a catalogue tool belongs to; KeyError for a name not in the catalogue."""
    for domain in Domain:
        if any(item["name"] == name for item in _load(domain)[1]):
            return domain
    raise KeyError(f"{name!r} is not a catalogue tool; see catalogue_specs() for the names.")


def catalogue_tools(domains: Iterable[Domain] | None = None) -> ToolRegistry:
    """The catalogue (or ``domains`` of it) as a :class:`ToolRegistry`, in the order of
    :func:`catalogue_specs`. Each tool, if called, answers that it has no backend."""
    registry = ToolRegistry()
    for spec in catalogue_specs(domains):
        registry.add(
            Tool.from_schema(spec.name, spec.description, spec.parameters, _NoBackend(spec.name))
        )
    return registry


class _NoBackend:
    """What a catalogue tool runs: an answer that says there is nothing behind it."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, **arguments: Any) -> dict[str, str]:
        return {
            "tool": self.name,
            "status": "not_connected",
            "message": "This catalogue tool has no backend: it is offered to compare tool "
            "choices, not run.",
        }


def _spec(item: dict[str, Any]) -> ToolSpec:
    return ToolSpec(item["name"], item["description"], copy.deepcopy(item["parameters"]))


__all__ = ["Domain", "about", "catalogue_specs", "catalogue_tools", "domain_of"]
