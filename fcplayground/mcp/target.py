"""Where an MCP server is, and how messages name it: in full for the person who connects
(:attr:`Target.shown`), briefly for a model (:attr:`Target.named`), which needs no
folders of this machine and must never see a URL's credentials."""

from __future__ import annotations

import ntpath
import posixpath
import re
import shlex
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass, field

# The longest a server's brief name gets (a `python -c "..."` server can be a page long).
NAMED_CHARS = 80
# A path from a root: /..., ~/..., C:\... or C:/..., \\server\share.
_ABSOLUTE = re.compile(r"[/~]|[A-Za-z]:[/\\]|\\\\")


@dataclass(frozen=True)
class Target:
    """Where the server is: a command to run (stdio), or a streamable HTTP URL."""

    command: tuple[str, ...] = ()
    url: str = ""
    env: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, server: str | Sequence[str], env: dict[str, str]) -> Target:
        """``server`` as a URL (``http(s)://...``) or a command (a list, or a string to split)."""
        if isinstance(server, str):
            if server.strip().lower().startswith(("http://", "https://")):
                return cls(url=server.strip())
            server = shlex.split(server)
        command = tuple(server)
        if not command or not all(isinstance(part, str) and part for part in command):
            raise ValueError(
                "server must be a command, e.g. ['python', '-m', 'fcplayground', 'mcp', "
                "'--scenario', 'support_desk'], or an http(s):// URL; got "
                f"{server!r}."
            )
        return cls(command=command, env=env)

    @property
    def shown(self) -> str:
        """The server as a user would type it, for the messages the user reads."""
        return self.url or shlex.join(self.command)

    @property
    def named(self) -> str:
        """The server in a few words, for the texts a model reads: the command with each
        path cut to its last part (``python hostile_server.py``), or the URL without
        credentials, query or fragment (``https://example.com/mcp``)."""
        if self.url:
            return _bare(self.url)
        text = " ".join(_last_part(part) for part in self.command)
        return text if len(text) <= NAMED_CHARS else text[: NAMED_CHARS - 3] + "..."


def _last_part(part: str) -> str:
    """An absolute path's last part (``/usr/bin/python3`` -> ``python3``), also as an
    option's value (``--db=/data/x.db`` -> ``--db=x.db``); any other word as it is (a
    package such as ``@scope/server`` names no folder of this machine)."""
    option, equals, value = part.partition("=")
    if equals and not _ABSOLUTE.match(option):
        return f"{option}={_last_part(value)}"
    if not _ABSOLUTE.match(part):
        return part
    return ntpath.basename(posixpath.basename(part.rstrip("/\\"))) or part


def _bare(url: str) -> str:
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:  # an unbalanced "[": no host to keep
        return url.split("?", 1)[0].split("#", 1)[0].rpartition("@")[2]
    host = parts.netloc.rpartition("@")[2]  # user:password@ goes
    return urllib.parse.urlunsplit((parts.scheme, host, parts.path, "", ""))
