"""Cue words on their own: the words around a value that point it at a parameter, seen
through the model's whole turn on tiny tools nobody wrote for the lessons."""

from __future__ import annotations

from datetime import date

from stages import called, spec

from fcplayground.models.simulated import extractors

MOVIES = spec(
    "find_movies",
    "Find movies to watch.",
    {
        "genre": {"type": "string", "description": "The genre, e.g. Comedy."},
        "cast": {"type": "string", "description": "An actor in the movie."},
        "directed_by": {"type": "string", "description": "The director."},
    },
    ["genre"],
)


def test_a_role_said_after_a_name_places_it_in_the_optional_cast_parameter():
    assert called(MOVIES, "Find a Comedy movie with Martin Kove as an actor") == [
        {"genre": "Comedy", "cast": "Martin Kove"}
    ]


SONGS = spec(
    "play_song",
    "Play a song.",
    {
        "track": {"type": "string", "description": "The song title."},
        "artist": {"type": "string", "description": "The artist who sings it."},
    },
    ["track"],
)


def test_the_name_after_by_goes_to_a_creator_parameter():
    assert called(SONGS, "Play the track 'Shape of You' by Ed Sheeran") == [
        {"track": "Shape of You", "artist": "Ed Sheeran"}
    ]


HOMES = spec(
    "search_homes",
    "Search homes for sale.",
    {
        "city": {"type": "string", "description": "The city."},
        "beds": {"type": "integer", "description": "Beds wanted."},
        "baths": {"type": "integer", "description": "Baths wanted."},
    },
    ["city", "beds"],
)


def test_a_short_cue_matches_the_start_of_a_longer_word():
    assert called(HOMES, "Homes in Denver with 2 bathrooms and 3 bedrooms") == [
        {"city": "Denver", "beds": 3, "baths": 2}
    ]


STATS = spec(
    "batting_average",
    "Batting average of a baseball player.",
    {
        "hits": {"type": "integer", "description": "Number of hits."},
        "at_bats": {"type": "integer", "description": "Number of at-bats."},
        "decimal_places": {"type": "integer", "description": "Decimal places to round to."},
    },
    ["hits", "at_bats"],
)


def test_the_word_after_a_number_wins_over_the_previous_numbers_word_and_cues_stay_in_their_sentence():
    assert called(STATS, "The player has 600 at-bats and 180 hits. Round to 3 decimals.") == [
        {"hits": 180, "at_bats": 600, "decimal_places": 3}
    ]


def test_the_pronoun_i_is_never_a_name():
    text = "My name is Balkrushn and I want a table"
    assert "I" not in [c.text for c in extractors.extract(text, date(2026, 1, 15))]


SALONS = spec(
    "find_salon",
    "Find a hair salon.",
    {"city": {"type": "string", "description": "The city, such as San Jose, CA."}},
    ["city"],
)


def test_a_city_is_written_city_state_when_the_example_says_such_as():
    assert called(SALONS, "Find a salon in Denver") == [{"city": "Denver, CO"}]


CIRCLE = spec(
    "circumference",
    "Circumference of a circle.",
    {
        "radius": {"type": "integer", "description": "The radius in the unit given."},
        "unit": {"type": "string", "description": "The unit of the radius. Default is 'cm'."},
    },
    ["radius"],
)
SPEED = spec(
    "velocity",
    "Velocity of a car.",
    {
        "distance": {"type": "integer", "description": "The distance travelled."},
        "duration": {"type": "integer", "description": "The time taken in hours."},
        "unit": {"type": "string", "description": "The unit to return. Default is km/h."},
    },
    ["distance", "duration"],
)


def test_an_optional_unit_takes_the_unit_of_the_quantity_it_measures_and_no_other():
    assert called(CIRCLE, "Circumference of a circle with a radius of 4 inches?") == [
        {"radius": 4, "unit": "inches"}
    ]
    assert called(SPEED, "Velocity of a car that travels 50 kilometers in 2 hours?") == [
        {"distance": 50, "duration": 2}
    ]


GAMES = spec(
    "list_games",
    "List video games.",
    {
        "year": {"type": "integer", "description": "The release year."},
        "multiplayer": {"type": "boolean", "description": "Whether it has multiplayer."},
    },
    ["year"],
)


def test_a_hyphenated_word_turns_on_the_flag_written_as_one_word():
    assert called(GAMES, "Find multi-player games released in 2019") == [
        {"year": 2019, "multiplayer": True}
    ]


def test_a_verb_finds_the_tool_named_for_who_does_it():
    tool = spec(
        "get_discoverer",
        "Get the person or team who made a particular scientific discovery.",
        {"discovery": {"type": "string", "description": "The discovery."}},
        ["discovery"],
    )
    assert called(tool, "Who discovered the neutron?") == [{"discovery": "neutron"}]


DENSITY = spec(
    "population_density",
    "Population density of a country in a year.",
    {
        "country": {"type": "string", "description": "The country."},
        "year": {"type": "string", "description": "The year."},
        "population": {"type": "integer", "description": "The population."},
    },
    ["country", "year", "population"],
)


def test_a_year_written_as_text_takes_the_year_of_the_request():
    text = "Calculate the Population Density for Brazil in 2022 if the population is 213 million"
    assert called(DENSITY, text) == [{"country": "Brazil", "year": "2022", "population": 213000000}]


PROS = spec(
    "find_cleaners",
    "Find cleaning professionals in a city.",
    {
        "city": {"type": "string", "description": "The city."},
        "rating": {"type": "number", "description": "The minimum review score."},
    },
    ["city"],
)


def test_a_number_followed_by_the_parameters_own_name_fills_it():
    assert called(PROS, "Find cleaners in Bangkok with higher than 4 rating") == [
        {"city": "Bangkok", "rating": 4}
    ]
