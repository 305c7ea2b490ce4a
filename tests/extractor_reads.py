"""What the extractor tests share: a fixed Thursday to read relative dates against, and
short ways to ask one extractor, the whole table, or a slot made from a description."""

from __future__ import annotations

from datetime import date

from fcplayground.models.simulated import extractors as ex
from fcplayground.models.simulated.extractors.base import Request
from fcplayground.models.simulated.profiles import read_slot
from fcplayground.models.simulated.vocabulary import Tag

TODAY = date(2026, 1, 15)  # a Thursday


def found(module, text):
    """What one extractor proposes for ``text``, less facets (the unit of "5 km", ...)."""
    return [c for c in module.find(Request(text, TODAY)) if Tag.FACET not in c.tags]


def values(module, text, kind=None):
    """The values of :func:`found`, of ``kind`` alone when given."""
    return [c.value for c in found(module, text) if kind is None or c.kind == kind]


def table(text, kind):
    """What the whole table keeps of ``kind`` for ``text``."""
    return [c for c in ex.extract(text, TODAY) if c.kind == kind]


def slot(name, description="", json_type="string", **schema):
    """The slot a required parameter ``name`` of that description and JSON type reads as."""
    prop = {"type": json_type, "description": description, **schema}
    return read_slot("tool", name, prop, True, 0, frozenset())
