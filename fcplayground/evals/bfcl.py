"""Berkeley Function Calling Leaderboard (BFCL v4) entries as neutral requests.

The data lives in ``../shared/data/bfcl/`` (its ``SOURCES.md`` gives provenance and format):
one JSON object a line, questions in ``BFCL_v4_<category>.json`` and answers in
``possible_answer/BFCL_v4_<category>.json``. :func:`load` turns each line into a
:class:`Case`: the conversation and tools in neutral types, ready to send to any model,
and the expected calls that :func:`fcplayground.evals.checker.check` scores against.

Two conversions make the upstream data sendable, as upstream does for API models: tool
names lose their dots (``math.factorial`` -> ``math_factorial``), and BFCL's
Python-flavoured types become JSON Schema (``dict`` -> ``object``, ``float`` -> ``number``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..chat import Message, ToolSpec
from .cases import Case, ExpectedCall

CATEGORIES = ("simple_python", "multiple", "parallel", "parallel_multiple", "irrelevance")
LIVE_CATEGORIES = (
    "live_simple",
    "live_multiple",
    "live_parallel",
    "live_parallel_multiple",
    "live_irrelevance",
    "live_relevance",
)

# BFCL type names that are not JSON Schema ones; "any" is sent as a string, as upstream does.
TYPE_MAP = {"dict": "object", "float": "number", "tuple": "array", "any": "string"}
JSON_TYPES = frozenset({"string", "integer", "number", "boolean", "array", "object", "null"})
# Keywords copied as they are. Anything else (BFCL's "optional": true, for one) is dropped:
# unknown to JSON Schema, it would only confuse a model or a strict validator.
PLAIN_KEYWORDS = frozenset(
    {
        "description",
        "default",
        "title",
        "examples",
        "format",
        "pattern",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "uniqueItems",
    }
)


def shared_dir() -> Path:
    """The shared folder: ``$FCP_SHARED_DIR``, else ``shared/`` beside a checkout, else the
    slice an installed package carries (:func:`fcplayground.resources.find_shared`)."""
    from ..resources import shared_dir as find

    return find()


def data_dir() -> Path:
    """The folder holding the BFCL files; FileNotFoundError if it is not there."""
    path = shared_dir() / "data" / "bfcl"
    if not path.is_dir():
        raise FileNotFoundError(
            f"BFCL data folder not found: {path}. Set FCP_SHARED_DIR to the shared folder "
            "that contains data/bfcl/."
        )
    return path


def load(category: str, limit: int | None = None) -> list[Case]:
    """The cases of one category, in file order (the first ``limit`` if given)."""
    if category not in CATEGORIES + LIVE_CATEGORIES:
        known = ", ".join(CATEGORIES + LIVE_CATEGORIES)
        raise ValueError(f"unknown BFCL category {category!r}; known: {known}")
    folder = data_dir()
    questions = _records(folder / f"BFCL_v4_{category}.json", limit)
    answer_file = folder / "possible_answer" / f"BFCL_v4_{category}.json"
    if not answer_file.exists():  # irrelevance and relevance: the rule is the answer
        return [case_from_record(category, q) for q in questions]
    answers = {a["id"]: a["ground_truth"] for a in _records(answer_file, limit)}
    cases = []
    for q in questions:
        if q["id"] not in answers:
            raise ValueError(f"{answer_file} has no answer for {q['id']}")
        cases.append(case_from_record(category, q, answers[q["id"]]))
    return cases


def _records(path: Path, limit: int | None) -> Iterator[dict[str, Any]]:
    if not path.exists():
        raise FileNotFoundError(
            f"BFCL file not found: {path}. An installed package carries only the 'multiple' "
            "category (for lesson 07): set FCP_SHARED_DIR to a shared folder with data/bfcl/ "
            "for the others."
        )
    with path.open(encoding="utf-8") as lines:
        for count, line in enumerate(lines):
            if limit is not None and count >= limit:
                return
            if line.strip():
                yield json.loads(line)


def case_from_record(
    category: str, record: dict[str, Any], ground_truth: list[ExpectedCall] | None = None
) -> Case:
    """A :class:`Case` from one question line and its answer's ``ground_truth``."""
    system, messages = _conversation(record["question"])
    tools = [tool_from_function(f) for f in record["function"]]
    return Case(
        id=record["id"],
        category=category,
        messages=messages,
        system=system,
        tools=tools,
        name_map={legal_name(f["name"]): f["name"] for f in record["function"]},
        expected=[{legal_name(n): p for n, p in call.items()} for call in ground_truth or []],
        any_call=category == "live_relevance",
    )


def _conversation(turns: list[list[dict[str, str]]]) -> tuple[str | None, list[Message]]:
    system: list[str] = []
    messages: list[Message] = []
    for turn in turns:
        for m in turn:
            if m["role"] == "system":
                system.append(m["content"])
            elif m["role"] == "assistant":
                messages.append(Message.assistant(m["content"]))
            else:
                messages.append(Message.user(m["content"]))
    return "\n\n".join(system) or None, messages


def legal_name(name: str) -> str:
    """A tool name the providers accept (no dots), as upstream renames them."""
    return name.replace(".", "_")


def tool_from_function(function: dict[str, Any]) -> ToolSpec:
    """A neutral tool from a BFCL function entry."""
    return ToolSpec(
        legal_name(function["name"]),
        function.get("description", ""),
        to_json_schema(function.get("parameters") or {}),
    )


def to_json_schema(parameters: dict[str, Any]) -> dict[str, Any]:
    """A JSON Schema (top-level ``type: object``) for a BFCL ``parameters`` entry."""
    schema = _convert(parameters)
    schema["type"] = "object"
    schema.setdefault("properties", {})
    return schema


def _convert(node: Any) -> dict[str, Any]:
    if not isinstance(node, dict):
        return {}
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "type":
            if (kind := _json_type(value)) is not None:
                out["type"] = kind
        elif key == "properties" and isinstance(value, dict):
            out["properties"] = {name: _convert(sub) for name, sub in value.items()}
        elif key == "items":
            # A list of item schemas is the old tuple form; 2020-12 calls it prefixItems.
            if isinstance(value, list):
                out["prefixItems"] = [_convert(v) for v in value]
            else:
                out["items"] = _convert(value)
        elif key == "required" and _is_name_list(value):
            out["required"] = list(value)
        elif key == "enum" and isinstance(value, list):
            out["enum"] = value
        elif key == "additionalProperties":
            out[key] = value if isinstance(value, bool) else _convert(value)
        elif key in PLAIN_KEYWORDS:
            out[key] = value
    return out


def _json_type(kind: Any) -> str | list[str] | None:
    if isinstance(kind, list):
        kinds = [k for k in (_json_type(k) for k in kind) if isinstance(k, str)]
        return kinds or None
    if not isinstance(kind, str):
        return None
    kind = TYPE_MAP.get(kind, kind)
    return kind if kind in JSON_TYPES else None


def _is_name_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)
