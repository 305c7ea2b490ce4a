"""Load the recorded provider traffic in ``shared/fixtures/recorded`` (vcrpy YAML).

Not a test module: the conformance tests import it. The files come in three storage
styles (see the fixtures' SOURCES.md): a ``parsed_body`` YAML mapping (pydantic-ai), a
raw ``body`` string, or a gzip-compressed ``!!binary`` body. :func:`load` hides the
difference: every :class:`Interaction` has a decoded JSON request body and the response
as text.
"""

from __future__ import annotations

import gzip
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import yaml

Api = Literal["chat", "responses", "anthropic"]
APIS: dict[str, Api] = {
    "/v1/chat/completions": "chat",
    "/v1/responses": "responses",
    "/v1/messages": "anthropic",
}


def fixtures_dir() -> Path:
    """The recorded fixtures: ``$FCP_SHARED_DIR/fixtures/recorded`` or ``../shared`` beside the repo."""
    shared = os.environ.get("FCP_SHARED_DIR") or Path(__file__).resolve().parents[2] / "shared"
    folder = Path(shared) / "fixtures" / "recorded"
    if not folder.is_dir():
        raise FileNotFoundError(
            f"The recorded fixtures are missing: {folder} is not a directory. Put a copy of "
            "shared/ beside the repository, or set FCP_SHARED_DIR to the shared/ folder."
        )
    return folder


@dataclass(frozen=True)
class Interaction:
    """One recorded HTTP call."""

    file: str  # file name, e.g. chat_parallel_2_calls.pydantic-ai.yaml
    index: int  # position in the file's interactions
    url: str
    request_body: dict[str, Any]
    status: int
    response_headers: dict[str, str]  # lower-case names, first value
    response_text: str  # decoded (and gunzipped) body
    is_stream: bool
    api: Api

    @property
    def id(self) -> str:
        """A readable test id: ``chat_parallel_2_calls.pydantic-ai#0``."""
        return f"{self.file.removesuffix('.yaml')}#{self.index}"

    @property
    def response_json(self) -> dict[str, Any]:
        return json.loads(self.response_text)


def _request_body(request: dict[str, Any]) -> dict[str, Any]:
    if "parsed_body" in request:
        return request["parsed_body"]
    body = request["body"]
    return json.loads(body if isinstance(body, (str, bytes)) else body["string"])


def _response_text(response: dict[str, Any]) -> str:
    if "parsed_body" in response:
        return json.dumps(response["parsed_body"], ensure_ascii=False)
    raw = response["body"]["string"]
    if isinstance(raw, bytes):  # !!binary
        return (gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw).decode()
    return raw


def load(path: Path) -> list[Interaction]:
    """The interactions of one vcrpy cassette."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for index, item in enumerate(data["interactions"]):
        request, response = item["request"], item["response"]
        headers = {
            k.lower(): v[0] if isinstance(v, list) else v for k, v in response["headers"].items()
        }
        out.append(
            Interaction(
                file=path.name,
                index=index,
                url=request["uri"],
                request_body=_request_body(request),
                status=response["status"]["code"],
                response_headers=headers,
                response_text=_response_text(response),
                is_stream=headers.get("content-type", "").startswith("text/event-stream"),
                api=APIS[urlsplit(request["uri"]).path],
            )
        )
    return out


def cassettes() -> list[Path]:
    """Every cassette file, sorted by path."""
    return sorted(fixtures_dir().glob("*/*.yaml"))


def all_interactions() -> list[Interaction]:
    """Every interaction of every cassette, sorted by file name then position."""
    return sorted((i for path in cassettes() for i in load(path)), key=lambda i: (i.file, i.index))
