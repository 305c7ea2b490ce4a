"""A :class:`~.shapes.Violation` in each provider's own words.

OpenAI names the parameter (``messages[0].role``) in ``param`` and gives a ``code``
(``invalid_type``, ``missing_required_parameter``, ...). Anthropic's messages are
pydantic's: ``messages.0.role: Field required``, with no ``param``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .shapes import Problem, Tag, Violation


@dataclass(frozen=True)
class Refusal:
    """A request the provider refuses with HTTP 400: message, param and code."""

    message: str
    param: str | None = None
    code: str | None = None


# -- OpenAI -----------------------------------------------------------------------------

OPENAI_KINDS = {
    "string": "a string",
    "integer": "an integer",
    "number": "a decimal",
    "boolean": "a boolean",
    "array": "an array",
    "object": "an object",
    "null": "null",
}


def openai_param(path: tuple[Any, ...]) -> str:
    """``("messages", 0, "role")`` as OpenAI writes it: ``messages[0].role``."""
    out = ""
    for step in path:
        if type(step) is int:
            out += f"[{step}]"
        elif type(step) is not Tag:
            out += f".{step}" if out else str(step)
    return out


def _openai_expected(kinds: tuple[str, ...]) -> str:
    words = [OPENAI_KINDS.get(k, k) for k in kinds if k != "null" or len(kinds) == 1]
    if "number" in kinds:  # "a decimal" covers integers too
        words = [w for w in words if w != "an integer"]
    if len(words) == 1:
        return words[0]
    return "one of " + " or ".join(words)


def _listing(values: tuple[str, ...]) -> str:
    quoted = [f"'{v}'" for v in values]
    if len(quoted) < 3:
        return " and ".join(quoted)
    return ", ".join(quoted[:-1]) + f", and {quoted[-1]}"


def _number(value: float | None) -> str:
    return str(int(value)) if value is not None and float(value).is_integer() else str(value)


def openai(violation: Violation, top_level_unknown: str) -> Refusal:
    """The OpenAI 400 for ``violation``; ``top_level_unknown`` is the endpoint's wording
    for a parameter it does not take (Chat and Responses word it differently)."""
    v, param = violation, openai_param(violation.path)
    if v.problem is Problem.UNKNOWN:
        if len(v.path) == 1:
            return Refusal(
                top_level_unknown.format(name=param), *_unknown_param(top_level_unknown, param)
            )
        return Refusal(f"Unknown parameter: '{param}'.", param, "unknown_parameter")
    if v.problem in (Problem.TOO_SHORT, Problem.TOO_LONG):
        return _openai_length(v, param)
    number = "integer" if "number" not in v.expected else "decimal"
    say = OPENAI_WORDS[v.problem]
    code = OPENAI_CODES[v.problem].format(number=number)
    return Refusal(say(v, param, number), param, code)


def _type_text(v: Violation, param: str, number: str) -> str:
    got = OPENAI_KINDS.get(str(v.got), str(v.got))
    return f"Invalid type for '{param}': expected {_openai_expected(v.expected)}, but got {got} instead."


def _bound_text(v: Violation, param: str, number: str) -> str:
    below = v.problem is Problem.BELOW_MIN
    side, sign = ("below minimum", ">=") if below else ("above maximum", "<=")
    return (
        f"Invalid '{param}': {number} {side} value. Expected a value {sign} "
        f"{_number(v.limit)}, but got {v.got} instead."
    )


OPENAI_WORDS: dict[Problem, Callable[[Violation, str, str], str]] = {
    Problem.MISSING: lambda v, param, _: f"Missing required parameter: '{param}'.",
    Problem.NO_TAG: lambda v, param, _: f"Missing required parameter: '{param}'.",
    Problem.TYPE: _type_text,
    Problem.VALUE: lambda v, param, _: (
        f"Invalid value: '{v.got}'. Supported values are: {_listing(v.expected)}."
    ),
    Problem.BELOW_MIN: _bound_text,
    Problem.ABOVE_MAX: _bound_text,
    Problem.PATTERN: lambda v, param, _: (
        f"Invalid '{param}': string does not match pattern. Expected a string that matches "
        f"the pattern '{v.expected[0]}'."
    ),
    Problem.BAD_UNICODE: lambda v, param, _: (
        f"Invalid '{param}': the string holds a lone UTF-16 surrogate, which is not valid "
        "Unicode. Send valid UTF-8 text."
    ),
}
OPENAI_CODES = {
    Problem.MISSING: "missing_required_parameter",
    Problem.NO_TAG: "missing_required_parameter",
    Problem.TYPE: "invalid_type",
    Problem.VALUE: "invalid_value",
    Problem.BELOW_MIN: "{number}_below_min_value",
    Problem.ABOVE_MAX: "{number}_above_max_value",
    Problem.PATTERN: "invalid_value",
    Problem.BAD_UNICODE: "invalid_value",
}


def _unknown_param(wording: str, param: str) -> tuple[str | None, str | None]:
    # Chat answers "Unrecognized request argument supplied: x" with no param or code.
    return (None, None) if wording.startswith("Unrecognized") else (param, "unknown_parameter")


def _openai_length(v: Violation, param: str) -> Refusal:
    what = v.expected[0] if v.expected else "array"
    limit = int(v.limit or 0)
    if v.problem is Problem.TOO_SHORT and len(v.got) == 0:
        return Refusal(
            f"Invalid '{param}': empty {what}. Expected {OPENAI_KINDS[what]} with minimum "
            f"length {limit}, but got an empty {what} instead.",
            param,
            f"empty_{what}",
        )
    bound, word = ("minimum", "short") if v.problem is Problem.TOO_SHORT else ("maximum", "long")
    side = "below_min" if v.problem is Problem.TOO_SHORT else "above_max"
    return Refusal(
        f"Invalid '{param}': {what} too {word}. Expected {OPENAI_KINDS[what]} with {bound} "
        f"length {limit}, but got {OPENAI_KINDS[what]} with length {len(v.got)} instead.",
        param,
        f"{what}_{side}_length",
    )


# -- Anthropic (pydantic's wording) -----------------------------------------------------

PYDANTIC_KINDS = {
    "string": "a valid string",
    "integer": "a valid integer",
    "number": "a valid number",
    "boolean": "a valid boolean",
    "array": "a valid list",
    "object": "a valid dictionary",
    "null": "None",
}


def anthropic_loc(path: tuple[Any, ...]) -> str:
    """``("tools", 0, Tag("custom"), "name")`` as pydantic writes it: ``tools.0.custom.name``."""
    return ".".join(step.name if type(step) is Tag else str(step) for step in path)


def _pydantic_values(values: tuple[str, ...]) -> str:
    quoted = [f"'{v}'" for v in values]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + f" or {quoted[-1]}"


def anthropic(violation: Violation) -> Refusal:
    """The Anthropic 400 for ``violation``: ``loc: message``, as pydantic words it."""
    v = violation
    if v.problem is Problem.NO_TAG:  # pydantic names the union, not the missing field
        loc = anthropic_loc(v.path[:-1])
        return Refusal(f"{loc}: Unable to extract tag using discriminator '{v.expected[0]}'")
    if v.problem is Problem.VALUE and v.path[-1] == "type" and len(v.path) > 1:
        tags = ", ".join(f"'{t}'" for t in v.expected)
        return Refusal(
            f"{anthropic_loc(v.path[:-1])}: Input tag '{v.got}' found using 'type' does not "
            f"match any of the expected tags: {tags}"
        )
    return Refusal(f"{anthropic_loc(v.path)}: {PYDANTIC_WORDS[v.problem](v)}")


def _pydantic_length(v: Violation) -> str:
    what = "String" if v.expected[:1] == ("string",) else "List"
    unit = "character" if what == "String" else "item"
    side = "at least" if v.problem is Problem.TOO_SHORT else "at most"
    limit = _number(v.limit)
    text = f"{what} should have {side} {limit} {unit}{'' if limit == '1' else 's'}"
    return text + (f" after validation, not {len(v.got)}" if what == "List" else "")


PYDANTIC_WORDS: dict[Problem, Callable[[Violation], str]] = {
    Problem.MISSING: lambda v: "Field required",
    Problem.TYPE: lambda v: (
        "Input should be " + " or ".join(PYDANTIC_KINDS.get(k, k) for k in v.expected)
    ),
    Problem.VALUE: lambda v: f"Input should be {_pydantic_values(v.expected)}",
    Problem.BELOW_MIN: lambda v: f"Input should be greater than or equal to {_number(v.limit)}",
    Problem.ABOVE_MAX: lambda v: f"Input should be less than or equal to {_number(v.limit)}",
    Problem.PATTERN: lambda v: f"String should match pattern '{v.expected[0]}'",
    Problem.UNKNOWN: lambda v: "Extra inputs are not permitted",
    Problem.BAD_UNICODE: lambda v: (
        "Input should be valid Unicode: the string holds a lone "
        "UTF-16 surrogate. Send valid UTF-8 text."
    ),
    Problem.TOO_SHORT: _pydantic_length,
    Problem.TOO_LONG: _pydantic_length,
}
