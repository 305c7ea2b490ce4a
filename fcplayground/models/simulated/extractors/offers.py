"""Offers: the other kinds of value a parameter's description says it takes.

"The hostname or IP address of the server", "an account number or a contact name", "a
username, phone number, or email address": a description that offers alternatives lets
the parameter take a value of each kind it names, not only the kind its name asks for.
And "the identifier of the contact" is filled, as a hosted model fills it, with the
contact's name.
"""

from __future__ import annotations

import re

from ..vocabulary import Kind
from ..words import split_identifier

# What the description names, one kind of value each (every pattern linear-time).
_NAMED: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    (Kind.URL, re.compile(r"\bhost ?names?\b|\bdomain(?: names?)?\b|\bURL\b", re.I)),
    (Kind.IP, re.compile(r"\bIP(?:v[46])?(?: address)?\b")),
    (Kind.EMAIL, re.compile(r"\be-?mail\b", re.I)),
    (Kind.PHONE, re.compile(r"\bphone\b", re.I)),
    (
        Kind.NAME,
        re.compile(
            r"\buser ?names?\b|\b(?:contact|full|display|person's|their) names?\b"
            r"|\bnames? or\b|\bor (?:a |the |their )?names?\b",
            re.I,
        ),
    ),
    (Kind.ID, re.compile(r"\b(?:identifier|id|account (?:number|id))\b", re.I)),
)
# "or", "such as", "could be": the description offers a choice.
_CHOICE = re.compile(r"\bor\b|\bsuch as\b|\bcould be\b|\bcan be\b|\beither\b", re.I)
# A party the user names: the identifier of a contact or a recipient is their name.
_PARTY = re.compile(r"\b(?:contact|recipient|payee|receiver)s?\b", re.I)
_PARTY_WORDS = frozenset({"receiver", "recipient", "payee", "contact"})
# The exact kinds a description may widen; free text, names and settings take no offer.
_EXACT = frozenset({Kind.ID, Kind.EMAIL, Kind.IP, Kind.URL, Kind.PHONE})


def offered_kinds(name: str, description: str, kind: Kind) -> frozenset[Kind]:
    """The kinds besides ``kind`` that a parameter takes, by its description's offer."""
    if kind not in _EXACT or not _CHOICE.search(description):
        return frozenset()
    named = {k for k, pattern in _NAMED if pattern.search(description)}
    party = _PARTY.search(description) or set(split_identifier(name)) & _PARTY_WORDS
    if (kind == Kind.ID or Kind.ID in named) and party:
        named.add(Kind.NAME)
    named.add(kind)
    if len(named) < 2:
        return frozenset()
    return frozenset(named - {kind})
