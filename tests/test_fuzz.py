"""Property tests: ``ToolRegistry.call`` never raises, whatever the model sends, and the
wire converters take any valid neutral conversation to every format and back."""

from __future__ import annotations

import json
import math
from typing import Annotated, Any, Literal

import pydantic
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_wire import requests, stream_text, turns

from fcplayground import ToolRegistry, wire
from fcplayground.chat import ModelTurn, Request, ToolResult

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class Address(pydantic.BaseModel):
    street: str
    city: str
    zip_code: str | None = None


def fuzz_tools() -> ToolRegistry:
    """One tool per supported parameter type, plus one taking them all. Each returns
    what it was given, so the results' serialisation is exercised too."""
    tools = ToolRegistry(max_result_chars=2_000)

    @tools.tool
    def take_str(value: str) -> str:
        """Echo a string.

        Args:
            value: Any text.
        """
        return value

    @tools.tool
    def take_int(value: int) -> int:
        """Echo an integer.

        Args:
            value: Any integer.
        """
        return value

    @tools.tool
    def take_float(value: float) -> float:
        """Echo a number.

        Args:
            value: Any number.
        """
        return value

    @tools.tool
    def take_bool(value: bool) -> bool:
        """Echo a flag.

        Args:
            value: True or false.
        """
        return value

    @tools.tool
    def take_enum(value: Literal["low", "medium", "high"]) -> str:
        """Echo a level.

        Args:
            value: One of low, medium, high.
        """
        return value

    @tools.tool
    def take_optional(value: str | None = None, count: int = 3) -> dict:
        """Echo optional arguments.

        Args:
            value: Optional text.
            count: How many, 3 by default.
        """
        return {"value": value, "count": count}

    @tools.tool
    def take_int_list(value: list[int]) -> list[int]:
        """Echo integers.

        Args:
            value: A list of integers.
        """
        return value

    @tools.tool
    def take_str_list(value: list[str]) -> list[str]:
        """Echo strings.

        Args:
            value: A list of strings.
        """
        return value

    @tools.tool
    def take_dict(value: dict) -> dict:
        """Echo an object.

        Args:
            value: Any JSON object.
        """
        return value

    @tools.tool
    def take_model(address: Address) -> Address:
        """Echo an address.

        Args:
            address: A postal address.
        """
        return address

    @tools.tool
    def take_constrained(
        age: Annotated[int, pydantic.Field(ge=0, le=150)],
        score: Annotated[float, pydantic.Field(gt=0.0, lt=1.0)] = 0.5,
        code: Annotated[str, pydantic.Field(min_length=2, max_length=5)] = "ab",
    ) -> dict:
        """Echo constrained values.

        Args:
            age: An age in years, 0-150.
            score: A score strictly between 0 and 1.
            code: A code of 2-5 characters.
        """
        return {"age": age, "score": score, "code": code}

    @tools.tool
    def take_all(
        text: str,
        number: int,
        ratio: float,
        flag: bool,
        level: Literal["a", "b"],
        ids: list[int],
        tags: list[str],
        extra: dict,
        address: Address,
        bounded: Annotated[int, pydantic.Field(ge=-5, le=5)],
        note: str | None = None,
    ) -> dict:
        """Echo every kind of argument.

        Args:
            text: Text.
            number: An integer.
            ratio: A number.
            flag: A flag.
            level: a or b.
            ids: Integers.
            tags: Strings.
            extra: An object.
            address: An address.
            bounded: -5 to 5.
            note: Optional text.
        """
        return locals()

    @tools.tool
    async def take_async(value: int = 0) -> int:
        """Echo an integer, asynchronously.

        Args:
            value: Any integer.
        """
        return value

    @tools.tool
    def raises(value: str = "") -> str:
        """Always fails.

        Args:
            value: Ignored.
        """
        raise RuntimeError(value)

    return tools


