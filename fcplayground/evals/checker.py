"""BFCL's AST checker: are a model's tool calls the ones a case expects?

Written from the scoring rules summarised in ``../shared/data/bfcl/SOURCES.md``:

- Each case is all or nothing. Irrelevance: right iff no call. Relevance: right iff any call.
- Otherwise the number of calls must equal the number expected, and the calls must pair
  one-to-one with the expected ones, in any order.
- A call pairs with an expected call when the names are equal, every required parameter
  is there, nothing is passed that the schema or the answer lacks, every answer parameter
  is there unless its acceptable values include ``""``, and each value is acceptable.
- Values: :data:`~fcplayground.evals.cases.ANY` accepts anything (not a BFCL rule: for
  hand-written cases with free text); strings compare after :func:`normalize`; an int is fine for a ``number`` but a
  float is not fine for an ``integer``; a bool is never a number; lists match element by
  element in order; dicts match key by key in any order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..chat import ToolCall
from .cases import ANY, Case, Exactly, ExpectedCall

_IGNORED = re.compile(r"[ ,./\-_*^]")


@dataclass
class Verdict:
    """The checker's judgement of one case.

    ``ok``: the calls are right. ``name_ok``: the right functions were called (the
    multiset of names equals the expected one), whatever the arguments. ``reasons`` says
    in words what is wrong; it is empty when ``ok``.
    """

    ok: bool
    name_ok: bool
    reasons: list[str] = field(default_factory=list)


def check(case: Case, calls: list[ToolCall]) -> Verdict:
    """Score ``calls`` (what the model asked for, in order) against ``case``."""
    if case.kind == "relevance":
        return Verdict(bool(calls), bool(calls), [] if calls else ["expected a call, got none"])
    if case.kind == "irrelevance":
        reasons = [f"expected no call, got {_names(calls)}"] if calls else []
        return Verdict(not calls, not calls, reasons)
    wanted = [_name(e) for e in case.expected]
    name_ok = Counter(c.name for c in calls) == Counter(wanted)
    if len(calls) != len(wanted):
        return Verdict(False, name_ok, [f"expected {_count(len(wanted))}, got {len(calls)}"])
    if len(calls) == 1:
        reasons = check_call(case, calls[0], case.expected[0])
        return Verdict(not reasons, name_ok, reasons)
    reasons = _check_parallel(case, calls)
    return Verdict(not reasons, name_ok, reasons)


def check_call(case: Case, call: ToolCall, expected: ExpectedCall) -> list[str]:
    """Why ``call`` is not the ``expected`` call (empty if it is)."""
    name = _name(expected)
    if call.name != name:
        return [f"wrong function: got {call.name}, expected {name}"]
    if isinstance(call.arguments, str):
        return [f"arguments are not a JSON object: {_short(call.arguments)}"]
    spec = case.tool(name)
    schema = spec.parameters if spec else {}
    return check_arguments(call.arguments, expected[name], schema)


def check_arguments(
    arguments: dict[str, Any], answer: dict[str, list[Any]], schema: dict[str, Any]
) -> list[str]:
    """Why ``arguments`` do not satisfy ``answer`` under the tool's ``schema``."""
    properties = schema.get("properties")
    required = schema.get("required", [])
    reasons = [f"missing required argument {p!r}" for p in required if p not in arguments]
    reasons += [
        f"missing argument {p!r} (the answer does not allow omitting it)"
        for p, acceptable in answer.items()
        if p not in arguments and p not in required and "" not in acceptable
    ]
    for param, value in arguments.items():
        if properties is not None and param not in properties:
            reasons.append(f"unexpected argument {param!r} (not in the tool's schema)")
        elif param not in answer:
            reasons.append(f"unexpected argument {param!r}")
        else:
            sub = (properties or {}).get(param, {})
            reasons += _check_value(param, value, answer[param], sub)
    return reasons


def _check_value(param: str, value: Any, acceptable: list[Any], schema: Any) -> list[str]:
    # "" stands for "may be omitted", not for a value to pass.
    options = [a for a in acceptable if a != ""]
    # When the answer's own values are of another type, matches() holds the value to them.
    if not _answer_sets_type(options, schema) and (problem := type_problem(value, schema)):
        return [f"argument {param!r}: {problem}"]
    if any(matches(value, a) for a in options):
        return []
    return [f"argument {param!r}: value {_short(value)} not in {_show(options)}"]


