"""A tool's JSON Schema: built from a function's signature and docstring, cleaned up,
made strict for OpenAI, and summed up for error messages."""

from __future__ import annotations

import inspect
import json
import sys
import typing
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import pydantic
from pydantic.fields import FieldInfo

if TYPE_CHECKING:
    from fcplayground.tools.tool import Tool


class UndocumentedParameterWarning(UserWarning):
    """A tool or one of its parameters has no description, so the model has to guess."""


def args_model(
    name: str, func: Callable[..., Any], docs: dict[str, str | None]
) -> type[pydantic.BaseModel]:
    try:
        params = inspect.signature(func, eval_str=True).parameters.values()
    except NameError as exc:
        raise TypeError(f"Cannot resolve the annotations of {name} ({exc}).") from None
    unusable = [p.name for p in params if p.kind not in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
    unusable += [p.name for p in params if p.name in ("self", "cls") or p.name.startswith("_")]
    if unusable:
        raise TypeError(
            f"{name} has parameter(s) a model cannot fill: {', '.join(unusable)}. A model sends "
            "named arguments only: drop *args/**kwargs and positional-only markers, register a "
            "bound method (obj.method), and do not start parameter names with '_'."
        )
    fields: dict[str, Any] = {}
    for p in params:
        hint = Any if p.annotation is p.empty else p.annotation
        # An Annotated Field(description=...) beats the docstring; pydantic would let a
        # description given as the default win, so the docstring goes into Annotated.
        if docs.get(p.name) and not _annotated_description(hint):
            hint = Annotated[hint, pydantic.Field(description=docs[p.name])]
        fields[p.name] = (hint, ... if p.default is p.empty else p.default)
    try:
        with warnings.catch_warnings():  # params named json, copy... shadow BaseModel methods
            warnings.filterwarnings("ignore", message=".*shadows an attribute")
            config = pydantic.ConfigDict(extra="forbid")
            return pydantic.create_model(f"{name}_arguments", __config__=config, **fields)
    except (pydantic.PydanticSchemaGenerationError, pydantic.PydanticUserError) as exc:
        raise TypeError(f"Cannot build a JSON schema for the parameters of {name}: {exc}") from None


def _annotated_description(hint: Any) -> str | None:
    if typing.get_origin(hint) is not Annotated:
        return None
    infos = [m for m in typing.get_args(hint)[1:] if isinstance(m, FieldInfo)]
    return next((i.description for i in reversed(infos) if i.description), None)


def warn_if_undocumented(tool: Tool) -> None:
    problems = []
    if not tool.description:
        problems.append(
            f"Tool {tool.name} has no description, so the model must guess when to use it: "
            "give the function a docstring or pass description=...."
        )
    missing = [n for n, p in tool.parameters["properties"].items() if not p.get("description")]
    if missing:
        problems.append(
            f"Tool {tool.name}: parameter(s) {', '.join(map(repr, missing))} have no description, "
            "so the model must guess what to send. Add an Args: section to the docstring or "
            "annotate them as Annotated[..., Field(description=...)]."
        )
    if problems:
        # Point at the learner's code, however deep inside this package we are.
        frame, level = sys._getframe(), 1
        while frame is not None and _in_package(frame.f_globals.get("__name__")):
            frame, level = frame.f_back, level + 1
        warnings.warn(UndocumentedParameterWarning(" ".join(problems)), stacklevel=level)


def _in_package(module: str | None) -> bool:
    """Whether ``module`` is part of this package, whose frames the warning skips."""
    package = __name__.rpartition(".")[0]
    return module is not None and (module == package or module.startswith(package + "."))


# --- JSON Schema ------------------------------------------------------------------------


def walk(schema: dict[str, Any], visit: Callable[[dict[str, Any]], Any]) -> None:
    """Apply ``visit`` to ``schema`` and each subschema; never to property names, enum
    values or defaults, so a parameter called "title" survives title removal."""
    visit(schema)
    subs = [*schema.get("properties", {}).values(), *schema.get("$defs", {}).values()]
    subs += [*schema.get("anyOf", []), *schema.get("allOf", []), *schema.get("oneOf", [])]
    subs += [
        schema[k] for k in ("items", "additionalProperties") if isinstance(schema.get(k), dict)
    ]
    for sub in subs:
        walk(sub, visit)


def clean_schema(schema: dict[str, Any]) -> dict[str, Any]:
    walk(schema, lambda node: node.pop("title", None))
    out: dict[str, Any] = {"type": "object", "properties": schema.pop("properties", {})}
    if schema.get("required"):
        out["required"] = schema["required"]
    # extra="forbid" is enforced when calling; strict mode adds additionalProperties itself.
    return out | {
        k: v for k, v in schema.items() if k not in ("type", "required", "additionalProperties")
    }


def make_strict(node: dict[str, Any]) -> None:
    """OpenAI strict rules: closed objects, every property required, no defaults."""
    node.pop("default", None)
    if node.get("type") == "object" or "properties" in node:
        node["additionalProperties"] = False
    if "properties" in node:
        props, required = node["properties"], node.get("required", [])
        node["properties"] = {k: p if k in required else _nullable(p) for k, p in props.items()}
        node["required"] = list(props)


def _nullable(prop: dict[str, Any]) -> dict[str, Any]:
    if accepts_null(prop):
        return prop
    if isinstance(prop.get("type"), str) and "enum" not in prop and "const" not in prop:
        return prop | {"type": [prop["type"], "null"]}
    if "anyOf" in prop:
        return prop | {"anyOf": [*prop["anyOf"], {"type": "null"}]}
    inner = {k: v for k, v in prop.items() if k != "description"}  # e.g. a $ref
    outer = {"description": prop["description"]} if "description" in prop else {}
    return {"anyOf": [inner, {"type": "null"}], **outer}


def accepts_null(prop: dict[str, Any]) -> bool:
    kind = prop.get("type")
    if kind == "null" or (isinstance(kind, list) and "null" in kind):
        return True
    constrained = {"type", "anyOf", "$ref", "enum", "const", "allOf", "oneOf"} & prop.keys()
    return not constrained or any(accepts_null(p) for p in prop.get("anyOf", []))


def _kind(prop: dict[str, Any], root: dict[str, Any]) -> str:
    if "$ref" in prop:
        prop = root.get("$defs", {}).get(prop["$ref"].rsplit("/", 1)[-1], {})
    if "enum" in prop:
        return " or ".join(json.dumps(v, ensure_ascii=False) for v in prop["enum"])
    if "anyOf" in prop:
        return " or ".join(_kind(p, root) for p in prop["anyOf"])
    if prop.get("type") == "array":
        return f"array of {_kind(prop.get('items', {}), root)}"
    return str(prop.get("type", "any"))


def takes(tool: Tool) -> str:
    """A one-line summary of the schema, for error messages."""
    props, required = tool.parameters["properties"], tool.parameters.get("required", [])
    parts = [
        f"{n} ({_kind(p, tool.parameters)}{', required' if n in required else ''})"
        for n, p in props.items()
    ]
    return f"{tool.name} takes: {', '.join(parts) or 'no arguments'}"
