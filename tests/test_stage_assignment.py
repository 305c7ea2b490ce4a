"""The assignment stage on its own: ``best_assignment`` pairs rows (parameters) with
columns (values) so that the pairs together score most, each row and column used at most
once, and no pair at or under the floor."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from fcplayground.models.simulated.assignment import best_assignment


def total(scores: list[list[float]], pairs: dict[int, int]) -> float:
    return sum(scores[i][j] for i, j in pairs.items())


def assert_valid(scores: list[list[float]], pairs: dict[int, int], floor: float) -> None:
    """Rows and columns in range, no column twice, every pair above the floor."""
    rows = len(scores)
    cols = len(scores[0]) if rows else 0
    assert all(0 <= i < rows for i in pairs)
    assert all(0 <= j < cols for j in pairs.values())
    assert len(set(pairs.values())) == len(pairs)
    assert all(scores[i][j] > floor for i, j in pairs.items())


def brute_force_best(scores: list[list[float]], floor: float) -> float:
    """The largest total over every way of pairing some rows with distinct columns."""
    rows = len(scores)
    cols = len(scores[0]) if rows else 0

    def best(row: int, used: frozenset[int]) -> float:
        if row == rows:
            return 0.0
        options = [best(row + 1, used)]  # this row left without a column
        for j in range(cols):
            if j not in used and scores[row][j] > floor:
                options.append(scores[row][j] + best(row + 1, used | {j}))
        return max(options)

    return best(0, frozenset())


def test_optimal_total_beats_first_come_first_served():
    # Greedy gives row 0 its best column (10) and leaves row 1 with 1: 11 in all.
    # Swapping gives 9 + 9 = 18.
    scores = [[10.0, 9.0], [9.0, 1.0]]
    pairs = best_assignment(scores)
    assert pairs == {0: 1, 1: 0}
    assert total(scores, pairs) == 18.0


def test_a_row_gives_up_its_best_column_to_a_row_that_has_no_other():
    scores = [[10.0, 9.0, 1.0, 1.0], [10.0, 1.0, 1.0, 1.0]]
    assert best_assignment(scores) == {0: 1, 1: 0}


def test_more_rows_than_columns_pairs_each_column_with_its_best_row_overall():
    scores = [[10.0, 9.0], [9.0, 1.0], [8.0, 0.0]]
    pairs = best_assignment(scores)
    assert pairs == {0: 1, 1: 0}
    assert 2 not in pairs


def test_a_single_column_goes_to_the_row_that_scores_most_for_it():
    assert best_assignment([[1.0], [5.0], [3.0]]) == {1: 0}


def test_more_columns_than_rows_leaves_the_weaker_columns_unused():
    assert best_assignment([[1.0, 5.0, 3.0]]) == {0: 1}
    assert best_assignment([[10.0, 9.0, 0.5], [9.0, 1.0, 0.5]]) == {0: 1, 1: 0}


def test_no_pair_at_or_under_the_floor_is_made():
    assert best_assignment([[0.45, 0.2], [0.1, 0.45]], floor=0.45) == {}
    assert best_assignment([[0.46, 0.45]], floor=0.45) == {0: 0}


def test_the_floor_can_leave_a_row_empty_rather_than_take_a_weak_pair():
    # Without the floor 3 + 0.4 would win; under it, row 1 stays empty.
    assert best_assignment([[3.0, 1.0], [1.0, 0.4]], floor=0.45) == {0: 0}


def test_negative_scores_are_never_paired_under_the_default_floor():
    assert best_assignment([[-1.0, 2.0]]) == {0: 1}
    assert best_assignment([[-1.0, -2.0], [-3.0, 0.0]]) == {}


def test_empty_inputs_give_no_pairs():
    assert best_assignment([]) == {}
    assert best_assignment([[]]) == {}
    assert best_assignment([[], []]) == {}


def test_ties_still_give_a_full_assignment_with_distinct_columns():
    scores = [[1.0, 1.0], [1.0, 1.0]]
    pairs = best_assignment(scores)
    assert sorted(pairs) == [0, 1]
    assert sorted(pairs.values()) == [0, 1]


def test_each_row_and_each_column_is_used_at_most_once():
    square = [[5.0] * 3 for _ in range(3)]
    pairs = best_assignment(square)
    assert len(pairs) == 3
    assert len(set(pairs.values())) == 3
    tall = [[9.0], [9.0], [9.0]]
    assert len(best_assignment(tall)) == 1


_SCORE = st.sampled_from([-1.0, 0.0, 0.2, 0.45, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 7.25])


@st.composite
def matrices(draw):
    rows = draw(st.integers(0, 5))
    cols = draw(st.integers(0, 6))
    return [[draw(_SCORE) for _ in range(cols)] for _ in range(rows)]


@settings(max_examples=300, deadline=None, database=None)
@given(matrices(), st.sampled_from([0.0, 0.45, 1.0, 2.5]))
def test_best_assignment_matches_brute_force_on_small_matrices(scores, floor):
    pairs = best_assignment(scores, floor)
    assert_valid(scores, pairs, floor)
    assert math.isclose(total(scores, pairs), brute_force_best(scores, floor), abs_tol=1e-9)