TOOLS = fuzz_tools()
PARAM_NAMES = sorted({p for t in TOOLS for p in t.parameters["properties"]})

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(-(2**70), 2**70)
    | st.floats()  # NaN and infinities too: a model's JSON may not be strict
    | st.text(max_size=20)
    | st.sampled_from(["low", "a", "3", "1.5", "true", "null", ""])
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
keys = st.sampled_from(PARAM_NAMES) | st.text(max_size=10)
argument_dicts = st.dictionaries(keys, json_values, max_size=6)
# What strict JSON can carry: no NaN or infinities, which tools refuse (test_hostile_arguments).
finite_values = st.recursive(
    scalars.filter(lambda v: not (isinstance(v, float) and not math.isfinite(v))),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
malformed = st.sampled_from(
    ["", " ", "{", "}", "{'a': 1}", '{"value": }', "[1, 2", "nul", '{"value": 1,}', "NaN"]
)
raw_strings = (
    malformed
    | st.text(max_size=40)
    | argument_dicts.map(lambda d: json.dumps(d, allow_nan=True))
    | json_values.map(lambda v: json.dumps(v, allow_nan=True))
)
arguments = argument_dicts | raw_strings | st.none() | json_values
tool_names = st.sampled_from(TOOLS.names) | st.text(max_size=12)


def check_result(name: str, result: ToolResult) -> None:
    assert isinstance(result, ToolResult)
    assert isinstance(result.content, str)
    assert result.name == name
    if result.is_error:
        assert result.content.strip()
        assert str(name) in result.content
    else:
        assert name in TOOLS


@FUZZ
@given(st.sampled_from(TOOLS.names), arguments)
def test_call_never_raises_for_any_arguments(name: str, args: Any) -> None:
    check_result(name, TOOLS.call(name, args))


@FUZZ
@given(tool_names, arguments)
def test_call_never_raises_for_any_tool_name(name: str, args: Any) -> None:
    check_result(name, TOOLS.call(name, args))


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["take_all", "take_model", "take_constrained"]), argument_dicts)
def test_call_with_a_timeout_never_raises(name: str, args: dict[str, Any]) -> None:
    check_result(name, TOOLS.call(name, args, timeout=5))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(TOOLS.names), arguments), max_size=4))
def test_call_many_never_raises(calls: list[tuple[str, Any]]) -> None:
    results = TOOLS.call_many(calls)
    assert len(results) == len(calls)
    for (name, _), result in zip(calls, results, strict=True):
        check_result(name, result)


# --- Wire converters ------------------------------------------------------------------

APIS = list(wire.FORMATS)


def roundtrip_request(request: Request) -> None:
    for api in APIS:
        fmt = wire.FORMATS[api]
        body = json.loads(json.dumps(fmt.request_to_wire(request)))
        assert isinstance(fmt.request_from_wire(body), Request)


def roundtrip_turn(turn: ModelTurn) -> None:
    for api in APIS:
        fmt = wire.FORMATS[api]
        body = json.loads(json.dumps(fmt.turn_to_wire(turn)))
        assert isinstance(fmt.turn_from_wire(body), ModelTurn)
        assert isinstance(fmt.turn_from_stream(stream_text(api, turn)), ModelTurn)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(APIS).flatmap(requests))
def test_any_valid_request_converts_to_every_format_and_back(request: Request) -> None:
    roundtrip_request(request)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(APIS).flatmap(turns))
def test_any_valid_turn_converts_to_every_format_and_back(turn: ModelTurn) -> None:
    roundtrip_turn(turn)


valid_calls = st.one_of(
    st.tuples(st.just("take_str"), st.fixed_dictionaries({"value": st.text()})),
    st.tuples(st.just("take_int"), st.fixed_dictionaries({"value": st.integers()})),
    st.tuples(
        st.just("take_float"),
        st.fixed_dictionaries({"value": st.floats(allow_nan=False, allow_infinity=False)}),
    ),
    st.tuples(st.just("take_enum"), st.fixed_dictionaries({"value": st.sampled_from(["low"])})),
    st.tuples(
        st.just("take_optional"),
        st.fixed_dictionaries(
            {}, optional={"value": st.none() | st.text(), "count": st.integers()}
        ),
    ),
    st.tuples(st.just("take_int_list"), st.fixed_dictionaries({"value": st.lists(st.integers())})),
    st.tuples(
        st.just("take_dict"),
        st.fixed_dictionaries({"value": st.dictionaries(keys, finite_values, max_size=6)}),
    ),
    st.tuples(
        st.just("take_model"),
        st.fixed_dictionaries(
            {"address": st.fixed_dictionaries({"street": st.text(), "city": st.text()})}
        ),
    ),
    st.tuples(st.just("take_constrained"), st.fixed_dictionaries({"age": st.integers(0, 150)})),
)


@settings(max_examples=100, deadline=None)
@given(valid_calls, st.booleans())
def test_valid_arguments_succeed(call: tuple[str, dict[str, Any]], as_json: bool) -> None:
    name, args = call
    result = TOOLS.call(name, json.dumps(args) if as_json else args)
    assert not result.is_error, result.content
    assert isinstance(result.content, str)
