"""Shapes both OpenAI endpoints share: tools, tool names, sampling numbers, and the list
of top-level parameters the SDK can send (read from its own type definitions)."""

from __future__ import annotations

from typing import Any

from .shapes import Anything, Array, Bool, Int, Maybe, NotTaken, Num, Obj, Shape, Str

# OpenAI's limits: at most 128 tools, function names of 1 to 64 of these characters.
MAX_TOOLS = 128
NAME_PATTERN = "^[a-zA-Z0-9_-]+$"
NAME = Str(min_length=1, max_length=64, pattern=NAME_PATTERN)

OBJECT = Anything(("object",))
SCHEMA = Maybe(OBJECT)  # a JSON Schema (or null, in Responses); cross_field.py reads its content

# Anthropic's field for example inputs: OpenAI has none (write them into the description).
NOT_OPENAI = {"input_examples": NotTaken()}
FUNCTION = Obj(
    {"name": NAME, "description": Maybe(Str()), "parameters": OBJECT, "strict": Maybe(Bool())}
    | NOT_OPENAI,
    required=("name",),
)

SAMPLING: dict[str, Shape] = {
    "temperature": Maybe(Num(0, 2)),
    "top_p": Maybe(Num(0, 1)),
    "top_logprobs": Maybe(Int(0, 20)),
    "parallel_tool_calls": Maybe(Bool()),
    "stream": Maybe(Bool()),
    "store": Maybe(Bool()),
    "user": Str(),
    "metadata": Maybe(OBJECT),
    "service_tier": Maybe(Str()),
    "safety_identifier": Maybe(Str()),
    "prompt_cache_key": Maybe(Str()),
}


def tools_array(tool: Shape) -> Array:
    """A ``tools`` array of at most :data:`MAX_TOOLS` entries."""
    return Array(tool, max_length=MAX_TOOLS)


def sdk_fields(*typed_dicts: Any) -> set[str]:
    """Every top-level parameter the installed SDK's request types name.

    What the SDK can send is accepted even where it is not modelled here; a new SDK
    version's new parameters are accepted without a change to this file."""
    names: set[str] = set()
    for typed_dict in typed_dicts:
        for klass in typed_dict.__mro__:
            names.update(getattr(klass, "__annotations__", {}))
    return names


def top_level(known: dict[str, Shape], sdk: set[str], required: tuple[str, ...]) -> Obj:
    """The closed top-level object: ``known`` fields checked, other SDK fields let through."""
    fields = {name: Anything() for name in sdk} | known
    return Obj(fields, required=required, closed=True)
