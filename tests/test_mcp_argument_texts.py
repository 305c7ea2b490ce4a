"""An MCP server's tool checks a model's arguments against the JSON Schema it listed
(jsonschema); a function's tool checks them with pydantic. The same mistake must read the
same either way: a tool made from the function's own schema, as ``tools(...)`` makes one
from what a server lists, gives the function tool's error text word for word."""

from __future__ import annotations

import enum
from typing import Annotated, Any, Literal

import pytest
from pydantic import Field

from fcplayground.tools import Tool, ToolRegistry


class Colour(enum.Enum):
    """A closed vocabulary."""

    RED = "red"
    BLUE = "blue"


def book(
    seats: Annotated[int, Field(le=10)],
    nights: Annotated[int, Field(ge=1)] = 1,
    discount: Annotated[float, Field(lt=0.5)] = 0.0,
    deposit: Annotated[float, Field(gt=0)] = 1.0,
    rooms: Annotated[int, Field(multiple_of=2)] = 2,
    code: Annotated[str, Field(min_length=2, max_length=4)] = "ab",
    sku: Annotated[str, Field(pattern=r"^[A-Z]{3}-\d+$")] = "ABC-1",
    guests: Annotated[list[str], Field(min_length=1, max_length=2)] = ["x"],  # noqa: B006
    extras: Annotated[dict[str, int], Field(min_length=1)] = {"a": 1},  # noqa: B006
    board: Literal["none", "half", "full"] = "none",
    colour: Colour = Colour.RED,
    kind: Literal["stay"] = "stay",
    floor: Literal[1, 2] = 1,
) -> str:
    """Book rooms.

    Args:
        seats: Seats at dinner.
        nights: Nights.
        discount: Discount, as a fraction.
        deposit: Deposit in euros.
        rooms: Rooms, in pairs.
        code: A promotion code.
        sku: The offer's SKU.
        guests: Guest names.
        extras: Extras and how many.
        board: Meals included.
        colour: Room colour.
        kind: Always "stay".
        floor: Floor.
    """
    return "booked"


def both() -> tuple[ToolRegistry, ToolRegistry]:
    """The function's tool, and a tool made from its JSON Schema (closed to other names,
    as the function's is) the way ``tools(...)`` makes one from a server's listing."""
    local = ToolRegistry()
    local.tool(book)
    schema = local["book"].parameters | {"additionalProperties": False}
    remote = ToolRegistry()
    remote.add(Tool.from_schema("book", local["book"].description, schema, book))
    return local, remote


@pytest.mark.parametrize(
    "arguments",
    [
        {"seats": 11},
        {"seats": 1, "nights": 0},
        {"seats": 1, "discount": 0.5},
        {"seats": 1, "deposit": 0},
        {"seats": 1, "rooms": 3},
        {"seats": 1, "code": "a"},
        {"seats": 1, "code": "abcde"},
        {"seats": 1, "sku": "abc-1"},
        {"seats": 1, "guests": []},
        {"seats": 1, "guests": ["a", "b", "c"]},
        {"seats": 1, "extras": {}},
        {"seats": 1, "board": "all"},
        {"seats": 1, "colour": "green"},
        {"seats": 1, "kind": "visit"},
        {"seats": 1, "floor": 3},
        {"seats": "two"},
        {"seats": 1, "code": 7},
        {"nights": 2},
        {"seats": 1, "pets": True},
    ],
)
def test_a_schema_tool_words_each_broken_rule_as_the_function_tool_does(arguments: Any):
    local, remote = both()
    expected = local.call("book", arguments)
    assert expected.is_error and "are invalid" in expected.content
    assert remote.call("book", arguments).content == expected.content


def test_the_shared_wording_is_plain_with_no_pydantic_subject_or_jargon():
    local, _ = both()
    arguments = {"seats": 1, "code": "a", "guests": [], "sku": "x"}
    lines = local.call("book", arguments).content.splitlines()
    assert "- argument 'code' should have at least 2 characters, got \"a\"" in lines
    assert "- argument 'guests' should have at least 1 item, got []" in lines
    assert "- argument 'sku' should match pattern '^[A-Z]{3}-\\d+$', got \"x\"" in lines
