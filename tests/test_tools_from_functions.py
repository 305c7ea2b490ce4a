"""Schemas from functions: JSON Schema types from a signature (literals, optionals, lists,
nested models, enums), and descriptions from docstrings (Google, NumPy, reST) or Annotated."""

import json
from typing import Annotated, Literal, Optional

import pytest
from customer_tools import Address, Color, create_ticket, lookup_customer, registry, schema_of
from pydantic import Field

from fcplayground.tools import ToolRegistry

pytestmark = pytest.mark.filterwarnings("ignore::fcplayground.tools.UndocumentedParameterWarning")


def test_basic_types_become_json_schema_types():
    def f(a: str, b: int, c: float, d: bool): ...

    assert schema_of(f) == {
        "type": "object",
        "properties": {
            "a": {"type": "string"},
            "b": {"type": "integer"},
            "c": {"type": "number"},
            "d": {"type": "boolean"},
        },
        "required": ["a", "b", "c", "d"],
    }


def test_literal_becomes_enum():
    def f(plan: Literal["free", "pro"]): ...

    assert schema_of(f)["properties"]["plan"] == {"type": "string", "enum": ["free", "pro"]}


def test_optional_and_defaulted_parameters_are_not_required():
    def f(a: str, b: Optional[int] = None, c: "int | None" = None, d: int = 3): ...  # noqa: UP045

    schema = schema_of(f)
    assert schema["required"] == ["a"]
    assert schema["properties"]["b"]["anyOf"] == [{"type": "integer"}, {"type": "null"}]
    assert schema["properties"]["c"]["anyOf"] == [{"type": "integer"}, {"type": "null"}]
    assert schema["properties"]["d"] == {"type": "integer", "default": 3}


def test_required_is_omitted_when_nothing_is_required():
    def f(limit: int = 10): ...

    def g(): ...

    assert "required" not in schema_of(f)
    assert schema_of(g) == {"type": "object", "properties": {}}


def test_list_and_dict_parameters():
    def f(tags: list[str], meta: dict): ...

    props = schema_of(f)["properties"]
    assert props["tags"] == {"type": "array", "items": {"type": "string"}}
    assert props["meta"]["type"] == "object"


def test_nested_model_becomes_defs_and_ref():
    def f(address: Address): ...

    schema = schema_of(f)
    assert schema["properties"]["address"] == {"$ref": "#/$defs/Address"}
    assert schema["$defs"]["Address"] == {
        "type": "object",
        "properties": {
            "street": {"type": "string"},
            "zip_code": {"type": "string", "default": "00000"},
        },
        "required": ["street"],
    }


def test_enum_parameter_becomes_enum_definition():
    def f(color: Color): ...

    schema = schema_of(f)
    assert schema["properties"]["color"] == {"$ref": "#/$defs/Color"}
    assert schema["$defs"]["Color"]["enum"] == ["red", "green"]


def test_titles_removed_but_property_named_title_kept():
    def f(title: str, address: Address): ...

    text = json.dumps(schema_of(f))
    assert schema_of(f)["properties"]["title"] == {"type": "string"}
    assert text.count('"title":') == 1  # the property survives, every schema title is gone


def test_schema_has_no_additional_properties_unless_strict():
    assert "additionalProperties" not in schema_of(lookup_customer)


def test_description_is_docstring_without_args_section():
    tool = registry(lookup_customer)["lookup_customer"]
    assert tool.description == (
        "Searches for a customer record by email address.\n\nReturns name, plan and billing status."
    )


def test_explicit_description_wins_over_docstring():
    tools = ToolRegistry()
    tools.add(lookup_customer, description="Find a customer.")
    assert tools["lookup_customer"].description == "Find a customer."


def test_google_docstring_describes_parameters():
    props = schema_of(create_ticket)["properties"]
    assert props["subject"]["description"] == "One-line summary of the problem."
    assert props["priority"]["description"] == "1 (urgent) to 5 (whenever)."


def test_numpy_docstring_describes_parameters():
    def f(city: str, days: int):
        """Forecast the weather.

        Parameters
        ----------
        city : str
            City name.
        days : int
            How many days ahead.
        """

    props = schema_of(f)["properties"]
    assert props["city"]["description"] == "City name."
    assert props["days"]["description"] == "How many days ahead."
    assert registry(f)["f"].description == "Forecast the weather."


def test_rest_docstring_describes_parameters():
    def f(city: str, days: int):
        """Forecast the weather.

        :param city: City name.
        :param days: How many days ahead.
        """

    props = schema_of(f)["properties"]
    assert props["city"]["description"] == "City name."
    assert props["days"]["description"] == "How many days ahead."


def test_annotated_field_description_wins_over_docstring():
    def f(city: Annotated[str, Field(description="From Annotated.")], days: int = 1):
        """Forecast.

        Args:
            city: From the docstring.
            days: Days ahead.
        """

    props = schema_of(f)["properties"]
    assert props["city"] == {"type": "string", "description": "From Annotated."}
    assert props["days"]["description"] == "Days ahead."


def test_a_first_docstring_line_that_wraps_stays_one_sentence():
    tools = ToolRegistry()

    @tools.tool
    def lookup(email: str) -> dict:
        """Searches for a customer record by email address and returns their account
        details including name and plan.

        Args:
            email: The customer's email address.
        """

    assert tools["lookup"].description == (
        "Searches for a customer record by email address and returns their account "
        "details including name and plan."
    )
