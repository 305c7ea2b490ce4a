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
from .checks import MAX_DEPTH, CassetteError, Where, check_size

FORMAT = "fcplayground-cassette"
VERSION = 1


def parse_body(content: bytes | str | None) -> Any:
    """A request body as cassettes keep it: parsed JSON, else text, ``None`` when empty."""
    if not content:
        return None
    text = content.decode("utf-8", "replace") if isinstance(content, bytes) else content
    try:
        return json.loads(text)
    except (ValueError, RecursionError):  # nested too deep for the parser: kept as text
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
    def from_json(cls, data: dict[str, Any], where: Where | None = None) -> Exchange:
        """The inverse of :meth:`to_json`; a :class:`CassetteError` says what is missing."""
        where = where or Where("cassette").at(0, 1)
        request = where.get(data, "request", dict, "the exchange")
        response = where.get(data, "response", dict, "the exchange")
        if "body_lines" in response:
            lines = where.get(response, "body_lines", list, "the response")
            for line in lines:
                where.check(line, str, 'a line of the response\'s "body_lines"')
            body = "\n".join(lines).encode("utf-8")
        elif "body_base64" in response:
            body = _base64(where.get(response, "body_base64", str, "the response"), where)
        else:
            raise where.error('the response has neither "body_lines" nor "body_base64"')
        exchange = cls(
            method=where.get(request, "method", str, "the request"),
            path=where.get(request, "path", str, "the request"),
            request=request.get("body"),
            status=where.get(response, "status", int, "the response"),
            content_type=where.check(
                response.get("content_type"), (str, type(None)), 'the response\'s "content_type"'
            ),
            body=body,
        )
        if not 100 <= exchange.status <= 599:
            raise where.error(f"the response's status {exchange.status} is not an HTTP status")
        check_reply(exchange, where)
        return exchange


def _base64(text: str, where: Where) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except ValueError:
        raise where.error('the response\'s "body_base64" is not base64') from None


def check_reply(exchange: Exchange, where: Where) -> None:
    """A successful JSON reply must be JSON: replay hands it to an SDK as it is."""
    plain_json = (exchange.content_type or "").startswith("application/json")
    if exchange.status >= 400 or not plain_json:
        return
    try:
        json.loads(exchange.body)
    except (ValueError, RecursionError):
        raise where.error(
            f"the response says application/json but its body is not JSON "
            f"(it starts {exchange.body[:40]!r})"
        ) from None


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
        where = Where(path.name)
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            problem = f"it is not UTF-8 text ({error.reason} at byte {error.start})"
            raise where.error(problem) from None
        if not text.strip():
            raise where.error("the file is empty")
        return cls(read(text, where), path.name)

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


def _read_json(text: str, where: Where) -> list[Exchange]:
    try:
        document = json.loads(text)
    except RecursionError:
        raise where.error(f"it nests more than {MAX_DEPTH} levels deep") from None
    except ValueError as error:
        raise where.error(f"it is not valid JSON ({error})") from None
    check_size(document, len(text), where)
    if isinstance(document, dict) and "interactions" in document:
        return _read_vcr(document, where)  # vcrpy's JSON serializer
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise CassetteError(
            f'{where.name} is not an fcplayground cassette (no "format": "{FORMAT}"). '
            "Record one with fcplayground.record(path), or give a vcrpy cassette."
        )
    version = where.check(document.get("version", VERSION), int, 'the file\'s "version"')
    if version > VERSION or version < 1:
        raise CassetteError(
            f"{where.name} is a version {version} cassette; this fcplayground reads "
            f"versions 1 to {VERSION}. Upgrade fcplayground to replay it, or re-record it "
            "with fcplayground.record(path)."
        )
    items = where.items_of(document, "exchanges")
    return [Exchange.from_json(e, where.at(i, len(items))) for i, e in enumerate(items)]


def _read_yaml(text: str, where: Where) -> list[Exchange]:
    import yaml  # only YAML cassettes need pyyaml

    try:
        document = yaml.safe_load(text)
    except RecursionError:
        raise where.error(f"it nests more than {MAX_DEPTH} levels deep") from None
    except yaml.YAMLError as error:
        raise where.error(f"it is not valid YAML ({' '.join(str(error).split())})") from None
    check_size(document, len(text), where)
    return _read_vcr(document, where)


def _read_vcr(document: Any, where: Where) -> list[Exchange]:
    from .vcr import exchanges  # vcr builds on this module

    return exchanges(document, Where(where.name, "interactions"))


READERS: dict[str, Callable[[str, Where], list[Exchange]]] = {
    ".json": _read_json,
    ".yaml": _read_yaml,
    ".yml": _read_yaml,
}
