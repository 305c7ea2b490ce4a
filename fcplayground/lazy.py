"""Names a package hands out from its modules on first use (PEP 562), so importing the package
stays light. One implementation for every package that does this."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Collection, Mapping
from typing import Any


def lazy_names(
    package: str,
    namespace: dict[str, Any],
    where: Mapping[str, str],
    submodules: Collection[str] = (),
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``: each name in ``where`` loads from the
    module it maps to (relative to the package, e.g. ``".clients"``), each of ``submodules`` is
    that module itself. A loaded name is kept in ``namespace``, so later look-ups skip this."""

    def getattr_(name: str) -> Any:
        if name in submodules:
            return importlib.import_module(f".{name}", package)
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(where[name], package), name)
        namespace[name] = value
        return value

    def dir_() -> list[str]:
        return sorted([*namespace, *where, *submodules])

    return getattr_, dir_
