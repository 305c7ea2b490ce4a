"""The optimal assignment of rows to columns (the Hungarian method), for binding values
to parameters: the pairs that together score most, not first come first served."""

from __future__ import annotations

import math


def best_assignment(scores: list[list[float]], floor: float = 0.0) -> dict[int, int]:
    """Row -> column pairs with the largest total score; each row and column used at most
    once, and no pair scoring ``floor`` or less."""
    rows = len(scores)
    cols = len(scores[0]) if rows else 0
    if not rows or not cols:
        return {}
    n = max(rows, cols)
    top = max(max(r) for r in scores)
    # Minimise cost = top - score on a square matrix; pads and forbidden pairs cost `top`.
    cost = [
        [top - (scores[i][j] if i < rows and j < cols and scores[i][j] > floor else 0.0) for j in range(n)]
        for i in range(n)
    ]
    pairs = _hungarian(cost)
    return {i: j for i, j in pairs if i < rows and j < cols and scores[i][j] > floor}


def _hungarian(cost: list[list[float]]) -> list[tuple[int, int]]:
    """Kuhn-Munkres with potentials, O(n^3), for a square cost matrix."""
    n = len(cost)
    u, v = [0.0] * (n + 1), [0.0] * (n + 1)
    match = [0] * (n + 1)  # match[column] = row, 1-based; 0 = free
    way = [0] * (n + 1)
    for i in range(1, n + 1):
        match[0] = i
        j0 = 0
        least = [math.inf] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match[j0], math.inf, 0
            for j in range(1, n + 1):
                if not used[j]:
                    current = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if current < least[j]:
                        least[j], way[j] = current, j0
                    if least[j] < delta:
                        delta, j1 = least[j], j
            for j in range(n + 1):
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
    return [(match[j] - 1, j - 1) for j in range(1, n + 1) if match[j]]
