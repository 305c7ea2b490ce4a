"""What the offline provider sends back: a :class:`Reply`, and the errors in each
provider's own shape (status, body, request id, whether to retry)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import httpx2

from .faults import ProviderFault
from .ids import IDS

REFUSALS = frozenset({400, 404, 405, 413, 422})  # statuses no retry can change


@dataclass
class Reply:
    """An HTTP reply: status, headers and body bytes."""

    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def json(self) -> Any:
        return json.loads(self.body)


class Refused(Exception):
    """What the API answers instead of a result: an error reply's message, the field it
    names (``param``), its status, error type and code. Raised where a request is read,
    sent back by :meth:`reply`."""

    def __init__(
        self,
        message: str,
        param: str | None = None,
        status: int = 400,
        kind: str = "invalid_request_error",
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message, self.param, self.status, self.kind, self.code = (
            message,
            param,
            status,
            kind,
            code,
        )

    def reply(self, api: str) -> Reply:
        """The error reply, in ``api``'s shape."""
        return error_reply(api, self.status, self.kind, self.message, self.param, code=self.code)


def headers(
    api: str, content_type: str, retry: bool = True, request_id: str | None = None
) -> dict[str, str]:
    """A reply's headers: its content type, a request id in ``api``'s style, and whether
    the SDKs should retry."""
    out = {"content-type": content_type}
    # Anthropic's SDK reads `request-id`, OpenAI's `x-request-id`: each reply has its own.
    request_id = request_id or IDS.request_id(api)
    out["request-id" if api == "anthropic" else "x-request-id"] = request_id
    if not retry:
        out["x-should-retry"] = "false"  # both SDKs honour it: no pointless retries
    return out


def fault_reply(api: str, fault: ProviderFault) -> Reply:
    """What the provider sends for a fault: its error body, or no reply at all (timeout)."""
    if fault.kind == "timeout":
        raise httpx2.ReadTimeout(fault.message) from None
    reply = error_reply(api, fault.status_for(api), fault.kind, fault.message)
    reply.headers.update(fault.headers)
    return reply


def error_reply(
    api: str,
    status: int,
    kind: str,
    message: str,
    param: str | None = None,
    retry: bool = True,
    code: str | None = None,
) -> Reply:
    """An error reply in the provider's own shape (``api`` as :func:`api_of` names it),
    with a request id of its own (in the body too, for Anthropic)."""
    request_id = IDS.request_id(api)
    if api == "anthropic":
        body = {
            "type": "error",
            "error": {"type": kind, "message": message},
            "request_id": request_id,
        }
    else:
        openai_kind = {"api_error": "server_error", "not_found_error": "invalid_request_error"}.get(
            kind, kind
        )
        body = {"error": {"message": message, "type": openai_kind, "param": param, "code": code}}
    # A request the provider refuses fails the same way every time: no point retrying.
    retry = retry and status not in REFUSALS
    out = headers(api, "application/json", retry, request_id)
    return Reply(status, json.dumps(body).encode(), out)
