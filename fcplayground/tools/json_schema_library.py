"""``jsonschema``, imported without the IRI grammar it never needs here.

Where JupyterLab is installed, ``jsonschema[format-nongpl]`` brings ``rfc3987_syntax``, whose
import builds a Lark grammar: about 4 s of a 4.4 s ``import jsonschema`` on two cores. It only
checks the ``iri`` and ``iri-reference`` formats, which neither the meta-schemas nor any check
here uses, so :func:`load` imports jsonschema with it hidden (0.4 s), and leaves it importable
for anyone else afterwards.
"""

from __future__ import annotations

import sys
import threading
from types import ModuleType

_GRAMMAR = "rfc3987_syntax"
_LOCK = threading.Lock()  # two threads importing at once would see each other's hiding


def load() -> ModuleType:
    """The ``jsonschema`` module, imported on first use."""
    loaded = sys.modules.get("jsonschema")
    if loaded is not None:
        return loaded
    with _LOCK:
        hide = _GRAMMAR not in sys.modules
        if hide:
            sys.modules[_GRAMMAR] = None  # type: ignore[assignment]  # import raises ImportError
        try:
            import jsonschema
        finally:
            if hide and sys.modules.get(_GRAMMAR, 0) is None:
                del sys.modules[_GRAMMAR]
    return jsonschema
