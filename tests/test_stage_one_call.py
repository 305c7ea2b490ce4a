"""Requests that make one call though they look as if they asked for several: a value
said for another parameter than the first one ("acted by", "a message"), a list a text
parameter takes whole, a clause that describes the value before it, and a list of numbers
said one by one."""

from __future__ import annotations

from stages import called, spec, text


def test_a_name_after_acted_by_fills_the_cast():
    films = spec("find_films", "Find films.", {"directed_by": text("Director of the film."),
                 "cast": text("Names of leading actors in the film.")}, [])  # fmt: skip
    got = called(films, "Find a film directed by Ann Lee and acted by Bo Chan.")
    assert got == [{"directed_by": "Ann Lee", "cast": "Bo Chan"}]


def test_a_message_fills_the_body_of_an_email():
    mail = spec("send_email", "Send an email.", {"to_address": text("The email address of the recipient."),
                "subject": text("The subject line."), "body": text("The main content of the email.")},
                ["to_address", "subject"])  # fmt: skip
    got = called(
        mail,
        "Draft an email to Bo at bo@x.io with the subject 'Hi' and include a message \"See you\"",
    )
    assert got == [{"to_address": "bo@x.io", "subject": "Hi", "body": "See you"}]


def test_a_comma_separated_text_parameter_takes_the_whole_list():
    stars = spec("github_star", "Star history of GitHub repositories.",
                 {"repos": text("A comma-separated list of repositories, each 'owner/repo'.")},
                 ["repos"])  # fmt: skip
    got = called(stars, "Show the star history of alice/tool and bob/lib-cli")
    assert got == [{"repos": "alice/tool,bob/lib-cli"}]


def test_a_clause_describing_the_value_before_it_is_not_another_call():
    coords = spec("get_coordinates_from_city", "Coordinates of a city.",
                  {"city_name": text("The name of the city.")}, ["city_name"])  # fmt: skip
    got = called(
        coords, "Give the latitude and longitude of Seattle, that city where Mr. Gates works"
    )
    assert got == [{"city_name": "Seattle"}]


def test_numbers_said_one_by_one_for_one_list_make_one_call():
    weather = spec("fetch_weather", "Current weather at a place.",
                   {"coordinates": {"type": "array", "items": {"type": "number"},
                    "description": "An array containing the latitude and longitude."}},
                   ["coordinates"])  # fmt: skip
    got = called(weather, "What is the weather at latitude 37.8715 and longitude -122.2730?")
    assert got == [{"coordinates": [37.8715, -122.273]}]
