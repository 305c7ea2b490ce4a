"""Who may talk to ``fcplayground serve``: the Host names it answers and the browser
origins it lets in (CORS).

A web page a learner opens cannot drive the server: browsers send an ``Origin`` header,
and only origins given with ``--cors`` are answered. DNS rebinding (a page whose own name
is made to point at 127.0.0.1) is stopped by the Host check: a request must be addressed
to an IP address, ``localhost``, this machine's name or a name given with ``--allow-host``.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass

ANY = "*"
# Where and how patiently the server listens unless told otherwise (here, not in server.py, so
# that ``fcplayground serve --help`` can show them without loading the model and the SDKs).
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_TIMEOUT = 10.0  # seconds for a whole request to arrive; an idle keep-alive too


@dataclass(frozen=True)
class Policy:
    """The Host names and browser origins a server accepts."""

    names: frozenset[str]  # Host names, lower case, besides IP addresses and localhost
    origins: frozenset[str]  # browser origins allowed by CORS ("*": any)

    @classmethod
    def build(cls, bound_host: str, allow_hosts: Iterable[str], cors: Iterable[str]) -> Policy:
        """The policy for a server bound to ``bound_host``; raises ``ValueError`` for an
        origin that is not ``scheme://host[:port]``."""
        machine = socket.gethostname().lower()
        names = {bound_host.lower(), machine, f"{machine}.local", *map(str.lower, allow_hosts)}
        origins = set()
        for origin in cors:
            origin = origin.strip().rstrip("/").lower()
            if origin != ANY and "://" not in origin:
                raise ValueError(
                    f"--cors {origin!r} is not an origin: write scheme://host[:port], "
                    "e.g. --cors http://localhost:5173 (or --cors '*' for any page)."
                )
            origins.add(origin)
        return cls(frozenset(names), frozenset(origins))

    def host_allowed(self, host: str | None) -> bool:
        """Whether a request with this Host header is answered (no header: not a browser)."""
        if host is None or ANY in self.names:
            return True
        name = host_name(host)
        # DNS rebinding needs a name that resolves here; an address is what the client dialled
        return _is_address(name) or _is_localhost(name) or name in self.names

    def origin_allowed(self, origin: str) -> bool:
        """Whether a browser page at ``origin`` may call the server."""
        return ANY in self.origins or origin.rstrip("/").lower() in self.origins

    def host_refusal(self, host: str) -> str:
        """Why a request with this Host is refused, and the flag that allows it."""
        name = host_name(host)
        machine = socket.gethostname()
        return (
            f"Host {host[:100]!r} is not allowed: this server answers only requests addressed "
            f"to this machine (an IP address, localhost or {machine}), so that a web page "
            "cannot reach it by DNS rebinding. If you reach it by this name on purpose, "
            f"start it with: fcplayground serve --allow-host {name[:100]}"
        )

    def origin_refusal(self, origin: str) -> str:
        """Why a browser request from ``origin`` is refused, and the flag that allows it."""
        return (
            f"Browser requests from {origin[:100]!r} are not allowed: CORS is off by default, "
            "so that web pages cannot drive this server. To let this page call it, start it "
            f"with: fcplayground serve --cors {origin[:100]}"
        )


def host_name(host: str) -> str:
    """The name in a Host header, without its port: ``[::1]:8000`` is ``::1``."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].partition("]")[0]
    if host.count(":") == 1:
        host = host.partition(":")[0]
    return host.rstrip(".")


def _is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def _is_localhost(name: str) -> bool:
    # browsers resolve localhost and *.localhost to this machine themselves
    return name == "localhost" or name.endswith(".localhost")
