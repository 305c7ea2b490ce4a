"""Routing batteries: verdicts, counts, summary, confusion matrix, live client and cache."""

from __future__ import annotations

import pytest

from fcplayground import ModelClient, ScriptedModel, ToolRegistry, ToolSpec
from fcplayground.evals import BatteryResult, Probe, score_battery
from fcplayground.evals.battery import default_distractors, specs_key


def travel_tools() -> ToolRegistry:
    tools = ToolRegistry()

    @tools.tool
    def get_weather(city: str) -> dict:
        """Returns the current weather forecast for a city.

        Args:
            city: The city name, e.g. Paris.
        """
        return {}

    @tools.tool
    def convert_currency(amount: float, currency: str) -> dict:
        """Converts an amount of money from one currency to euros at today's exchange rate.

        Args:
            amount: The amount of money to convert, e.g. 20.
            currency: The currency code to convert from, e.g. USD.
        """
        return {}

    return tools


WEATHER = "What's the weather forecast in Paris?"
MONEY = "Convert 20 USD to euros at today's exchange rate"
JOKE = "Tell me a joke"


def test_each_verdict_and_the_counts():
    battery = [
        Probe(WEATHER, "get_weather"),  # right
        Probe(MONEY, "convert_currency"),  # right
        Probe(JOKE, None),  # right: nothing to call
        Probe(MONEY, "get_weather"),  # wrong tool
        Probe(JOKE, "get_weather"),  # no call
        Probe(WEATHER, None),  # unexpected call
    ]
    result = score_battery(travel_tools(), battery)
    assert [r.verdict for r in result.rows] == [
        "right",
        "right",
        "right",
        "wrong tool",
        "no call",
        "unexpected call",
    ]
    assert result.counts == {"right": 3, "wrong tool": 1, "no call": 1, "unexpected call": 1}
    assert (result.correct, result.total, result.accuracy) == (3, 6, 0.5)
    assert result.summary == "3/6 routed correctly, 1 wrong tool, 1 no call, 1 unexpected call"


def test_rows_hold_the_first_call_its_arguments_and_an_explanation():
    result = score_battery(travel_tools(), [(WEATHER, "get_weather"), (JOKE, None)])
    weather, joke = result.rows
    assert weather.chosen == "get_weather" and weather.arguments == {"city": "Paris"}
    assert weather.call_text == 'get_weather({"city": "Paris"})'
    assert "get_weather" in str(weather.explanation) and "Paris" in weather.detail()
    assert joke.chosen is None and joke.arguments is None and joke.call_text == "no call"
    assert joke.text  # the model said something instead of calling


def test_summary_leaves_out_verdicts_nobody_got():
    result = score_battery(travel_tools(), [(WEATHER, "get_weather"), (JOKE, None)])
    assert result.summary == "2/2 routed correctly"


def test_confusion_matrix_is_expected_by_chosen_with_none():
    battery = [(WEATHER, "get_weather"), (MONEY, "get_weather"), (JOKE, None), (WEATHER, None)]
    confusion = score_battery(travel_tools(), battery).confusion
    assert confusion.labels == ["get_weather", "convert_currency", None]
    assert confusion["get_weather", "get_weather"] == 1
    assert confusion["get_weather", "convert_currency"] == 1
    assert confusion[None, None] == 1 and confusion[None, "get_weather"] == 1
    assert confusion["convert_currency", "get_weather"] == 0
    assert confusion.matrix == [[1, 1, 0], [0, 0, 0], [1, 0, 1]]
    assert "(no call)" in str(confusion)


def test_only_the_first_call_counts():
    model = ScriptedModel(
        [[("convert_currency", {"amount": 1}), ("get_weather", {"city": "Oslo"})]]
    )
    result = score_battery(travel_tools(), [(WEATHER, "get_weather")], model)
    assert result.rows[0].verdict == "wrong tool" and result.rows[0].chosen == "convert_currency"


def test_plain_tuples_lists_of_specs_and_probes_are_accepted():
    specs = travel_tools().specs()
    result = score_battery(specs, [(WEATHER, "get_weather"), Probe(JOKE, None)])
    assert isinstance(result, BatteryResult) and result.tools == ["get_weather", "convert_currency"]
    assert result.correct == 2


def test_a_malformed_probe_is_a_clear_type_error():
    with pytest.raises(TypeError, match="request, expected"):
        score_battery(travel_tools(), ["just a request"])
    with pytest.raises(TypeError, match="tool name or None"):
        score_battery(travel_tools(), [(WEATHER, 3)])


def test_model_and_client_together_are_refused():
    with pytest.raises(ValueError, match="not both"):
        score_battery(travel_tools(), [], ScriptedModel([]), client=ModelClient.offline())


def test_a_client_goes_through_the_sdk_and_the_cache_saves_requests():
    model = ScriptedModel([("get_weather", {"city": "Paris"}), "No tool for that."] * 2)
    client = ModelClient.offline(model=model)
    cache: dict = {}
    battery = [(WEATHER, "get_weather"), (JOKE, None)]
    first = score_battery(travel_tools(), battery, client=client, cache=cache)
    assert first.summary == "2/2 routed correctly" and len(model.requests) == 2
    assert "get_weather" in first.rows[0].detail()  # the raw call: a script cannot explain
    again = score_battery(travel_tools(), battery, client=client, cache=cache)
    assert len(model.requests) == 2 and again.summary == first.summary
    edited = travel_tools()
    edited.describe("get_weather", "Returns the weather.")
    score_battery(edited, battery, client=client, cache=cache)
    assert len(model.requests) == 4  # other descriptions, other cache entries


def test_progress_is_reported_after_each_probe():
    pairs: list[tuple[int, int]] = []
    battery = [(WEATHER, "get_weather"), (JOKE, None)]
    score_battery(travel_tools(), battery, progress=lambda done, total: pairs.append((done, total)))
    assert pairs == [(1, 2), (2, 2)]


def test_specs_key_changes_with_any_description():
    tools = travel_tools()
    before = specs_key(tools.specs())
    tools.describe("get_weather", "The weather.", param="city")
    assert specs_key(tools.specs()) != before
    assert specs_key(travel_tools().specs()) == before


def test_default_distractors_are_fixed_documented_and_unique():
    distractors = default_distractors()
    assert len(distractors) == 17 and all(isinstance(d, ToolSpec) for d in distractors)
    assert len({d.name for d in distractors}) == 17
    assert [d.name for d in distractors] == [d.name for d in default_distractors()]
    for d in distractors:
        assert d.description and d.parameters["properties"]
        assert all(p["description"] for p in d.parameters["properties"].values())


def test_str_lists_every_probe_with_a_mark():
    text = str(score_battery(travel_tools(), [(WEATHER, "get_weather"), (JOKE, "get_weather")]))
    assert text.splitlines()[0] == "1/2 routed correctly, 1 no call"
    assert text.count("✓") == 1 and text.count("✗") == 1
