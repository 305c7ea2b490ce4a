"""What the hostile-input tests of the simulated model share: the hypothesis settings every
property test runs with, :func:`answer` (the model's turn, checked to be one that can go on
the wire), the everyday tools and three small hand-written tool sets, a fixed request that
names a value of every kind, and the strategies that generate user text, JSON values and
tool specs with random names and schema shapes.
"""

from __future__ import annotations

import datetime
import json
from typing import Any, Literal

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from fcplayground import Request, ToolRegistry, ToolSpec
from fcplayground.chat import ModelTurn, ToolCall
from fcplayground.evals.everyday import everyday_tools
from fcplayground.models import SimulatedModel

HOSTILE = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def answer(request: Request) -> ModelTurn:
    """The model's turn for ``request``, checked to be a turn that can go on the wire."""
    turn = SimulatedModel().respond(request)
    assert isinstance(turn, ModelTurn)
    for call in turn.tool_calls:
        assert isinstance(call, ToolCall) and isinstance(call.name, str)
        json.dumps(call.arguments, allow_nan=False)
    return turn


# -- tool sets ----------------------------------------------------------------------------

EVERYDAY = everyday_tools().specs()


def shop_tools() -> list[ToolSpec]:
    """Enums (one with mixed types), numbers, an array and optionals."""
    tools = ToolRegistry()

    @tools.tool
    def search_products(
        query: str,
        max_price: float | None = None,
        sort_by: Literal["relevance", "price_low", "price_high"] = "relevance",
    ) -> dict:
        """Searches the shop for products and returns their ids and prices.

        Args:
            query: What to look for, e.g. "running shoes".
            max_price: Highest price in dollars.
            sort_by: How to order the results.
        """

    @tools.tool
    def add_to_cart(product_id: str, quantity: int = 1, size: Literal["S", "M", 42, 9.5] = "M"):
        """Adds a product to the cart.

        Args:
            product_id: The product's id from the search results, e.g. "P-2291".
            quantity: How many to add.
            size: The size, a letter or a shoe size.
        """

    @tools.tool
    def tag_items(product_ids: list[str], tags: list[str], weights: list[float] | None = None):
        """Tags several products at once.

        Args:
            product_ids: The products' ids.
            tags: Words to tag them with.
            weights: How strongly each tag applies, 0 to 1.
        """

    return tools.specs()


def calendar_tools() -> list[ToolSpec]:
    """Dates, date-times, emails (one, and an array of them)."""
    tools = ToolRegistry()

    @tools.tool
    def book_meeting(
        title: str,
        day: datetime.date,
        guests: list[str],
        start: datetime.datetime | None = None,
        minutes: int = 30,
    ) -> dict:
        """Books a meeting in the calendar and invites the guests.

        Args:
            title: A short name for the meeting.
            day: The day, e.g. 2026-02-01.
            guests: The guests' email addresses, e.g. ["ann@example.com"].
            start: When it starts.
            minutes: How long it lasts.
        """

    specs = tools.specs()
    specs.append(
        ToolSpec(
            "email_customer",
            "Sends an email to a customer.",
            {
                "type": "object",
                "properties": {
                    "to": {"type": "string", "format": "email", "description": "Their address."},
                    "cc": {"type": "array", "items": {"type": "string", "format": "email"}},
                    "body": {"type": "string", "description": "What to say."},
                    "send_on": {"type": "string", "format": "date"},
                },
                "required": ["to", "body"],
            },
        )
    )
    return specs


def number_tools() -> list[ToolSpec]:
    """Numbers and integers, bounded ones, integer enums, flags."""
    return [
        ToolSpec(
            "convert_units",
            "Converts a value from one unit to another.",
            {
                "type": "object",
                "properties": {
                    "value": {"type": "number", "minimum": -1e308, "maximum": 1e308},
                    "from_unit": {"type": "string", "enum": ["km", "mi", "kg", "lb", "c", "f"]},
                    "to_unit": {"type": "string", "enum": ["km", "mi", "kg", "lb", "c", "f"]},
                    "precision": {"type": "integer", "enum": [0, 1, 2, 3]},
                    "round": {"type": "boolean"},
                },
                "required": ["value", "from_unit", "to_unit"],
            },
        ),
        ToolSpec(
            "set_thermostat",
            "Sets the heating to a temperature.",
            {
                "type": "object",
                "properties": {
                    "celsius": {"type": ["number", "null"], "minimum": 5, "maximum": 30},
                    "mode": {"enum": ["heat", "cool", 1, None, True, 2.5, ["x"], {"a": 1}]},
                },
                "required": ["celsius"],
            },
        ),
    ]


SMALL_TOOL_SETS = {"shop": shop_tools(), "calendar": calendar_tools(), "numbers": number_tools()}


