"""Values a hosted model reads whole or puts in their place on tools it has never seen:
a note with its sharp, a size "WxH", a compounding frequency, a count that is no thing,
colours in the order said, and the part and the whole of "5 heads in 10 tosses"."""

from __future__ import annotations

from stages import called, number, spec, text


def test_a_note_keeps_its_sharp_sign():
    chords = spec("chord_notes", "Notes of a chord.",
                  {"root": text("The root note, e.g. 'C', 'G', 'Eb'."),
                   "quality": {"type": "string", "enum": ["major", "minor"]}}, ["root"])  # fmt: skip
    assert called(chords, "Which notes are in the F# minor chord?") == [
        {"root": "F#", "quality": "minor"}
    ]


def test_a_size_written_width_by_height_stays_whole():
    frame = spec("order_frame", "Order a picture frame.",
                 {"size": text("Frame size in inches."), "material": text("Frame material.")},
                 ["size"])  # fmt: skip
    assert called(frame, "Order a frame of size 16x20 in oak material.")[0]["size"] == "16x20"


def test_a_compounding_frequency_goes_to_the_times_per_year_not_the_duration():
    loan = spec("loan_interest", "Interest owed on a loan.",
                {"amount": number("The loan amount."), "time": number("The number of years."),
                 "compounds_per_year": number("Times compounded per year.")},
                ["amount", "time"])  # fmt: skip
    got = called(loan, "Interest on a $2000 loan compounded yearly for 4 years.")
    assert got == [{"amount": 2000, "time": 4, "compounds_per_year": 1}]


def test_a_spelled_count_is_not_the_thing_counted():
    traits = spec("get_character_traits", "Character traits of people by hobby.",
                  {"hobby": text("The hobby."), "trait_count": number("How many traits.")},
                  ["hobby"])  # fmt: skip
    assert called(traits, "List four character traits of people who like swimming.") == [
        {"hobby": "swimming", "trait_count": 4}
    ]


def test_colours_read_for_two_slots_keep_the_order_said():
    mix = spec("mix_colors", "Mix two colors.",
               {"color1": text("A color to be mixed."), "color2": text("Another color to be mixed."),
                "lightness": number("Lightness percent.")}, ["color1", "color2"])  # fmt: skip
    got = called(mix, "Mix white and red colors and set the lightness to 50 percent.")
    assert got == [{"color1": "white", "color2": "red", "lightness": 50}]


def test_the_number_after_in_is_the_whole_and_the_one_before_the_part():
    binomial = spec("binomial", "Binomial probability.",
                    {"trials": number("Number of trials."), "successes": number("Number of successes.")},
                    ["trials", "successes"])  # fmt: skip
    got = called(binomial, "Probability of exactly 3 sixes in 12 die rolls.")
    assert got == [{"trials": 12, "successes": 3}]
