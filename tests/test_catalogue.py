"""The company tool catalogue: 230 tools across 13 domains that a large agent might be
offered at once, each one a definition both APIs accept, with specific descriptions."""

from __future__ import annotations

import json

import anthropic
import jsonschema
import openai
import pytest
from openai.types.responses import FunctionTool
from openai.types.shared import FunctionDefinition
from pydantic import TypeAdapter

from fcplayground import offline
from fcplayground.scenarios import SupportDesk
from fcplayground.scenarios.catalogue import (
    Domain,
    about,
    catalogue_specs,
    catalogue_tools,
    domain_of,
)

ANTHROPIC_TOOL = TypeAdapter(anthropic.types.ToolParam)


def test_the_catalogue_holds_230_differently_named_tools_across_13_domains():
    specs = catalogue_specs()
    names = [s.name for s in specs]
    assert len(specs) == 230 and len(set(names)) == 230
    sizes = {d: len(catalogue_specs([d])) for d in Domain}
    assert len(sizes) == 13 and min(sizes.values()) >= 14 and sum(sizes.values()) == 230
    assert all(": " in about(d) and about(d).endswith(".") for d in Domain)


def test_no_catalogue_tool_shares_a_name_with_a_support_desk_tool():
    desk = SupportDesk()
    try:
        assert not set(desk.tools.names) & {s.name for s in catalogue_specs()}
    finally:
        desk.close()


def test_the_order_is_fixed_and_interleaves_the_domains():
    first, again = catalogue_specs(), catalogue_specs()
    assert [s.name for s in first] == [s.name for s in again]
    assert [domain_of(s.name) for s in first[:13]] == list(Domain)
    assert len({domain_of(s.name) for s in first[:50]}) == 13


def test_each_call_gives_fresh_copies():
    first = catalogue_specs()
    first[0].parameters["properties"].clear()
    first[0].description = "changed"
    again = catalogue_specs()[0]
    assert again.description != "changed" and again.parameters["properties"]


def test_each_domain_can_be_taken_alone_in_its_file_order():
    billing = catalogue_specs([Domain.BILLING])
    assert {domain_of(s.name) for s in billing} == {Domain.BILLING}
    assert billing[0].name == "get_invoice"
    both = catalogue_specs(["shipping", Domain.IT])
    assert {domain_of(s.name) for s in both} == {Domain.SHIPPING, Domain.IT}


def test_an_unknown_domain_or_name_says_what_exists():
    with pytest.raises(ValueError, match="payroll"):
        catalogue_specs(["payroll"])
    with pytest.raises(KeyError, match="not a catalogue tool"):
        domain_of("lookup_customer")


def test_every_tool_and_parameter_says_what_it_is_for():
    for spec in catalogue_specs():
        assert len(spec.description.split()) >= 6, spec.name
        assert spec.description.endswith("."), spec.name
        properties = spec.parameters["properties"]
        assert set(spec.parameters["required"]) <= set(properties), spec.name
        for name, schema in properties.items():
            assert schema.get("description", "").strip(), f"{spec.name}.{name}"


def test_every_schema_is_a_valid_json_schema_of_an_object():
    for spec in catalogue_specs():
        jsonschema.Draft202012Validator.check_schema(spec.parameters)
        assert spec.parameters["type"] == "object"


def test_the_sdks_own_types_accept_every_definition():
    registry = catalogue_tools()
    for tool in registry.to_openai():
        FunctionDefinition.model_validate(tool["function"], strict=True)
    for tool in registry.to_openai(api="responses"):
        FunctionTool.model_validate(tool, strict=True)
    for tool in registry.to_anthropic():
        ANTHROPIC_TOOL.validate_python(tool, strict=True)


def test_the_offline_providers_accept_the_whole_catalogue_with_the_desk():
    desk = SupportDesk()
    tools = desk.tools.copy()
    for tool in catalogue_tools():
        tools.add(tool)
    desk.close()
    question = [{"role": "user", "content": "Where is order ORD-1234?"}]
    reply = offline.anthropic_client().messages.create(
        model="m", max_tokens=200, messages=question, tools=tools.to_anthropic()
    )
    assert [b.name for b in reply.content if b.type == "tool_use"] == ["get_order"]
    chat = offline.openai_client()
    everything = tools.to_openai()
    for start in range(0, len(everything), 128):  # OpenAI takes at most 128 tools a request
        chat.chat.completions.create(
            model="m", messages=question, tools=everything[start : start + 128]
        )
    with pytest.raises(openai.BadRequestError, match="maximum length 128"):
        chat.chat.completions.create(model="m", messages=question, tools=everything)


def test_a_catalogue_tool_checks_its_arguments_and_says_it_has_no_backend():
    tools = catalogue_tools([Domain.BILLING])
    wrong = tools.call("pause_subscription", {"customer_id": "C-1001", "months": "two"})
    assert wrong.is_error and "months" in wrong.content
    result = tools.call("pause_subscription", {"customer_id": "C-1001", "months": 2})
    assert not result.is_error
    assert json.loads(result.content)["status"] == "not_connected"


def test_the_support_desk_tools_have_near_neighbours_in_the_catalogue():
    names = {s.name for s in catalogue_specs()}
    assert {"find_contact_by_email", "get_customer_by_phone", "find_employee"} <= names
    assert {"get_purchase_order", "get_order_items", "get_shipment"} <= names
    assert {"search_hr_policies", "search_wiki", "search_faq", "search_documents"} <= names
    assert {"create_it_ticket", "create_issue", "open_incident", "escalate_case"} <= names
    assert {"send_email_message", "reply_to_chat", "send_sms"} <= names
