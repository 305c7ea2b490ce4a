"""Export formats: the Chat Completions, Responses and Messages tool lists, ToolSpecs in
registration order, and the schema strict mode exports (the stored one left alone)."""

import json

import pytest
from customer_tools import EMAIL_SCHEMA, Address, Color, create_ticket, lookup_customer, registry

from fcplayground.chat import ToolSpec

pytestmark = pytest.mark.filterwarnings("ignore::fcplayground.tools.UndocumentedParameterWarning")


def test_to_openai_chat_completions_shape():
    tools = registry(lookup_customer)
    description = tools["lookup_customer"].description
    assert tools.to_openai() == [
        {
            "type": "function",
            "function": {
                "name": "lookup_customer",
                "description": description,
                "parameters": EMAIL_SCHEMA,
            },
        }
    ]
    assert tools.to_openai(strict=True)[0]["function"]["strict"] is True


def test_to_openai_responses_shape_always_says_strict():
    tools = registry(lookup_customer)
    assert tools.to_openai(api="responses") == [
        {
            "type": "function",
            "name": "lookup_customer",
            "description": tools["lookup_customer"].description,
            "parameters": EMAIL_SCHEMA,
            "strict": False,
        }
    ]
    assert tools.to_openai(api="responses", strict=True)[0]["strict"] is True


def test_to_openai_rejects_unknown_api():
    with pytest.raises(ValueError, match="responses"):
        registry(lookup_customer).to_openai(api="completions")


def test_to_anthropic_shape():
    tools = registry(lookup_customer)
    assert tools.to_anthropic() == [
        {
            "name": "lookup_customer",
            "description": tools["lookup_customer"].description,
            "input_schema": EMAIL_SCHEMA,
        }
    ]
    assert tools.to_anthropic(strict=True)[0]["strict"] is True


def test_specs_are_toolspecs_in_registration_order():
    specs = registry(create_ticket, lookup_customer).specs()
    assert [s.name for s in specs] == ["create_ticket", "lookup_customer"]
    assert all(isinstance(s, ToolSpec) for s in specs)
    assert specs[1].parameters == EMAIL_SCHEMA and specs[1].strict is False


def test_strict_mode_closes_objects_requires_all_and_makes_optional_nullable():
    def f(
        name: str,
        count: int = 1,
        note: str | None = None,
        address: Address | None = None,
        color: Color = Color.RED,
    ): ...

    schema = registry(f)["f"].to_spec(strict=True).parameters
    assert schema["additionalProperties"] is False
    assert schema["required"] == ["name", "count", "note", "address", "color"]
    props = schema["properties"]
    assert props["count"] == {"type": ["integer", "null"]}
    assert props["note"] == {"anyOf": [{"type": "string"}, {"type": "null"}]}
    assert props["address"] == {"anyOf": [{"$ref": "#/$defs/Address"}, {"type": "null"}]}
    assert props["color"] == {"anyOf": [{"$ref": "#/$defs/Color"}, {"type": "null"}]}
    address = schema["$defs"]["Address"]
    assert address["additionalProperties"] is False
    assert address["required"] == ["street", "zip_code"]
    assert address["properties"]["zip_code"] == {"type": ["string", "null"]}
    assert "default" not in json.dumps(schema)


def test_strict_export_leaves_the_stored_schema_alone():
    tools = registry(create_ticket)
    tools.to_openai(strict=True)
    assert tools["create_ticket"].parameters["required"] == ["subject"]
