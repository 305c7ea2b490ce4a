"""The :class:`Tool`: what the model sees of one tool (name, description, JSON Schema,
examples) and how its arguments are checked before its function runs."""

from __future__ import annotations

import copy
import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import docstring_parser
import pydantic

from fcplayground.chat import ToolSpec
from fcplayground.tools.examples import check_examples, strict_examples
from fcplayground.tools.execution import (
    Arguments,
    CallError,
    parse_arguments,
    validate,
    validation_text,
)
from fcplayground.tools.schema import (
    accepts_null,
    args_model,
    clean_schema,
    make_strict,
    walk,
    warn_if_undocumented,
)
from fcplayground.tools.schema_check import SchemaCheck, object_schema

NAME_RE = re.compile(r"[a-zA-Z0-9_-]{1,64}")  # what both accept, by fullmatch (not "$")


@dataclass
class Tool:
    """A tool: what the model sees (``name``, ``description``, JSON Schema
    ``parameters``, example arguments ``input_examples``) and how to run it (``func``,
    arguments checked by ``args_model``)."""

    name: str
    description: str
    func: Callable[..., Any]
    parameters: dict[str, Any]
    side_effect: bool = False
    args_model: type[pydantic.BaseModel] | None = field(default=None, repr=False)
    # For a tool built from a JSON Schema (from_schema): the check of its arguments.
    schema_check: SchemaCheck | None = field(default=None, repr=False)
    input_examples: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def from_function(
        cls,
        func: Callable[..., Any],
        name: str | None = None,
        description: str | None = None,
        side_effect: bool = False,
        input_examples: list[dict[str, Any]] | None = None,
    ) -> Tool:
        """Build a tool from ``func``'s signature and docstring; warn if undocumented.
        ``input_examples`` are checked against the parameters (ValueError naming the
        example and the argument that does not fit)."""
        if not callable(func):
            raise TypeError(f"A tool must be a function, got {type(func).__name__}.")
        name = name or getattr(func, "__name__", None)
        if not isinstance(name, str) or not NAME_RE.fullmatch(name):
            raise ValueError(
                f"{name!r} cannot be a tool name: use 1-64 letters, digits, _ or -. "
                "Pass name=... to choose one."
            )
        doc = docstring_parser.parse(inspect.getdoc(func) or "")
        if description is None:
            # A first line that wraps goes on in the "long" part: join it back with a space.
            joint = "\n\n" if doc.blank_after_short_description else " "
            description = joint.join(filter(None, [doc.short_description, doc.long_description]))
        model = args_model(name, func, {p.arg_name: p.description for p in doc.params})
        parameters = clean_schema(model.model_json_schema())
        examples = check_examples(name, parameters, input_examples)
        tool = cls(name, description, func, parameters, side_effect, model, None, examples)
        warn_if_undocumented(tool)
        return tool

    @classmethod
    def from_schema(
        cls,
        name: str,
        description: str,
        parameters: dict[str, Any],
        func: Callable[..., Any],
        side_effect: bool = False,
        input_examples: list[dict[str, Any]] | None = None,
    ) -> Tool:
        """Build a tool from a JSON Schema given as data (e.g. one an MCP server lists) and
        a function, sync or async, called with the arguments as keywords. The arguments are
        checked against ``parameters`` before ``func`` runs; ValueError if ``name`` cannot
        be a tool name or ``parameters`` is not a JSON Schema of an object."""
        if not callable(func):
            raise TypeError(f"A tool must be a function, got {type(func).__name__}.")
        if not isinstance(name, str) or not NAME_RE.fullmatch(name):
            raise ValueError(f"{name!r} cannot be a tool name: use 1-64 letters, digits, _ or -.")
        parameters, check = object_schema(name, parameters)
        examples = check_examples(name, parameters, input_examples)
        return cls(name, description, func, parameters, side_effect, None, check, examples)

    @property
    def is_async(self) -> bool:
        """Whether calling ``func`` gives a coroutine (async functions and objects)."""
        func = self.func
        return inspect.iscoroutinefunction(func) or inspect.iscoroutinefunction(type(func).__call__)

    def to_spec(self, strict: bool = False) -> ToolSpec:
        """The provider-neutral :class:`ToolSpec`, with a strict-mode schema if asked."""
        parameters = copy.deepcopy(self.parameters)
        examples = copy.deepcopy(self.input_examples)
        if strict:
            walk(parameters, make_strict)
            examples = strict_examples(self.parameters, examples)
        return ToolSpec(self.name, self.description, parameters, strict, examples)

    def bind(self, arguments: Arguments, strict: bool = True) -> dict[str, Any]:
        """Check a model's arguments (dict or JSON text) and return ``func``'s kwargs.

        ``strict`` (the default) takes each value only in its own JSON type, as OpenAI's
        strict mode produces them: no ``true`` for an int, no ``"3"`` or ``3.5`` for an
        int, no ``"nan"`` for a number, no ``"yes"`` or ``1`` for a bool. ``strict=False``
        lets pydantic convert such values (``"3"`` to 3, ``"yes"`` to True)."""
        values = parse_arguments(self, arguments)
        props, required = self.parameters["properties"], self.parameters.get("required", [])
        for key in [k for k, v in values.items() if v is None and k in props]:
            # Strict mode makes optional parameters nullable: there null means "the default".
            if key not in required and not accepts_null(props[key]):
                del values[key]
        if self.args_model is None:
            if self.schema_check is not None:
                self.schema_check(self, values)
            return values
        try:  # dict() keeps nested models as instances, as the function expects
            return dict(validate(self.args_model, values, strict))
        except pydantic.ValidationError as exc:
            raise CallError(validation_text(self, exc)) from None
