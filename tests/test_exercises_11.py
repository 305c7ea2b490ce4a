"""Lesson 11's exercise: put streamed Chat Completions tool calls back together.

The check feeds the learner's accumulator streams it has never seen and compares with the
SDK's own stream helper; each typical mistake gets its own explanation.
"""

from __future__ import annotations

import json

import pytest

from fcplayground.exercises.lesson11 import check_chat_accumulator
from fcplayground.exercises.lesson11_streams import held_out_streams, sdk_calls

SEED = 11


def right(chunks):
    calls = {}
    for chunk in chunks:
        if not chunk.choices:
            continue
        for piece in chunk.choices[0].delta.tool_calls or []:
            call = calls.setdefault(piece.index, {"id": None, "name": None, "arguments": ""})
            call["id"] = piece.id or call["id"]
            call["name"] = piece.function.name or call["name"]
            call["arguments"] += piece.function.arguments or ""
    return [calls[index] for index in sorted(calls)]


def pieces(chunks):
    """(index, id, name, arguments piece) for every call delta, skipping usage chunks."""
    for chunk in chunks:
        for piece in (chunk.choices[0].delta.tool_calls if chunk.choices else None) or []:
            yield piece.index, piece.id, piece.function.name, piece.function.arguments or ""


def problems(collect, seed=SEED):
    feedback = check_chat_accumulator(collect, seed=seed)
    assert not feedback.ok
    return "\n".join(feedback.problems)


@pytest.mark.parametrize("seed", [None, 1, 2, 3])
def test_an_accumulator_keyed_by_index_passes_every_stream(seed):
    feedback = check_chat_accumulator(right, seed=seed)

    assert feedback.ok, str(feedback)
    assert len(feedback.passed) == len(held_out_streams(SEED))
    assert str(feedback).startswith("Well done")


def test_the_starter_that_collects_nothing_is_told_to_keep_one_entry_per_index():
    text = problems(lambda chunks: [])

    assert "the stream held 2 calls and you returned 0" in text
    assert "one entry per `tool_call.index`" in text


def test_grouping_by_id_is_told_that_only_the_first_chunk_has_the_id():
    def by_id(chunks):
        calls = {}
        for _index, call_id, name, arguments in pieces(chunks):
            call = calls.setdefault(call_id, {"id": call_id, "name": name, "arguments": ""})
            call["arguments"] += arguments
        return list(calls.values())

    text = problems(by_id)

    assert "Only a call's first chunk carries its id and name" in text
    assert "the same `tool_call.index`" in text


def test_appending_to_the_latest_call_fails_on_interleaved_pieces():
    def latest(chunks):
        calls = []
        for _, call_id, name, arguments in pieces(chunks):
            if call_id:
                calls.append({"id": call_id, "name": name, "arguments": ""})
            calls[-1]["arguments"] += arguments
        return calls

    text = problems(latest)

    assert "Two calls in parallel, their pieces interleaved" in text
    assert "to the call with the same `index`, in the order they arrive" in text


def test_replacing_instead_of_appending_is_told_to_use_plus_equals():
    def replace(chunks):
        calls = {}
        for index, call_id, name, arguments in pieces(chunks):
            call = calls.setdefault(index, {"id": call_id, "name": name, "arguments": ""})
            call["arguments"] = arguments
        return [calls[i] for i in sorted(calls)]

    assert "only the last piece: add each piece to the end" in problems(replace)


def test_overwriting_the_id_with_none_is_told_to_set_it_once():
    def overwrite(chunks):
        calls = {}
        for index, call_id, name, arguments in pieces(chunks):
            call = calls.setdefault(index, {"arguments": ""})
            call.update(id=call_id, name=name)
            call["arguments"] += arguments
        return [calls[i] for i in sorted(calls)]

    text = problems(overwrite)

    assert "with id None" in text and "set them once, from that chunk" in text


def test_parsed_arguments_are_asked_back_as_the_json_text():
    def parsed(chunks):
        return [call | {"arguments": json.loads(call["arguments"])} for call in right(chunks)]

    assert "arguments are a dict; keep them as the JSON string" in problems(parsed)


def test_re_encoded_arguments_are_told_to_join_the_pieces_as_they_came():
    def re_encoded(chunks):
        return [
            call | {"arguments": json.dumps(json.loads(call["arguments"]))}
            for call in right(chunks)
        ]

    assert "mean the right thing but are not the text the stream sent" in problems(re_encoded)