def _answer_sets_type(options: list[Any], schema: Any) -> bool:
    """Whether no acceptable value has the schema's type, so the answer overrides it.

    Some answers name a variable where the schema wants another type (``"data['sales']"``
    for an array) or disagree with a loose schema (``True`` for a "string"); upstream then
    holds the value to the answer's type, and so does this checker.
    """
    kind = schema.get("type") if isinstance(schema, dict) else None
    options = [a.value if isinstance(a, Exactly) else a for a in options if a is not ANY]
    return isinstance(kind, str) and bool(options) and not any(_is_type(a, kind) for a in options)


def normalize(text: str) -> str:
    """A string as BFCL compares it: lowercase, without spaces and ``, . / - _ * ^``."""
    return _IGNORED.sub("", text.lower())


def type_problem(value: Any, schema: Any) -> str | None:
    """Why ``value`` is not of the JSON Schema type ``schema`` declares (None if it is)."""
    if not isinstance(schema, dict):
        return None
    kind = schema.get("type")
    if not isinstance(kind, str):  # untyped or a union: nothing firm to hold the value to
        return None
    if not _is_type(value, kind):
        return f"expected {kind}, got {_type_name(value)} {_short(value)}"
    if kind == "array" and isinstance(schema.get("items"), dict):
        for i, item in enumerate(value):
            if problem := type_problem(item, schema["items"]):
                return f"item {i}: {problem}"
    if kind == "object":
        properties = schema.get("properties") or {}
        for key, item in value.items():
            if problem := type_problem(item, properties.get(key)):
                return f"key {key!r}: {problem}"
    return None


def _is_type(value: Any, kind: str) -> bool:
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":  # an int is a fine number; a bool is not
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    expected = {
        "string": str,
        "boolean": bool,
        "array": list,
        "object": dict,
        "null": type(None),
    }.get(kind)
    return expected is None or isinstance(value, expected)


def matches(value: Any, accepted: Any) -> bool:
    """Whether ``value`` equals one ``accepted`` value under BFCL's comparison rules (an
    :func:`~fcplayground.evals.cases.exactly` value: as written, of the same JSON type)."""
    return _BFCL.agrees(value, accepted)


@dataclass(frozen=True)
class _Comparison:
    """One walk for both comparisons: lists item by item in order, dicts key by key (the
    same keys, any order); ``leaf`` decides everything else, and ``other_dict``, if set,
    is a form of dict accepted besides the key-by-key one."""

    leaf: Callable[[Any, Any], bool]
    other_dict: Callable[[dict[str, Any], dict[str, Any]], bool] | None = None

    def agrees(self, value: Any, wanted: Any) -> bool:
        """Whether ``value`` is ``wanted`` under this comparison."""
        if isinstance(wanted, list):
            return (
                isinstance(value, list)
                and len(value) == len(wanted)
                and all(self.agrees(v, w) for v, w in zip(value, wanted, strict=True))
            )
        if isinstance(wanted, dict):
            if not isinstance(value, dict):
                return False
            if self.other_dict is not None and self.other_dict(value, wanted):
                return True
            return value.keys() == wanted.keys() and all(
                self.agrees(value[k], w) for k, w in wanted.items()
            )
        return self.leaf(value, wanted)


def _bfcl_leaf(value: Any, accepted: Any) -> bool:
    if accepted is ANY:
        return True
    if isinstance(accepted, Exactly):
        return _EXACT.agrees(value, accepted.value)
    if isinstance(accepted, str):
        return isinstance(value, str) and normalize(value) == normalize(accepted)
    if isinstance(accepted, bool) or isinstance(value, bool):
        return value is accepted  # bool is not int: True never matches 1
    if isinstance(accepted, (int, float)):
        # The schema type check already refused a float for an integer.
        return isinstance(value, (int, float)) and value == accepted
    return value == accepted


def _exact_leaf(value: Any, wanted: Any) -> bool:
    # Equal as JSON values: the same types (no 1 for true, no "3" for 3); an int and a
    # float are both numbers.
    numbers = (int, float)
    if type(wanted) in numbers and type(value) in numbers:
        return value == wanted
    return type(value) is type(wanted) and value == wanted