# -- strategies ---------------------------------------------------------------------------

# All of unicode, lone surrogates included (a JSON body can carry "\ud800").
any_char = st.characters(codec=None, exclude_categories=[])
any_text = st.text(any_char, max_size=300)

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(any_char, max_size=20)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=6,
)

long_names = st.builds(lambda c, n: c * n, st.characters(codec=None), st.integers(200, 1000))
names = st.one_of(
    st.just(""),
    st.text(any_char, max_size=30),
    st.from_regex(r"[a-z][a-z0-9_]{0,20}", fullmatch=True),
    st.sampled_from(["email", "date", "city", "query", "to", "id", "type", "amount", "__init__"]),
    long_names,
)

type_names = st.sampled_from(
    ["string", "number", "integer", "boolean", "array", "object", "null"]
    + ["", "date", "email", "float", "any", "String", "list", "int"]
)
type_values = type_names | st.lists(type_names, max_size=4) | json_scalars
formats = st.sampled_from(["email", "date", "date-time", "time", "uri", "uuid", ""]) | st.text(
    max_size=10
)
numbers = st.integers() | st.floats(allow_nan=False, allow_infinity=False)

SCHEMA_KEYS = {
    "type": type_values,
    "description": st.text(any_char, max_size=60),
    "enum": st.lists(json_values, max_size=6),
    "const": json_values,
    "format": formats,
    "default": json_values,
    "examples": st.lists(json_scalars, max_size=3),
    "minimum": numbers,
    "maximum": numbers,
    "minLength": numbers,
    "maxItems": numbers,
    "pattern": st.text(max_size=20),
    "title": st.text(max_size=20),
}
NESTING_KEYS = ["items", "anyOf", "oneOf", "allOf", "properties", "required"]


@st.composite
def schemas(draw, depth: int = 0, wrong_types: bool = False) -> dict[str, Any]:
    """A JSON-schema-like dict: a few keys of SCHEMA_KEYS, and nested ones
    (``items`` a schema or a list of them, ``anyOf`` ..., ``properties``) two deep. With
    ``wrong_types``, any keyword's value may be any JSON value (``"enum": 5``)."""
    keys = [*SCHEMA_KEYS, *(NESTING_KEYS if depth < 2 else [])]
    schema: dict[str, Any] = {}
    if draw(st.integers(0, 3)):  # usually a type, as a real schema has
        schema["type"] = draw(type_values)
    for key in draw(st.lists(st.sampled_from(keys), unique=True, max_size=3)):
        child = schemas(depth + 1, wrong_types)
        if wrong_types and draw(st.booleans()):
            schema[key] = draw(json_values)
        elif key == "items":
            schema[key] = draw(child | st.lists(child, max_size=3))
        elif key in ("anyOf", "oneOf", "allOf"):
            schema[key] = draw(st.lists(child, max_size=3))
        elif key == "properties":
            schema[key] = draw(st.dictionaries(names, child, max_size=3))
        elif key == "required":
            schema[key] = draw(st.lists(names, max_size=3))
        else:
            schema[key] = draw(SCHEMA_KEYS[key])
    return schema


@st.composite
def parameters(draw, property_schemas=None, wrong_types: bool = False) -> dict[str, Any]:
    """An object schema for a tool's parameters, or now and then not quite one."""
    if property_schemas is None:
        property_schemas = schemas(wrong_types=wrong_types)
    properties = draw(st.dictionaries(names, property_schemas, max_size=3))
    params: dict[str, Any] = {"properties": properties}
    if draw(st.booleans()):
        params["type"] = draw(st.just("object") | type_values)
    if draw(st.booleans()):
        params["required"] = draw(
            st.lists(st.sampled_from(sorted(properties)) | names, max_size=6)
            if properties
            else st.lists(names, max_size=3)
        )
    if wrong_types:
        for key in draw(st.lists(st.sampled_from(["properties", "required"]), unique=True)):
            params[key] = draw(json_values)
    return params


@st.composite
def tool_specs(draw, property_schemas=None, wrong_types: bool = False) -> ToolSpec:
    """A tool spec with a random name, description, :func:`parameters` and strictness."""
    return ToolSpec(
        draw(names),
        draw(any_text | st.sampled_from(["", "Looks up a customer by email address."])),
        draw(parameters(property_schemas, wrong_types)),
        draw(st.none() | st.booleans()),
    )


tool_lists = st.lists(tool_specs(), min_size=1, max_size=2)


FIXED_REQUEST = (
    "Email jane@example.com on 2026-03-02 at 14:30 about order ORD-1234: 3 items at $19.99, "
    'ship to Paris and Tokyo, tag it "urgent" and "red", set it to true, and 42 km in miles.'
)
