"""Tools over MCP (Model Context Protocol): a registry served as an MCP server, and an
MCP server's tools as a registry.

- :func:`server` builds an MCP server offering a :class:`~fcplayground.tools.ToolRegistry`'s
  tools as they are (names, descriptions, schemas, argument checks, error texts).
- :func:`serve_stdio` and :func:`serve_http` run one over stdio or streamable HTTP.
- :func:`tools` connects to an MCP server and gives its tools as a registry.
- :func:`serving_in_background` serves a registry over HTTP from a thread of this process,
  for the length of a ``with`` block (a notebook's way to try both ends at once).

Names load on first use, so ``import fcplayground.mcp`` does not load the ``mcp`` SDK.
"""

from __future__ import annotations

from ..lazy import lazy_names

# Each public name and the module (in this package) that defines it. No module is named
# like a name it exports: importing it would set that name on this package to the module.
_WHERE = {
    "server": ".tool_server",
    "serve_stdio": ".serving",
    "serve_http": ".serving",
    "tools": ".client",
    "serving_in_background": ".background",
}

__all__ = sorted(_WHERE)


__getattr__, __dir__ = lazy_names(__name__, globals(), _WHERE)
