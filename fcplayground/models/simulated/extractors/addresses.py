"""IP addresses: ``192.168.1.10`` (IPv4 with each part at most 255), and ``::1``-style IPv6."""

from __future__ import annotations

import ipaddress
import re

from ..vocabulary import Kind
from .base import Candidate, Extractor, Request

_V4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?:/\d{1,2})?(?![\w.])")
_V6 = re.compile(r"(?<![\w:])(?=[0-9a-fA-F:]*:[0-9a-fA-F:]*:)[0-9a-fA-F:]{2,39}(?![\w:])")


def find(request: Request) -> list[Candidate]:
    out = []
    for pattern in (_V4, _V6):
        for m in pattern.finditer(request.text):
            try:
                ipaddress.ip_interface(m.group(0))
            except ValueError:
                continue
            out.append(Candidate(Kind.IP, m.group(0), m.start(), m.end(), m.group(0)))
    return out


EXTRACTOR = Extractor(
    Kind.IP,
    find,
    slot_words=frozenset(
        {"ip", "ipv4", "ipv6", "host"}
    ),  # "address" alone may be a street or an email
    slot_formats=frozenset({"ipv4", "ipv6"}),
    describes=re.compile(r"\bIP(?:v[46])?\b"),
    fills={Kind.STRING: 0.8},
)
