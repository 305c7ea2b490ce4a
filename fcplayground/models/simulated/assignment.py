"""The optimal assignment of rows to columns (the Hungarian method), for binding values
to parameters: the pairs that together score most, not first come first served."""

from __future__ import annotations

import heapq
import math


def best_assignment(scores: list[list[float]], floor: float = 0.0) -> dict[int, int]:
    """Row -> column pairs with the largest total score; each row and column used at most
    once, and no pair scoring ``floor`` or less."""
    rows = len(scores)
    cols = len(scores[0]) if rows else 0
    if not rows or not cols:
        return {}
    if rows > cols:
        flipped = best_assignment([list(c) for c in zip(*scores, strict=True)], floor)
        return {i: j for j, i in flipped.items()}
    # A row's best column is among its `rows` best: the other rows take at most rows - 1
    # of them. So a request with a thousand values still solves a small matrix.
    keep = sorted(
        {
            j
            for r in scores
            for j in heapq.nlargest(rows, range(cols), key=r.__getitem__)
            if r[j] > floor
        }
    )
    if not keep:
        return {}
    top = max(max(r) for r in scores)
    # Minimise cost = top - score; forbidden pairs cost `top`, as if left empty.
    cost = [[top - (r[j] if r[j] > floor else 0.0) for j in keep] for r in scores]
    pairs = _hungarian(cost) if rows <= len(keep) else _flipped(cost)
    return {i: keep[j] for i, j in pairs if scores[i][keep[j]] > floor}


def _flipped(cost: list[list[float]]) -> list[tuple[int, int]]:
    return [(i, j) for j, i in _hungarian([list(c) for c in zip(*cost, strict=True)])]


def _hungarian(cost: list[list[float]]) -> list[tuple[int, int]]:
    """Kuhn-Munkres with potentials, O(n^2 m), for n rows no more than m columns."""
    n, m = len(cost), len(cost[0])
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    match = [0] * (m + 1)  # match[column] = row, 1-based; 0 = free
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        match[0] = i
        j0 = 0
        least = [math.inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match[j0], math.inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    current = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if current < least[j]:
                        least[j], way[j] = current, j0
                    if least[j] < delta:
                        delta, j1 = least[j], j
            for j in range(m + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    least[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    return [(match[j] - 1, j - 1) for j in range(1, m + 1) if match[j]]
