"""Read vcrpy cassettes (``interactions: [{request, response}]``) as exchanges.

vcrpy files come in three styles, all read here: the body as a raw string
(``body: '...'`` or ``body: {string: '...'}``), the JSON body as YAML under
``parsed_body:`` (pydantic-ai's serializer), or ``!!binary`` bytes still compressed as
the response's ``content-encoding`` says. A ``parsed_body`` response comes back as its
JSON text (``json.dumps``, non-ASCII kept): the original bytes were not stored.
vcrpy writes YAML by default (read with pyyaml, imported only then), JSON on request.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from ..wire import endpoint
from .cassette import Exchange, decode_body, parse_body


def exchanges(document: dict[str, Any]) -> list[Exchange]:
    """The exchanges of a parsed vcrpy cassette (YAML or JSON), in order."""
    return [_exchange(item) for item in document["interactions"]]


def _exchange(item: dict[str, Any]) -> Exchange:
    request, response = item["request"], item["response"]
    headers = _headers(response.get("headers"))
    if "parsed_body" in request:
        request_body = request["parsed_body"]
    else:
        request_body = parse_body(_raw(request.get("body")))
    if "parsed_body" in response:
        body = json.dumps(response["parsed_body"], ensure_ascii=False).encode("utf-8")
    else:
        body = decode_body(_raw(response.get("body")), headers.get("content-encoding"))
    return Exchange(
        method=request["method"].upper(),
        path=endpoint(urlsplit(request["uri"]).path),
        request=request_body,
        status=response["status"]["code"],
        content_type=headers.get("content-type"),
        body=body,
    )


def _raw(body: Any) -> bytes:
    """A vcrpy body (None, text, bytes, or ``{string: ...}``) as bytes."""
    if isinstance(body, dict):
        body = body.get("string")
    if isinstance(body, str):
        return body.encode("utf-8")
    return body or b""


def _headers(headers: dict[str, Any] | None) -> dict[str, str]:
    """Lower-case names, first value (vcrpy keeps a list per header)."""
    return {
        name.lower(): value[0] if isinstance(value, list) else value
        for name, value in (headers or {}).items()
    }
