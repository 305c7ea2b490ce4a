"""Places named with their level ("Chatuchak District") and ratings said in stars."""

from __future__ import annotations

from datetime import date

from fcplayground.chat import ToolSpec
from fcplayground.models.simulated import binding, extractors, intents, profiles

TODAY = date(2026, 1, 15)

FINDER = ToolSpec(
    "find_cleaners",
    "Find cleaning professionals in an area.",
    {
        "type": "object",
        "properties": {
            "city": {"type": "string", "description": "The city, e.g. 'Bangkok'."},
            "district_name": {"type": "string", "description": "The district.", "default": None},
            "sub_district_name": {
                "type": "string",
                "description": "The subdistrict.",
                "default": None,
            },
            "rating": {
                "type": "number",
                "description": "The average review score, 0.0 to 5.0.",
                "default": None,
            },
        },
        "required": ["city"],
    },
)


def values(tool: ToolSpec, text: str) -> list[dict]:
    candidates = extractors.extract(text, TODAY)
    intent = intents.Intent(profiles.profile(tool), tool, 1.0, intents.pieces(text, candidates))
    return [call.values for call in binding.bind(text, candidates, [intent], TODAY)]


def test_a_place_named_with_its_level_inside_another_makes_one_call():
    got = values(FINDER, "Find cleaners in Bangkok, Chatuchak District, with good reviews")
    assert len(got) == 1
    assert got[0]["district_name"] == "Chatuchak"


def test_a_number_of_stars_is_a_rating():
    got = values(FINDER, "Find cleaners in Bangkok with a review of 4.5 stars")
    assert got[0].get("rating") == 4.5
