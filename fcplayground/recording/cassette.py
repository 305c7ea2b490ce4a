"""Cassettes: recorded provider exchanges, kept in one readable JSON file.

The file is a small header and a list of exchanges::

    {
      "format": "fcplayground-cassette",
      "version": 1,
      "fcplayground": "0.1.0",
      "exchanges": [
        {
          "request": {"method": "POST", "path": "/v1/chat/completions", "body": {...}},
          "response": {"status": 200, "content_type": "application/json",
                       "body_lines": ["{\\"id\\": \\"chatcmpl-...\\", ...}"]}
        }
      ]
    }

A request keeps its method, its path (no host, no query string) and its JSON body. A
response keeps its status, its content type and its body exactly as the SDK received it
(decompressed): ``"\\n".join(body_lines)`` gives the bytes back, SSE streams included;
a body that is not UTF-8 is kept as ``body_base64`` instead. No headers are kept: they
are where API keys travel.

:meth:`Cassette.load` also reads vcrpy cassettes, YAML or JSON (see :mod:`.vcr`).
"""

from __future__ import annotations

import base64
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2

from ..wire import ENDPOINTS

FORMAT = "fcplayground-cassette"
VERSION = 1


def parse_body(content: bytes | str | None) -> Any:
    """A request body as cassettes keep it: parsed JSON, else text, ``None`` when empty."""
    if not content:
        return None
    text = content.decode("utf-8", "replace") if isinstance(content, bytes) else content
    try:
        return json.loads(text)
    except ValueError:
        return text


def decode_body(raw: bytes, content_encoding: str | None) -> bytes:
    """Bytes as sent on the wire (gzip, deflate, ...) -> the body an SDK reads."""
    if not content_encoding:
        return raw
    # httpx2's own decoders, as the SDK used them; a cut-off stream decodes as far as it got.
    return httpx2.Response(200, headers={"content-encoding": content_encoding}, content=raw).content


@dataclass
class Exchange:
    """One recorded HTTP exchange: what was asked, and the reply byte for byte."""

    method: str
    path: str
    request: Any  # the JSON body (see parse_body)
    status: int
    content_type: str | None
    body: bytes  # the response body as the SDK received it

    @property
    def api(self) -> str | None:
        """``"chat"``, ``"responses"`` or ``"anthropic"``; ``None`` for other endpoints."""
        return ENDPOINTS.get(self.path)

    @property
    def is_stream(self) -> bool:
        return (self.content_type or "").startswith("text/event-stream")

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def to_json(self) -> dict[str, Any]:
        """This exchange as it appears in a cassette file."""
        response = {"status": self.status, "content_type": self.content_type}
        try:
            response["body_lines"] = self.body.decode("utf-8").split("\n")
        except UnicodeDecodeError:
            response["body_base64"] = base64.b64encode(self.body).decode("ascii")
        request = {"method": self.method, "path": self.path, "body": self.request}
        return {"request": request, "response": response}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Exchange:
        """The inverse of :meth:`to_json`."""
        request, response = data["request"], data["response"]
        if "body_lines" in response:
            body = "\n".join(response["body_lines"]).encode("utf-8")
        else:
            body = base64.b64decode(response["body_base64"])
        return cls(
            method=request["method"],
            path=request["path"],
            request=request.get("body"),
            status=response["status"],
            content_type=response.get("content_type"),
            body=body,
        )


@dataclass
class Cassette:
    """Recorded exchanges, in the order they happened."""

    exchanges: list[Exchange] = field(default_factory=list)
    name: str = "cassette"  # the file name, for messages

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Cassette:
        """Read a cassette: this package's JSON, or vcrpy YAML (``.yaml`` / ``.yml``)."""
        path = Path(path)
        read = READERS.get(path.suffix.lower(), _read_json)
        return cls(read(path.read_text(encoding="utf-8"), path.name), path.name)

    def dumps(self) -> str:
        """The cassette file's text: indented JSON, one exchange after another."""
        from .. import __version__  # here, not at import: the package imports this module

        document = {
            "format": FORMAT,
            "version": VERSION,
            "fcplayground": __version__,
            "exchanges": [e.to_json() for e in self.exchanges],
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the cassette to ``path`` (atomically)."""
        write_atomic(Path(path), self.dumps())


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", delete=False
    ) as out:
        out.write(text)
    try:
        os.replace(out.name, path)
    except BaseException:
        os.unlink(out.name)
        raise


def _read_json(text: str, name: str) -> list[Exchange]:
    document = json.loads(text)
    if isinstance(document, dict) and "interactions" in document:
        return _read_vcr(document)  # vcrpy's JSON serializer
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError(
            f'{name} is not an fcplayground cassette (no "format": "{FORMAT}"). '
            "Record one with fcplayground.record(path), or give a vcrpy cassette."
        )
    if document.get("version", 0) > VERSION:
        raise ValueError(
            f"{name} is a version {document['version']} cassette; this fcplayground reads up "
            f"to version {VERSION}. Upgrade fcplayground to replay it."
        )
    return [Exchange.from_json(e) for e in document["exchanges"]]


def _read_yaml(text: str, name: str) -> list[Exchange]:
    import yaml  # only YAML cassettes need pyyaml

    return _read_vcr(yaml.safe_load(text))


def _read_vcr(document: dict[str, Any]) -> list[Exchange]:
    from .vcr import exchanges  # vcr builds on this module

    return exchanges(document)


READERS: dict[str, Callable[[str, str], list[Exchange]]] = {
    ".json": _read_json,
    ".yaml": _read_yaml,
    ".yml": _read_yaml,
}
