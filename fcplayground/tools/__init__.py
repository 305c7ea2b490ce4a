"""Turn plain Python functions into tools a model can call.

A :class:`ToolRegistry` builds each tool's JSON Schema from its signature and docstring,
exports it for OpenAI and Anthropic, and runs the calls a model asks for. A model's
mistakes never raise: they come back as error results that say what to fix.
:func:`running_in_background` counts sync calls that timed out and still run;
:func:`subset` keeps only some of a registry's tools, to offer fewer per request.
"""

from fcplayground.tools.execution import Arguments as Arguments
from fcplayground.tools.registry import ToolInterrupted, ToolRegistry
from fcplayground.tools.schema import UndocumentedParameterWarning
from fcplayground.tools.subsets import subset
from fcplayground.tools.threads import running_in_background
from fcplayground.tools.tool import Tool

__all__ = [
    "Tool",
    "ToolInterrupted",
    "ToolRegistry",
    "UndocumentedParameterWarning",
    "running_in_background",
    "subset",
]
