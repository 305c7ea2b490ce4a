"""Lesson 15's check gives the learner's examples to the clinic's tool and asks requests the
lesson never showed: examples that show the clinic's forms pass; examples that do not fit the
tool, copy the lesson's answers, or show another form are turned down, each saying why."""

from __future__ import annotations

import pytest

from fcplayground.exercises.lesson15 import FORMS, HELD_OUT, VISIBLE, check_input_examples

ANSWER = [
    {"patient": "PT-20931", "day": "14/03/2026", "time": "09:30", "phone": "+44 7700 900111"},
    {"patient": "PT-11873", "day": "02/05/2026", "time": "16:45", "phone": "+44 20 7946 0000",
     "note": "nervous about needles"},
]  # fmt: skip


def problems(examples) -> str:
    feedback = check_input_examples(examples)
    assert not feedback.ok
    return "\n".join(feedback.problems)


@pytest.mark.parametrize(
    "examples",
    [
        ANSWER,
        [
            {"patient": "PT-77001", "day": "01/12/2026", "time": "08:05", "phone": "+44 7911 000222"},
            {"patient": "PT-00042", "day": "30/06/2026", "time": "18:00", "phone": "+44 161 496 0000"},
            {"patient": "PT-31415", "day": "15/01/2026", "time": "12:30", "phone": "+44 7700 900999",
             "note": "wheelchair access"},
        ],
    ],
)  # fmt: skip
def test_examples_in_the_clinics_forms_pass_on_requests_the_lesson_never_showed(examples):
    feedback = check_input_examples(examples)
    assert feedback.ok, str(feedback)
    assert len(feedback.passed) == 1 + len(HELD_OUT)


@pytest.mark.parametrize(
    "examples", [None, "PT-1", {"patient": "PT-1"}, [], ANSWER[:1], ANSWER * 3]
)
def test_anything_but_a_list_of_two_to_five_examples_is_turned_down_with_the_shape_to_give(
    examples,
):
    text = problems(examples)
    assert "a list of 2 to 5 dicts" in text and '"patient":' in text


def test_an_example_that_does_not_fit_the_tool_names_it_the_argument_and_the_400():
    text = problems(
        [ANSWER[0], {"patient": "PT-1", "day": "14/03/2026", "time": 930, "phone": "+44 1"}]
    )
    assert "input_examples[1]" in text and "'time'" in text and "should be a string" in text
    assert "400" in text


def test_an_example_with_an_argument_the_tool_does_not_take_is_turned_down():
    text = problems([ANSWER[0], {**ANSWER[1], "dentist": "Dr Khan"}])
    assert "'dentist', which the tool does not take" in text


def test_examples_that_copy_the_lessons_answers_do_not_pass():
    for request, expected in VISIBLE:
        answer = {k: v[0] for k, v in expected["book_visit"].items() if v[0] not in ("", None)}
        text = problems([answer, ANSWER[1]])
        assert "Example 1 is the answer to the lesson's request" in text and request in text


def test_examples_in_the_forms_a_model_writes_anyway_fail_and_each_form_is_named():
    iso = [
        {"patient": "pt-20931", "day": "2026-03-14", "time": "9:30 AM", "phone": "07700 900111"},
        {"patient": "pt-11873", "day": "2026-05-02", "time": "4:45 PM", "phone": "020 7946 0000"},
    ]
    text = problems(iso)
    for form in FORMS.values():
        assert form in text
    assert all(request in text for request, expected in HELD_OUT if expected)


def test_showing_every_form_but_one_fails_on_that_one_only():
    local = [{**e, "phone": e["phone"].replace("+44 ", "0")} for e in ANSWER]
    text = problems(local)
    assert FORMS["phone"] in text
    assert FORMS["day"] not in text and FORMS["patient"] not in text


def test_examples_that_mix_two_date_forms_teach_none():
    mixed = [ANSWER[0], {**ANSWER[1], "day": "2026-05-02"}]
    assert FORMS["day"] in problems(mixed)


def test_the_held_out_requests_share_no_value_with_the_lessons_requests():
    shown = " ".join(request for request, _ in VISIBLE).lower()
    for request, expected in HELD_OUT:
        assert request.lower() not in shown
        for options in (expected["book_visit"] if expected else {}).values():
            written = [getattr(v, "value", None) for v in options]
            assert not [w for w in written if isinstance(w, str) and w.lower() in shown]