def _matches_answer_dict(value: dict[str, Any], accepted: dict[str, Any]) -> bool:
    # BFCL writes a nested dict like the top level: key -> [acceptable values].
    if not all(isinstance(v, list) for v in accepted.values()):
        return False
    if any(key not in accepted for key in value):
        return False
    for key, options in accepted.items():
        if key in value:
            if not any(matches(value[key], o) for o in options if o != ""):
                return False
        elif "" not in options:
            return False
    return True


_BFCL = _Comparison(_bfcl_leaf, other_dict=_matches_answer_dict)
_EXACT = _Comparison(_exact_leaf)


def _check_parallel(case: Case, calls: list[ToolCall]) -> list[str]:
    table = [[check_call(case, call, e) for e in case.expected] for call in calls]
    owner = _max_matching([[not r for r in row] for row in table])
    if len(owner) == len(calls):
        return []
    # Explain each unpaired call against the expected calls nobody took.
    free = [slot for slot in range(len(case.expected)) if slot not in owner]
    paired = set(owner.values())
    return [
        f"call {i + 1} ({call.name}) matches no expected call: "
        + _closest(case, call, table[i], free)
        for i, call in enumerate(calls)
        if i not in paired
    ]


def _closest(case: Case, call: ToolCall, row: list[list[str]], free: list[int]) -> str:
    same_name = [row[slot] for slot in free if _name(case.expected[slot]) == call.name]
    if same_name:
        return "; ".join(min(same_name, key=len))
    wanted = ", ".join(sorted({_name(case.expected[slot]) for slot in free}))
    return f"wrong function: got {call.name}, expected {wanted}"


def _max_matching(fits: list[list[bool]]) -> dict[int, int]:
    """A largest pairing of calls with expected calls (Kuhn's augmenting paths).

    ``fits[call][slot]`` says whether a call satisfies an expected call; the result maps
    each paired expected-call index to its call index.
    """
    owner: dict[int, int] = {}

    def place(call: int, seen: set[int]) -> bool:
        for slot, fit in enumerate(fits[call]):
            if fit and slot not in seen:
                seen.add(slot)
                if slot not in owner or place(owner[slot], seen):
                    owner[slot] = call
                    return True
        return False

    for call in range(len(fits)):
        place(call, set())
    return owner


def _name(expected: ExpectedCall) -> str:
    return next(iter(expected))


def _names(calls: list[ToolCall]) -> str:
    return ", ".join(c.name for c in calls)


def _count(n: int) -> str:
    return f"{n} call" if n == 1 else f"{n} calls"


def _type_name(value: Any) -> str:
    return {
        bool: "boolean",
        int: "integer",
        float: "number",
        str: "string",
        list: "array",
        dict: "object",
    }.get(type(value), "null" if value is None else type(value).__name__)


def _short(value: Any, width: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= width else text[: width - 3] + "..."


def _show(options: list[Any], most: int = 3) -> str:
    shown = [_short(o) for o in options[:most]]
    if len(options) > most:
        shown.append("...")
    return "[" + ", ".join(shown) + "]"


# --- Failure kinds: the reasons above, grouped for reports ------------------------------

FAILURE_KINDS = (
    "no call",
    "called when no call was right",
    "wrong function",
    "wrong number of calls",
    "missing argument",
    "unexpected argument",
    "wrong type",
    "wrong value",
    "malformed arguments",
    "request failed",
)
_NO_CALL = re.compile(r"expected \d+ calls?, got 0$")
_COUNT = re.compile(r"expected \d+ calls?, got \d+$")
_UNPAIRED = re.compile(r"call \d+ \(.*?\) matches no expected call: ")


def failure_kind(reason: str) -> str:
    """The kind of one checker reason (one of :data:`FAILURE_KINDS`), for grouping."""
    reason = _UNPAIRED.sub("", reason, count=1)
    prefixes = {
        "request failed": "request failed",
        "expected no call": "called when no call was right",
        "expected a call": "no call",
        "wrong function": "wrong function",
        "arguments are not a JSON object": "malformed arguments",
        "missing": "missing argument",
        "unexpected argument": "unexpected argument",
    }
    for prefix, kind in prefixes.items():
        if reason.startswith(prefix):
            return kind
    if _NO_CALL.match(reason):
        return "no call"
    if _COUNT.match(reason):
        return "wrong number of calls"
    if reason.startswith("argument "):
        return "wrong value" if ": value " in reason else "wrong type"
    return "wrong value"
