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
from .cassette import Exchange, check_reply, decode_body, parse_body
from .checks import Where


def exchanges(document: Any, where: Where | None = None) -> list[Exchange]:
    """The exchanges of a parsed vcrpy cassette (YAML or JSON), in order; a
    :class:`~fcplayground.recording.checks.CassetteError` names what is wrong."""
    where = where or Where("cassette", "interactions")
    items = where.items_of(document, "interactions")
    return [_exchange(item, where.at(i, len(items))) for i, item in enumerate(items)]


def _exchange(item: Any, where: Where) -> Exchange:
    request = where.get(item, "request", dict, "the interaction")
    response = where.get(item, "response", dict, "the interaction")
    headers = _headers(response.get("headers"), where)
    if "parsed_body" in request:
        request_body = request["parsed_body"]
    else:
        request_body = parse_body(_raw(request.get("body"), where))
    if "parsed_body" in response:
        body = json.dumps(response["parsed_body"], ensure_ascii=False).encode("utf-8")
    else:
        raw = _raw(response.get("body"), where)
        try:
            body = decode_body(raw, headers.get("content-encoding"))
        except Exception:  # httpx2's decoders raise their own DecodingError
            raise where.error(
                f"the response body is not {headers['content-encoding']} as its "
                "content-encoding header says"
            ) from None
    status = where.get(response, "status", dict, "the response")
    exchange = Exchange(
        method=where.get(request, "method", str, "the request").upper(),
        path=endpoint(urlsplit(where.get(request, "uri", str, "the request")).path),
        request=request_body,
        status=where.get(status, "code", int, "the response's status"),
        content_type=headers.get("content-type"),
        body=body,
    )
    check_reply(exchange, where)
    return exchange


def _raw(body: Any, where: Where) -> bytes:
    """A vcrpy body (None, text, bytes, or ``{string: ...}``) as bytes."""
    if isinstance(body, dict):
        body = body.get("string")
    if isinstance(body, str):
        return body.encode("utf-8")
    return where.check(body, (bytes, type(None)), "a body") or b""


def _headers(headers: Any, where: Where) -> dict[str, str]:
    """Lower-case names, first value (vcrpy keeps a list per header)."""
    headers = where.check(headers or {}, dict, "the response's headers")
    found: dict[str, str] = {}
    for name, value in headers.items():
        first = value[0] if isinstance(value, list) and value else value
        found[str(name).lower()] = where.check(first, str, f"the response's {name} header")
    return found
