"""The BFCL loader on the real data: each category's count, dotted names made legal and
mapped back, schemas converted to valid JSON Schema of an object, system messages, the
expected names among the tools, and the request a case makes."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import jsonschema
import pytest

from fcplayground.evals import CATEGORIES, LIVE_CATEGORIES, load

COUNTS = {
    "simple_python": 400,
    "multiple": 200,
    "parallel": 200,
    "parallel_multiple": 200,
    "irrelevance": 240,
    "live_simple": 258,
    "live_multiple": 1053,
    "live_parallel": 16,
    "live_parallel_multiple": 24,
    "live_irrelevance": 884,
    "live_relevance": 16,
}


BFCL_TYPES = {"dict", "float", "tuple", "any"}


def test_categories_are_the_non_live_and_live_files():
    assert set(CATEGORIES) | set(LIVE_CATEGORIES) == set(COUNTS)
    assert not any(c.startswith("live") for c in CATEGORIES)


@pytest.mark.parametrize("category", list(COUNTS))
def test_each_category_loads_its_documented_count(category):
    cases = load(category)
    assert len(cases) == COUNTS[category]
    assert len({c.id for c in cases}) == len(cases)
    assert all(c.category == category for c in cases)


def test_limit_takes_the_first_cases():
    assert [c.id for c in load("parallel", limit=3)] == ["parallel_0", "parallel_1", "parallel_2"]


def test_dotted_names_become_legal_and_map_back():
    case = load("simple_python", limit=2)[1]
    assert [t.name for t in case.tools] == ["math_factorial"]
    assert case.name_map == {"math_factorial": "math.factorial"}
    assert case.expected == [{"math_factorial": {"number": [5]}}]


@pytest.mark.parametrize("category", list(COUNTS))
def test_every_tool_schema_is_valid_json_schema_of_an_object(category):
    seen = set()
    for case in load(category):
        for tool in case.tools:
            text = json.dumps(tool.parameters, sort_keys=True)
            assert "." not in tool.name
            assert tool.parameters["type"] == "object"
            if text not in seen:
                seen.add(text)
                jsonschema.Draft202012Validator.check_schema(tool.parameters)


def test_bfcl_types_are_mapped_everywhere():
    def types(node: Any):
        if isinstance(node, dict):
            if isinstance(node.get("type"), str):
                yield node["type"]
            for key in ("properties",):
                for sub in (node.get(key) or {}).values():
                    yield from types(sub)
            yield from types(node.get("items"))

    found = Counter(
        t for cat in COUNTS for c in load(cat) for tool in c.tools for t in types(tool.parameters)
    )
    assert not BFCL_TYPES & set(found)
    assert {"object", "number", "array", "string", "integer", "boolean"} <= set(found)


def test_nested_types_enums_and_defaults_survive_conversion():
    case = next(c for c in load("parallel_multiple") if c.id == "parallel_multiple_26")
    balance = case.tool("bank_calculate_balance")
    assert balance is not None
    items = balance.parameters["properties"]["transactions"]["items"]
    assert items["type"] == "object"
    assert items["properties"]["amount"]["type"] == "number"
    assert items["properties"]["type"]["enum"] == ["credit", "debit"]
    assert items["properties"]["type"]["default"] == "credit"


def test_non_json_schema_keys_are_dropped(tmp_path, monkeypatch):
    record = {
        "id": "simple_python_0",
        "question": [
            [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "hi"}]
        ],
        "function": [
            {
                "name": "a.b",
                "description": "d",
                "parameters": {
                    "type": "dict",
                    "properties": {
                        "x": {"type": "tuple", "items": {"type": "any"}, "optional": True},
                        "y": {"type": "float", "required": True, "default": 1.5},
                    },
                    "required": ["x"],
                },
            }
        ],
    }
    answer = {"id": "simple_python_0", "ground_truth": [{"a.b": {"x": [["1"]]}}]}
    folder = tmp_path / "data" / "bfcl"
    (folder / "possible_answer").mkdir(parents=True)
    (folder / "BFCL_v4_simple_python.json").write_text(json.dumps(record) + "\n")
    (folder / "possible_answer" / "BFCL_v4_simple_python.json").write_text(json.dumps(answer))
    monkeypatch.setenv("FCP_SHARED_DIR", str(tmp_path))
    (case,) = load("simple_python")
    assert case.tools[0].parameters == {
        "type": "object",
        "properties": {
            "x": {"type": "array", "items": {"type": "string"}},
            "y": {"type": "number", "default": 1.5},
        },
        "required": ["x"],
    }
    assert case.system == "Be brief." and [m.role for m in case.messages] == ["user"]
    assert case.expected == [{"a_b": {"x": [["1"]]}}]


def test_missing_data_folder_names_the_path_and_the_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("FCP_SHARED_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(FileNotFoundError) as error:
        load("simple_python")
    assert str(tmp_path / "nowhere") in str(error.value)
    assert "FCP_SHARED_DIR" in str(error.value)


def test_unknown_category_is_refused():
    with pytest.raises(ValueError, match="unknown BFCL category"):
        load("simple_java")


def test_system_messages_go_to_system():
    case = next(c for c in load("live_simple") if c.id == "live_simple_58-27-0")
    assert case.system is not None and "movies" in case.system
    assert [m.role for m in case.messages] == ["user"]


def test_irrelevance_expects_no_call_and_relevance_any_call():
    assert all(c.expected == [] and c.kind == "irrelevance" for c in load("irrelevance"))
    assert all(c.any_call and c.kind == "relevance" for c in load("live_relevance"))


@pytest.mark.parametrize("category", [c for c in COUNTS if "irrelevance" not in c])
def test_expected_function_names_exist_among_the_tools(category):
    for case in load(category):
        names = {t.name for t in case.tools}
        assert all(next(iter(e)) in names for e in case.expected), case.id


def test_request_carries_conversation_tools_and_no_tool_choice():
    case = load("live_simple", limit=60)[58]
    request = case.request(model_name="m")
    assert request.model == "m" and request.tool_choice is None
    assert request.system == case.system and request.tools == case.tools
    assert request.messages == case.messages and request.messages is not case.messages