def test_stripping_each_piece_is_caught():
    def stripped(chunks):
        calls = {}
        for index, call_id, name, arguments in pieces(chunks):
            call = calls.setdefault(index, {"id": call_id, "name": name, "arguments": ""})
            call["arguments"] += arguments.strip()
        return [calls[i] for i in sorted(calls)]

    assert "not the text the stream sent" in problems(stripped)


def test_decoding_each_piece_breaks_on_a_split_escape_and_is_told_why():
    def decoded(chunks):
        calls = {}
        for index, call_id, name, arguments in pieces(chunks):
            call = calls.setdefault(index, {"id": call_id, "name": name, "arguments": ""})
            call["arguments"] += arguments.encode().decode("unicode_escape")
        return [calls[i] for i in sorted(calls)]

    assert "a piece can end inside an escape such as \\u00e9" in problems(decoded)


def test_calls_in_the_wrong_order_are_told_to_sort_by_index():
    assert "wrong order: return them sorted by index" in problems(lambda c: right(c)[::-1])


@pytest.mark.fault(
    "exercise checks",
    "the learner's accumulator raises (e.g. chunk.choices[0] on the usage chunk)",
    "the check names the exception and the chunks that cause it, and goes on",
)
def test_reading_choices_of_the_usage_chunk_is_explained_not_crashed():
    def unguarded(chunks):
        calls = {}
        for chunk in chunks:
            for piece in chunk.choices[0].delta.tool_calls or []:
                call = calls.setdefault(
                    piece.index, {"id": piece.id, "name": None, "arguments": ""}
                )
                call["name"] = piece.function.name or call["name"]
                call["arguments"] += piece.function.arguments or ""
        return [calls[i] for i in sorted(calls)]

    feedback = check_chat_accumulator(unguarded, seed=SEED)
    text = "\n".join(feedback.problems)

    assert "your function raised IndexError" in text
    assert "`chunk.choices == []`" in text
    assert any("Two calls in parallel" in line for line in feedback.passed)  # it went on


@pytest.mark.fault(
    "exercise checks",
    "the learner's accumulator returns the wrong shape (None, a dict, calls with keys missing)",
    "the check says what to return: a list of {id, name, arguments} dicts",
)
def test_a_wrong_shape_is_told_what_to_return():
    assert "returned None: end it with `return`" in problems(lambda chunks: None)
    assert "returned a dict; return a list of calls" in problems(lambda chunks: {})
    assert "with no id, arguments" in problems(lambda c: [{"name": x["name"]} for x in right(c)])


def test_calling_the_function_instead_of_passing_it_is_explained():
    feedback = check_chat_accumulator(right([]))

    (problem,) = feedback.problems
    assert "Give the check your function itself, not list" in problem


def test_a_hard_coded_answer_from_the_lesson_does_not_pass():
    lesson = [
        {"id": "call_6k7nvPtX9Bsv5pasT8pc5b5d", "name": "get_weather", "arguments": '{"city":"Paris"}'},
        {"id": "call_oG9P5FqImhZncJZemAaZLWcW", "name": "get_weather", "arguments": '{"city":"São Paulo"}'},
    ]  # fmt: skip

    feedback = check_chat_accumulator(lambda chunks: lesson)

    assert len(feedback.problems) == len(held_out_streams(SEED))


def test_answers_recorded_from_one_run_fail_the_next():
    recorded = [sdk_calls(stream) for stream in held_out_streams()]
    replay = iter(recorded)

    feedback = check_chat_accumulator(lambda chunks: next(replay))

    assert not feedback.ok
    assert "cut at random places" in "\n".join(feedback.problems)


def test_the_held_out_streams_interleave_and_split_escapes():
    first, second, no_call, cut = held_out_streams(SEED)
    order = [index for index, *_ in pieces_of(first)]
    split = [p for call in first.calls for p in call.pieces]

    assert order[:4] == [0, 1, 0, 1]
    assert any(p.endswith("\\u00") for p in split) and any(p.endswith("\\") for p in split)
    assert second.usage and second.chunks[-1]["choices"] == [] and second.text
    assert no_call.calls == () and sdk_calls(no_call) == []
    assert [json.loads(c["arguments"]) for c in sdk_calls(cut)][1]["body"] == "Merci 😀 à bientôt"


def test_the_randomly_cut_stream_changes_from_run_to_run_unless_seeded():
    assert held_out_streams(SEED)[-1].chunks == held_out_streams(SEED)[-1].chunks
    assert held_out_streams()[-1].chunks != held_out_streams()[-1].chunks


def pieces_of(stream):
    for chunk in stream.chunks:
        for choice in chunk["choices"]:
            for piece in choice["delta"].get("tool_calls", []):
                yield piece["index"], piece.get("id")
