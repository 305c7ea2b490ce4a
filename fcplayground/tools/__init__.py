"""Turn plain Python functions into tools a model can call.

A :class:`ToolRegistry` builds each tool's JSON Schema from its signature and docstring,
exports it for OpenAI and Anthropic, and runs the calls a model asks for. A model's
mistakes never raise: they come back as error results that say what to fix.
"""

from fcplayground.tools.execution import Arguments as Arguments
from fcplayground.tools.registry import Tool, ToolRegistry
from fcplayground.tools.schema import UndocumentedParameterWarning

__all__ = ["Tool", "ToolRegistry", "UndocumentedParameterWarning"]
